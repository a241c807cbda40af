// LNT005 unknown-rule: a suppression or config entry naming a rule or alias lintel does not know.
#include "analyzer/rule.hpp"

namespace lintel::rules::meta {

extern const Rule unknown_rule{
    .meta = {.id = "LNT005",
             .slug = "unknown-rule",
             .severity = Severity::warning,
             .format = Format::meta,
             .summary = "Suppression or config names an unknown rule",
             .what = "An inline suppression or a configuration entry names a rule ID, prefix or "
                     "peer alias that matches no lintel rule.",
             .why = "A typo in a rule ID silently disables nothing, so the violation the author "
                    "meant to accept, or the rule they meant to turn off, is not what happens.",
             .fix = "Correct the rule ID (`lintel rules` lists them all, with their aliases), or "
                    "remove the entry.",
             .bad = "",
             .good = ""},
    .check = nullptr,
};

}  // namespace lintel::rules::meta
