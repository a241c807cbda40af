// SEC013 generic-secret-assignment: a password, token, secret or API-key name assigned a
// literal that looks like a secret, in any syntax (KEY=value, key: value, "key": "value",
// key = "value", export KEY=…, --password=…, <password>…</password>, Kubernetes name/value
// env entries). The reading and its thresholds are in parsers/secrets/generic.cpp: passwords
// need 8+ characters, two character classes and 3.0 bits of entropy, tokens and keys 16+
// characters with a digit and a letter and 3.5 bits (3.0 for hex). Weak or test values
// (`password: test`, `postgres`, anything containing "password", "secret" or "test") are not
// reported: this rule hunts leaked high-entropy secrets, not weak passwords in fixtures.
// Values that a format-specific rule recognises (a valid `ghp_` token under `token:`) are that
// rule's finding, not this one's.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_generic_secret_assignment {

constexpr PeerId kPeers[] = {{"gitleaks", "generic-api-key"},
                             {"checkov", "CKV_SECRET_10"},
                             {"detect-secrets", "KeywordDetector"}};
constexpr std::string_view kReferences[] = {
    "https://cwe.mitre.org/data/definitions/259.html",
    kHardcodedCredentials,
    "https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC013", out, [](const model::SecretCandidate& c) {
    return fmt::format("\"{}\" is assigned a hard-coded {} \"{}\"", c.context, c.description,
                       c.preview);
  });
}

}  // namespace impl_generic_secret_assignment

extern const Rule generic_secret_assignment{
    .meta = {.id = "SEC013",
             .slug = "generic-secret-assignment",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Hard-coded secret assigned to a password, token or key name",
             .what = "Reports a literal that looks like a secret assigned to a name that says it holds one "
             "(password, passwd, pwd, passphrase, secret, token, api key, access key, private key, "
             "credentials), in the usual syntaxes: `KEY=value`, `export KEY=value`, `key: value`, "
             "`\"key\": \"value\"`, `key = \"value\"`, `key := \"value\"`, `--password=value`, "
             "`<password>value</password>` and Kubernetes `name:`/`value:` env entries. Passwords "
             "need at least 8 characters, two character classes and 3 bits of entropy per "
             "character; tokens and keys at least 16 characters with letters and digits and 3.5 "
             "bits. Not reported: references (`${DB_PASSWORD}`, `{{ .Values.password }}`, "
             "`secrets.X`, `config.password`, file paths, URLs), placeholders and weak or test "
             "values (`changeme`, `password123`, `test`), UUIDs, integrity hashes, public keys, "
             "names that describe a secret rather than hold one (`secretName`, `password_file`, "
             "`token_url`, `public_key`), unquoted values in source code (variables), and "
             "lockfiles.",
             .why = "Passwords and API keys written into configuration and code end up in every clone, "
             "fork, CI log and image built from the repository, and are rarely rotated afterwards.",
             .fix = "Move the value to a secret store or CI secret and read it at runtime (`password: "
             "${DB_PASSWORD}`), then rotate the value that was committed. If the value is not a "
             "secret (a fixture for tests), suppress the finding with a reason.",
             .bad = "database:\n"
             "  user: app\n"
             "  password: \"zo0Yw203LjB6iDPu0V\"\n",
             .good = "database:\n"
             "  user: app\n"
             "  password: \"${DB_PASSWORD}\"\n",
             .peers = impl_generic_secret_assignment::kPeers,
             .references = impl_generic_secret_assignment::kReferences,
             .tags = kSecretTags,
             .security_severity = "5.0",
},
    .check = impl_generic_secret_assignment::check,
};

}  // namespace lintel::rules::secrets
