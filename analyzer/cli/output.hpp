// Chooses the reporter for the run's --format and renders the whole report as one string.
#pragma once

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
};

// `rules`: the rules enabled for the run, sorted by ID.
[[nodiscard]] std::string render_report(std::span<const Rule* const> rules,
                                        const engine::ScanResult& result,
                                        const OutputOptions& options);

[[nodiscard]] std::string render_rules_text(std::span<const Rule* const> rules);
[[nodiscard]] std::string render_rules_json(std::span<const Rule* const> rules);

}  // namespace lintel::cli
