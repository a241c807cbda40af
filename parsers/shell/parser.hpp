// Shell script text to model::ShellScript, through tree-sitter-bash.
#pragma once

#include <cstdint>
#include <string_view>

#include "analyzer/model/shell.hpp"

namespace lintel::parsers {

// Parses `text`, a script whose first byte sits at `base` in its SourceFile: every span in the
// result is `base` + the offset in `text`. Callers that must hide parts of the source (comment
// lines inside a Dockerfile continuation) pass a copy of the same length with those bytes
// blanked, so offsets still map one to one.
[[nodiscard]] model::ShellScript parse_shell(std::string_view text, std::uint32_t base = 0);

}  // namespace lintel::parsers
