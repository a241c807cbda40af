// SEC001 private-key: PEM and OpenSSH private key blocks.
//
// The scanner matches `-----BEGIN [TYPE ]PRIVATE KEY[ BLOCK]-----`, then looks for the matching
// END line within 64 KiB and reads the body line by line: real line breaks or `\n` escapes (a
// key inside a JSON string or a code literal), indentation (a YAML block scalar), quotes and
// concatenation operators are skipped. The body must be base64 (RFC 1421 headers such as
// `Proc-Type:` allowed), at least 64 characters and not a placeholder. So an elided example
// (`MIIE...`), two markers with code between them (a PEM parser's constants) and public keys or
// certificates are not reported. Encrypted keys are reported: the passphrase is often weak or
// committed next to them. The finding points at the BEGIN line. A key inside a Google
// service-account JSON file is SEC007's.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_private_key {

constexpr PeerId kPeers[] = {{"gitleaks", "private-key"},
                             {"checkov", "CKV_SECRET_13"},
                             {"detect-secrets", "PrivateKeyDetector"}};
constexpr std::string_view kReferences[] = {
    "https://cwe.mitre.org/data/definitions/321.html",
    kHardcodedCredentials,
    "https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning",
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC001", out, [](const model::SecretCandidate& c) {
    return fmt::format("{} \"{}\" is committed", c.description, c.context);
  });
}

}  // namespace impl_private_key

extern const Rule private_key{
    .meta = {.id = "SEC001",
             .slug = "private-key",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Private key block committed",
             .what = "Reports PEM and OpenSSH private key blocks (`-----BEGIN RSA PRIVATE KEY-----`, "
             "`-----BEGIN PRIVATE KEY-----`, `-----BEGIN OPENSSH PRIVATE KEY-----`, EC, DSA, "
             "encrypted and PGP blocks) in any text file, including keys inside YAML block "
             "scalars, JSON strings with `\\n` escapes and string literals in code. The finding "
             "points at the BEGIN line. Bodies that are elided (`...`), shorter than 64 base64 "
             "characters or interleaved with code are not keys; public keys and certificates are "
             "never reported. A key in a Google service-account JSON file is reported by SEC007.",
             .why = "Whoever can read the repository, any fork, clone or CI cache of it can use the key: "
             "log in over SSH, impersonate a TLS server, sign artifacts or decrypt data. Deleting "
             "the file later does not help, because the key stays in the git history.",
             .fix = "Treat the key as compromised: revoke it (remove it from authorized_keys, revoke its "
             "certificate) and create a new one. Delete the file from the repository (rewrite "
             "history with git filter-repo if it was ever public), load keys at runtime from a "
             "secret manager or a mounted secret, and add key files (`*.pem`, `id_*`) to "
             ".gitignore.",
             .bad = "-----BEGIN RSA PRIVATE KEY-----\n"
             "MIIENvLeScQ2dCLIGomOlWUVAetcVzLvVQF/B6RGtgOHFAT3TTW+8+LSW/EMe6/t\n"
             "zfqaaeXs5s6Vlte0RlDcpP1rG5A8P2C6KFuHRFFTlIErO+AH80BLu6iRYe82IH9U\n"
             "VS+Py2Zlm5sGZo2eU86B+ezSpwMVSSnADhPd6W5vrD1MqCOBqFWg2TGXMjjHVb2h\n"
             "qzQbZlW93IiYveqjR+YSSKABeGoqMbjrEOAubGpk0cTTK4g1sr8b9Lnwdixj7HXQ\n"
             "-----END RSA PRIVATE KEY-----\n",
             .good = "-----BEGIN PUBLIC KEY-----\n"
             "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEz3k9qG8kqN2vQ1T6dXWbYp4R7cJfHs0L\n"
             "-----END PUBLIC KEY-----\n",
             .peers = impl_private_key::kPeers,
             .references = impl_private_key::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_private_key::check,
};

}  // namespace lintel::rules::secrets
