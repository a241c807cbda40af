// K8S013 host-namespace: a pod that shares the node's network, PID or IPC namespace.
//
// One finding per field set to true (`hostNetwork`, `hostPID`, `hostIPC`), on its value, naming
// the object. The fields are pod-level: they apply to every container of the pod, so no
// container is named. Values are read as the API server reads them (YAML 1.1: `yes` is true);
// templated values are unknown and not reported.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_host_namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_17"},     {"checkov", "CKV_K8S_18"},
                             {"checkov", "CKV_K8S_19"},     {"kube-linter", "host-network"},
                             {"kube-linter", "host-pid"},   {"kube-linter", "host-ipc"},
                             {"trivy", "KSV-0008"},         {"trivy", "KSV-0009"},
                             {"trivy", "KSV-0010"},         {"kics", "6b6bdfb3"},
                             {"kics", "302736f4"},          {"kics", "cd290efd"},
                             {"polaris", "hostNetworkSet"}, {"polaris", "hostPIDSet"},
                             {"polaris", "hostIPCSet"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
    "CIS Kubernetes Benchmark: Minimize the admission of containers wishing to share the "
    "host process ID namespace",
    "CIS Kubernetes Benchmark: Minimize the admission of containers wishing to share the "
    "host IPC namespace",
    "CIS Kubernetes Benchmark: Minimize the admission of containers wishing to share the "
    "host network namespace",
    "https://cwe.mitre.org/data/definitions/653.html",
};
constexpr std::string_view kTags[] = {"security"};

void report(const K8sObject& obj, const std::optional<K8sValue<bool>>& field,
            std::string_view field_name, std::string_view what, Reporter& out) {
  if (!is_true(field)) return;
  out.report(field->span, fmt::format("{} shares the host's {} namespace ({}: {})", obj.label(),
                                      what, field_name, field->text));
}

void check(const K8sDoc& doc, Reporter& out) {
  for_each_pod(doc, [&](const K8sObject& obj, const K8sPodSpec& pod) {
    report(obj, pod.host_network, "hostNetwork", "network", out);
    report(obj, pod.host_pid, "hostPID", "process ID", out);
    report(obj, pod.host_ipc, "hostIPC", "IPC", out);
  });
}

}  // namespace impl_host_namespace

extern const Rule host_namespace{
    .meta = {.id = "K8S013",
             .slug = "host-namespace",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "Pod shares a host namespace",
             .what = "Reports `hostNetwork: true`, `hostPID: true` and `hostIPC: true` in a pod "
                     "spec, one finding per field, wherever the pod template lives.",
             .why = "With the host's network namespace a pod can bind node ports, sniff node "
                    "traffic and reach services listening on localhost; with its PID namespace "
                    "it sees, signals and can ptrace every process on the node; with its IPC "
                    "namespace it reads other processes' shared memory. Each one removes a wall "
                    "between the container and the node.",
             .fix = "Remove the field. Expose network services through a Service or a "
                    "`hostPort` only where unavoidable; run node-level agents that truly need "
                    "host namespaces as separately reviewed DaemonSets.",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: probe\n"
                    "spec:\n"
                    "  hostNetwork: true\n"
                    "  containers:\n"
                    "    - name: probe\n"
                    "      image: example/probe:1.0.0\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: probe\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: probe\n"
                     "      image: example/probe:1.0.0\n",
             .peers = impl_host_namespace::kPeers,
             .references = impl_host_namespace::kReferences,
             .tags = impl_host_namespace::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::K8sDoc, impl_host_namespace::check>,
};

}  // namespace lintel::rules::k8s
