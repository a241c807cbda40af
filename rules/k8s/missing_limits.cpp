// K8S006 missing-limits: a container without `resources.limits.cpu` or `.memory`.
//
// One finding per container, naming what is missing (cpu, memory, or both), so a team that
// omits cpu limits on purpose sees the reason in the message. Regular and init containers are
// checked (an init container's limits count when the pod is scheduled); ephemeral containers
// cannot set resources and are skipped. A quantity that is present counts as set whatever its
// value, a template included. Not judged: a `resources` or `limits` that is a template or
// variable (unknowable), containers without an `image` (kustomize patches), and documents cut
// short by a parse error. A LimitRange that supplies defaults for the namespace is not looked
// for: the manifest should say what the container needs.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_missing_limits {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_11"},
                             {"checkov", "CKV_K8S_13"},
                             {"kube-linter", "unset-cpu-requirements"},
                             {"kube-linter", "unset-memory-requirements"},
                             {"trivy", "KSV-0011"},
                             {"trivy", "KSV-0018"},
                             {"kics", "4ac0e2b7"},
                             {"kics", "b14d1bc4"},
                             {"polaris", "cpuLimitsMissing"},
                             {"polaris", "memoryLimitsMissing"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/",
    "https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/",
    "https://cwe.mitre.org/data/definitions/770.html",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec&, const K8sContainer& c) {
    if (!takes_resources(obj, c) || !c.resources.limits_known) return;
    const std::string_view missing =
        missing_quantities(c.resources.limits_cpu, c.resources.limits_memory);
    if (missing.empty()) return;
    out.report(resources_anchor(c, c.resources.limits_key),
               fmt::format("{} has no {} limit", subject(obj, c), missing));
  });
}

}  // namespace impl_missing_limits

extern const Rule missing_limits{
    .meta =
        {.id = "K8S006",
         .slug = "missing-limits",
         .severity = Severity::warning,
         .format = Format::kubernetes,
         .summary = "Container has no cpu or memory limit",
         .what = "Reports each container and init container that does not set both "
                 "`resources.limits.cpu` and `resources.limits.memory`; the message "
                 "says which is missing. Ephemeral containers, which cannot set resources, "
                 "and templated `resources` blocks are not checked.",
         .why = "A container without a memory limit can use all the memory of its node until the "
                "kernel kills something, often another tenant's pod; without a cpu limit "
                "a busy loop starves its neighbours. Limits bound the damage a leak, a bug "
                "or an attacker can do, and a pod whose requests equal its limits gets the "
                "Guaranteed QoS class, the last to be evicted.",
         .fix = "Set `resources.limits.memory` and `resources.limits.cpu` from measured usage plus "
                "headroom. Teams that leave cpu unbounded on purpose (to avoid CFS "
                "throttling) can disable this rule or suppress the finding with a reason.",
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
                "            limits:\n"
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
                 "            limits:\n"
                 "              cpu: 500m\n"
                 "              memory: 256Mi\n",
         .peers = impl_missing_limits::kPeers,
         .references = impl_missing_limits::kReferences,
         .tags = impl_missing_limits::kTags},
    .check = for_format<model::K8sDoc, impl_missing_limits::check>,
};

}  // namespace lintel::rules::k8s
