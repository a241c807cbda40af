// GHA006 persist-credentials: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `actions/checkout` without `persist-credentials: false`
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {

constexpr PeerId kPeers[] = {{"zizmor", "artipacked"}};

void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule persist_credentials{
    .meta = {.id = "GHA006",
             .slug = "persist-credentials",
             .severity = Severity::info,
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
