// The expression reader: a tokenizer and a recursive-descent parser for the GitHub Actions
// expression grammar (literals, context paths with `.name`, `.*` and `[index]`, function calls,
// `!`, comparisons, `&&`, `||`, parentheses). It builds no tree: while parsing it records every
// context path and, for each sub-expression, which of those paths can reach its value. That is
// what template-injection needs: `github.event.issue.title == 'x'` renders `true`/`false`, while
// `github.event.issue.title || 'x'` renders the title.
#include "parsers/gha/expression.hpp"

#include <algorithm>
#include <optional>

namespace lintel::parsers::gha_expr {

std::vector<ExpressionRange> find_expressions(std::string_view text) {
  std::vector<ExpressionRange> out;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = text.find("${{", pos);
    if (open == std::string_view::npos) break;
    std::size_t i = open + 3;
    bool closed = false;
    while (i < text.size()) {
      const char c = text[i];
      if (c == '\'') {  // a string literal; `''` is an escaped quote
        ++i;
        while (i < text.size()) {
          if (text[i] == '\'') {
            if (i + 1 < text.size() && text[i + 1] == '\'') {
              i += 2;
              continue;
            }
            break;
          }
          ++i;
        }
        if (i < text.size()) ++i;
        continue;
      }
      if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
        closed = true;
        break;
      }
      ++i;
    }
    if (!closed) break;
    out.push_back({static_cast<std::uint32_t>(open), static_cast<std::uint32_t>(i + 2)});
    pos = i + 2;
  }
  return out;
}

namespace {

enum class Tok : std::uint8_t {
  ident, string, number, lparen, rparen, lbracket, rbracket, dot, comma, star, bang, eq, ne, lt,
  le, gt, ge, and_, or_, end
};

struct Token {
  Tok kind = Tok::end;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9') || c == '-'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Tokenizes until the end or the first character that starts no token; `ok` says which.
std::vector<Token> tokenize(std::string_view s, bool& ok) {
  std::vector<Token> out;
  ok = true;
  std::uint32_t i = 0;
  const auto n = static_cast<std::uint32_t>(s.size());
  const auto push = [&](Tok k, std::uint32_t len) {
    out.push_back({k, i, i + len});
    i += len;
  };
  while (i < n) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    const char next = i + 1 < n ? s[i + 1] : '\0';
    if (c == '\'') {
      std::uint32_t j = i + 1;
      bool closed = false;
      while (j < n) {
        if (s[j] == '\'') {
          if (j + 1 < n && s[j + 1] == '\'') {
            j += 2;
            continue;
          }
          closed = true;
          break;
        }
        ++j;
      }
      if (!closed) {
        ok = false;
        return out;
      }
      out.push_back({Tok::string, i, j + 1});
      i = j + 1;
      continue;
    }
    if (is_digit(c) || (c == '-' && (is_digit(next) || next == '.')) ||
        (c == '.' && is_digit(next) && (out.empty() || out.back().kind != Tok::ident))) {
      std::uint32_t j = i + 1;
      while (j < n) {
        const char d = s[j];
        if (is_ident_char(d) && d != '-') {
          ++j;
        } else if (d == '.') {
          ++j;
        } else if ((d == '+' || d == '-') && (s[j - 1] == 'e' || s[j - 1] == 'E')) {
          ++j;
        } else {
          break;
        }
      }
      out.push_back({Tok::number, i, j});
      i = j;
      continue;
    }
    if (is_ident_start(c)) {
      std::uint32_t j = i + 1;
      while (j < n && is_ident_char(s[j])) ++j;
      out.push_back({Tok::ident, i, j});
      i = j;
      continue;
    }
    switch (c) {
      case '(': push(Tok::lparen, 1); continue;
      case ')': push(Tok::rparen, 1); continue;
      case '[': push(Tok::lbracket, 1); continue;
      case ']': push(Tok::rbracket, 1); continue;
      case '.': push(Tok::dot, 1); continue;
      case ',': push(Tok::comma, 1); continue;
      case '*': push(Tok::star, 1); continue;
      case '!': push(next == '=' ? Tok::ne : Tok::bang, next == '=' ? 2 : 1); continue;
      case '=':
        if (next == '=') {
          push(Tok::eq, 2);
          continue;
        }
        break;
      case '<': push(next == '=' ? Tok::le : Tok::lt, next == '=' ? 2 : 1); continue;
      case '>': push(next == '=' ? Tok::ge : Tok::gt, next == '=' ? 2 : 1); continue;
      case '&':
        if (next == '&') {
          push(Tok::and_, 2);
          continue;
        }
        break;
      case '|':
        if (next == '|') {
          push(Tok::or_, 2);
          continue;
        }
        break;
      default:
        break;
    }
    ok = false;
    return out;
  }
  return out;
}

// A string literal's value: quotes removed, `''` unescaped.
std::string string_value(std::string_view literal) {
  std::string out;
  if (literal.size() < 2) return out;
  const std::string_view body = literal.substr(1, literal.size() - 2);
  for (std::size_t i = 0; i < body.size(); ++i) {
    out += body[i];
    if (body[i] == '\'' && i + 1 < body.size() && body[i + 1] == '\'') ++i;
  }
  return out;
}

bool is_literal_keyword(std::string_view word) {
  const std::string w = lower(word);
  return w == "true" || w == "false" || w == "null" || w == "nan" || w == "infinity";
}

// Functions whose result never contains their arguments' text.
bool hides_arguments(std::string_view function) {
  constexpr std::string_view kOpaque[] = {"contains", "startswith", "endswith", "success",
                                          "always",   "failure",    "cancelled", "hashfiles"};
  return std::find(std::begin(kOpaque), std::end(kOpaque), function) != std::end(kOpaque);
}

using Flows = std::vector<std::uint32_t>;  // indices of accesses that reach a value

constexpr int kMaxDepth = 64;

class Parser {
 public:
  Parser(std::string_view text, const std::vector<Token>& tokens) : text_(text), toks_(tokens) {}

