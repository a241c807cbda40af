// SEC013: a secret-named key assigned a high-entropy literal, read by hand around a keyword hit
// (a regex cannot follow the quoting rules of a dozen syntaxes without backreferences):
//
//   KEY=value  export KEY=value  key: value  "key": "value"  key = "value"  key := "value"
//   key => 'value'  ['key'] = 'value'  define('KEY', 'value')  --key=value  --key value
//   <key>value</key>  ENV KEY value  - name: KEY / value: value (Kubernetes env lists)
//
// and `?password=…` in a URL query, which is SEC012's.
//
// The key decides the bar. Keys naming a password (password, passwd, passphrase, pwd, pass)
// need at least 8 characters, two character classes and 3.0 bits of entropy per character;
// keys naming a token, secret, API/access/private key or credential need 16 characters, a
// digit and a letter, and 3.5 bits (3.0 for hex). So `password: test` and
// `password: postgres` are not reported: weak-but-real passwords in test fixtures and local
// compose files are not what this rule is for, and their volume would bury the real leaks.
// Keys that only mention a secret (secretName, password_file, token_url, api_key_id,
// public_key, csrf_token, max_tokens) are ignored, and so are values that are references,
// not literals: variables, templates, paths, URLs, dotted code references, function calls, and
// in source code any unquoted value.
#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "parsers/secrets/checks.hpp"
#include "parsers/secrets/detail.hpp"

namespace lintel::parsers::secrets {

namespace {

enum class KeyClass : std::uint8_t { none, password, token };

bool is_key_char(char c) { return is_alnum(c) || c == '_' || c == '-' || c == '.'; }

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// `dbPassword` -> db, password; `DB_PASSWORD` -> db, password; `APIKey` -> api, key.
std::vector<std::string> key_words(std::string_view key) {
  std::vector<std::string> words;
  std::string cur;
  const auto flush = [&] {
    if (!cur.empty()) words.push_back(std::move(cur));
    cur.clear();
  };
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (!is_alnum(c)) {
      flush();
      continue;
    }
    if (i > 0 && is_upper(c)) {
      const char prev = key[i - 1];
      const bool next_lower = i + 1 < key.size() && is_lower(key[i + 1]);
      if (is_lower(prev) || is_digit(prev) || (is_upper(prev) && next_lower)) flush();
    }
    cur += to_lower(c);
  }
  flush();
  return words;
}

bool in(std::string_view w, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set)
    if (w == s) return true;
  return false;
}

// Words that make a key describe a secret instead of holding one, sorted for binary search
// (perf: every keyword hit of the corpus compared each word of its key with each of these).
constexpr auto kNotSecretWords = [] {
  std::array<std::string_view, 177> words = {
      "public", "pub", "id", "ids", "name", "names", "type", "types", "file", "files", "path",
      "paths", "dir", "url", "uri", "urls", "endpoint", "host", "hostname", "port", "length",
      "len", "size", "count", "expiry", "expires", "expiration", "expire", "expired", "ttl",
      "timeout", "interval", "lifetime", "header", "prefix", "suffix", "field", "fields",
      "format", "env", "var", "vars", "ref", "refs", "reference", "hint", "policy", "rotation",
      "max", "min", "enable", "enabled", "disable", "disabled", "required", "require",
      "algorithm", "alg", "hash", "hashed", "digest", "sha", "checksum", "integrity", "regex",
      "pattern", "label", "description", "desc", "title", "placeholder", "example", "sample",
      "template", "arn", "version", "manager", "store", "provider", "source", "mount", "volume",
      "generator", "location", "index", "mode", "method", "kind", "scope", "scopes", "usage",
      "reset", "confirm", "confirmation", "forgot", "validation", "valid", "invalid", "strength",
      "input", "prompt", "message", "msg", "error", "text", "tokenizer", "tokens", "bucket",
      "param", "parameter", "parameters", "ssm", "vault", "keyvault", "selector", "annotation",
      "class", "role", "csrf", "xsrf", "stdin", "cmd", "command", "limit", "limits", "budget",
      "issuer", "audience", "encrypted", "encoding", "secretsmanager", "kms", "seed", "salt",
      "nonce", "schema", "mock", "fake", "dummy", "help", "doc", "docs", "i18n", "lang", "locale",
      "translation", "route", "handler", "controller", "callback", "request", "response",
      "filter", "realm", "htpasswd", "md5", "bcrypt", "crypt", "display", "show", "hide",
      "visible", "visibility", "toggle", "button", "form", "dialog", "modal", "page", "view",
      "widget", "icon", "style", "color", "width", "height", "font",};
  std::sort(words.begin(), words.end());
  return words;
}();

