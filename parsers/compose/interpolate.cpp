#include "parsers/compose/interpolate.hpp"

#include <vector>

#include "analyzer/model/compose.hpp"

namespace lintel::parsers::compose {
namespace {

// Nested defaults deeper than this are kept as text: no input can recurse without bound.
constexpr int kMaxDepth = 16;

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

struct Piece {
  std::string partial;
  std::string literal_text;  // characters written outside references (defaults included)
  bool unknown = false;
  bool interpolated = false;
  bool literal = false;  // some literal text (outside references)
};

Piece expand(std::string_view text, const Env& env, int depth);

// For each `${` in `text`, the index of the `}` that closes it (counting nested `${…}` pairs), or
// npos when none does. One pass with a stack, so a value full of unclosed `${` stays linear.
std::vector<std::size_t> closing_braces(std::string_view text) {
  std::vector<std::size_t> close(text.size(), std::string_view::npos);
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      open.push_back(i);
      ++i;
    } else if (text[i] == '}' && !open.empty()) {
      close[open.back()] = i;
      open.pop_back();
    }
  }
  return close;
}

void append(Piece& out, const Piece& in) {
  out.partial += in.partial;
  out.literal_text += in.literal_text;
  out.unknown = out.unknown || in.unknown;
  out.interpolated = out.interpolated || in.interpolated;
  out.literal = out.literal || in.literal;
}

void append_unknown(Piece& out) {
  out.partial += model::kUnknownChar;
  out.unknown = true;
}

// `${…}` with body `body` (between the braces). Returns false when the body is not a valid
// expression (then the caller keeps the text literally).
bool expand_braced(std::string_view body, const Env& env, int depth, Piece& out) {
  std::size_t n = 0;
  if (body.empty() || !is_name_start(body[0])) return false;
  while (n < body.size() && is_name_char(body[n])) ++n;
  const std::string_view name = body.substr(0, n);
  std::string_view rest = body.substr(n);
  const auto it = env.find(name);
  const bool set = it != env.end();
  const bool non_empty = set && !it->second.empty();
  out.interpolated = true;
  if (rest.empty()) {
    if (set) out.partial += it->second;
    else append_unknown(out);
    return true;
  }
  const bool colon = rest.front() == ':';
  if (colon) rest.remove_prefix(1);
  if (rest.empty()) return false;
  const char op = rest.front();
  const std::string_view operand = rest.substr(1);
  const bool condition = colon ? non_empty : set;
  switch (op) {
    case '-': {
      if (condition) {
        out.partial += it->second;
        return true;
      }
      const Piece def = expand(operand, env, depth + 1);
      append(out, def);
      return true;
    }
    case '?':
      if (condition) out.partial += it->second;
      else append_unknown(out);
      return true;
    case '+': {
      if (!set) {
        append_unknown(out);
        return true;
      }
      if (condition) {
        append(out, expand(operand, env, depth + 1));
      }
      return true;
    }
    default:
      return false;
  }
}

Piece expand(std::string_view text, const Env& env, int depth) {
  Piece out;
  if (depth > kMaxDepth) {
    out.partial = std::string(text);
    out.literal_text = out.partial;
    out.literal = !text.empty();
    return out;
  }
  const std::vector<std::size_t> close_of = closing_braces(text);
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c != '$' || i + 1 >= text.size()) {
      out.partial += c;
      out.literal_text += c;
      out.literal = true;
      ++i;
      continue;
    }
    const char next = text[i + 1];
    if (next == '$') {
      out.partial += '$';
      out.literal_text += '$';
      out.literal = true;
      i += 2;
      continue;
    }
    if (is_name_start(next)) {
      std::size_t end = i + 1;
      while (end < text.size() && is_name_char(text[end])) ++end;
      const auto it = env.find(text.substr(i + 1, end - i - 1));
      out.interpolated = true;
      if (it != env.end()) out.partial += it->second;
      else append_unknown(out);
      i = end;
      continue;
    }
    if (next == '{') {
      const std::size_t close = close_of[i];
      if (close != std::string_view::npos) {
        Piece braced;
        if (expand_braced(text.substr(i + 2, close - i - 2), env, depth, braced)) {
          append(out, braced);
          i = close + 1;
          continue;
        }
      }
    }
    out.partial += c;
    out.literal_text += c;
    out.literal = true;
    ++i;
  }
  return out;
}

// --- .env ---

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_valid_key(std::string_view key) {
  if (key.empty()) return false;
  for (const char c : key)
    if (!is_name_char(c) && c != '.' && c != '-') return false;
  return true;
}

// Reads a quoted value starting at text[pos] (the quote); advances pos past the closing quote
// and the rest of its line. nullopt when unterminated.
std::optional<std::string> read_quoted(std::string_view text, std::size_t& pos) {
  const char quote = text[pos];
  std::string value;
  std::size_t i = pos + 1;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == quote) break;
    if (quote == '"' && c == '\\' && i + 1 < text.size()) {
      const char e = text[++i];
      switch (e) {
        case 'n': value += '\n'; break;
        case 't': value += '\t'; break;
        case 'r': value += '\r'; break;
        default: value += e; break;
      }
      continue;
    }
    value += c;
  }
  if (i >= text.size()) return std::nullopt;
  const std::size_t eol = text.find('\n', i);
  pos = eol == std::string_view::npos ? text.size() : eol + 1;
  return value;
}

}  // namespace

Interpolated interpolate(std::string_view text, const Env& env) {
  const Piece p = expand(text, env, 0);
  Interpolated out;
  out.partial = p.partial;
  out.interpolated = p.interpolated;
  if (!p.unknown) out.resolved = p.partial;
  out.only_references = p.interpolated && !p.literal;
  out.literal_text = p.literal_text;
  return out;
}

Env parse_dotenv(std::string_view text) {
  Env env;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = trim(text.substr(pos, eol - pos));
    pos = eol + 1;
    if (line.empty() || line.front() == '#') continue;
    if (line.starts_with("export ")) line = trim(line.substr(7));
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string_view key = trim(line.substr(0, eq));
    if (!is_valid_key(key)) continue;
    std::string_view raw = line.substr(eq + 1);
    while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
    if (!raw.empty() && (raw.front() == '"' || raw.front() == '\'')) {
      // The value may span lines: read from the quote in the whole text.
      std::size_t at = static_cast<std::size_t>(raw.data() - text.data());
      const char quote = raw.front();
      auto value = read_quoted(text, at);
      if (!value) break;  // unterminated: Compose rejects the file; nothing after it is reliable
      pos = at;
      if (quote == '\'') {
        env[std::string(key)] = std::move(*value);
        continue;
      }
      Interpolated v = interpolate(*value, env);
      if (v.resolved) env[std::string(key)] = std::move(*v.resolved);
      else env.erase(std::string(key));
      continue;
    }
    if (const std::size_t hash = raw.find(" #"); hash != std::string_view::npos)
      raw = raw.substr(0, hash);
    if (const std::size_t hash = raw.find("\t#"); hash != std::string_view::npos)
      raw = raw.substr(0, hash);
    Interpolated v = interpolate(trim(raw), env);
    if (v.resolved) env[std::string(key)] = std::move(*v.resolved);
    else env.erase(std::string(key));
  }
  return env;
}

}  // namespace lintel::parsers::compose
