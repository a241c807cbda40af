// SEC016 kubeconfig-credentials: credentials embedded in a kubeconfig's users.
//
// A kubeconfig is a YAML file with a top-level `kind: Config`, or a file named `kubeconfig*`,
// `*.kubeconfig` or `.kube/config`. Reported per credential: `client-key-data`, `token`,
// `password`, and an auth-provider's `client-secret`, `refresh-token`, `access-token` and
// `id-token`. Silent on users that reference files (`client-key`, `tokenFile`) or run a
// credential plugin (`exec`), and on the masks `kubectl config view` prints (`DATA+OMITTED`,
// `REDACTED`). These values win over SEC011/SEC013 for the same text.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_kubeconfig_credentials {

constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/",
    "https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC016", out, [](const model::SecretCandidate& c) {
    return fmt::format("kubeconfig user \"{}\" embeds a {} \"{}\"", c.context, c.description,
                       c.preview);
  });
}

}  // namespace impl_kubeconfig_credentials

extern const Rule kubeconfig_credentials{
    .meta = {.id = "SEC016",
             .slug = "kubeconfig-credentials",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Kubeconfig with embedded credentials committed",
             .what = "Reports credentials embedded in a kubeconfig (a file with `kind: Config`, or named "
             "`kubeconfig`, `*.kubeconfig` or `.kube/config`): a user's `client-key-data`, `token` "
             "or `password`, and an auth-provider's `client-secret`, `refresh-token`, "
             "`access-token` or `id-token`. Users that reference files (`client-key`, `tokenFile`) "
             "or run a credential plugin (`exec`) are not reported, nor are the masks `kubectl "
             "config view` prints (`DATA+OMITTED`, `REDACTED`).",
             .why = "A kubeconfig with embedded credentials is a ready-made login to the cluster. Admin "
             "kubeconfigs (kubeadm's admin.conf, k3s.yaml) carry cluster-admin client certificates "
             "that cannot be revoked short of rotating the cluster CA.",
             .fix = "Remove the file from the repository and rotate the credential (delete the service "
             "account token, re-issue client certificates). Commit kubeconfigs that use an `exec` "
             "credential plugin (`aws eks get-token`, `gke-gcloud-auth-plugin`, `kubelogin`) "
             "instead of embedded secrets.",
             .bad = "apiVersion: v1\n"
             "kind: Config\n"
             "clusters:\n"
             "- name: prod\n"
             "  cluster:\n"
             "    server: https://k8s.internal:6443\n"
             "users:\n"
             "- name: deployer\n"
             "  user:\n"
             "    token: CnhNPloWtFwBYjAQQypofhwdSkOw6zhHlwob9Pp3oESSGYPt\n"
             "contexts:\n"
             "- name: prod\n"
             "  context:\n"
             "    cluster: prod\n"
             "    user: deployer\n"
             "current-context: prod\n",
             .good = "apiVersion: v1\n"
             "kind: Config\n"
             "clusters:\n"
             "- name: prod\n"
             "  cluster:\n"
             "    server: https://k8s.internal:6443\n"
             "users:\n"
             "- name: deployer\n"
             "  user:\n"
             "    exec:\n"
             "      apiVersion: client.authentication.k8s.io/v1beta1\n"
             "      command: aws\n"
             "      args: [eks, get-token, --cluster-name, prod]\n"
             "contexts:\n"
             "- name: prod\n"
             "  context:\n"
             "    cluster: prod\n"
             "    user: deployer\n"
             "current-context: prod\n",
             .references = impl_kubeconfig_credentials::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_kubeconfig_credentials::check,
};

}  // namespace lintel::rules::secrets
