// Predicates shared by at least two Compose rules.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::compose {

using model::ComposeDoc;
using model::ComposeService;
using model::ComposeValue;

// `service "web"`, for messages.
[[nodiscard]] inline std::string service_label(const ComposeService& svc) {
  return fmt::format("service \"{}\"", svc.name.value);
}

// A service whose findings belong to this file: not from an `include:` file.
[[nodiscard]] inline bool is_local(const ComposeService& svc) { return !svc.included; }

// A local service complete enough for "missing X" checks: it has an image or a build, and its
// `extends` chain (if any) was resolved, so no unseen base could supply the missing key.
[[nodiscard]] inline bool is_judgeable(const ComposeService& svc) {
  if (svc.included || svc.is_fragment()) return false;
  return !svc.extends || svc.extends->resolved;
}

// Two services can run at the same time: not both restricted to disjoint sets of `profiles`
// (a `dev` and a `prod` variant of one service never start together). Unknown profile names
// count as possibly shared.
[[nodiscard]] inline bool can_run_together(const ComposeService& a, const ComposeService& b) {
  if (a.profiles.empty() || b.profiles.empty()) return true;
  for (const ComposeValue& pa : a.profiles) {
    for (const ComposeValue& pb : b.profiles)
      if (!pa.resolved || !pb.resolved || *pa.resolved == *pb.resolved) return true;
  }
  return false;
}

// --- the Dockerfile a service builds (DC003, DC004, DC008) ---

enum class Answer : std::uint8_t { yes, no, unknown };

struct BuiltStage {
  const model::DockerfileDoc* dockerfile = nullptr;
  const model::Stage* stage = nullptr;  // the `target` stage, or the final one
  std::string path;                     // the Dockerfile, relative to the compose file
};

// The stage a service's `build:` produces, through the engine's project view. nullopt when it
// cannot be known: no build, a remote context, an unresolved variable, a Dockerfile that is not
// there, or a `target` naming no stage.
[[nodiscard]] inline std::optional<BuiltStage> built_stage(const ComposeService& svc,
                                                           const RuleContext& ctx,
                                                           const Document& document) {
  if (!svc.build || !svc.build->dockerfile_path) return std::nullopt;
  const model::DockerfileDoc* df = ctx.project.dockerfile(document, *svc.build->dockerfile_path);
  if (df == nullptr || df->stages.empty()) return std::nullopt;
  BuiltStage out{df, df->final_stage(), *svc.build->dockerfile_path};
  if (const auto& target = svc.build->target) {
    if (!target->resolved) return std::nullopt;
    out.stage = nullptr;
    for (const model::Stage& s : df->stages)
      if (s.name && dockerfile::equals_ignore_case(s.name->value, *target->resolved)) out.stage = &s;
    if (out.stage == nullptr) return std::nullopt;
  }
  return out;
}

// Whether the built stage declares a working health check (its own or inherited along
// `FROM <stage>`); `HEALTHCHECK NONE` is no health check.
[[nodiscard]] inline Answer has_healthcheck(const BuiltStage& built) {
  const model::Instruction* hc = dockerfile::last_in_chain(*built.dockerfile, *built.stage,
                                                            model::InstructionKind::healthcheck);
  if (hc == nullptr) return Answer::no;
  if (!hc->exec_form && !hc->words.empty() &&
      dockerfile::equals_ignore_case(hc->words.front().value, "none"))
    return Answer::no;
  return Answer::yes;
}

// Whether the built stage runs as root: its effective USER is root/0 (any group), or there is
// no USER and the chain's base image tag does not say `nonroot`. Unknown for `USER $VAR` with no
// known value.
[[nodiscard]] inline Answer runs_as_root(const BuiltStage& built) {
  const model::Instruction* user = dockerfile::last_in_chain(*built.dockerfile, *built.stage,
                                                              model::InstructionKind::user);
  if (user != nullptr) {
    if (!user->user || user->user->unresolved) return Answer::unknown;
    const model::UserSpec& spec = *user->user;
    const std::string& name = spec.resolved_user.empty() ? spec.user.value : spec.resolved_user;
    return dockerfile::is_root_user_name(name) ? Answer::yes : Answer::no;
  }
  const model::Stage* base = dockerfile::stage_chain(*built.dockerfile, *built.stage).back();
  if (base->image.tag && dockerfile::ascii_lower(*base->image.tag).find("nonroot") != std::string::npos)
    return Answer::no;
  return Answer::yes;
}

