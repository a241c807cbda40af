// Shell script text to model::ShellScript, through a hand-written front end for the common
// subset and tree-sitter-bash for the rest (parser.cpp).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "analyzer/model/shell.hpp"

namespace lintel::parsers {

// Parses `text`, a script whose first byte sits at `base` in its SourceFile: every span in the
// result is `base` + the offset in `text`. Callers that must hide parts of the source (comment
// lines inside a Dockerfile continuation) pass a copy of the same length with those bytes
// blanked, so offsets still map one to one.
[[nodiscard]] model::ShellScript parse_shell(std::string_view text, std::uint32_t base = 0);

// A script of one simple command whose words are given rather than parsed: words[0] is the
// command word, the rest its arguments, e.g. the JSON strings of an exec-form
// `RUN ["apt-get", "install", "curl"]`, which runs no shell. One command, one pipeline. When the
// command runs a `-c` string through a shell (`["sudo", "sh", "-c", "…"]`), the string is parsed
// into nested commands as parse_shell does; `source` is the text the words' spans point into
// (from offset 0), so nested spans are exact when such a word is a plain quoted slice of it.
[[nodiscard]] model::ShellScript command_script(std::vector<model::ShellWord> words, Span span,
                                                std::string_view source);

}  // namespace lintel::parsers
