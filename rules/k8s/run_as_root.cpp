// K8S003 run-as-root: a container that runs, or may run, as root (UID 0).
//
// The effective security context decides: the container's `runAsNonRoot` and `runAsUser`
// override the pod's, field by field. Judgement, per container (regular, init, ephemeral):
// - `runAsUser: 0` reports, even with `runAsNonRoot: true` (the kubelet then refuses to start
//   the container; either way the manifest asks for root). Reported on the `runAsUser` value,
//   wherever it was set.
// - a `runAsUser` above 0, or `runAsNonRoot: true`, passes. Trivy KSV-0012 accepts only
//   `runAsNonRoot`, but a numeric non-zero UID is just as binding (PEERS.md K3).
// - otherwise the container may run as root (the image's USER decides, and the manifest does
//   not check it): reported on an explicit `runAsNonRoot: false`, else on the container.
// Silent when a deciding value is unknown (a template, a variable, a quoted number), for Windows
// pods (`os.name: windows`, which use `windowsOptions.runAsUserName`), and, when nothing is set,
// for containers without an `image` (kustomize patches) and documents cut short by a parse error.
// The group (`runAsGroup: 0`) is not judged: a root group without a root user grants little.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_run_as_root {

constexpr PeerId kPeers[] = {
    {"checkov", "CKV_K8S_23"},      {"checkov", "CKV_K8S_40"}, {"kube-linter", "run-as-non-root"},
    {"trivy", "KSV-0012"},          {"trivy", "KSV-0105"},     {"kics", "cf34805e"},
    {"polaris", "runAsRootAllowed"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "CIS Kubernetes Benchmark: Minimize the admission of root containers",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

void check_container(const K8sObject& obj, const K8sContainer& c, Reporter& out) {
  const auto& user = c.effective.run_as_user;
  const auto& non_root = c.effective.run_as_non_root;
  if (user && user->value == 0) {
    out.report(user->span,
               fmt::format("{} runs as root: runAsUser is 0{}", subject(obj, c), where_set(*user)));
    return;
  }
  if (user && user->value && *user->value > 0) return;
  if (is_true(non_root)) return;
  if (is_unknown(user) || is_unknown(non_root)) return;
  if (user) return;  // a negative UID: invalid, left to the API server
  if (is_false(non_root)) {
    out.report(non_root->span,
               fmt::format("{} may run as root: runAsNonRoot is false{} and no runAsUser above 0 "
                           "is set",
                           subject(obj, c), where_set(*non_root)));
    return;
  }
  if (!is_judgeable(obj, c) || !c.effective.known) return;
  out.report(c.anchor, fmt::format("{} may run as root: neither runAsNonRoot: true nor a "
                                   "runAsUser above 0 is set",
                                   subject(obj, c)));
}

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec& pod, const K8sContainer& c) {
    if (pod.is_windows()) return;
    check_container(obj, c, out);
  });
}

}  // namespace impl_run_as_root

extern const Rule run_as_root{
    .meta = {.id = "K8S003",
             .slug = "run-as-root",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "Container may run as root",
             .what = "Reports each container (also init and ephemeral containers) whose "
                     "effective security context, its own `securityContext` merged over the "
                     "pod's, has `runAsUser: 0`, or has neither `runAsNonRoot: true` nor a "
                     "`runAsUser` above 0. Values that are templated or otherwise unknown are "
                     "not judged, nor are Windows pods.",
             .why = "Without `runAsNonRoot` or a non-zero UID the container runs as whatever "
                    "user its image declares, which is root for most images. Root in a "
                    "container owns every file in it and is one kernel bug or one mounted host "
                    "path away from root on the node. `runAsNonRoot: true` makes the kubelet "
                    "refuse an image that would start as root.",
             .fix = "Set `runAsNonRoot: true` and a numeric `runAsUser` (for example 10001) in "
                    "the pod's `securityContext`, so every container inherits them, and build "
                    "the image with a matching non-root `USER`.",
             .bad = "apiVersion: apps/v1\n"
                    "kind: Deployment\n"
                    "metadata:\n"
                    "  name: web\n"
                    "spec:\n"
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
                     "  template:\n"
                     "    spec:\n"
                     "      securityContext:\n"
                     "        runAsNonRoot: true\n"
                     "        runAsUser: 10001\n"
                     "      containers:\n"
                     "        - name: web\n"
                     "          image: nginx:1.27.2\n",
             .peers = impl_run_as_root::kPeers,
             .references = impl_run_as_root::kReferences,
             .tags = impl_run_as_root::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::K8sDoc, impl_run_as_root::check>,
};

}  // namespace lintel::rules::k8s
