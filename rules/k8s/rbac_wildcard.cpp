// K8S019 rbac-wildcard: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): Role/ClusterRole rule with `*` in verbs, resources or apiGroups
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_49"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule rbac_wildcard{
    .meta = {.id = "K8S019",
             .slug = "rbac-wildcard",
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
