// K8S008 privileged: a container with `securityContext.privileged: true`.
//
// `privileged` exists only on a container's securityContext (the pod has none), so there is
// nothing to merge. Every container is checked: regular, init and ephemeral (a privileged debug
// container is as dangerous as any). The value is read as the API server reads it (YAML 1.1,
// so `yes` and `on` are true); a template or a quoted string is unknown and not reported.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_privileged {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_16"},
                             {"kube-linter", "privileged-container"},
                             {"trivy", "KSV-0017"},
                             {"kics", "dd29336b"},
                             {"polaris", "runAsPrivileged"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
    "CIS Kubernetes Benchmark: Minimize the admission of privileged containers",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec&, const K8sContainer& c) {
    const auto& privileged = c.effective.privileged;
    if (!is_true(privileged)) return;
    out.report(privileged->span, fmt::format("{} runs privileged (privileged: {})", subject(obj, c),
                                             privileged->text));
  });
}

}  // namespace impl_privileged

extern const Rule privileged{
    .meta = {.id = "K8S008",
             .slug = "privileged",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "Container runs privileged",
             .what = "Reports each container, init container and ephemeral container whose "
                     "`securityContext.privileged` is true.",
             .why = "A privileged container has every capability, sees every host device and "
                    "is not confined by seccomp or AppArmor: it is root on the node in all but "
                    "name. A compromise of the process is a compromise of the node and of every "
                    "pod on it.",
             .fix = "Remove `privileged: true`. Grant the one capability the workload needs "
                    "with `capabilities.add` instead, or move the privileged work to a node "
                    "agent installed and reviewed separately.",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: tool\n"
                    "spec:\n"
                    "  containers:\n"
                    "    - name: tool\n"
                    "      image: example/tool:2.1.0\n"
                    "      securityContext:\n"
                    "        privileged: true\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: tool\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: tool\n"
                     "      image: example/tool:2.1.0\n"
                     "      securityContext:\n"
                     "        privileged: false\n",
             .peers = impl_privileged::kPeers,
             .references = impl_privileged::kReferences,
             .tags = impl_privileged::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::K8sDoc, impl_privileged::check>,
};

}  // namespace lintel::rules::k8s
