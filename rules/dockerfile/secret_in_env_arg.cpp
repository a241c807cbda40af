// DF006 secret-in-env-arg: an ENV or ARG whose name says it holds a secret.
//
// The key is split into lower-cased parts on `_`, `-`, `.` and camelCase boundaries
// (`DB_PASSWORD`, `db-password`, `dbPassword` all give `db` + `password`), and a part must match
// whole, so `TOKENIZERS_PARALLELISM` and `MONKEY` are not secrets. Secret parts: password,
// passwd, pwd, pword, passphrase, secret(s), token, auth, credential(s), apikey, and `key` right
// after api, private, access, secret, client, ssh, signing or encryption. A bare `key` is not
// enough (`GPG_KEY` in the official images is a public fingerprint; BuildKit's check reports it
// and users complain).
// Not secrets:
// - keys with a `public` part (BuildKit's allow-list: `PUBLIC_KEY`);
// - keys whose last part says they describe a secret rather than hold it: `_FILE`, `_PATH`,
//   `_DIR`, `_URL`, `_URI`, `_ENDPOINT`, `_HOST`, `_PORT`, `_NAME`, `_USER`, `_USERNAME`, `_ID`,
//   `_TYPE`, `_METHOD`, `_MODE`, `_ENABLED`/`_DISABLED`, … (`TOKEN_URL`, `PASSWORD_FILE`,
//   `AUTH_USER`, `AWS_ACCESS_KEY_ID`). A user name is an identifier, not a credential;
// - `PWD` alone, the shell's working directory.
// Values:
// - a value that is only a reference (`$TOKEN`, `${TOKEN}`, `${A:-$B}`) copies another variable;
//   that variable's own ARG is where the secret enters and is where it gets reported, so the
//   copy is not reported again;
// - ENV with an empty value sets nothing and is skipped;
// - ARG is reported with or without a default: `ARG GITHUB_TOKEN` invites
//   `--build-arg GITHUB_TOKEN=…`, whose value ends up in the image history and provenance, which
//   is exactly what BuildKit's SecretsUsedInArgOrEnv reports (it ignores values entirely).
// Messages never include the value.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_secret_in_env_arg {

constexpr PeerId kPeers[] = {{"buildkit", "SecretsUsedInArgOrEnv"},
                             {"hadolint", "DL3064"},
                             {"kics", "c3e1b6ae"},
                             {"trivy", "DS-0031"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
    "https://docs.docker.com/build/building/secrets/",
    "CIS Docker Benchmark 4.10: Ensure secrets are not stored in Dockerfiles",
    "https://cwe.mitre.org/data/definitions/798.html",
    "https://cwe.mitre.org/data/definitions/538.html",
};
constexpr std::string_view kTags[] = {"security", "secrets"};

constexpr std::string_view kSecretParts[] = {
    "password", "passwd", "pwd",        "pword",       "secret",    "secrets",  "token",
    "auth",     "apikey", "credential", "credentials", "privatekey", "accesskey", "secretkey",
    "passphrase",
};
// `key` is a secret only after one of these: `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`…
constexpr std::string_view kKeyQualifiers[] = {"api",    "private", "access",  "secret",
                                               "client", "ssh",     "signing", "encryption"};
// A last part that makes the key describe a secret instead of holding it.
constexpr std::string_view kDescriptorParts[] = {
    "file", "path",   "dir",  "directory", "url",    "uri",      "endpoint", "host",
    "port", "name",   "user", "username",  "id",     "type",     "method",   "mode",
    "enabled", "disabled", "enable", "disable", "required", "length", "prefix",
    "version", "ttl", "expiry", "timeout",
};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view word) {
  for (const std::string_view w : list)
    if (w == word) return true;
  return false;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// `DB_PASSWORD` → {db, password}; `dbPassword` → {db, password}; `APIKey` → {apikey}.
std::vector<std::string> key_parts(std::string_view key) {
  std::vector<std::string> parts;
  std::string current;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == '_' || c == '-' || c == '.') {
      if (!current.empty()) parts.push_back(ascii_lower(current));
      current.clear();
      continue;
    }
    if (is_upper(c) && i > 0 && is_lower_or_digit(key[i - 1]) && !current.empty()) {
      parts.push_back(ascii_lower(current));
      current.clear();
    }
    current += c;
  }
  if (!current.empty()) parts.push_back(ascii_lower(current));
  return parts;
}

bool names_secret(std::string_view key) {
  const std::vector<std::string> parts = key_parts(key);
  if (parts.empty()) return false;
  if (parts.size() == 1 && parts[0] == "pwd") return false;
  if (contains(kDescriptorParts, parts.back())) return false;
  bool secret = false;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == "public") return false;
    if (contains(kSecretParts, parts[i])) secret = true;
    if (parts[i] == "key" && i > 0 && contains(kKeyQualifiers, parts[i - 1])) secret = true;
  }
  return secret;
}

bool is_name_char(char c) {
  return is_lower_or_digit(c) || is_upper(c) || c == '_';
}

bool is_pure_reference(std::string_view value);

