// GHA003 missing-permissions: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): workflow without top-level `permissions` where some job also lacks them
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {

constexpr PeerId kPeers[] = {{"zizmor", "excessive-permissions"}, {"checkov", "CKV2_GHA_1"}};

void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule missing_permissions{
    .meta = {.id = "GHA003",
             .slug = "missing-permissions",
             .severity = Severity::warning,
             .format = Format::actions,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             .peers = kPeers,
             .status = RuleStatus::preview},
    .check = for_format<model::WorkflowDoc, check>,
};

}  // namespace lintel::rules::gha