KeyClass classify_key(std::string_view key) {
  const std::vector<std::string> words = key_words(key);
  if (words.empty()) return KeyClass::none;
  std::string joined;
  for (const std::string& w : words) {
    if (std::binary_search(kNotSecretWords.begin(), kNotSecretWords.end(), std::string_view(w)))
      return KeyClass::none;
    // `password_sha256_hex`: a digest of a password, not the password.
    if (w.size() > 3 && w.starts_with("sha") &&
        w.find_first_not_of("0123456789", 3) == std::string::npos)
      return KeyClass::none;
    joined += w;
  }
  // Whole words decide (`TOKENIZERS_PARALLELISM` names no token); a key written as one word
  // (`MYSQLROOTPASSWORD`, `apikey`) is searched as a whole.
  const auto ends_with_any = [](std::string_view w, std::initializer_list<std::string_view> set) {
    for (std::string_view s : set)
      if (w.ends_with(s)) return true;
    return false;
  };
  for (const std::string& w : words) {
    if (in(w, {"pwd", "pass", "pword", "passwort"}) || w.find("password") != std::string::npos ||
        w.find("passwd") != std::string::npos || w.find("passphrase") != std::string::npos)
      return KeyClass::password;
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (in(w, {"credential", "credentials", "creds"}) ||
        ends_with_any(w, {"token", "secret", "secrets", "apikey", "accesskey", "privatekey",
                          "secretkey", "authkey"}))
      return KeyClass::token;
    if (w == "key" && i > 0 &&
        in(words[i - 1], {"api", "access", "private", "secret", "auth", "signing", "encryption",
                          "master", "client", "ssh", "account", "app"}))
      return KeyClass::token;
  }
  if (words.size() == 1 && (joined.find("secret") != std::string::npos ||
                            joined.find("token") != std::string::npos ||
                            joined.find("apikey") != std::string::npos))
    return KeyClass::token;
  if (words.size() == 1 && words[0] == "auth") return KeyClass::token;  // docker config.json
  return KeyClass::none;
}

// A value in code that names something rather than spelling it: `config.password`,
// `os.environ[...]`, `getpass()`.
bool is_reference(std::string_view v) {
  if (v.find_first_of("([{") != std::string_view::npos) return true;
  bool identifier_start = true;
  bool dotted = false;
  for (char c : v) {
    if (c == '.') {
      if (identifier_start) return false;
      dotted = true;
      identifier_start = true;
      continue;
    }
    if (identifier_start ? !(is_alnum(c) || c == '_' || c == '$') || is_digit(c)
                         : !(is_alnum(c) || c == '_' || c == '$'))
      return false;
    identifier_start = false;
  }
  return dotted && !identifier_start;
}

int char_classes(std::string_view v) {
  bool lower = false, upper = false, digit = false, other = false;
  for (char c : v) {
    if (is_lower(c)) lower = true;
    else if (is_upper(c)) upper = true;
    else if (is_digit(c)) digit = true;
    else other = true;
  }
  return int{lower} + int{upper} + int{digit} + int{other};
}

