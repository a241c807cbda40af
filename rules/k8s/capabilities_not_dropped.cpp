// K8S011 capabilities-not-dropped: a container whose `capabilities.drop` lacks ALL.
//
// Capability names are compared the way container runtimes read them: case-insensitively and
// with or without the `CAP_` prefix, so `all` and `ALL` both drop everything. A `drop` list
// without ALL is reported on its key, naming what it does drop (dropping NET_RAW alone, as
// Checkov CKV_K8S_28 asks, still leaves the rest of the default set). An absent `drop` is
// reported on `capabilities`, else `securityContext`, else the container. Every container is
// checked: regular, init and ephemeral. Not judged: a `drop` or `capabilities` that is a
// template, Windows pods, and, when nothing is written, containers without an `image`
// (kustomize patches) and documents cut short by a parse error.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_capabilities_not_dropped {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_28"},
                             {"checkov", "CKV_K8S_37"},
                             {"kube-linter", "drop-net-raw-capability"},
                             {"trivy", "KSV-0003"},
                             {"kics", "268ca686"},
                             {"kics", "dbbc6705"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"
    "#set-capabilities-for-a-container",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "CIS Kubernetes Benchmark: Minimize the admission of containers with capabilities "
    "assigned",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

bool drops_all(const model::K8sCapabilities& caps) {
  for (const auto& cap : caps.drop)
    if (capability_name(cap.value) == "ALL") return true;
  return false;
}

std::string quoted_list(const std::vector<Scalar<std::string>>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += fmt::format("\"{}\"", item.value);
  }
  return out;
}

void check_container(const K8sObject& obj, const K8sContainer& c, Reporter& out) {
  if (!c.security_context.known) return;
  const auto& caps = c.effective.capabilities;
  if (caps && caps->drop_key) {
    if (!caps->drop_known || drops_all(*caps)) return;
    const std::string dropped =
        caps->drop.empty() ? std::string("nothing") : quoted_list(caps->drop);
    out.report(*caps->drop_key, fmt::format("{} does not drop ALL capabilities (drop lists {})",
                                            subject(obj, c), dropped));
    return;
  }
  if (caps && !caps->drop_known) return;
  if (!is_judgeable(obj, c)) return;
  const Span anchor = caps ? caps->key : security_anchor(c);
  out.report(anchor, fmt::format("{} does not drop ALL capabilities", subject(obj, c)));
}

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec& pod, const K8sContainer& c) {
    if (!pod.is_windows()) check_container(obj, c, out);
  });
}

}  // namespace impl_capabilities_not_dropped

extern const Rule capabilities_not_dropped{
    .meta = {.id = "K8S011",
             .slug = "capabilities-not-dropped",
             .severity = Severity::warning,
             .format = Format::kubernetes,
             .summary = "Container does not drop all capabilities",
             .what = "Reports each container, init container and ephemeral container whose "
                     "`securityContext.capabilities.drop` does not contain `ALL` (compared "
                     "case-insensitively, with or without `CAP_`), including containers with no "
                     "`capabilities` at all. Templated lists and Windows pods are not judged.",
             .why = "Container runtimes grant a default set of Linux capabilities, among them "
                    "NET_RAW (packet spoofing on the pod network), CHOWN, DAC_OVERRIDE, SETUID "
                    "and SETGID. Few applications need any of them; each one left in place is "
                    "a tool for an attacker who takes over the process.",
             .fix = "Add `capabilities: {drop: [ALL]}` to each container's `securityContext`, "
                    "then add back only what the application needs, usually nothing or "
                    "`NET_BIND_SERVICE`.",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: web\n"
                    "spec:\n"
                    "  containers:\n"
                    "    - name: web\n"
                    "      image: nginx:1.27.2\n"
                    "      securityContext:\n"
                    "        capabilities:\n"
                    "          drop: [NET_RAW]\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: web\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: web\n"
                     "      image: nginx:1.27.2\n"
                     "      securityContext:\n"
                     "        capabilities:\n"
                     "          drop: [ALL]\n"
                     "          add: [NET_BIND_SERVICE]\n",
             .peers = impl_capabilities_not_dropped::kPeers,
             .references = impl_capabilities_not_dropped::kReferences,
             .tags = impl_capabilities_not_dropped::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::K8sDoc, impl_capabilities_not_dropped::check>,
};

}  // namespace lintel::rules::k8s