  std::optional<Flows> parse() {
    auto flows = parse_or(0);
    if (!flows || peek().kind != Tok::end) return std::nullopt;
    return flows;
  }

  std::vector<ParsedAccess> take_accesses() { return std::move(accesses_); }

 private:
  [[nodiscard]] const Token& peek(std::size_t ahead = 0) const {
    static constexpr Token kEnd{};
    return pos_ + ahead < toks_.size() ? toks_[pos_ + ahead] : kEnd;
  }
  const Token& take() { return toks_[pos_++]; }
  [[nodiscard]] std::string_view slice(const Token& t) const {
    return text_.substr(t.begin, t.end - t.begin);
  }

  std::optional<Flows> parse_or(int depth) {
    if (depth > kMaxDepth) return std::nullopt;
    auto left = parse_and(depth + 1);
    if (!left) return std::nullopt;
    while (peek().kind == Tok::or_) {
      take();
      auto right = parse_and(depth + 1);
      if (!right) return std::nullopt;
      left->insert(left->end(), right->begin(), right->end());
    }
    return left;
  }

  std::optional<Flows> parse_and(int depth) {
    auto left = parse_equality(depth + 1);
    if (!left) return std::nullopt;
    while (peek().kind == Tok::and_) {
      take();
      auto right = parse_equality(depth + 1);
      if (!right) return std::nullopt;
      // `a && b` is a when a is falsy ('', 0, null, false: nothing to inject), else b.
      left = std::move(right);
    }
    return left;
  }

  std::optional<Flows> parse_equality(int depth) {
    auto left = parse_comparison(depth + 1);
    if (!left) return std::nullopt;
    while (peek().kind == Tok::eq || peek().kind == Tok::ne) {
      take();
      if (!parse_comparison(depth + 1)) return std::nullopt;
      left->clear();  // a boolean
    }
    return left;
  }

  std::optional<Flows> parse_comparison(int depth) {
    auto left = parse_unary(depth + 1);
    if (!left) return std::nullopt;
    while (peek().kind == Tok::lt || peek().kind == Tok::le || peek().kind == Tok::gt ||
           peek().kind == Tok::ge) {
      take();
      if (!parse_unary(depth + 1)) return std::nullopt;
      left->clear();
    }
    return left;
  }

  std::optional<Flows> parse_unary(int depth) {
    if (depth > kMaxDepth) return std::nullopt;
    if (peek().kind == Tok::bang) {
      take();
      if (!parse_unary(depth + 1)) return std::nullopt;
      return Flows{};
    }
    return parse_postfix(depth + 1);
  }

  // A string-literal index gives its lower-cased value; anything else `*`.
  std::optional<std::string> parse_index(int depth) {
    take();  // '['
    const bool single_string = peek().kind == Tok::string && peek(1).kind == Tok::rbracket;
    const std::string segment = single_string ? lower(string_value(slice(peek()))) : "*";
    if (!parse_or(depth + 1)) return std::nullopt;  // reads inside an index do not reach the value
    if (peek().kind != Tok::rbracket) return std::nullopt;
    take();
    return segment;
  }

  // `.name`, `.*` and `[index]` after a value; appends to `path` when it is a context path.
  bool parse_accessors(int depth, std::string* path, std::uint32_t* end) {
    while (true) {
      if (peek().kind == Tok::dot) {
        take();
        const Token& t = peek();
        if (t.kind != Tok::ident && t.kind != Tok::star) return false;
        take();
        if (path) *path += "." + (t.kind == Tok::star ? std::string("*") : lower(slice(t)));
        *end = t.end;
      } else if (peek().kind == Tok::lbracket) {
        auto segment = parse_index(depth + 1);
        if (!segment) return false;
        if (path) *path += "." + *segment;
        *end = toks_[pos_ - 1].end;
      } else {
        return true;
      }
    }
  }

