// K8S017 seccomp-unconfined: a container with no seccomp profile, or an Unconfined one.
//
// Judged per container on the effective profile: the container's `seccompProfile` over the
// pod's. `RuntimeDefault` and `Localhost` pass; `Unconfined` is reported on its value, wherever
// it was set; no profile at all is reported on the container's `securityContext` key (or the
// container). The legacy annotations (`seccomp.security.alpha.kubernetes.io/pod`,
// `container.seccomp.security.alpha.kubernetes.io/<name>`) count by their value, as Checkov,
// KICS and Trivy read them (PEERS.md): `runtime/default`, `docker/default` and `localhost/…`
// pass, `unconfined` is reported on the annotation's value. (Kubernetes 1.27 stopped copying
// them into the field, kubernetes/kubernetes#114947; the help says so.) Not judged: unknown
// values (templates), Windows pods, and, when nothing is set, containers without an `image`
// (kustomize patches) and documents cut short by a parse error. Nodes started with the
// kubelet's `--seccomp-default` apply RuntimeDefault to every pod, but a manifest cannot know
// where it will run, so the absence is still reported.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_seccomp_unconfined {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_31"},
                             {"trivy", "KSV-0030"},
                             {"trivy", "KSV-0104"},
                             {"kics", "f377b83e"},
                             {"kube-score", "container-seccomp-profile"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/tutorials/security/seccomp/",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

void check_container(const K8sObject& obj, const K8sContainer& c, Reporter& out) {
  const auto& seccomp = c.effective.seccomp;
  if (seccomp && seccomp->from_annotation) {
    const auto& type = seccomp->type;
    if (type.value != "Unconfined") return;
    out.report(type.span, fmt::format("{} runs without seccomp: the seccomp annotation is "
                                      "\"{}\"",
                                      subject(obj, c), type.text));
    return;
  }
  if (seccomp) {
    const auto& type = seccomp->type;
    if (type.value != "Unconfined") return;
    out.report(type.span, fmt::format("{} runs without seccomp: seccompProfile type "
                                      "\"{}\"{}",
                                      subject(obj, c), type.text, where_set(type)));
    return;
  }
  if (!is_judgeable(obj, c) || !c.effective.known) return;
  out.report(security_anchor(c),
             fmt::format("{} has no seccomp profile: set seccompProfile.type RuntimeDefault",
                         subject(obj, c)));
}

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec& pod, const K8sContainer& c) {
    if (!pod.is_windows()) check_container(obj, c, out);
  });
}

}  // namespace impl_seccomp_unconfined

extern const Rule seccomp_unconfined{
    .meta = {.id = "K8S017",
             .slug = "seccomp-unconfined",
             .severity = Severity::warning,
             .format = Format::kubernetes,
             .summary = "Container runs without a seccomp profile",
             .what = "Reports each container, init container and ephemeral container whose "
                     "effective seccomp profile (its own `securityContext.seccompProfile`, else "
                     "the pod's) is missing or `Unconfined`. `RuntimeDefault` and `Localhost` "
                     "profiles pass. The legacy `seccomp.security.alpha.kubernetes.io` "
                     "annotations count by their value (`runtime/default`, `docker/default` and "
                     "`localhost/…` pass, `unconfined` is reported), as the peer tools read "
                     "them; note that Kubernetes 1.27 and later ignore them, so prefer the field. "
                     "Templated values and Windows pods are not judged.",
             .why = "Without a seccomp profile the container can call every system call the "
                    "kernel offers, including the rarely used ones behind most kernel exploits "
                    "and container escapes. The runtime's default profile blocks those and "
                    "almost never breaks an application.",
             .fix = "Set `securityContext.seccompProfile.type: RuntimeDefault` at pod level so "
                    "every container inherits it; use a `Localhost` profile for the few "
                    "workloads that need a custom one.",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: web\n"
                    "spec:\n"
                    "  securityContext:\n"
                    "    seccompProfile:\n"
                    "      type: Unconfined\n"
                    "  containers:\n"
                    "    - name: web\n"
                    "      image: nginx:1.27.2\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: web\n"
                     "spec:\n"
                     "  securityContext:\n"
                     "    seccompProfile:\n"
                     "      type: RuntimeDefault\n"
                     "  containers:\n"
                     "    - name: web\n"
                     "      image: nginx:1.27.2\n",
             .peers = impl_seccomp_unconfined::kPeers,
             .references = impl_seccomp_unconfined::kReferences,
             .tags = impl_seccomp_unconfined::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::K8sDoc, impl_seccomp_unconfined::check>,
};

}  // namespace lintel::rules::k8s
