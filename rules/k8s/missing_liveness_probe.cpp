// K8S004 missing-liveness-probe: a long-running container without a `livenessProbe`.
//
// Only long-running containers need one: the regular containers of a pod that does not run to
// completion, and native sidecars (init containers with `restartPolicy: Always`, which can
// carry probes and run for the pod's whole life). Not judged:
// - Jobs and CronJobs (and custom kinds named `*Job`), and any pod whose `restartPolicy` is
//   `Never` or `OnFailure`: a bare Pod with those policies is a one-off task, not a service;
// - ordinary init containers and ephemeral containers, which the API forbids probes on;
// - containers without an `image` (kustomize patches), and documents cut short by a parse
//   error.
// A bare Pod with the default restartPolicy (Always) is long-running and is judged, as Checkov
// does. A `startupProbe` does not replace a livenessProbe: it only runs until the container starts.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_missing_liveness_probe {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_8"},
                             {"kube-linter", "no-liveness-probe"},
                             {"kics", "ade74944"},
                             {"polaris", "livenessProbeMissing"},
                             {"kube-score", "pod-probes"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/",
    "https://kubernetes.io/docs/tasks/configure-pod-container/"
    "configure-liveness-readiness-startup-probes/",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec& pod, const K8sContainer& c) {
    if (pod.runs_to_completion || !c.is_long_running() || !is_judgeable(obj, c)) return;
    if (c.liveness_probe) return;
    out.report(c.anchor, fmt::format("{} has no livenessProbe", subject(obj, c)));
  });
}

}  // namespace impl_missing_liveness_probe

extern const Rule missing_liveness_probe{
    .meta = {.id = "K8S004",
             .slug = "missing-liveness-probe",
             .severity = Severity::warning,
             .format = Format::kubernetes,
             .summary = "Long-running container has no liveness probe",
             .what = "Reports each long-running container without a `livenessProbe`: the "
                     "containers of Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods "
                     "and custom workloads, and native sidecars (init containers with "
                     "`restartPolicy: Always`). Jobs, CronJobs, pods with `restartPolicy` "
                     "`Never` or `OnFailure`, ordinary init containers and ephemeral "
                     "containers are not checked.",
             .why = "Without a liveness probe the kubelet only restarts a container whose process "
                    "exits. A "
                    "process that deadlocks, or hangs on a lost connection, keeps its pod "
                    "Running and serving errors until someone notices and deletes it.",
             .fix =
                 "Add a `livenessProbe` that checks the process is still making progress (an HTTP "
                 "`/healthz` that does not depend on other services, or a TCP or gRPC "
                 "check), with a `startupProbe` or `initialDelaySeconds` long enough for a "
                 "slow start.",
             .bad = "apiVersion: apps/v1\n"
                    "kind: Deployment\n"
                    "metadata:\n"
                    "  name: api\n"
                    "spec:\n"
                    "  template:\n"
                    "    spec:\n"
                    "      containers:\n"
                    "        - name: api\n"
                    "          image: example/api:1.4.0\n",
             .good = "apiVersion: apps/v1\n"
                     "kind: Deployment\n"
                     "metadata:\n"
                     "  name: api\n"
                     "spec:\n"
                     "  template:\n"
                     "    spec:\n"
                     "      containers:\n"
                     "        - name: api\n"
                     "          image: example/api:1.4.0\n"
                     "          livenessProbe:\n"
                     "            httpGet:\n"
                     "              path: /healthz\n"
                     "              port: 8080\n",
             .peers = impl_missing_liveness_probe::kPeers,
             .references = impl_missing_liveness_probe::kReferences,
             .tags = impl_missing_liveness_probe::kTags},
    .check = for_format<model::K8sDoc, impl_missing_liveness_probe::check>,
};

}  // namespace lintel::rules::k8s
