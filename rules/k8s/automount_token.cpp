// K8S018 automount-token: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): pod does not set `automountServiceAccountToken: false`
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_38"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule automount_token{
    .meta = {.id = "K8S018",
             .slug = "automount-token",
             .severity = Severity::info,
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
