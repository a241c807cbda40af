// K8S015 secret-in-env: an `env` entry whose name says it holds a secret, with a literal value.
//
// Only literal `value:` entries are reported: `valueFrom` (a secretKeyRef, a configMapKeyRef, a
// fieldRef) keeps the value out of the manifest, which is what this rule asks for (Checkov
// CKV_K8S_35 goes further and reports secretKeyRef too; lintel does not). The name test splits
// the name into words (`DB_PASSWORD`, `dbPassword`) and skips names that describe a secret
// instead of holding it (`*_FILE`, `*_PATH`, `*_URL`, `*_USER`, `*_ID`, `*_ENABLED`…). Not
// reported: empty values, switches (`true`/`false`, `yes`/`no`, `on`/`off`, `0`/`1`), and values
// only known when rendered or run: Helm and envsubst templates (`{{ … }}`, `${…}`) and Kubernetes' own `$(OTHER_VAR)` expansion. The
// message never contains the value; the finding points at it.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_secret_in_env {

constexpr PeerId kPeers[] = {{"kube-linter", "env-var-secret"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/configuration/secret/"
    "#using-secrets-as-environment-variables",
    "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
    "https://cwe.mitre.org/data/definitions/798.html",
};
constexpr std::string_view kTags[] = {"security", "secrets"};

// A switch rather than a secret: `DISABLE_AUTH: "1"`, `TOKEN_AUTH: "off"`.
bool is_boolean_word(std::string_view v) {
  const std::string upper = ascii_upper(v);
  return upper == "TRUE" || upper == "FALSE" || upper == "YES" || upper == "NO" ||
         upper == "ON" || upper == "OFF" || upper == "0" || upper == "1";
}

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec&, const K8sContainer& c) {
    for (const model::K8sEnvVar& var : c.env) {
      if (!var.value || var.value_from) continue;
      const std::string& value = var.value->value;
      if (value.empty() || is_boolean_word(value) || is_templated(value)) continue;
      if (!names_secret(var.name.value)) continue;
      out.report(var.value->span,
                 fmt::format("{} sets the secret \"{}\" as a literal value in the manifest",
                             subject(obj, c), var.name.value));
    }
  });
}

}  // namespace impl_secret_in_env

extern const Rule secret_in_env{
    .meta = {.id = "K8S015",
             .slug = "secret-in-env",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "Environment variable holds a literal secret",
             .what = "Reports a container's `env` entry whose name says it holds a secret "
                     "(`DB_PASSWORD`, `apiToken`, `AWS_SECRET_ACCESS_KEY`) and whose `value` is "
                     "a literal. Entries using `valueFrom`, empty values, switches (`true`, `off`, "
                     "`1`…), names that "
                     "describe a secret rather than hold it (`*_FILE`, `*_URL`, `*_USER`…) and "
                     "templated values (`{{ … }}`, `${…}`, `$(VAR)`) are not reported. The "
                     "value is never printed.",
             .why = "A literal value is committed with the manifest: everyone with read access "
                    "to the repository, its forks and CI logs has the credential, and it stays "
                    "in the history after it is removed. In the cluster it is readable by "
                    "anyone who can read the workload object, a far wider audience than the "
                    "Secret's.",
             .fix = "Move the value to a Secret (created out of band, or with Sealed Secrets, "
                    "SOPS or an external secrets operator) and reference it with "
                    "`valueFrom.secretKeyRef`; then rotate the credential, since it is in the "
                    "repository's history.",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: api\n"
                    "spec:\n"
                    "  containers:\n"
                    "    - name: api\n"
                    "      image: example/api:1.4.0\n"
                    "      env:\n"
                    "        - name: DB_PASSWORD\n"
                    "          value: hunter2-prod\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: api\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: api\n"
                     "      image: example/api:1.4.0\n"
                     "      env:\n"
                     "        - name: DB_PASSWORD\n"
                     "          valueFrom:\n"
                     "            secretKeyRef:\n"
                     "              name: db\n"
                     "              key: password\n",
             .peers = impl_secret_in_env::kPeers,
             .references = impl_secret_in_env::kReferences,
             .tags = impl_secret_in_env::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::K8sDoc, impl_secret_in_env::check>,
};

}  // namespace lintel::rules::k8s
