// DC007 missing-resource-limits: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): no memory limit (`deploy.resources.limits.memory` or `mem_limit`)
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule missing_resource_limits{
    .meta = {.id = "DC007",
             .slug = "missing-resource-limits",
             .severity = Severity::warning,
             .format = Format::compose,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::ComposeDoc, check>,
};

}  // namespace lintel::rules::compose
