// Variable substitution and quote removal, following BuildKit's shell lexer
// (moby/buildkit frontend/dockerfile/shell/lex.go): `$X`, `${X}`, `${X:-d}`, `${X-d}`, `${X:+a}`,
// `${X+a}`, `${X:?m}`, `${X#p}`, `${X##p}`, `${X%p}`, `${X%%p}`, `${X/p/r}`, `${X//p/r}`; single
// quotes are literal; the escape character escapes the next character (inside double quotes only
// `"`, `$` and itself).
//
// Unlike BuildKit, an unknown variable is not replaced by the empty string: the reference stays as
// written and the result is marked unresolved, so rules can tell "empty" from "unknown".
// `${X:-d}` and `${X-d}` with an unknown X take the default and stay resolved.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace lintel::parsers::dockerfile {

struct Var {
  std::string value;
  bool known = false;  // false: declared (or inherited) without a value we can know
};
using VarMap = std::map<std::string, Var, std::less<>>;

// Where values come from: ENV shadows ARG, as in BuildKit.
struct Vars {
  const VarMap* env = nullptr;
  const VarMap* args = nullptr;
  // The variable's known value, or nullptr when it is unknown.
  [[nodiscard]] const std::string* find(std::string_view name) const;
};

struct Expansion {
  std::string text;
  bool unresolved = false;    // some variable had no known value
  bool has_variable = false;  // some variable reference was seen
};

enum class Quotes : std::uint8_t {
  keep,    // copy quotes and escapes; only substitute (what `Instruction::expanded` shows)
  remove,  // quote removal and escape resolution, as BuildKit's ProcessWord
};

// `vars == nullptr`: no substitution at all, references are copied as written.
[[nodiscard]] Expansion expand(std::string_view word, char escape, Quotes quotes, const Vars* vars);

// The same without the shortcut for words with nothing to expand or unquote, so that tests can
// check the shortcut against it.
[[nodiscard]] Expansion expand_full(std::string_view word, char escape, Quotes quotes,
                                    const Vars* vars);

// Quote removal and escape resolution only: expand(word, escape, Quotes::remove, nullptr).text.
// Without variables every `$` reference is copied as written, so a word with no quote and no
// escape character is returned unchanged.
[[nodiscard]] std::string unquote(std::string_view word, char escape);
// unquote() for a word known to hold a quote or the escape character (it skips the check).
[[nodiscard]] std::string unquote_quoted(std::string_view word, char escape);

}  // namespace lintel::parsers::dockerfile
