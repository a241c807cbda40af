// GHA009 ungated-production: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): job deploying to production (its `environment` or id/name matches `prod`) without an `environment:` or without `needs:` on a staging job
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {


void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule ungated_production{
    .meta = {.id = "GHA009",
             .slug = "ungated-production",
             .severity = Severity::warning,
             .format = Format::actions,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::WorkflowDoc, check>,
};

}  // namespace lintel::rules::gha
