// K8S005 missing-readiness-probe: a long-running container without a `readinessProbe`.
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
// does. A `startupProbe` does not replace a readinessProbe: it only runs until the container
// starts.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_missing_readiness_probe {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_9"},
                             {"kube-linter", "no-readiness-probe"},
                             {"kics", "a659f3b5"},
                             {"polaris", "readinessProbeMissing"},
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
    if (c.readiness_probe) return;
    out.report(c.anchor, fmt::format("{} has no readinessProbe", subject(obj, c)));
  });
}

}  // namespace impl_missing_readiness_probe

extern const Rule missing_readiness_probe{
    .meta =
        {.id = "K8S005",
         .slug = "missing-readiness-probe",
         .severity = Severity::warning,
         .format = Format::kubernetes,
         .summary = "Long-running container has no readiness probe",
         .what = "Reports each long-running container without a `readinessProbe`: the "
                 "containers of Deployments, StatefulSets, DaemonSets, ReplicaSets, Pods "
                 "and custom workloads, and native sidecars (init containers with "
                 "`restartPolicy: Always`). Jobs, CronJobs, pods with `restartPolicy` "
                 "`Never` or `OnFailure`, ordinary init containers and ephemeral "
                 "containers are not checked.",
         .why =
             "Without a readiness probe a pod receives Service traffic as soon as its containers "
             "start, before the application listens or has warmed up, and keeps "
             "receiving it while it is overloaded or draining. Rolling updates then drop "
             "requests, and a rollout of a broken version proceeds instead of stalling.",
         .fix = "Add a `readinessProbe` that succeeds only when the container can serve (an HTTP "
                "`/ready` endpoint, or a TCP or gRPC check on the serving port).",
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
                 "          readinessProbe:\n"
                 "            httpGet:\n"
                 "              path: /ready\n"
                 "              port: 8080\n",
         .peers = impl_missing_readiness_probe::kPeers,
         .references = impl_missing_readiness_probe::kReferences,
         .tags = impl_missing_readiness_probe::kTags},
    .check = for_format<model::K8sDoc, impl_missing_readiness_probe::check>,
};

}  // namespace lintel::rules::k8s
