#include "parsers/dockerfile/expand.hpp"

#include <algorithm>
#include <array>
#include <cassert>
#include <vector>

#include "analyzer/byte_set.hpp"
#include "analyzer/bytes16.hpp"

namespace lintel::parsers::dockerfile {

using bytes16::Bytes16;
using bytes16::equal_to;
using bytes16::first_hit;
using bytes16::splat;

const std::string* Vars::find(std::string_view name) const {
  for (const VarMap* map : {env, args}) {
    if (!map) continue;
    const auto it = map->find(name);
    if (it != map->end()) return it->second.known ? &it->second.value : nullptr;
  }
  return nullptr;
}

namespace {

constexpr int kNoStop = -1;
constexpr unsigned kMaxDepth = 32;
// Pattern operators (`#`, `%`, `/`) run a glob matcher; this bounds its total work per call so
// adversarial input stays linear. When it runs out, the expansion is reported as unresolved.
constexpr long kGlobBudget = 200000;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
// [A-Za-z0-9_] (perf: a table; read_name() runs over every variable name of every RUN script).
bool is_name_char(char c) { return kNameBytes.contains(c); }
bool is_special_param(char c) {
  switch (c) {
    case '@':
    case '*':
    case '#':
    case '?':
    case '-':
    case '$':
    case '!':
    case '0':
      return true;
    default:
      return false;
  }
}

// A shell pattern as BuildKit supports it: `*`, `?` and literal characters (no brackets).
struct GlobToken {
  enum Kind : std::uint8_t { literal, any, star } kind = literal;
  char c = 0;
};

std::vector<GlobToken> compile_glob(std::string_view pattern) {
  std::vector<GlobToken> tokens;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '*') {
      tokens.push_back({GlobToken::star, 0});
    } else if (c == '?') {
      tokens.push_back({GlobToken::any, 0});
    } else if (c == '\\' && i + 1 < pattern.size()) {
      tokens.push_back({GlobToken::literal, pattern[++i]});
    } else {
      tokens.push_back({GlobToken::literal, c});
    }
  }
  return tokens;
}

class Glob {
 public:
  Glob(std::string_view pattern, long& budget) : tokens_(compile_glob(pattern)), budget_(budget) {}

  // Whether the whole of `s` matches; false also when the budget ran out.
  bool matches(std::string_view s) {
    std::size_t p = 0;
    std::size_t i = 0;
    std::size_t star = std::string_view::npos;
    std::size_t star_i = 0;
    while (i < s.size()) {
      if (--budget_ < 0) return false;
      if (p < tokens_.size() && tokens_[p].kind != GlobToken::star &&
          (tokens_[p].kind == GlobToken::any || tokens_[p].c == s[i])) {
        ++p;
        ++i;
      } else if (p < tokens_.size() && tokens_[p].kind == GlobToken::star) {
        star = p++;
        star_i = i;
      } else if (star != std::string_view::npos) {
        p = star + 1;
        i = ++star_i;
      } else {
        return false;
      }
    }
    while (p < tokens_.size() && tokens_[p].kind == GlobToken::star) ++p;
    return p == tokens_.size();
  }
  [[nodiscard]] bool exhausted() const { return budget_ < 0; }

 private:
  std::vector<GlobToken> tokens_;
  long& budget_;
};

// `${X#p}` / `${X##p}` (prefix) and `${X%p}` / `${X%%p}` (suffix).
std::string trim_match(std::string_view value, Glob& glob, bool prefix, bool greedy) {
  const std::size_t n = value.size();
  for (std::size_t k = 0; k <= n; ++k) {
    const std::size_t len = greedy ? n - k : k;
    const std::string_view part = prefix ? value.substr(0, len) : value.substr(n - len);
    if (glob.matches(part))
      return std::string(prefix ? value.substr(len) : value.substr(0, n - len));
  }
  return std::string(value);
}