bool is_hex_string(std::string_view v) {
  for (char c : v)
    if (!(is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return true;
}

// Base64 that decodes to printable text (a Kubernetes Secret's `data:`): the text it encodes.
std::optional<std::string> decoded_text(std::string_view v) {
  if (v.size() < 8 || v.size() % 4 != 0) return std::nullopt;
  auto d = base64_decode(v);
  if (!d || d->empty()) return std::nullopt;
  for (char c : *d)
    if (c < 0x20 || c > 0x7e) return std::nullopt;
  return d;
}

bool looks_secret(KeyClass cls, std::string_view v) {
  if (is_placeholder(v) || is_lookalike(v) || is_weak_word(v)) return false;
  // Judge an encoded secret by what it encodes: `cGFzc3dvcmQ=` is "password".
  if (const auto text = decoded_text(v)) return looks_secret(cls, *text);
  const double h = shannon_entropy(v);
  if (cls == KeyClass::password) {
    return v.size() >= 8 && v.size() <= 128 && char_classes(v) >= 2 && h >= 3.0;
  }
  bool digit = false, letter = false;
  for (char c : v) {
    digit = digit || is_digit(c);
    letter = letter || is_lower(c) || is_upper(c);
  }
  if (v.size() < 16 || v.size() > 256 || !digit || !letter) return false;
  return is_hex_string(v) ? (v.size() >= 20 && h >= 3.0) : h >= 3.5;
}

struct Value {
  Span span;
  bool quoted = false;
};

// Line bounds, clipped so that a hit on a megabyte-long minified line costs a bounded amount:
// an assignment's value is read within 4 KiB after the key, its context 1 KiB before it.
std::size_t line_end(std::string_view text, std::size_t pos) {
  const std::size_t limit = std::min(text.size(), pos + 4096);
  while (pos < limit && text[pos] != '\n' && text[pos] != '\r') ++pos;
  return pos;
}

std::size_t line_begin(std::string_view text, std::size_t pos) {
  const std::size_t limit = pos > 1024 ? pos - 1024 : 0;
  while (pos > limit && text[pos - 1] != '\n' && text[pos - 1] != '\r') --pos;
  return pos;
}

// The value starting at `pos` (quoted, or bare up to a delimiter), on this line only.
std::optional<Value> read_value(std::string_view text, std::size_t pos, std::size_t eol,
                                bool code_file) {
  if (pos >= eol) return std::nullopt;
  const char q = text[pos];
  if (q == '"' || q == '\'' || q == '`') {
    std::size_t i = pos + 1;
    while (i < eol && text[i] != q) i += (text[i] == '\\' && q != '\'') ? 2 : 1;
    if (i >= eol) return std::nullopt;
    return Value{make_span(pos + 1, i), true};
  }
  if (code_file) return std::nullopt;
  if (q == '|' || q == '>' || q == '!' || q == '&' || q == '*' || q == '[' || q == '{') return std::nullopt;
  std::size_t i = pos;
  while (i < eol) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == ',' || c == ';' || c == '"' || c == '\'' || c == '`' ||
        c == ')' || c == '}' || c == ']' || c == '<' || c == '&')
      break;
    ++i;
  }
  if (i < eol && text[i] == '(') return std::nullopt;
  const std::string_view v = text.substr(pos, i - pos);
  if (v.empty() || is_reference(v)) return std::nullopt;
  return Value{make_span(pos, i), false};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '-')) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// `- name: DB_PASSWORD` then `value: …` within the next three lines (Kubernetes and Compose
