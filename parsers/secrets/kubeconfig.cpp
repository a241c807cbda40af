// SEC016: a kubeconfig (`kind: Config`, or a kubeconfig file name) whose `users[].user` embeds
// a credential: `client-key-data` (a base64 private key), `token`, `password`, or an
// auth-provider's `client-secret`, `refresh-token`, `access-token` or `id-token`. Users that
// point at files (`client-key`, `tokenFile`) or run a plugin (`exec`) hold no secret, and
// `kubectl config view`'s masks (`DATA+OMITTED`, `REDACTED`) are placeholders.
#include "analyzer/model/secrets.hpp"
#include "parsers/secrets/checks.hpp"
#include "parsers/secrets/detail.hpp"
#include "parsers/yaml/parser.hpp"

namespace lintel::parsers::secrets {

namespace {

// A top-level `kind: Config` line (quotes allowed).
bool has_kind_config(std::string_view text) {
  std::size_t pos = 0;
  while ((pos = text.find("kind:", pos)) != std::string_view::npos) {
    const bool line_start = pos == 0 || text[pos - 1] == '\n';
    pos += 5;
    if (!line_start) continue;
    std::size_t i = pos;
    while (i < text.size() && (is_space(text[i]) || text[i] == '"' || text[i] == '\'')) ++i;
    if (text.substr(i, 6) != "Config") continue;
    i += 6;
    while (i < text.size() && (is_space(text[i]) || text[i] == '"' || text[i] == '\'' || text[i] == '\r')) ++i;
    if (i == text.size() || text[i] == '\n' || text[i] == '#') return true;
  }
  return false;
}

void check_field(const model::yaml::Node& owner, std::string_view field,
                 std::string_view user_name, std::string_view description,
                 std::vector<Found>& out) {
  const auto pair = owner.find_pair(field);
  if (!pair) return;
  const model::yaml::Node& value = pair->value;
  if (!value.is_scalar() || value.is_null() || value.is_from_alias()) return;
  const std::string_view text = value.text();
  if (text.empty() || is_placeholder(text) || text == "DATA+OMITTED") return;
  Found f;
  f.rule = "SEC016";
  f.description = description;
  f.priority = kStructured;
  f.secret = value.content_span();
  f.match = pair->key.span().cover(value.span());
  f.at = value.span();
  f.context = std::string(user_name.substr(0, 64));
  f.secret_text = std::string(text);
  out.push_back(std::move(f));
}

}  // namespace

void find_kubeconfig(const SourceFile& file, std::vector<Found>& out) {
  const std::string_view text = file.text();
  const bool by_name = model::is_kubeconfig_name(file.path());
  if (!by_name && !has_kind_config(text)) return;
  if (text.find("users") == std::string_view::npos) return;
  const auto parsed = parse_yaml(file);
  for (const auto& doc : parsed.doc) {
    const model::yaml::Node root = doc.root;
    if (!root.is_mapping()) continue;
    if (!by_name && root.find("kind").text() != "Config") continue;
    for (const model::yaml::Node item : root.find("users").items()) {
      const std::string_view name = item.find("name").text();
      const model::yaml::Node user = item.find("user");
      if (!user.is_mapping()) continue;
      check_field(user, "client-key-data", name, "client-key-data", out);
      check_field(user, "token", name, "token", out);
      check_field(user, "password", name, "password", out);
      const model::yaml::Node config = user.find("auth-provider").find("config");
      if (!config.is_mapping()) continue;
      for (std::string_view field : {"client-secret", "refresh-token", "access-token", "id-token"})
        check_field(config, field, name, field, out);
    }
  }
}

}  // namespace lintel::parsers::secrets
