// Baselines: findings of an earlier SARIF or JSON report are accepted by fingerprint, so lines
// inserted above them do not bring them back, while new findings still report.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "analyzer/cli/baseline.hpp"
#include "analyzer/cli/report.hpp"
#include "analyzer/engine/engine.hpp"
#include "rules/registry.hpp"

namespace t_baseline_test {

using namespace lintel;

std::vector<Finding> lint(const std::string& text) {
  const auto rules = rules::all_rules();
  const engine::Engine e(rules, {"DF001", "DF028"}, {});
  return e.lint(SourceFile("app/Dockerfile", text), FileKind::dockerfile).findings;
}

const std::string kOld = "FROM python:latest\nMAINTAINER me\nCMD [\"true\"]\n";
// Two lines inserted above, the old findings moved down, and one new finding.
const std::string kNew =
    "# syntax=docker/dockerfile:1\n\nFROM python:latest\nMAINTAINER me\nFROM node:latest\nCMD [\"true\"]\n";

void check_new_only(std::vector<Finding>& now, std::span<const sarif::BaselineEntry> baseline) {
  CHECK(cli::apply_baseline(baseline, now) == 2);
  std::vector<std::string> open;
  std::vector<std::string> accepted;
  for (const Finding& f : now) {
    const std::string where = f.rule_id + "@" + std::to_string(f.start.line);
    if (!f.suppressed()) {
      open.push_back(where);
      continue;
    }
    accepted.push_back(where);
    REQUIRE(f.suppressions.size() == 1);
    CHECK(f.suppressions[0].kind == Suppression::Kind::external);
    CHECK(f.suppressions[0].justification == "baseline");
  }
  CHECK(open == std::vector<std::string>{"DF001@5"});
  CHECK(accepted == std::vector<std::string>{"DF001@3", "DF028@4"});
}

TEST_CASE("a SARIF baseline matches findings after lines are inserted above them", "[baseline]") {
  const std::vector<Finding> old = lint(kOld);
  REQUIRE(old.size() == 2);
  const std::string sarif = cli::write_baseline(rules::all_rules(), old, "0.0.0-test");
  const sarif::BaselineRead read = cli::read_baseline(sarif);
  REQUIRE(read.ok());
  REQUIRE(read.entries.size() == 2);
  CHECK(read.entries[0].path == "app/Dockerfile");
  std::vector<Finding> now = lint(kNew);
  REQUIRE(now.size() == 3);
  check_new_only(now, read.entries);
}

TEST_CASE("a lintel JSON report works as a baseline", "[baseline]") {
  const std::vector<Finding> old = lint(kOld);
  std::ostringstream json;
  cli::write_json(json, old, 1, "0.0.0-test");
  const sarif::BaselineRead read = cli::read_baseline(json.str());
  REQUIRE(read.ok());
  std::vector<Finding> now = lint(kNew);
  check_new_only(now, read.entries);
}

TEST_CASE("a baseline matches rule, path and fingerprint together", "[baseline]") {
  std::vector<Finding> now = lint(kOld);
  std::vector<sarif::BaselineEntry> baseline;
  for (const Finding& f : now) {
    baseline.push_back({f.rule_id, f.fingerprint, "other/Dockerfile", "other/Dockerfile", false});
    baseline.push_back({"DF002", f.fingerprint, f.path, f.path, false});
  }
  CHECK(cli::apply_baseline(baseline, now) == 0);
}

TEST_CASE("malformed baselines are errors, not empty baselines", "[baseline]") {
  CHECK_FALSE(cli::read_baseline("not json").ok());
  CHECK_FALSE(cli::read_baseline("{\"something\": 1}").ok());
  CHECK_FALSE(cli::read_baseline("[1, 2]").ok());
}

}  // namespace t_baseline_test
