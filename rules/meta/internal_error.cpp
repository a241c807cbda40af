// LNT003 internal-error: the engine catches an exception thrown by a rule and reports it here.
#include "analyzer/rule.hpp"

namespace lintel::rules::meta {

extern const Rule internal_error{
    .meta = {.id = "LNT003",
             .slug = "internal-error",
             .severity = Severity::error,
             .format = Format::meta,
             .summary = "A rule failed on this file",
             .what = "A rule threw an error while checking this file. The message names the rule; "
                     "the other rules and files were still checked.",
             .why = "The failed rule's results for this file are missing, so the file may hide a "
                    "violation. This is a bug in lintel.",
             .fix = "Report the file (or a reduced copy) and the message to the lintel maintainers. "
                    "Until it is fixed, the rule can be disabled for that path in the config.",
             .bad = "",
             .good = ""},
    .check = nullptr,
};

}  // namespace lintel::rules::meta
