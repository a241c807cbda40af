// Shared Kubernetes rule predicates that are too large to live inline in common.hpp.
#include "rules/k8s/common.hpp"

#include <vector>

namespace lintel::rules::k8s {
namespace impl_common {

constexpr std::string_view kSecretWords[] = {
    "password",    "passwd",     "pwd",       "pword",     "secret",
    "secrets",     "token",      "auth",      "apikey",    "credential",
    "credentials", "privatekey", "accesskey", "secretkey", "passphrase",
};
// `key` is a secret only after one of these: `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`…
constexpr std::string_view kKeyQualifiers[] = {"api",    "private", "access",  "secret",
                                               "client", "ssh",     "signing", "encryption"};
// A last word that makes the name describe a secret instead of holding it.
constexpr std::string_view kDescriptorWords[] = {
    "file",    "path",     "dir",     "directory", "url",      "uri",    "endpoint", "host",
    "port",    "name",     "user",    "username",  "id",       "type",   "method",   "mode",
    "enabled", "disabled", "enable",  "disable",   "required", "length", "prefix",   "version",
    "ttl",     "expiry",   "timeout", "ref",       "location", "source", "provider", "mount",
};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view word) {
  for (const std::string_view w : list)
    if (w == word) return true;
  return false;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (is_upper(c)) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// `DB_PASSWORD` → {db, password}; `dbPassword` → {db, password}; `APIKey` → {apikey}.
std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '_' || c == '-' || c == '.') {
      if (!current.empty()) out.push_back(lower(current));
      current.clear();
      continue;
    }
    if (is_upper(c) && i > 0 && is_lower_or_digit(name[i - 1]) && !current.empty()) {
      out.push_back(lower(current));
      current.clear();
    }
    current += c;
  }
  if (!current.empty()) out.push_back(lower(current));
  return out;
}

}  // namespace impl_common

std::vector<std::string> name_words(std::string_view name) { return impl_common::words(name); }

bool names_secret(std::string_view name) {
  const std::vector<std::string> parts = impl_common::words(name);
  if (parts.empty()) return false;
  if (parts.size() == 1 && parts[0] == "pwd") return false;
  if (impl_common::contains(impl_common::kDescriptorWords, parts.back())) return false;
  // `DB_PASS`, `SMTP_PW`: abbreviations that only mean a password as the last word (`PASS_THROUGH`
  // is not one).
  bool secret = parts.size() > 1 && (parts.back() == "pass" || parts.back() == "pw");
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (parts[i] == "public") return false;
    if (impl_common::contains(impl_common::kSecretWords, parts[i])) secret = true;
    if (parts[i] == "key" && i > 0 && impl_common::contains(impl_common::kKeyQualifiers, parts[i - 1])) secret = true;
  }
  return secret;
}

}  // namespace lintel::rules::k8s
