// Baselines: an earlier report (SARIF, or lintel's JSON) whose findings are accepted. A finding
// of the current run with the same rule, path and lintel/v1 fingerprint is marked suppressed
// (kind external, justification "baseline"), so adopting lintel on a legacy project reports only
// what is new. Fingerprints hold no line numbers: inserting lines above an old finding or
// reordering blocks does not bring it back.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/finding.hpp"
#include "analyzer/rule.hpp"
#include "sarif/sarif.hpp"

namespace lintel::cli {

// Reads a baseline: SARIF (an object with "runs") or lintel JSON (an object with "findings").
// Suppressed entries of the earlier run count too (they were accepted then).
[[nodiscard]] sarif::BaselineRead read_baseline(std::string_view text);

// Marks the unsuppressed findings the baseline holds; returns how many were marked.
std::size_t apply_baseline(std::span<const sarif::BaselineEntry> baseline,
                           std::vector<Finding>& findings);

// The baseline `--write-baseline` writes: SARIF of every finding of the run, with the rules
// that reported them.
[[nodiscard]] std::string write_baseline(std::span<const Rule* const> rules,
                                         std::span<const Finding> findings,
                                         std::string_view version);

}  // namespace lintel::cli
