#include "analyzer/cli/merge.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace lintel::cli {

namespace {

bool same_finding(const Finding& a, const Finding& b) {
  return a.path == b.path && a.start == b.start && a.end == b.end && a.rule_id == b.rule_id &&
         a.message == b.message;
}

}  // namespace

MergedRuns merge_runs(std::span<const sarif::SarifRun> runs) {
  MergedRuns merged;
  std::set<std::string> rule_ids;
  std::set<std::string> paths;
  bool first = true;
  for (const sarif::SarifRun& run : runs) {
    if (run.tool_name != "lintel") {
      merged.error = fmt::format("a run of '{}' is not a lintel run", run.tool_name);
      return merged;
    }
    if (first) merged.tool_version = run.tool_version;
    if (run.tool_version != merged.tool_version) {
      merged.error = fmt::format("runs of lintel {} and {} cannot be merged", merged.tool_version,
                                 run.tool_version);
      return merged;
    }
    first = false;
    rule_ids.insert(run.rule_ids.begin(), run.rule_ids.end());
    merged.execution_successful = merged.execution_successful && run.execution_successful;
    for (const Finding& f : run.findings) {
      if (!rule_ids.contains(f.rule_id)) {
        merged.error = fmt::format("a result of rule {} is not in its run's rules table", f.rule_id);
        return merged;
      }
      if (!f.path.empty()) paths.insert(f.path);
      merged.result.findings.push_back(f);
    }
    merged.result.notifications.insert(merged.result.notifications.end(),
                                       run.notifications.begin(), run.notifications.end());
  }
  merged.rule_ids.assign(rule_ids.begin(), rule_ids.end());

  auto& findings = merged.result.findings;
  std::stable_sort(findings.begin(), findings.end(), finding_less);
  findings.erase(std::unique(findings.begin(), findings.end(), same_finding), findings.end());
  // Every shard reports the notices of discovery (skipped files): keep one of each.
  auto& notes = merged.result.notifications;
  std::sort(notes.begin(), notes.end());
  notes.erase(std::unique(notes.begin(), notes.end()), notes.end());
  merged.result.internal_error = std::any_of(
      findings.begin(), findings.end(), [](const Finding& f) { return f.rule_id == "LNT003"; });
  // The inputs do not say how many files were checked; the files with results stand in.
  merged.result.files_checked = paths.size();
  return merged;
}

}  // namespace lintel::cli
