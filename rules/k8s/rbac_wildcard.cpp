// K8S019 rbac-wildcard: a Role or ClusterRole rule with `*` in its verbs, resources or apiGroups.
//
// One finding per `*` item, on the item, naming the role and the rule's position. Only a bare
// `*` is a wildcard here; `pods/*` (every subresource of pods) is narrower and left to review,
// as Checkov and kube-linter do. `nonResourceURLs: ["*"]` is not judged. Roles inside `List`
// items are checked like any other object.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_rbac_wildcard {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_49"}, {"kube-linter", "wildcard-in-rules"},
                             {"trivy", "KSV-0044"},     {"trivy", "KSV-0045"},
                             {"trivy", "KSV-0046"},     {"kics", "6b896afb"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
    "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
    "CIS Kubernetes Benchmark: Minimize wildcard use in Roles and ClusterRoles",
    "https://cwe.mitre.org/data/definitions/269.html",
};
constexpr std::string_view kTags[] = {"security"};

void report_wildcards(const K8sObject& obj, std::size_t index,
                      const std::vector<Scalar<std::string>>& items, std::string_view field,
                      Reporter& out) {
  for (const auto& item : items) {
    if (item.value != "*") continue;
    out.report(item.span,
               fmt::format("{} rule {} grants \"*\" in {}", obj.label(), index + 1, field));
  }
}

void check(const K8sDoc& doc, Reporter& out) {
  for (const K8sObject& obj : doc.objects) {
    for (std::size_t i = 0; i < obj.rules.size(); ++i) {
      const model::K8sPolicyRule& rule = obj.rules[i];
      report_wildcards(obj, i, rule.api_groups, "apiGroups", out);
      report_wildcards(obj, i, rule.resources, "resources", out);
      report_wildcards(obj, i, rule.verbs, "verbs", out);
    }
  }
}

}  // namespace impl_rbac_wildcard

extern const Rule rbac_wildcard{
    .meta = {.id = "K8S019",
             .slug = "rbac-wildcard",
             .severity = Severity::warning,
             .format = Format::kubernetes,
             .summary = "RBAC rule grants a wildcard",
             .what = "Reports each `*` in the `verbs`, `resources` or `apiGroups` of a Role's "
                     "or ClusterRole's rules.",
             .why = "A wildcard grants everything that exists now and everything added later: "
                    "`verbs: [\"*\"]` includes `escalate`, `bind` and `impersonate`, "
                    "`resources: [\"*\"]` includes Secrets, and `apiGroups: [\"*\"]` includes "
                    "every CustomResourceDefinition installed in the future. Least privilege "
                    "needs the list spelled out.",
             .fix = "List the API groups, resources and verbs the subject actually uses "
                    "(`kubectl auth can-i --list` and audit logs help find them). Keep "
                    "wildcards for break-glass roles such as cluster-admin and suppress the "
                    "finding with the reason.",
             .bad = "apiVersion: rbac.authorization.k8s.io/v1\n"
                    "kind: Role\n"
                    "metadata:\n"
                    "  name: deployer\n"
                    "rules:\n"
                    "  - apiGroups: [apps]\n"
                    "    resources: [deployments]\n"
                    "    verbs: [\"*\"]\n",
             .good = "apiVersion: rbac.authorization.k8s.io/v1\n"
                     "kind: Role\n"
                     "metadata:\n"
                     "  name: deployer\n"
                     "rules:\n"
                     "  - apiGroups: [apps]\n"
                     "    resources: [deployments]\n"
                     "    verbs: [get, list, watch, update, patch]\n",
             .peers = impl_rbac_wildcard::kPeers,
             .references = impl_rbac_wildcard::kReferences,
             .tags = impl_rbac_wildcard::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::K8sDoc, impl_rbac_wildcard::check>,
};

}  // namespace lintel::rules::k8s
