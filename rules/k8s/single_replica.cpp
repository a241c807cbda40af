// K8S021 single-replica: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): Deployment/StatefulSet with `replicas: 1`
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {


void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule single_replica{
    .meta = {.id = "K8S021",
             .slug = "single-replica",
             .severity = Severity::info,
             .format = Format::kubernetes,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::K8sDoc, check>,
};

}  // namespace lintel::rules::k8s