// `env:` lists), or `{"name": "DB_PASSWORD", "value": "…"}` on one line.
std::optional<Value> name_value_pair(std::string_view text, std::size_t key_begin,
                                     std::size_t after_key, std::size_t eol, bool code_file) {
  const std::size_t lb = line_begin(text, key_begin);
  std::string_view before = text.substr(lb, key_begin - lb);
  while (!before.empty() && (before.back() == '"' || before.back() == '\'' || is_space(before.back())))
    before.remove_suffix(1);
  if (!before.ends_with(":")) return std::nullopt;
  before.remove_suffix(1);
  while (!before.empty() && (before.back() == '"' || before.back() == '\'')) before.remove_suffix(1);
  if (!before.ends_with("name")) return std::nullopt;
  // One line: `, "value": "…"`.
  std::size_t i = after_key;
  while (i < eol && (is_space(text[i]) || text[i] == ',')) ++i;
  if (i < eol) {
    std::string_view rest = text.substr(i, eol - i);
    const bool quoted = rest.starts_with("\"value\"") || rest.starts_with("'value'");
    if (!quoted && !rest.starts_with("value")) return std::nullopt;
    i += quoted ? 7 : 5;
    while (i < eol && is_space(text[i])) ++i;
    if (i >= eol || text[i] != ':') return std::nullopt;
    ++i;
    while (i < eol && is_space(text[i])) ++i;
    return read_value(text, i, eol, code_file);
  }
  std::size_t pos = eol;
  for (int line = 0; line < 3 && pos < text.size(); ++line) {
    if (text[pos] == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
    ++pos;
    const std::size_t e = line_end(text, pos);
    const std::string_view l = trim(text.substr(pos, e - pos));
    if (l.starts_with("value:")) {
      std::size_t v = static_cast<std::size_t>(l.data() - text.data()) + 6;
      while (v < e && is_space(text[v])) ++v;
      return read_value(text, v, e, code_file);
    }
    if (l.starts_with("name:")) return std::nullopt;
    pos = e;
  }
  return std::nullopt;
}

// `key="Password" value="…"` (.NET appSettings) or `name="password" value="…"`.
bool is_attribute_pair(std::string_view text, std::size_t kb) {
  const std::size_t lb = line_begin(text, kb);
  std::string_view before = text.substr(lb, kb - lb);
  if (!before.empty()) before.remove_suffix(1);  // the opening quote
  return before.ends_with("key=") || before.ends_with("name=");
}

bool starts_with_ignore_case(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (to_lower(s[i]) != prefix[i]) return false;
  return true;
}

// The operator and value after a key at [kb, ke); nullopt when this is not an assignment.
std::optional<Value> assigned_value(std::string_view text, std::size_t kb, std::size_t ke,
                                    bool code_file) {
  const std::size_t eol = line_end(text, ke);
  const char before = kb > 0 ? text[kb - 1] : '\n';
  std::size_t i = ke;
  // <password>value</password>
  if (before == '<' && i < eol && text[i] == '>') {
    const std::size_t close = text.substr(0, eol).find("</", i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return Value{make_span(i + 1, close), false};
  }
  const bool quoted_key = before == '"' || before == '\'' || before == '`';
  if (quoted_key) {
    if (i >= eol || text[i] != before) return std::nullopt;
    ++i;
  }
  // A key in quotes followed by nothing (`- name: "DB_PASSWORD"`) may start a name/value pair.
  if (i < eol && text[i] == ']') ++i;
  const std::size_t after_key = i;
  while (i < eol && is_space(text[i])) ++i;
  if (i >= eol) return name_value_pair(text, kb, after_key, eol, code_file);
  const std::string_view rest = text.substr(i, eol - i);
  std::size_t op = 0;
  if (rest.starts_with(":=") || rest.starts_with("=>") || rest.starts_with("?=")) {
    op = 2;
  } else if (rest.starts_with("||=")) {
    op = 3;
  } else if (rest[0] == '=') {
    if (rest.size() > 1 && (rest[1] == '=' || rest[1] == '~')) return std::nullopt;
    op = 1;
  } else if (rest[0] == ':') {
    // YAML needs a space after the colon; JSON and quoted keys do not.
    if (!quoted_key && rest.size() > 1 && !is_space(rest[1])) return std::nullopt;
    op = 1;
  } else if (rest[0] == ',') {
    if (auto pair = name_value_pair(text, kb, after_key, eol, code_file)) return pair;
    if (!quoted_key) return std::nullopt;
    op = 1;  // define('DB_PASSWORD', '…')
  } else if (quoted_key && rest.starts_with("value=") && is_attribute_pair(text, kb)) {
    op = 6;  // <add key="Password" value="…"/>
  } else if (i > after_key) {
    // `--password value` and the legacy `ENV PASSWORD value`.
    const std::size_t lb = line_begin(text, kb);
    const std::string_view head = trim(text.substr(lb, kb - lb));
    const bool flag = text[kb] == '-';
    const bool env = starts_with_ignore_case(head, "env") && head.size() == 3;
    if (!flag && !env) return std::nullopt;
    if (rest[0] == '-') return std::nullopt;
    return read_value(text, i, eol, code_file);
  } else {
    return std::nullopt;
  }
  i += op;
  while (i < eol && is_space(text[i])) ++i;
  return read_value(text, i, eol, code_file);
}

}  // namespace

void find_generic(std::string_view text, std::uint32_t kw_begin, std::uint32_t kw_end,
                  GenericState& state, std::vector<Found>& out) {
  std::size_t kb = kw_begin;
  std::size_t ke = kw_end;
  if (text[kb] == '"') ++kb;  // the `"auth"` keyword carries its quotes
  if (ke > kb && text[ke - 1] == '"') --ke;
  // Keys are short: stop expanding after 128 characters (a run of identifier characters that
  // long is minified code or data, not a key).
  const std::size_t min_kb = kb > 128 ? kb - 128 : 0;
  const std::size_t max_ke = std::min(text.size(), ke + 128);
  while (kb > min_kb && is_key_char(text[kb - 1])) --kb;
  while (ke < max_ke && is_key_char(text[ke])) ++ke;
  if ((kb > 0 && is_key_char(text[kb - 1])) || (ke < text.size() && is_key_char(text[ke]))) return;
  if (kb == state.last_key) return;
  state.last_key = static_cast<std::uint32_t>(kb);
  // Trailing dots belong to prose (`the password.`), leading dashes to a flag.
  while (ke > kb && text[ke - 1] == '.') --ke;
  const std::string_view key = text.substr(kb, ke - kb);
  if (key.size() > 80) return;
  const KeyClass cls = classify_key(key);
  if (cls == KeyClass::none) return;
  const auto value = assigned_value(text, kb, ke, state.code_file);
  if (!value || value->span.empty()) return;
  const std::string_view v = text.substr(value->span.begin, value->span.size());
  // `?password=…` in a URL: SEC012's, judged like a URL's `user:password@`.
  const char before = kb > 0 ? text[kb - 1] : '\n';
  if ((before == '?' || before == '&') && cls == KeyClass::password) {
    const std::size_t lb = line_begin(text, kb);
    if (text.substr(lb, kb - lb).find("://") == std::string_view::npos) return;
    if (is_placeholder(v) || is_weak_word(v) || v.size() < 4) return;
    Found f;
    f.rule = "SEC012";
    f.description = "password in a URL query";
    f.priority = kUrl;
    f.secret = value->span;
    f.match = make_span(kb, value->span.end);
    f.at = value->span;
    f.context = std::string(key);
    out.push_back(std::move(f));
    return;
  }
  if (!looks_secret(cls, v)) return;
  Found f;
  f.rule = "SEC013";
  f.description = cls == KeyClass::password ? "password" : "secret";
  f.priority = kGeneric;
  f.secret = value->span;
  f.match = make_span(kb, value->span.end + (value->quoted ? 1 : 0));
  f.at = value->span;
  std::string_view shown = key;
  while (!shown.empty() && shown.front() == '-') shown.remove_prefix(1);
  f.context = std::string(shown.substr(0, 64));
  out.push_back(std::move(f));
}

}  // namespace lintel::parsers::secrets
