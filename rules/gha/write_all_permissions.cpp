// GHA004 write-all-permissions: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `permissions: write-all` (workflow or job)
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV2_GHA_1"}};

void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule write_all_permissions{
    .meta = {.id = "GHA004",
             .slug = "write-all-permissions",
             .severity = Severity::error,
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
