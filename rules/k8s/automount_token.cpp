// K8S018 automount-token: a pod that gets a service account token it may not need.
//
// The pod's `automountServiceAccountToken` wins over its ServiceAccount's, so:
// - `false` on the pod passes; `true` is reported on its value;
// - absent: the pod inherits from its ServiceAccount (`serviceAccountName`, else `default`). If
//   that ServiceAccount is defined in the same file (same name; same namespace when both say
//   one) with `automountServiceAccountToken: false`, the pod passes. Otherwise it is reported on
//   the key that holds the pod spec (`spec`), naming the object. Manifests in other files are
//   not read: the rule judges each file on its own, so a ServiceAccount defined elsewhere that
//   disables the token still leaves this finding (suppress it, or set the field on the pod).
// Not judged: unknown values (templates), pod specs with no container naming an image
// (patches), and documents cut short by a parse error.
#include <map>

#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_automount_token {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_38"},
                             {"trivy", "KSV-0036"},
                             {"kics", "48471392"},
                             {"polaris", "automountServiceAccountToken"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/"
    "#opt-out-of-api-credential-automounting",
    "https://kubernetes.io/docs/concepts/security/service-accounts/",
    "CIS Kubernetes Benchmark: Ensure that Service Account Tokens are only mounted where "
    "necessary",
};
constexpr std::string_view kTags[] = {"security"};

bool same_namespace(const K8sObject& a, const K8sObject& b) {
  return !a.namespace_ || !b.namespace_ || a.namespace_->value == b.namespace_->value;
}

// ServiceAccounts of this file that disable automounting, by name.
using QuietAccounts = std::multimap<std::string_view, const K8sObject*>;

QuietAccounts quiet_accounts(const K8sDoc& doc) {
  QuietAccounts out;
  for (const K8sObject& obj : doc.objects) {
    if (obj.kind.value == "ServiceAccount" && obj.name &&
        is_false(obj.automount_service_account_token))
      out.emplace(obj.name->value, &obj);
  }
  return out;
}

// The pod's ServiceAccount, defined in this file, disables automounting.
bool account_disables_token(const QuietAccounts& quiet, const K8sObject& obj,
                            const K8sPodSpec& pod) {
  std::string_view account = "default";
  if (pod.service_account_name) {
    if (!pod.service_account_name->value) return false;
    account = *pod.service_account_name->value;
  }
  const auto [first, last] = quiet.equal_range(account);
  for (auto it = first; it != last; ++it)
    if (same_namespace(obj, *it->second)) return true;
  return false;
}

void check(const K8sDoc& doc, Reporter& out) {
  const QuietAccounts quiet = quiet_accounts(doc);
  for_each_pod(doc, [&](const K8sObject& obj, const K8sPodSpec& pod) {
    const auto& field = pod.automount_service_account_token;
    if (is_false(field) || is_unknown(field)) return;
    if (field) {
      out.report(field->span, fmt::format("{} mounts a service account token into its pods "
                                          "(automountServiceAccountToken: {})",
                                          obj.label(), field->text));
      return;
    }
    if (!is_judgeable(obj, pod) || account_disables_token(quiet, obj, pod)) return;
    out.report(pod.key, fmt::format("{} does not set automountServiceAccountToken: false, so its "
                                    "pods get a service account token",
                                    obj.label()));
  });
}

}  // namespace impl_automount_token

extern const Rule automount_token{
    .meta = {.id = "K8S018",
             .slug = "automount-token",
             .severity = Severity::info,
             .format = Format::kubernetes,
             .summary = "Pod mounts a service account token",
             .what = "Reports a pod spec that does not set `automountServiceAccountToken: "
                     "false`, unless its ServiceAccount (`serviceAccountName`, else `default`) "
                     "is defined in the same file with `automountServiceAccountToken: false`. "
                     "An explicit `true` on the pod is reported on its value.",
             .why = "Every pod gets a token for its service account mounted at "
                    "`/var/run/secrets/kubernetes.io/serviceaccount` unless told otherwise. "
                    "Most applications never call the Kubernetes API, but anyone who takes over "
                    "the container can, with whatever RBAC the account has been granted.",
             .fix = "Set `automountServiceAccountToken: false` in the pod spec (or on a "
                    "dedicated ServiceAccount). Pods that do call the API should use their own "
                    "ServiceAccount with minimal RBAC, and may suppress the finding.",
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
                     "  automountServiceAccountToken: false\n"
                     "  containers:\n"
                     "    - name: web\n"
                     "      image: nginx:1.27.2\n",
             .peers = impl_automount_token::kPeers,
             .references = impl_automount_token::kReferences,
             .tags = impl_automount_token::kTags,
             .security_severity = "3.0"},
    .check = for_format<model::K8sDoc, impl_automount_token::check>,
};

}  // namespace lintel::rules::k8s
