// Findings and rule metadata to SARIF 2.1.0, and SARIF back to findings (for baselines).
// Serialization only: every decision was made before this point.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "analyzer/finding.hpp"
#include "analyzer/rule.hpp"

namespace lintel::sarif {

struct RunInfo {
  std::string tool_version;          // "0.1.0"
  std::string information_uri;       // project home page
  std::string docs_base_uri;         // helpUri = docs_base_uri + ID + ".md"
  std::string srcroot_uri;           // "file:///abs/cwd/" (trailing slash), for %SRCROOT%
  bool execution_successful = true;
};

// `rules`: the rules enabled for the run, sorted by ID; every finding's rule_id is among them.
// `findings`: already sorted. `render_help_markdown` renders a rule's doc page (help.markdown).
[[nodiscard]] std::string write_sarif(std::span<const Rule* const> rules,
                                      std::span<const Finding> findings,
                                      std::span<const Notification> notifications,
                                      const RunInfo& info);

}  // namespace lintel::sarif
