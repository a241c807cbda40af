// SEC012 url-credentials: `scheme://user:password@host` with a literal password, and
// `?password=…` query parameters in a URL.
//
// Silent on: variables and templates (`${DB_PASS}`, `$(PASS)`, `{{ .Password }}`, `%s`), an
// empty password (`user:@host`), placeholder words (password, secret, changeme, xxx), a password
// equal to the user name (documented defaults such as `guest:guest`), documentation hosts
// (example.com/.org/.net, `host`), `x-oauth-basic` (the secret is then the user name, a token
// SEC003 reports), a port read as a password, and URLs without a password (`postgres://app@db`).
// No entropy bar: real database passwords are often short. The message shows the scheme and
// host, never the user name (which may itself be a token).
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_url_credentials {

constexpr PeerId kPeers[] = {{"checkov", "CKV_SECRET_4"},
                             {"detect-secrets", "BasicAuthDetector"}};
constexpr std::string_view kReferences[] = {
    "https://datatracker.ietf.org/doc/html/rfc3986#section-3.2.1",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC012", out, [](const model::SecretCandidate& c) {
    if (c.context.find("://") == std::string::npos)  // a query parameter: context is its name
      return fmt::format("URL query parameter \"{}\" holds a literal password \"{}\"", c.context,
                         c.preview);
    return fmt::format("URL \"{}\" holds a literal password \"{}\"", c.context, c.preview);
  });
}

}  // namespace impl_url_credentials

extern const Rule url_credentials{
    .meta = {.id = "SEC012",
             .slug = "url-credentials",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Literal password in a URL",
             .what = "Reports URLs of the form `scheme://user:password@host` (database, message broker, "
             "registry, git and HTTP URLs) whose password is a literal, and `?password=…` query "
             "parameters in URLs. Not reported: variables and templates (`${DB_PASS}`, `{{ "
             ".Password }}`), an empty password, placeholder words (`password`, `changeme`, "
             "`xxx`), a password equal to the user name (documented defaults like `guest:guest`), "
             "documentation hosts such as example.com, and URLs without a password "
             "(`postgres://app@db`).",
             .why = "Connection URLs are logged, printed in error messages and copied from file to file; "
             "a password inside one is exactly as public as the least protected copy, and database "
             "passwords are rarely rotated.",
             .fix = "Build the URL at runtime from a secret (an environment variable or a mounted secret "
             "file), or pass the password through the client's separate option; then rotate the "
             "password that was committed.",
             .bad = "DATABASE_URL=postgres://app:CmnI4SJ2JvyPetLU@db.internal:5432/app\n",
             .good = "DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app\n",
             .peers = impl_url_credentials::kPeers,
             .references = impl_url_credentials::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_url_credentials::check,
};

}  // namespace lintel::rules::secrets
