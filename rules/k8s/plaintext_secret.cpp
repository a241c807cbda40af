// K8S020 plaintext-secret: a `kind: Secret` committed with values in `data` or `stringData`.
//
// One finding per section (`data`, `stringData`) that holds at least one real value, on the
// section's key, naming the keys (never the values). A value does not count when it is empty,
// when it is a template or variable (`{{ .Values.password }}`, `${DB_PASSWORD}`: the secret is
// supplied at render time), or when it is SOPS ciphertext (`ENC[AES256_GCM,…]`; a Secret with
// a top-level `sops:` block is skipped entirely). `data` values are base64, which is an
// encoding and not encryption, so they count like `stringData`. Only the core Secret
// (`apiVersion: v1`) is judged; SealedSecret, ExternalSecret and other encrypted or indirect
// kinds are what this rule recommends.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/configuration/secret/",
    "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
    "https://cwe.mitre.org/data/definitions/312.html",
    "https://cwe.mitre.org/data/definitions/798.html",
};
constexpr std::string_view kTags[] = {"security", "secrets"};
constexpr std::size_t kMaxNamedKeys = 5;

bool is_committed_value(const model::K8sSecretEntry& e) {
  const std::string& v = e.value.value;
  return !v.empty() && !is_templated(v) && !v.starts_with("ENC[");
}

void report_section(const K8sObject& obj, bool string_data, const std::optional<Span>& key,
                    Reporter& out) {
  if (!key) return;
  std::vector<std::string_view> names;
  for (const auto& e : obj.secret_entries)
    if (e.string_data == string_data && is_committed_value(e)) names.push_back(e.key.value);
  if (names.empty()) return;
  std::string listed;
  for (std::size_t i = 0; i < names.size() && i < kMaxNamedKeys; ++i)
    listed += fmt::format("{}\"{}\"", i == 0 ? "" : ", ", names[i]);
  if (names.size() > kMaxNamedKeys) listed += ", …";
  const std::string_view section = string_data ? "stringData" : "data";
  const std::string_view how = string_data ? "in plain text" : "base64-encoded, not encrypted";
  out.report(*key, fmt::format("{} commits {} {} in {} ({}), {}", obj.label(), names.size(),
                               names.size() == 1 ? "value" : "values", section, listed, how));
}

void check(const K8sDoc& doc, Reporter& out) {
  for (const K8sObject& obj : doc.objects) {
    if (obj.kind.value != "Secret" || obj.sops) continue;
    if (obj.api_version && obj.api_version->value != "v1") continue;
    report_section(obj, false, obj.data_key, out);
    report_section(obj, true, obj.string_data_key, out);
  }
}

}  // namespace

extern const Rule plaintext_secret{
    .meta = {.id = "K8S020",
             .slug = "plaintext-secret",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "Secret manifest commits its values",
             .what = "Reports a `kind: Secret` whose `data` or `stringData` holds values, one "
                     "finding per section, naming the keys. Empty values, templated values "
                     "(`{{ … }}`, `${…}`) and SOPS-encrypted Secrets are not reported. Values "
                     "are never printed.",
             .why = "`data` is only base64-encoded: anyone who can read the repository, a fork "
                    "or a CI log can decode it, and it stays in the history after it is "
                    "removed. Secrets belong in an encrypted form or outside the repository.",
             .fix = "Replace the manifest with a SealedSecret, a SOPS-encrypted file or an "
                    "ExternalSecret that pulls the value from a secret manager, or create the "
                    "Secret out of band (`kubectl create secret`). Then rotate the credentials "
                    "that were committed.",
             .bad = "apiVersion: v1\n"
                    "kind: Secret\n"
                    "metadata:\n"
                    "  name: db\n"
                    "type: Opaque\n"
                    "stringData:\n"
                    "  password: s3cr3t-prod-pw\n",
             .good = "apiVersion: external-secrets.io/v1\n"
                     "kind: ExternalSecret\n"
                     "metadata:\n"
                     "  name: db\n"
                     "spec:\n"
                     "  secretStoreRef:\n"
                     "    name: vault\n"
                     "    kind: ClusterSecretStore\n"
                     "  target:\n"
                     "    name: db\n"
                     "  data:\n"
                     "    - secretKey: password\n"
                     "      remoteRef:\n"
                     "        key: prod/db\n"
                     "        property: password\n",
             .references = kReferences,
             .tags = kTags,
             .security_severity = "8.0"},
    .check = for_format<model::K8sDoc, check>,
};

}  // namespace lintel::rules::k8s
