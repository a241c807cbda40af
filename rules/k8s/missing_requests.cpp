// K8S007 missing-requests: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): container without `resources.requests.memory` or `.cpu`
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_10"}, {"checkov", "CKV_K8S_12"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule missing_requests{
    .meta = {.id = "K8S007",
             .slug = "missing-requests",
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
