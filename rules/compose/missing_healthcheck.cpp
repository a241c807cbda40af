// DC003 missing-healthcheck: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): service with no `healthcheck` (or `disable: true`) whose built Dockerfile has none
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule missing_healthcheck{
    .meta = {.id = "DC003",
             .slug = "missing-healthcheck",
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
