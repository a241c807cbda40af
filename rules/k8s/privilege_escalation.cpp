// K8S009 privilege-escalation: `allowPrivilegeEscalation` not set to false.
//
// The field is container-only and defaults to true: a process may gain more privileges than its
// parent (setuid binaries, file capabilities) unless it is false. So an absent field is
// reported, on the container's `securityContext` key (or the container when it has none), and
// an explicit true on its value. `privileged: true` and an added CAP_SYS_ADMIN always allow
// escalation: the message says so, and `allowPrivilegeEscalation: false` beside either is
// reported too, since it does not hold (the API server rejects the combination). Not judged:
// unknown values (templates), Windows pods (`os.name: windows`, where the field does not
// apply), and, for an absent field, containers without an `image` (kustomize patches) and
// documents cut short by a parse error.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_privilege_escalation {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_20"},
                             {"kube-linter", "privilege-escalation-container"},
                             {"trivy", "KSV-0001"},
                             {"kics", "5572cc5e"},
                             {"polaris", "privilegeEscalationAllowed"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted",
    "CIS Kubernetes Benchmark: Minimize the admission of containers with "
    "allowPrivilegeEscalation",
    "https://cwe.mitre.org/data/definitions/269.html",
};
constexpr std::string_view kTags[] = {"security"};

// What forces escalation on regardless of the field: "" when nothing does.
std::string_view implied_by(const model::K8sSecurityContext& sc) {
  if (is_true(sc.privileged)) return "privileged: true";
  if (sc.capabilities) {
    for (const auto& cap : sc.capabilities->add)
      if (capability_name(cap.value) == "SYS_ADMIN") return "CAP_SYS_ADMIN";
  }
  return "";
}

void check_container(const K8sObject& obj, const K8sContainer& c, Reporter& out) {
  const auto& field = c.effective.allow_privilege_escalation;
  const std::string_view implied = implied_by(c.effective);
  if (is_false(field)) {
    if (implied.empty()) return;
    out.report(field->span,
               fmt::format("{} sets allowPrivilegeEscalation: false, but {} allows escalation "
                           "anyway",
                           subject(obj, c), implied));
    return;
  }
  if (is_unknown(field)) return;
  const std::string because =
      implied.empty() ? std::string() : fmt::format(" ({} implies it)", implied);
  if (field) {
    out.report(field->span, fmt::format("{} allows privilege escalation "
                                        "(allowPrivilegeEscalation: {}){}",
                                        subject(obj, c), field->text, because));
    return;
  }
  if (!is_judgeable(obj, c) || !c.security_context.known) return;
  out.report(security_anchor(c),
             fmt::format("{} does not set allowPrivilegeEscalation: false, so it defaults to "
                         "true{}",
                         subject(obj, c), because));
}

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec& pod, const K8sContainer& c) {
    if (!pod.is_windows()) check_container(obj, c, out);
  });
}

}  // namespace impl_privilege_escalation

extern const Rule privilege_escalation{
    .meta = {.id = "K8S009",
             .slug = "privilege-escalation",
             .severity = Severity::warning,
             .format = Format::kubernetes,
             .summary = "Container allows privilege escalation",
             .what = "Reports each container, init container and ephemeral container whose "
                     "`securityContext.allowPrivilegeEscalation` is not false: absent (the "
                     "default is true) or true. A `false` beside `privileged: true` or an added "
                     "`SYS_ADMIN` capability is reported too, since those allow escalation "
                     "anyway. Templated values and Windows pods are not judged.",
             .why = "With escalation allowed, a process can gain privileges its parent did not "
                    "have, through setuid binaries or file capabilities in the image: an "
                    "attacker who gets a shell as an unprivileged user can become root in the "
                    "container. `false` sets the kernel's no_new_privs flag and closes that "
                    "path.",
             .fix = "Set `allowPrivilegeEscalation: false` in every container's "
                    "`securityContext` (it cannot be set at pod level), and drop `privileged` "
                    "and `SYS_ADMIN` where present.",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: web\n"
                    "spec:\n"
                    "  containers:\n"
                    "    - name: web\n"
                    "      image: nginx:1.27.2\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: web\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: web\n"
                     "      image: nginx:1.27.2\n"
                     "      securityContext:\n"
                     "        allowPrivilegeEscalation: false\n",
             .peers = impl_privilege_escalation::kPeers,
             .references = impl_privilege_escalation::kReferences,
             .tags = impl_privilege_escalation::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::K8sDoc, impl_privilege_escalation::check>,
};

}  // namespace lintel::rules::k8s
