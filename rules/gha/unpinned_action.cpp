// GHA001 unpinned-action: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `uses:` not pinned to a full 40-hex commit SHA
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {

constexpr PeerId kPeers[] = {{"zizmor", "unpinned-uses"}};

void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule unpinned_action{
    .meta = {.id = "GHA001",
             .slug = "unpinned-action",
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