// The end of the `$NAME` or `${NAME…}` reference starting at `pos`, or npos when there is none
// or its operand holds literal text (`${TOKEN:-hunter2}` carries a default).
std::size_t reference_end(std::string_view value, std::size_t pos) {
  if (pos + 1 >= value.size() || value[pos] != '$') return std::string_view::npos;
  if (value[pos + 1] != '{') {
    std::size_t end = pos + 1;
    while (end < value.size() && is_name_char(value[end])) ++end;
    return end > pos + 1 ? end : std::string_view::npos;
  }
  std::size_t depth = 0;
  std::size_t close = std::string_view::npos;
  for (std::size_t i = pos + 1; i < value.size(); ++i) {
    if (value[i] == '{') ++depth;
    if (value[i] == '}' && --depth == 0) {
      close = i;
      break;
    }
  }
  if (close == std::string_view::npos) return close;
  const std::string_view body = value.substr(pos + 2, close - pos - 2);
  std::size_t name_end = 0;
  while (name_end < body.size() && is_name_char(body[name_end])) ++name_end;
  if (name_end == 0) return std::string_view::npos;
  std::string_view rest = body.substr(name_end);
  if (rest.empty() || rest.starts_with('?') || rest.starts_with(":?")) return close + 1;
  if (rest.starts_with(':')) rest.remove_prefix(1);
  if (rest.empty() || (rest[0] != '-' && rest[0] != '+' && rest[0] != '=')) {
    return std::string_view::npos;
  }
  const std::string_view operand = rest.substr(1);
  return operand.empty() || is_pure_reference(operand) ? close + 1 : std::string_view::npos;
}

// Only references, no literal text: `$A`, `${A}`, `${A}${B}`, `${A:-$B}`.
bool is_pure_reference(std::string_view value) {
  if (value.empty()) return false;
  std::size_t pos = 0;
  while (pos < value.size()) {
    pos = reference_end(value, pos);
    if (pos == std::string_view::npos) return false;
  }
  return true;
}

void check_pair(const Instruction& ins, const model::KeyValue& pair, Reporter& out) {
  if (!names_secret(pair.key.value)) return;
  const bool has_value = pair.value && !pair.value->value.empty();
  if (has_value && is_pure_reference(pair.value->value)) return;
  const std::string& key = pair.key.value;
  if (ins.kind == InstructionKind::env) {
    if (!has_value) return;
    out.report(pair.key.span,
               fmt::format("ENV \"{}\" stores a secret in the image configuration", key));
  } else if (has_value) {
    out.report(pair.key.span,
               fmt::format("ARG \"{}\" gives a secret a hard-coded default in the Dockerfile", key));
  } else {
    out.report(pair.key.span,
               fmt::format("ARG \"{}\" passes a secret as a build argument, which is recorded in "
                           "the image history",
                           key));
  }
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_instruction(doc, [&out](const Instruction& ins) {
    if (ins.kind != InstructionKind::env && ins.kind != InstructionKind::arg) return;
    for (const model::KeyValue& pair : ins.pairs) check_pair(ins, pair, out);
  });
}

}  // namespace impl_secret_in_env_arg

extern const Rule secret_in_env_arg{
    .meta = {.id = "DF006",
             .slug = "secret-in-env-arg",
             .severity = Severity::error,
             .format = Format::dockerfile,
             .summary = "ENV or ARG name suggests it holds a secret",
             .what = "Reports `ENV` and `ARG` instructions (also inside `ONBUILD`) whose key names "
                     "a secret: a word of the key is password, passwd, pwd, secret, token, auth, "
                     "credential(s) or apikey, or `key` follows api, private, access, secret or "
                     "client (`DB_PASSWORD`, `npmAuthToken`, `AWS_SECRET_ACCESS_KEY`). Keys that "
                     "describe a secret rather than hold it (`*_FILE`, `*_PATH`, `*_URL`, "
                     "`*_USER`, `*_ID`…), keys with a `public` word, and values that only "
                     "reference another variable (`${TOKEN}`) are not reported. An `ARG` is "
                     "reported even without a default, since its value is passed with "
                     "`--build-arg`.",
             .why = "`ENV` values are stored in the image configuration and shown by `docker "
                    "inspect` to anyone who can pull the image. Build arguments end up in the "
                    "image history and in build provenance, and a default value is committed "
                    "with the Dockerfile. Either way the secret outlives the build and spreads to "
                    "every registry and cache the image reaches.",
             .fix = "Pass build-time secrets with a secret mount: `RUN "
                    "--mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci` and `docker build "
                    "--secret id=npm_token,env=NPM_TOKEN`. Provide runtime secrets when the "
                    "container starts (orchestrator secrets, `docker run --env-file`), or point "
                    "the application at a file with a `*_FILE` variable.",
             .bad = "FROM node:22-alpine\n"
                    "ARG NPM_TOKEN\n"
                    "RUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci\n",
             .good = "FROM node:22-alpine\n"
                     "RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\n",
             .peers = impl_secret_in_env_arg::kPeers,
             .references = impl_secret_in_env_arg::kReferences,
             .tags = impl_secret_in_env_arg::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::DockerfileDoc, impl_secret_in_env_arg::check>,
};

}  // namespace lintel::rules::dockerfile
