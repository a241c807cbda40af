// The human and machine reports besides SARIF: text for terminals, JSON for scripts, and GitHub
// workflow commands for annotations in a pull request. Findings arrive sorted; these functions
// only format them.
#pragma once

#include <cstddef>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

#include "analyzer/finding.hpp"
#include "analyzer/rule.hpp"

namespace lintel::cli {

// One line per unsuppressed finding, `path:line:col: level ID message` (`path: level ID message`
// for a finding about the whole file), then the summary line. `files` is how many files were
// scanned. With `color`, ANSI escapes mark the location bold and the level red/yellow/cyan.
// Without `summary` (--quiet) only the findings are written.
void write_text(std::ostream& out, std::span<const Finding> findings, std::size_t files,
                bool color, bool summary = true);

// "3 findings (1 error, 2 warnings, 0 info) in 5 files", "No findings in 5 files", plus
// "; 2 suppressed" when findings were suppressed. Without a newline.
[[nodiscard]] std::string summary_line(std::span<const Finding> findings, std::size_t files);

// {"version", "findings": [...], "summary": {...}}: every finding, suppressed ones included and
// marked. Keys in a fixed order; ends with a newline. `threads` render the findings (0: every
// core); the bytes do not depend on it.
void write_json(std::ostream& out, std::span<const Finding> findings, std::size_t files,
                std::string_view version, unsigned threads = 0);

// One workflow command per unsuppressed finding, e.g.
// `::error file=a.txt,line=1,col=2,endLine=1,endColumn=5,title=DF001 image-latest-tag::msg`.
// `rules` supplies the slugs for the titles (a rule missing from it is titled by its ID).
void write_github(std::ostream& out, std::span<const Finding> findings,
                  std::span<const Rule* const> rules);

// GitHub's escaping for a workflow command's message and for its property values.
[[nodiscard]] std::string escape_github_data(std::string_view s);
[[nodiscard]] std::string escape_github_property(std::string_view s);

}  // namespace lintel::cli
