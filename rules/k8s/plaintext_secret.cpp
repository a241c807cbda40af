// K8S020 plaintext-secret: a `kind: Secret` committed with values in `data` or `stringData`.
//
// One finding per section (`data`, `stringData`) that holds at least one real value, on the
// section's key, naming the keys (never the values). A value does not count when it is empty,
// when it is a template or variable (`{{ .Values.password }}`, `${DB_PASSWORD}`: the secret is
// supplied at render time), or when it is SOPS ciphertext (`ENC[AES256_GCM,…]`; a Secret with
// a top-level `sops:` block is skipped entirely). `data` values are base64, which is an
// encoding and not encryption, so they count like `stringData`. Nor do plain settings that
// travel with credentials (`url`, `type`, `name`, `project`, `enableOCI`… without credentials in
// the value; see is_plain_setting): an Argo CD repository Secret holding only a public chart
// URL commits nothing secret. Only the core Secret
// (`apiVersion: v1`) is judged; SealedSecret, ExternalSecret and other encrypted or indirect
// kinds are what this rule recommends.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <optional>

#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_plaintext_secret {

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

// The value of a base64 digit (standard or URL-safe alphabet), or -1.
int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

// Decoded base64 (padding and line breaks ignored); nullopt when the text is not base64.
std::optional<std::string> decode_base64(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    if (c == '=' || c == '\n' || c == '\r' || c == ' ') continue;
    const int digit = base64_digit(c);
    if (digit < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFFu);
    }
  }
  return out;
}

// Whether an entry is a setting that travels with credentials rather than a credential: Argo CD
// repository Secrets carry `url`, `type`, `name` and `project` beside the password, and some
// (`type: helm`, `url: https://charts.example`) carry nothing else. The key must name such a
// setting (last word url, uri, endpoint, host, name, type, project, namespace, region, id,
// or a first word enable, use or insecure; `user_name` is half a credential and not one), must
// not name a secret, and the value must hold
// no URL credentials (`https://user:pass@host`), which is checked after decoding `data`.
bool is_plain_setting(const model::K8sSecretEntry& e) {
  if (names_secret(e.key.value)) return false;
  const std::vector<std::string> ws = name_words(e.key.value);
  if (ws.empty()) return false;
  constexpr std::string_view kLast[] = {"url",     "uri",     "endpoint", "host",
                                        "name",    "type",    "project",  "namespace",
                                        "region",  "id",      "insecure", "enabled"};
  constexpr std::string_view kFirst[] = {"enable", "use", "insecure"};
  const auto in = [](const auto& list, std::string_view w) {
    return std::find(std::begin(list), std::end(list), w) != std::end(list);
  };
  if (!in(kLast, ws.back()) && !in(kFirst, ws.front())) return false;
  if (ws.size() > 1 && ws.back() == "name" && ws[ws.size() - 2] == "user") return false;
  const std::optional<std::string> text =
      e.string_data ? std::optional<std::string>(e.value.value) : decode_base64(e.value.value);
  if (!text) return false;
  const std::size_t scheme = text->find("://");
  return scheme == std::string::npos || text->find('@', scheme) == std::string::npos;
}

void report_section(const K8sObject& obj, bool string_data, const std::optional<Span>& key,
                    Reporter& out) {
  if (!key) return;
  std::vector<std::string_view> names;
  for (const auto& e : obj.secret_entries)
    if (e.string_data == string_data && is_committed_value(e) && !is_plain_setting(e))
      names.push_back(e.key.value);
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

}  // namespace impl_plaintext_secret

extern const Rule plaintext_secret{
    .meta = {.id = "K8S020",
             .slug = "plaintext-secret",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "Secret manifest commits its values",
             .what = "Reports a `kind: Secret` whose `data` or `stringData` holds values, one "
                     "finding per section, naming the keys. Empty values, templated values "
                     "(`{{ … }}`, `${…}`) and SOPS-encrypted Secrets are not reported, nor are "
                     "plain settings kept beside credentials (`url`, `type`, `name`, "
                     "`project`, `enable…` keys whose value holds no `user:password@`). "
                     "Values are never printed.",
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
             .references = impl_plaintext_secret::kReferences,
             .tags = impl_plaintext_secret::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::K8sDoc, impl_plaintext_secret::check>,
};

}  // namespace lintel::rules::k8s
