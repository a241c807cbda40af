// K8S013 host-namespace: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `hostNetwork`, `hostPID` or `hostIPC` true
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_17"}, {"checkov", "CKV_K8S_18"}, {"checkov", "CKV_K8S_19"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule host_namespace{
    .meta = {.id = "K8S013",
             .slug = "host-namespace",
             .severity = Severity::error,
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
