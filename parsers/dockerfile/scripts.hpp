// Glue between Dockerfile instructions and parsers::parse_shell: which text is a shell script,
// and how to hand it over with source offsets preserved.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/shell.hpp"
#include "analyzer/source.hpp"

namespace lintel::parsers::dockerfile {

// sh, bash, dash, ash, zsh, ksh, mksh, by basename (case-insensitive, `.exe` ignored).
[[nodiscard]] bool is_posix_shell(std::string_view program);

// A heredoc body without a `#!` line, or whose `#!` line names a POSIX shell (also through
// `/usr/bin/env`), is a shell script; `#!/usr/bin/env python3` is not.
[[nodiscard]] bool shebang_is_shell(std::string_view body);

// For an exec form `["sh", "-c", "script", ...]` (any POSIX shell, options such as `-e` or
// `-o pipefail` before `-c`, or `-ec`): the index of the script argument, or -1.
[[nodiscard]] int shell_c_script_index(const std::vector<std::string_view>& words);

// source[range], rewritten to the same length so that a POSIX shell parser sees what BuildKit
// passes to the shell: every line-continuation join (escape character, trailing blanks, the
// newline and any comment or blank lines BuildKit dropped) becomes spaces ending in `\` + newline,
// which is also how a backtick escape reaches the shell as a backslash; CRs before a newline
// become spaces.
[[nodiscard]] std::string shell_text(std::string_view source, Span range,
                                     const std::vector<Span>& joins);
// True when shell_text() would return source[range] unchanged (no join to rewrite, no CR), so
// the caller can parse a view of the source instead of a copy.
[[nodiscard]] bool is_shell_text_verbatim(std::string_view source, Span range,
                                          const std::vector<Span>& joins);

// Sets every span in `script` to `span`, for scripts whose text could not be mapped byte for byte
// (a JSON string with escapes).
void pin_spans(model::ShellScript& script, Span span);

}  // namespace lintel::parsers::dockerfile