// `${X/p/r}` (first match) and `${X//p/r}` (all), leftmost-longest like BuildKit's greedy regex.
std::string replace_match(std::string_view value, Glob& glob, std::string_view replacement,
                          bool all) {
  const std::size_t n = value.size();
  std::string out;
  bool done = false;
  std::size_t last_end = std::string_view::npos;
  std::size_t i = 0;
  while (i <= n) {
    if (!done) {
      std::size_t len = n - i;
      bool found = false;
      for (;; --len) {
        if (glob.matches(value.substr(i, len)) && !(len == 0 && i == last_end)) {
          found = true;
          break;
        }
        if (len == 0) break;
      }
      if (found) {
        out.append(replacement);
        done = !all;
        last_end = i + len;
        if (len > 0) {
          i += len;
          continue;
        }
      }
    }
    if (i < n) out += value[i];
    ++i;
  }
  return out;
}

// Where a run of literal text ends: outside quotes at a quote, '$' or the escape character (and
// the stop character of a `${...}` part, `}` or `/`); inside double quotes at '"', '$' or the
// escape character.
enum class Run : std::uint8_t { unquoted, to_brace, to_slash, double_quoted };

class Expander {
 public:
  Expander(std::string_view s, char escape, Quotes quotes, const Vars* vars)
      : s_(s),
        escape_(escape),
        escape16_(splat(escape)),
        keep_(quotes == Quotes::keep),
        vars_(vars) {}

  Expansion run() {
    Expansion result;
    result.text.reserve(s_.size());
    process(result.text, kNoStop, 0, false);
    result.unresolved = unresolved_;
    result.has_variable = has_variable_;
    return result;
  }

 private:
  struct Word {
    std::string text;
    bool unresolved = false;
    bool closed = false;  // the stop character was found
  };

  [[nodiscard]] const std::string* lookup(std::string_view name) const {
    return vars_ ? vars_->find(name) : nullptr;
  }

  [[nodiscard]] static Run run_for(int stop) {
    if (stop == '}') return Run::to_brace;
    if (stop == '/') return Run::to_slash;
    assert(stop == kNoStop);
    return Run::unquoted;
  }
  [[nodiscard]] bool ends_run(char c, Run run) const {
    return c == '"' || c == '$' || c == escape_ || (run != Run::double_quoted && c == '\'') ||
           (run == Run::to_brace && c == '}') || (run == Run::to_slash && c == '/');
  }
  // The end of the run of literal bytes from `pos` (perf: 16 bytes at a time).
  [[nodiscard]] std::size_t run_end(std::size_t pos, Run run) const {
    for (; pos + 16 <= s_.size(); pos += 16) {
      const Bytes16 v = bytes16::load(s_.data() + pos);
      Bytes16 hits = equal_to(v, '"') | equal_to(v, '$') | equal_to(v, escape16_);
      if (run != Run::double_quoted) hits |= equal_to(v, '\'');
      if (run == Run::to_brace) hits |= equal_to(v, '}');
      if (run == Run::to_slash) hits |= equal_to(v, '/');
      const std::size_t hit = first_hit(hits);
      if (hit < 16) return pos + hit;
    }
    while (pos < s_.size() && !ends_run(s_[pos], run)) ++pos;
    return pos;
  }

  // Copies the reference [start, pos_) as written; with substitution on, it is unresolved.
  void keep_reference(std::string& out, std::size_t start) {
    out.append(s_.substr(start, pos_ - start));
    if (vars_) unresolved_ = true;
  }

  // Processes until the end of the input or `stop` at this level; true when `stop` was found.
  bool process(std::string& out, int stop, unsigned depth, bool raw_escapes) {
    const Run run_kind = run_for(stop);
    while (pos_ < s_.size()) {
      // Copy the run of ordinary characters in one go.
      const std::size_t run = run_end(pos_, run_kind);
      out.append(s_.substr(pos_, run - pos_));
      pos_ = run;
      if (pos_ >= s_.size()) break;
      const char c = s_[pos_];
      if (stop != kNoStop && c == static_cast<char>(stop)) {
        ++pos_;
        return true;
      }
      if (c == '\'') {
        single_quote(out);
      } else if (c == '"') {
        double_quote(out, depth);
      } else if (c == '$') {
        dollar(out, depth);
      } else {
        ++pos_;
        if (c == escape_) {
          if (keep_ || raw_escapes) out += c;
          if (pos_ >= s_.size()) break;  // an escape at the end is dropped
          out += s_[pos_++];
        } else {
          out += c;
        }
      }
    }
    return false;
  }

