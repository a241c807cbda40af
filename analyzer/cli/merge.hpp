// `lintel merge`: joins the SARIF reports of `scan --shard K/N` runs into the report one
// unsharded run would have written. Results are sorted by path, line, column, rule and message
// (and de-duplicated), the rules table is the union of the runs' rules in ID order (ruleIndex is
// recomputed by the writer), notifications are the sorted union, and the run succeeded only if
// every input did. Reading SARIF is sarif/'s job; this file only combines.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "analyzer/engine/engine.hpp"
#include "sarif/sarif.hpp"

namespace lintel::cli {

struct MergedRuns {
  std::vector<std::string> rule_ids;  // sorted, unique
  engine::ScanResult result;          // findings and notifications sorted, unique
  bool execution_successful = true;
  std::string tool_version;           // the version every input was written by
  std::string error;                  // empty on success
};

// `runs`: every run of every input, in input order. Runs of other tools, or of another lintel
// version than the others, are an error: their rules and fingerprints would not match.
[[nodiscard]] MergedRuns merge_runs(std::span<const sarif::SarifRun> runs);

}  // namespace lintel::cli
