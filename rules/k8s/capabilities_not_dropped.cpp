// K8S011 capabilities-not-dropped: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `capabilities.drop` lacks `ALL`
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_28"}, {"checkov", "CKV_K8S_37"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule capabilities_not_dropped{
    .meta = {.id = "K8S011",
             .slug = "capabilities-not-dropped",
             .severity = Severity::warning,
             .format = Format::kubernetes,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             .peers = kPeers,
             .status = RuleStatus::preview},
    .check = for_format<model::K8sDoc, check>,
};

}  // namespace lintel::rules::k8s