  void single_quote(std::string& out) {
    ++pos_;
    if (keep_) out += '\'';
    const std::size_t close = s_.find('\'', pos_);
    if (close == std::string_view::npos) {
      out.append(s_.substr(pos_));
      pos_ = s_.size();
      return;
    }
    out.append(s_.substr(pos_, close - pos_));
    if (keep_) out += '\'';
    pos_ = close + 1;
  }

  void double_quote(std::string& out, unsigned depth) {
    ++pos_;
    if (keep_) out += '"';
    while (pos_ < s_.size()) {
      // Copy the run of characters that are literal inside double quotes in one go.
      const std::size_t run = run_end(pos_, Run::double_quoted);
      out.append(s_.substr(pos_, run - pos_));
      pos_ = run;
      if (pos_ >= s_.size()) return;
      const char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        if (keep_) out += '"';
        return;
      }
      if (c == '$') {
        dollar(out, depth);
        continue;
      }
      ++pos_;  // the escape character
      if (keep_) out += c;
      if (pos_ >= s_.size()) return;
      const char next = s_[pos_];
      if (next == '"' || next == '$' || next == escape_) {
        out += next;
        ++pos_;
      } else if (!keep_) {
        out += c;  // other escapes stay literal inside double quotes
      }
    }
  }

  std::string_view read_name() {
    const std::size_t begin = pos_;
    if (pos_ < s_.size() && is_digit(s_[pos_])) {
      while (pos_ < s_.size() && is_digit(s_[pos_])) ++pos_;
    } else if (pos_ < s_.size() && is_special_param(s_[pos_])) {
      ++pos_;
    } else {
      while (pos_ < s_.size() && is_name_char(s_[pos_])) ++pos_;
    }
    return s_.substr(begin, pos_ - begin);
  }

  Word sub_word(int stop, unsigned depth, bool raw_escapes) {
    const bool saved = unresolved_;
    unresolved_ = false;
    Word word;
    word.closed = process(word.text, stop, depth + 1, raw_escapes);
    word.unresolved = unresolved_;
    unresolved_ = saved;
    return word;
  }

  void use(std::string& out, const Word& word) {
    out += word.text;
    unresolved_ = unresolved_ || word.unresolved;
  }

  void dollar(std::string& out, unsigned depth) {
    const std::size_t start = pos_++;
    if (pos_ < s_.size() && s_[pos_] == '{') {
      braced(out, start, depth);
      return;
    }
    const std::string_view name = read_name();
    if (name.empty()) {
      out += '$';
      return;
    }
    has_variable_ = true;
    if (const std::string* value = lookup(name)) {
      out += *value;
    } else {
      keep_reference(out, start);
    }
  }

  void braced(std::string& out, std::size_t start, unsigned depth) {
    ++pos_;  // '{'
    has_variable_ = true;
    if (depth >= kMaxDepth || pos_ >= s_.size()) {
      pos_ = s_.size();
      keep_reference(out, start);
      return;
    }
    const char first = s_[pos_];
    if (first == '{' || first == '}' || first == ':') {  // bad substitution
      (void)sub_word('}', depth, false);
      keep_reference(out, start);
      return;
    }
    const std::string_view name = read_name();
    if (pos_ >= s_.size()) {
      keep_reference(out, start);
      return;
    }
    const char op = s_[pos_++];
    switch (op) {
      case '}':
        if (const std::string* value = lookup(name)) {
          out += *value;
        } else {
          keep_reference(out, start);
        }
        return;
      case ':':
        if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+' || s_[pos_] == '?')) {
          const char modifier = s_[pos_++];
          conditional(out, start, name, modifier, true, depth);
        } else {
          (void)sub_word('}', depth, false);  // unsupported, e.g. `${X:0:2}`
          keep_reference(out, start);
        }
        return;
      case '-':
      case '+':
      case '?':
        conditional(out, start, name, op, false, depth);
        return;
      case '#':
      case '%':
        trim(out, start, name, op, depth);
        return;
      case '/':
        replace(out, start, name, depth);
        return;
      default:
        (void)sub_word('}', depth, false);
        keep_reference(out, start);
        return;
    }
  }

  void conditional(std::string& out, std::size_t start, std::string_view name, char modifier,
                   bool null_is_unset, unsigned depth) {
    const Word word = sub_word('}', depth, false);
    if (!word.closed || !vars_) {
      keep_reference(out, start);
      return;
    }
    const std::string* value = lookup(name);
    const bool empty = value && value->empty() && null_is_unset;
    switch (modifier) {
      case '-':  // an unknown variable takes the default
        if (!value || empty) {
          use(out, word);
        } else {
          out += *value;
        }
        return;
      case '+':
        if (!value) {
          keep_reference(out, start);
        } else if (!empty) {
          use(out, word);
        }
        return;
      default:  // '?'
        if (value && !empty) {
          out += *value;
        } else {
          keep_reference(out, start);
        }
        return;
    }
  }

  void trim(std::string& out, std::size_t start, std::string_view name, char op, unsigned depth) {
    const Word word = sub_word('}', depth, true);
    const std::string* value = lookup(name);
    if (!word.closed || !value || word.unresolved) {
      keep_reference(out, start);
      return;
    }
    std::string_view pattern = word.text;
    const bool greedy = !pattern.empty() && pattern.front() == op;
    if (greedy) pattern.remove_prefix(1);
    Glob glob(pattern, budget_);
    std::string result = trim_match(*value, glob, op == '#', greedy);
    if (glob.exhausted()) {
      keep_reference(out, start);
      return;
    }
    out += result;
  }

  void replace(std::string& out, std::size_t start, std::string_view name, unsigned depth) {
    const bool all = pos_ < s_.size() && s_[pos_] == '/';
    if (all) ++pos_;
    const Word pattern = sub_word('/', depth, true);
    const Word replacement = pattern.closed ? sub_word('}', depth, true) : Word{};
    const std::string* value = lookup(name);
    if (!replacement.closed || !value || pattern.unresolved || replacement.unresolved) {
      keep_reference(out, start);
      return;
    }
    Glob glob(pattern.text, budget_);
    std::string result = replace_match(*value, glob, replacement.text, all);
    if (glob.exhausted()) {
      keep_reference(out, start);
      return;
    }
    out += result;
  }

  std::string_view s_;
  char escape_;
  Bytes16 escape16_;
  bool keep_;
  const Vars* vars_;
  std::size_t pos_ = 0;
  bool unresolved_ = false;
  bool has_variable_ = false;
  long budget_ = kGlobBudget;
};

}  // namespace

Expansion expand(std::string_view word, char escape, Quotes quotes, const Vars* vars) {
  // Most words have nothing to expand or unquote; they are their own result.
  const bool plain = quotes == Quotes::keep
                         ? word.find('$') == std::string_view::npos
                         : std::none_of(word.begin(), word.end(), [escape](char c) {
                             return c == '$' || c == '\'' || c == '"' || c == escape;
                           });
  if (plain) return {std::string(word), false, false};
  return Expander(word, escape, quotes, vars).run();
}

Expansion expand_full(std::string_view word, char escape, Quotes quotes, const Vars* vars) {
  return Expander(word, escape, quotes, vars).run();
}

std::string unquote(std::string_view word, char escape) {
  // Expander::keep_reference copies a reference as written when there are no variables, and
  // only quotes and the escape character make the rest differ from the input.
  const bool literal = std::none_of(word.begin(), word.end(), [escape](char c) {
    return c == '\'' || c == '"' || c == escape;
  });
  if (literal) return std::string(word);
  return unquote_quoted(word, escape);
}

std::string unquote_quoted(std::string_view word, char escape) {
  return Expander(word, escape, Quotes::remove, nullptr).run().text;
}

}  // namespace lintel::parsers::dockerfile
