// K8S004 missing-liveness-probe: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): long-running container without `livenessProbe` (not Jobs, CronJobs, init containers)
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_8"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule missing_liveness_probe{
    .meta = {.id = "K8S004",
             .slug = "missing-liveness-probe",
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
