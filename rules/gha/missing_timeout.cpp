// GHA008 missing-timeout: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): job without `timeout-minutes`
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {


void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule missing_timeout{
    .meta = {.id = "GHA008",
             .slug = "missing-timeout",
             .severity = Severity::info,
             .format = Format::actions,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::WorkflowDoc, check>,
};

}  // namespace lintel::rules::gha
