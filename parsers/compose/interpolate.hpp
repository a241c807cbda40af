// Compose variable interpolation and `.env` files, done statically: lintel knows the values of
// the `.env` file beside the compose file and nothing else (not the shell of whoever runs
// `docker compose`). A variable without a known value stays unknown instead of becoming "".
//
// Syntax (https://github.com/compose-spec/compose-spec/blob/main/12-interpolation.md):
//   $NAME, ${NAME}          the value
//   ${NAME:-d}, ${NAME-d}   d when unset (or, with `:`, empty); an unknown NAME takes d, since
//                           the default is what the file says the value is (RULES.md)
//   ${NAME:?e}, ${NAME?e}   the value, or an error: unknown when NAME is unknown
//   ${NAME:+a}, ${NAME+a}   a when set (and, with `:`, non-empty)
//   $$                      a literal `$`
// Defaults and alternatives may nest (`${A:-${B:-x}}`). A `$` that starts none of these is kept
// as a literal `$` (Compose rejects it; a linter reads on).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lintel::parsers::compose {

using Env = std::map<std::string, std::string, std::less<>>;

struct Interpolated {
  std::optional<std::string> resolved;  // nullopt when an unknown variable decides the value
  std::string partial;                  // unknown expressions replaced by model::kUnknownChar
  bool interpolated = false;            // had a `$` expression other than `$$`
  bool only_references = false;         // non-empty and nothing but references (see ComposeValue)
  std::string literal_text;             // the characters written outside references, defaults
                                        // and alternatives included (`a${X:-b}` gives "ab")
};

[[nodiscard]] Interpolated interpolate(std::string_view text, const Env& env);

// KEY=VALUE lines as Compose reads a `.env` file: `export ` prefixes, `#` comment lines and
// inline ` #` comments after unquoted values, single quotes (literal), double quotes (escapes
// \n \t \\ \" and interpolation), values spanning lines inside quotes, and `${VAR}` references
// to variables defined earlier in the file. A line that is not an assignment is skipped; a value
// that depends on an unknown variable is left out.
[[nodiscard]] Env parse_dotenv(std::string_view text);

}  // namespace lintel::parsers::compose
