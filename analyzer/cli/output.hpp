// Chooses the reporter for the run's --format and writes the report to a stream.
#pragma once

#include <ostream>
#include <span>
#include <string>

#include "analyzer/engine/engine.hpp"
#include "analyzer/rule.hpp"

namespace lintel::cli {

enum class OutputFormat { text, json, sarif, github, gitlab, junit, checkstyle };

struct OutputOptions {
  OutputFormat format = OutputFormat::text;
  bool color = false;
  bool quiet = false;
  std::string version;
  bool execution_successful = true;
  unsigned threads = 0;  // for rendering a large SARIF log (--jobs); 0: every core
};

// `rules`: the rules enabled for the run, sorted by ID. The report is written as it is
// produced (a large tree's report is never held whole in memory).
void write_report(std::ostream& out, std::span<const Rule* const> rules,
                  const engine::ScanResult& result, const OutputOptions& options);

[[nodiscard]] std::string render_rules_text(std::span<const Rule* const> rules);
[[nodiscard]] std::string render_rules_json(std::span<const Rule* const> rules);

}  // namespace lintel::cli
