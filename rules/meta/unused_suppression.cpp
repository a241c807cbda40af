// LNT004 unused-suppression: an inline suppression that suppressed nothing (as Ruff's RUF100).
#include "analyzer/rule.hpp"

namespace lintel::rules::meta {

extern const Rule unused_suppression{
    .meta = {.id = "LNT004",
             .slug = "unused-suppression",
             .severity = Severity::info,
             .format = Format::meta,
             .summary = "Inline suppression suppresses nothing",
             .what = "A `# lintel:ignore` comment (or a peer tool's pragma that lintel honours) "
                     "names a rule that reported nothing at the place it covers.",
             .why = "Stale suppressions hide future violations at that place and make reviewers "
                    "believe a problem exists that no longer does.",
             .fix = "Delete the suppression, or the rule IDs in it that no longer apply.",
             .bad = "",
             .good = ""},
    .check = nullptr,
};

}  // namespace lintel::rules::meta
