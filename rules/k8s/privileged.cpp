// K8S008 privileged: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `privileged: true`
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_16"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule privileged{
    .meta = {.id = "K8S008",
             .slug = "privileged",
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