// The service has a health check that Compose runs: its own `healthcheck` (not disabled), or,
// without one, a HEALTHCHECK in the Dockerfile it builds. Unknown for an image lintel cannot
// see or an unresolved build.
[[nodiscard]] inline Answer service_has_healthcheck(const ComposeService& svc,
                                                    const RuleContext& ctx,
                                                    const Document& document) {
  if (svc.healthcheck) {
    if (svc.healthcheck->disabled()) return Answer::no;
    if (!svc.healthcheck->test.empty()) return Answer::yes;
    // `healthcheck:` with only timings keeps the image's test.
  }
  if (const auto built = built_stage(svc, ctx, document)) return has_healthcheck(*built);
  return Answer::unknown;
}

// --- secret-looking variable names (DC006) ---

namespace detail {

inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// `DB_PASSWORD` → {db, password}; `dbPassword` → {db, password}; `APIKey` → {apikey}.
inline std::vector<std::string> key_words(std::string_view key) {
  std::vector<std::string> words;
  std::string current;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == '_' || c == '-' || c == '.') {
      if (!current.empty()) words.push_back(dockerfile::ascii_lower(current));
      current.clear();
      continue;
    }
    if (is_upper(c) && i > 0 && is_lower_or_digit(key[i - 1]) && !current.empty()) {
      words.push_back(dockerfile::ascii_lower(current));
      current.clear();
    }
    current += c;
  }
  if (!current.empty()) words.push_back(dockerfile::ascii_lower(current));
  return words;
}

inline constexpr std::string_view kSecretWords[] = {
    "password", "passwd", "pwd", "pword", "pass", "passphrase", "secret", "secrets", "token",
    "credential", "credentials", "apikey", "privatekey", "accesskey", "secretkey"};
inline constexpr std::string_view kKeyQualifiers[] = {
    "api", "private", "access", "secret", "client", "ssh", "signing", "encryption", "master"};
inline constexpr std::string_view kDescriptors[] = {
    "file",    "path",    "dir",      "directory", "url",     "uri",     "endpoint", "host",
    "port",    "name",    "user",     "username",  "id",      "type",    "method",   "mode",
    "enabled", "disabled", "enable",  "disable",   "required", "length", "prefix",   "version",
    "ttl",     "expiry",  "expires",  "timeout",   "lifetime", "algorithm", "policy", "provider",
    "header",  "location", "format",  "field",     "env",     "rotation", "interval", "days",
    "hours",   "minutes", "seconds",  "size",      "min",     "max",     "reset",    "store",
    "limit",   "limits",  "rate",     "users",     "count",   "hash",    "encoding"};

template <std::size_t N>
bool is_one_of(const std::string_view (&list)[N], std::string_view word) {
  for (const std::string_view w : list)
    if (w == word) return true;
  return false;
}

}  // namespace detail

// A variable name that says it holds a secret. The name is split into lower-cased words on `_`,
// `-`, `.` and camelCase, and a word must match whole (`TOKENIZERS_PARALLELISM` is no token):
// password, passwd, pwd, pass, passphrase, secret, token, credential(s), apikey…, or `key` after
// api, private, access, secret, client, ssh, signing, encryption, master. `auth` alone is not
// enough: in compose files it mostly names a mode (`REGISTRY_AUTH=htpasswd`, `ENABLE_AUTH=0`).
// Not secrets: names with a `public` word, and names where a word after the last secret word says
// they describe a secret rather than hold it (`*_FILE`, `*_PATH`, `*_URL`, `*_USER`, `*_ID`,
// `PASSWORD_MIN_LENGTH`, `TOKEN_EXPIRES_IN`, `API_KEY_RATE_LIMIT`; `PASSWORD_RESET_TOKEN` is a
// secret), and `PWD` alone.
[[nodiscard]] inline bool names_secret(std::string_view key) {
  const std::vector<std::string> words = detail::key_words(key);
  if (words.empty()) return false;
  if (words.size() == 1 && words[0] == "pwd") return false;
  std::optional<std::size_t> last_secret;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "public") return false;
    if (detail::is_one_of(detail::kSecretWords, words[i]) ||
        (words[i] == "key" && i > 0 && detail::is_one_of(detail::kKeyQualifiers, words[i - 1])))
      last_secret = i;
  }
  if (!last_secret) return false;
  for (std::size_t i = *last_secret + 1; i < words.size(); ++i)
    if (detail::is_one_of(detail::kDescriptors, words[i])) return false;
  return true;
}

}  // namespace lintel::rules::compose
