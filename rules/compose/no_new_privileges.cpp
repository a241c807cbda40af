// DC012 no-new-privileges: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): no `security_opt: [no-new-privileges:true]`
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule no_new_privileges{
    .meta = {.id = "DC012",
             .slug = "no-new-privileges",
             .severity = Severity::info,
             .format = Format::compose,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::ComposeDoc, check>,
};

}  // namespace lintel::rules::compose
