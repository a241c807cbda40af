// K8S021 single-replica: a Deployment or StatefulSet with an explicit `replicas: 1`.
//
// Only an explicit `replicas: 1` is reported, on its value. An absent `replicas` also means
// one, but it is usually absent on purpose: a HorizontalPodAutoscaler or a GitOps overlay
// owns the count, and writing it would fight them. Also skipped: a workload that a
// HorizontalPodAutoscaler in the same file targets (`scaleTargetRef` kind and name), since the
// autoscaler decides the count, and templated values. `replicas: 0` (scaled down on purpose)
// is not reported. DaemonSets, Jobs and custom resources are out of scope.
#include <set>
#include <utility>

#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_single_replica {

constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas",
    "https://kubernetes.io/docs/tasks/run-application/configure-pdb/",
};
constexpr std::string_view kTags[] = {"reliability"};

// The workloads HorizontalPodAutoscalers of this file target, as (kind, name).
std::set<std::pair<std::string_view, std::string_view>> autoscaled(const K8sDoc& doc) {
  std::set<std::pair<std::string_view, std::string_view>> out;
  for (const K8sObject& obj : doc.objects) {
    if (obj.kind.value == "HorizontalPodAutoscaler" && obj.scale_target_kind &&
        obj.scale_target_name)
      out.emplace(obj.scale_target_kind->value, obj.scale_target_name->value);
  }
  return out;
}

void check(const K8sDoc& doc, Reporter& out) {
  const auto targets = autoscaled(doc);
  for (const K8sObject& obj : doc.objects) {
    if (obj.kind.value != "Deployment" && obj.kind.value != "StatefulSet") continue;
    if (!obj.replicas || obj.replicas->value != 1) continue;
    if (obj.name && targets.contains({obj.kind.value, obj.name->value})) continue;
    out.report(obj.replicas->span, fmt::format("{} runs a single replica (replicas: {})",
                                               obj.label(), obj.replicas->text));
  }
}

}  // namespace impl_single_replica

extern const Rule single_replica{
    .meta = {.id = "K8S021",
             .slug = "single-replica",
             .severity = Severity::info,
             .format = Format::kubernetes,
             .summary = "Workload runs a single replica",
             .what = "Reports a Deployment or StatefulSet with an explicit `replicas: 1`, "
                     "unless a HorizontalPodAutoscaler in the same file scales it. An absent "
                     "`replicas` is not reported.",
             .why = "With one replica every node drain, rollout, eviction or crash is an "
                    "outage: there is no other pod to serve while the replacement starts, and "
                    "a PodDisruptionBudget cannot protect a single pod without blocking node "
                    "maintenance.",
             .fix = "Run at least two replicas (three for quorum-based systems), spread them "
                    "with topology spread constraints or pod anti-affinity, and add a "
                    "PodDisruptionBudget. For workloads that cannot run twice (a singleton "
                    "controller without leader election), suppress the finding with the reason.",
             .bad = "apiVersion: apps/v1\n"
                    "kind: Deployment\n"
                    "metadata:\n"
                    "  name: web\n"
                    "spec:\n"
                    "  replicas: 1\n"
                    "  template:\n"
                    "    spec:\n"
                    "      containers:\n"
                    "        - name: web\n"
                    "          image: nginx:1.27.2\n",
             .good = "apiVersion: apps/v1\n"
                     "kind: Deployment\n"
                     "metadata:\n"
                     "  name: web\n"
                     "spec:\n"
                     "  replicas: 3\n"
                     "  template:\n"
                     "    spec:\n"
                     "      containers:\n"
                     "        - name: web\n"
                     "          image: nginx:1.27.2\n",
             .references = impl_single_replica::kReferences,
             .tags = impl_single_replica::kTags},
    .check = for_format<model::K8sDoc, impl_single_replica::check>,
};

}  // namespace lintel::rules::k8s
