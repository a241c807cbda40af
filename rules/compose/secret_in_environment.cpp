// DC006 secret-in-environment: an `environment` entry puts a literal secret in the file.
//
// The key must name a secret (names_secret in common.hpp: a whole word such as password, secret,
// token, credentials, api key; not `*_FILE`, `*_PATH`, `*_URL`, `*_USER`…), and the value must be
// literal text written in the file. Not reported:
// - `KEY` alone (list form) or `KEY:` with no value: passed through from the shell;
// - empty values (`KEY: ""`, `KEY=`);
// - values that are only variable references (`${DB_PASSWORD}`, `$TOKEN`, `${A:-}`): the secret
//   lives elsewhere (the `.env` file, the shell, a CI secret). A reference with a literal default
//   (`${DB_PASSWORD:-hunter2}`) still commits that default and is reported;
// - values whose only literal characters glue references together (`${USER}:${PASSWORD}`);
// - booleans (`true`/`false`/`yes`/`no`) and one- or two-digit numbers (`JEAN_NO_TOKEN=0`),
//   which switch a feature rather than hold a secret;
// - placeholders (`<token>`, `your-api-key`), and paths (`/run/secrets/db`, `file:///…`), which
//   point at the secret.
// Weak literal defaults such as `${DB_PASSWORD:-changeme}` are reported: a default credential
// that works is exactly what an attacker tries first.
// Reported on the key; the message never contains the value.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_secret_in_environment {

constexpr PeerId kPeers[] = {{"kics", "487f4be7"}, {"kics", "3e2d3b2f"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/compose/how-tos/use-secrets/",
    "https://docs.docker.com/reference/compose-file/services/#environment",
    "https://cwe.mitre.org/data/definitions/798.html",
};
constexpr std::string_view kTags[] = {"security", "secrets"};

bool is_boolean_word(std::string_view v) {
  const std::string l = dockerfile::ascii_lower(v);
  return l == "true" || l == "false" || l == "yes" || l == "no" || l == "on" || l == "off";
}

bool has_alnum(std::string_view s) {
  for (const char c : s)
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return false;
}

// `0`, `1`, `42`: a switch or a count, not a credential.
bool is_small_number(std::string_view v) {
  if (v.empty() || v.size() > 2) return false;
  for (const char c : v)
    if (c < '0' || c > '9') return false;
  return true;
}

// `<your token>`, `your-api-key`, `your_password_here`: a placeholder to replace.
bool is_placeholder(std::string_view v) {
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') return true;
  const std::string l = dockerfile::ascii_lower(v);
  return l.starts_with("your-") || l.starts_with("your_");
}

bool is_literal_secret(const ComposeValue& value) {
  if (value.text.value.empty() || value.only_references) return false;
  // `${DB_USER}:${DB_PASSWORD}`: only glue between references is literal.
  if (!has_alnum(value.literal_text)) return false;
  const std::string v = value.resolved.value_or(value.literal_text);
  if (v.empty() || is_boolean_word(v) || is_small_number(v) || is_placeholder(v)) return false;
  // A path to the secret (`/run/secrets/db`, `file:///…`), not the secret.
  return !v.starts_with('/') && !v.starts_with("file://");
}

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_local(svc)) continue;
    for (const model::ComposeEnvVar& e : svc.environment) {
      if (!e.value || !names_secret(e.key.value) || !is_literal_secret(*e.value)) continue;
      out.report(e.key.span,
                 fmt::format("{} sets the secret-like variable \"{}\" to a literal value in the "
                             "compose file",
                             service_label(svc), e.key.value));
    }
  }
}

}  // namespace impl_secret_in_environment

extern const Rule secret_in_environment{
    .meta = {.id = "DC006",
             .slug = "secret-in-environment",
             .severity = Severity::error,
             .format = Format::compose,
             .summary = "Service environment hard-codes a secret",
             .what = "Reports an `environment` entry (map or list form) whose variable name says "
                     "it holds a secret (password, secret, token, credentials, API or private "
                     "key…) and whose value is written literally in the file, including the "
                     "literal default of `${VAR:-default}`. Names that describe a secret rather "
                     "than hold it (`*_FILE`, `*_PATH`, `*_URL`, `*_USER`), empty values, "
                     "booleans and pure references such as `${DB_PASSWORD}` are not reported.",
             .why = "A compose file is committed, copied and shared; a password in it is "
                    "readable by everyone with access to the repository and its history, and "
                    "the value also shows up in `docker inspect` for anyone who can reach the "
                    "Docker API.",
             .fix = "Reference a variable and keep the value out of the repository "
                    "(`POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}` with `.env` in "
                    "`.gitignore`), or use Compose `secrets:` and the image's `*_FILE` variant "
                    "(`POSTGRES_PASSWORD_FILE: /run/secrets/db_password`). Rotate any secret "
                    "that was committed.",
             .bad = "services:\n"
                    "  db:\n"
                    "    image: postgres:16.4\n"
                    "    environment:\n"
                    "      POSTGRES_PASSWORD: hunter2\n",
             .good = "services:\n"
                     "  db:\n"
                     "    image: postgres:16.4\n"
                     "    environment:\n"
                     "      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
             .peers = impl_secret_in_environment::kPeers,
             .references = impl_secret_in_environment::kReferences,
             .tags = impl_secret_in_environment::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::ComposeDoc, impl_secret_in_environment::check>,
};

}  // namespace lintel::rules::compose