  std::optional<Flows> parse_postfix(int depth) {
    if (depth > kMaxDepth) return std::nullopt;
    const Token& t = peek();
    std::uint32_t end = t.end;
    switch (t.kind) {
      case Tok::string:
      case Tok::number:
        take();
        return Flows{};
      case Tok::lparen: {
        take();
        auto inner = parse_or(depth + 1);
        if (!inner || peek().kind != Tok::rparen) return std::nullopt;
        take();
        if (!parse_accessors(depth, nullptr, &end)) return std::nullopt;
        return inner;
      }
      case Tok::ident:
        break;
      default:
        return std::nullopt;
    }
    take();
    if (peek().kind == Tok::lparen) return parse_call(t, depth + 1);
    if (is_literal_keyword(slice(t))) return Flows{};
    ParsedAccess access{.path = lower(slice(t)), .begin = t.begin, .end = t.end};
    const auto index = static_cast<std::uint32_t>(accesses_.size());
    accesses_.push_back(access);
    std::string path = std::move(accesses_.back().path);
    if (!parse_accessors(depth, &path, &end)) return std::nullopt;
    accesses_[index].path = std::move(path);
    accesses_[index].end = end;
    return Flows{index};
  }

  std::optional<Flows> parse_call(const Token& name, int depth) {
    take();  // '('
    const std::string function = lower(slice(name));
    Flows flows;
    const std::size_t first_access = accesses_.size();
    if (peek().kind != Tok::rparen) {
      while (true) {
        auto arg = parse_or(depth + 1);
        if (!arg) return std::nullopt;
        flows.insert(flows.end(), arg->begin(), arg->end());
        if (peek().kind == Tok::comma) {
          take();
          continue;
        }
        break;
      }
    }
    if (peek().kind != Tok::rparen) return std::nullopt;
    take();
    for (std::size_t i = first_access; i < accesses_.size(); ++i)
      if (accesses_[i].function.empty()) accesses_[i].function = function;
    if (hides_arguments(function)) flows.clear();
    std::uint32_t end = name.end;
    if (!parse_accessors(depth, nullptr, &end)) return std::nullopt;
    return flows;
  }

  std::string_view text_;
  const std::vector<Token>& toks_;
  std::size_t pos_ = 0;
  std::vector<ParsedAccess> accesses_;
};

// Error recovery: every identifier chain that is not a function name, a literal or a property
// of something else, read as rendered.
std::vector<ParsedAccess> scan_accesses(std::string_view text, const std::vector<Token>& toks) {
  std::vector<ParsedAccess> out;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (t.kind != Tok::ident) continue;
    if (i > 0 && toks[i - 1].kind == Tok::dot) continue;
    if (i + 1 < toks.size() && toks[i + 1].kind == Tok::lparen) continue;
    const std::string_view word = text.substr(t.begin, t.end - t.begin);
    if (is_literal_keyword(word)) continue;
    ParsedAccess a{.path = lower(word), .begin = t.begin, .end = t.end};
    std::size_t j = i + 1;
    while (j < toks.size()) {
      if (toks[j].kind == Tok::dot && j + 1 < toks.size() &&
          (toks[j + 1].kind == Tok::ident || toks[j + 1].kind == Tok::star)) {
        const Token& p = toks[j + 1];
        a.path += "." + (p.kind == Tok::star ? std::string("*")
                                             : lower(text.substr(p.begin, p.end - p.begin)));
        a.end = p.end;
        j += 2;
      } else if (toks[j].kind == Tok::lbracket && j + 2 < toks.size() &&
                 toks[j + 2].kind == Tok::rbracket) {
        const Token& p = toks[j + 1];
        a.path += "." + (p.kind == Tok::string
                             ? lower(string_value(text.substr(p.begin, p.end - p.begin)))
                             : std::string("*"));
        a.end = toks[j + 2].end;
        j += 3;
      } else {
        break;
      }
    }
    out.push_back(std::move(a));
    i = j - 1;
  }
  return out;
}

}  // namespace

ParsedExpression parse_expression(std::string_view text) {
  ParsedExpression out;
  bool lexed = true;
  const std::vector<Token> tokens = tokenize(text, lexed);
  if (lexed) {
    Parser parser(text, tokens);
    if (const auto flows = parser.parse()) {
      out.accesses = parser.take_accesses();
      for (ParsedAccess& a : out.accesses) a.rendered = false;
      for (const std::uint32_t i : *flows) out.accesses[i].rendered = true;
      return out;
    }
  }
  out.valid = false;
  out.accesses = scan_accesses(text, tokens);
  return out;
}

}  // namespace lintel::parsers::gha_expr
