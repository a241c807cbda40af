// K8S012 dangerous-capability: `capabilities.add` grants ALL, SYS_ADMIN, NET_ADMIN, NET_RAW,
// SYS_PTRACE or SYS_MODULE.
//
// One finding per dangerous item, on the item. Names are compared case-insensitively and with
// or without the `CAP_` prefix, as container runtimes accept them. Every container is checked:
// regular, init and ephemeral. Other added capabilities (NET_BIND_SERVICE, CHOWN…) are left to
// review: the list is the set that gives control over the host or its network.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_dangerous_capability {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_39"},
                             {"trivy", "KSV-0005"},
                             {"kics", "235236ee"},
                             {"polaris", "dangerousCapabilities"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"
    "#set-capabilities-for-a-container",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
    "https://man7.org/linux/man-pages/man7/capabilities.7.html",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

constexpr std::string_view kDangerous[] = {"ALL",     "SYS_ADMIN",  "NET_ADMIN",
                                           "NET_RAW", "SYS_PTRACE", "SYS_MODULE"};

bool is_dangerous(std::string_view name) {
  for (const std::string_view d : kDangerous)
    if (d == name) return true;
  return false;
}

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec&, const K8sContainer& c) {
    const auto& caps = c.effective.capabilities;
    if (!caps) return;
    for (const auto& cap : caps->add) {
      if (!is_dangerous(capability_name(cap.value))) continue;
      out.report(cap.span, fmt::format("{} adds the dangerous capability \"{}\"", subject(obj, c),
                                       cap.value));
    }
  });
}

}  // namespace impl_dangerous_capability

extern const Rule dangerous_capability{
    .meta = {.id = "K8S012",
             .slug = "dangerous-capability",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "Container adds a dangerous Linux capability",
             .what = "Reports each item of a container's `securityContext.capabilities.add` "
                     "that is ALL, SYS_ADMIN, NET_ADMIN, NET_RAW, SYS_PTRACE or SYS_MODULE "
                     "(case-insensitive, with or without `CAP_`), in containers, init "
                     "containers and ephemeral containers.",
             .why = "These capabilities reach past the container: SYS_ADMIN allows mounts and "
                    "most container escapes, SYS_MODULE loads kernel modules, SYS_PTRACE reads "
                    "other processes' memory, NET_ADMIN rewrites the node's or pod's network, "
                    "NET_RAW spoofs packets, and ALL grants every one of them.",
             .fix = "Remove the capability. If the workload really needs it (a CNI plugin, a "
                    "node agent), isolate it on dedicated nodes, document why and suppress the "
                    "finding with that reason.",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: vpn\n"
                    "spec:\n"
                    "  containers:\n"
                    "    - name: vpn\n"
                    "      image: example/vpn:3.0.1\n"
                    "      securityContext:\n"
                    "        capabilities:\n"
                    "          add: [NET_ADMIN]\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: vpn\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: vpn\n"
                     "      image: example/vpn:3.0.1\n"
                     "      securityContext:\n"
                     "        capabilities:\n"
                     "          drop: [ALL]\n"
                     "          add: [NET_BIND_SERVICE]\n",
             .peers = impl_dangerous_capability::kPeers,
             .references = impl_dangerous_capability::kReferences,
             .tags = impl_dangerous_capability::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::K8sDoc, impl_dangerous_capability::check>,
};

}  // namespace lintel::rules::k8s
