// GHA005 untrusted-checkout: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `pull_request_target`/`workflow_run` workflow that checks out the PR head (`ref:` from `github.event.pull_request.head.*` or `github.head_ref`)
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {

constexpr PeerId kPeers[] = {{"zizmor", "dangerous-triggers"}};

void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule untrusted_checkout{
    .meta = {.id = "GHA005",
             .slug = "untrusted-checkout",
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
