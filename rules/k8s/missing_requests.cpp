// K8S007 missing-requests: a container without `resources.requests.cpu` or `.memory`.
//
// One finding per container, naming what is missing (cpu, memory, or both), so a team that
// omits cpu requests on purpose sees the reason in the message. Regular and init containers are
// checked (an init container's requests count when the pod is scheduled); ephemeral containers
// cannot set resources and are skipped. A quantity that is present counts as set whatever its
// value, a template included. Not judged: a `resources` or `requests` that is a template or
// variable (unknowable), containers without an `image` (kustomize patches), and documents cut
// short by a parse error. A LimitRange that supplies defaults for the namespace is not looked
// for: the manifest should say what the container needs.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_missing_requests {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_10"},
                             {"checkov", "CKV_K8S_12"},
                             {"kube-linter", "unset-cpu-requirements"},
                             {"kube-linter", "unset-memory-requirements"},
                             {"trivy", "KSV-0015"},
                             {"trivy", "KSV-0016"},
                             {"kics", "ca469dd4"},
                             {"kics", "229588ef"},
                             {"polaris", "cpuRequestsMissing"},
                             {"polaris", "memoryRequestsMissing"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/",
    "https://cwe.mitre.org/data/definitions/770.html",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec&, const K8sContainer& c) {
    if (!takes_resources(obj, c) || !c.resources.requests_known) return;
    const std::string_view missing =
        missing_quantities(c.resources.requests_cpu, c.resources.requests_memory);
    if (missing.empty()) return;
    out.report(resources_anchor(c, c.resources.requests_key),
               fmt::format("{} has no {} request", subject(obj, c), missing));
  });
}

}  // namespace impl_missing_requests

extern const Rule missing_requests{
    .meta =
        {.id = "K8S007",
         .slug = "missing-requests",
         .severity = Severity::info,
         .format = Format::kubernetes,
         .summary = "Container has no cpu or memory request",
         .what = "Reports each container and init container that does not set both "
                 "`resources.requests.cpu` and `resources.requests.memory`; the message "
                 "says which is missing. Ephemeral containers, which cannot set resources, "
                 "and templated `resources` blocks are not checked.",
         .why = "The scheduler places pods by their requests. A container that requests nothing is "
                "placed as if it needed nothing, lands on crowded nodes, is the first to be "
                "evicted under pressure (BestEffort QoS) and gives the autoscalers no "
                "baseline to work from.",
         .fix = "Set `resources.requests.cpu` and `resources.requests.memory` to the container's "
                "usual consumption.",
         .bad = "apiVersion: apps/v1\n"
                "kind: Deployment\n"
                "metadata:\n"
                "  name: api\n"
                "spec:\n"
                "  template:\n"
                "    spec:\n"
                "      containers:\n"
                "        - name: api\n"
                "          image: example/api:1.4.0\n"
                "          resources:\n"
                "            requests:\n"
                "              memory: 256Mi\n",
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
                 "          resources:\n"
                 "            requests:\n"
                 "              cpu: 500m\n"
                 "              memory: 256Mi\n",
         .peers = impl_missing_requests::kPeers,
         .references = impl_missing_requests::kReferences,
         .tags = impl_missing_requests::kTags},
    .check = for_format<model::K8sDoc, impl_missing_requests::check>,
};

}  // namespace lintel::rules::k8s
