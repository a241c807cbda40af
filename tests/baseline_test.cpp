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

TEST_CASE("fingerprints number the findings with the same key in the order they were reported",
          "[baseline]") {
  const SourceFile source("app/Dockerfile", "FROM a:latest\nFROM a:latest\nFROM b:latest\n");
  const auto finding = [&](std::uint32_t line_start, std::uint32_t line_end) {
    Finding f;
    f.rule_id = "DF001";
    f.path = "app/Dockerfile";
    f.span = Span{line_start, line_end};
    return f;
  };
  // Lines 2, 1 and 3 in that order: the first two have the same text, hence the same hash.
  std::vector<Finding> findings{finding(14, 27), finding(0, 13), finding(28, 41), finding(0, 13)};
  engine::assign_fingerprints(findings, source, {});
  const auto hash = [](const Finding& f) { return f.fingerprint.substr(0, 16); };
  const auto count = [](const Finding& f) { return f.fingerprint.substr(17); };
  CHECK(hash(findings[0]) == hash(findings[1]));
  CHECK(hash(findings[0]) == hash(findings[3]));
  CHECK(hash(findings[0]) != hash(findings[2]));
  CHECK(count(findings[0]) == "0");
  CHECK(count(findings[1]) == "1");
  CHECK(count(findings[2]) == "0");
  CHECK(count(findings[3]) == "2");
  // The same text at another line: the same fingerprint (no line numbers in it).
  std::vector<Finding> moved{finding(28, 41)};
  engine::assign_fingerprints(moved, source, {});
  CHECK(moved[0].fingerprint == findings[2].fingerprint);
}

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
