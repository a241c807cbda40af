// Runs every annotated fixture under fixtures/ and compares findings in both directions.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "analyzer/cli/selection.hpp"
#include "analyzer/engine/classify.hpp"
#include "analyzer/engine/engine.hpp"
#include "rules/registry.hpp"
#include "tests/fixture_support.hpp"

namespace fs = std::filesystem;
using namespace lintel;

namespace t_fixture_test {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Fixture files, relative to the source dir (tests run there), sorted. The demo project is a
// sample, not a fixture; fixtures/hostile holds inputs that cannot carry annotations (UTF-16,
// NUL bytes, empty files), checked by tests/cli/hostile.sh.
std::vector<std::string> fixture_files() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator("fixtures")) {
    if (!e.is_regular_file()) continue;
    const std::string p = e.path().generic_string();
    if (p.starts_with("fixtures/demo-project/") || p.starts_with("fixtures/hostile/")) continue;
    out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("annotation parser reads headers and expectations", "[fixtures]") {
  const auto spec = testing::parse_fixture(
      "# lintel-fixture: rules=DF001,DF002\n"
      "# expect: DF001 col=6 \"python:latest\"\n"
      "FROM python:latest\n"
      "# expect@+2: DF002\n"
      "RUN x\n"
      "FROM y\n");
  REQUIRE(spec.has_header);
  CHECK(spec.rules == std::vector<std::string>{"DF001", "DF002"});
  REQUIRE(spec.expectations.size() == 2);
  CHECK(spec.expectations[0].line == 3);
  CHECK(spec.expectations[0].column == 6u);
  CHECK(spec.expectations[0].substring == std::string("python:latest"));
  CHECK(spec.expectations[1].line == 6);
  CHECK(spec.errors.empty());
  const auto opt = testing::parse_fixture("# lintel-fixture: rules=DF033 option=DF033.allowed-registries=a,b\n");
  CHECK(opt.options == std::vector<std::string>{"DF033.allowed-registries=a,b"});
}

TEST_CASE("annotation comparison fails in both directions", "[fixtures]") {
  auto spec = testing::parse_fixture("# lintel-fixture: rules=DF001\n# expect: DF001\nFROM a\nFROM b\n");
  Finding hit;
  hit.rule_id = "DF001";
  hit.start = {3, 1};
  Finding extra = hit;
  extra.start = {4, 1};
  CHECK(testing::compare(spec, {hit}).empty());
  CHECK(testing::compare(spec, {hit, extra}).size() == 1);  // unexpected
  CHECK(testing::compare(spec, {}).size() == 1);            // missing
  CHECK(testing::parse_fixture("# expect DF001\nx\n").errors.size() == 1);
}

TEST_CASE("every fixture produces exactly its annotated findings", "[fixtures]") {
  const auto rules = rules::all_rules();
  std::size_t checked = 0;
  for (const std::string& path : fixture_files()) {
    const std::string text = slurp(path);
    const auto spec = testing::parse_fixture(text);
    const auto by_name = engine::classify_by_name(path);
    if (!spec.has_header) {
      // Support files (a .dockerignore beside a fixture) carry no annotations.
      if (by_name == FileKind::text) continue;
      FAIL_CHECK(path << ": fixture without a `lintel-fixture: rules=…` header");
      continue;
    }
    DYNAMIC_SECTION(path) {
      std::vector<std::string> unknown;
      const auto enabled = cli::enabled_ids(rules, spec.rules, {}, unknown);
      INFO(path);
      CHECK(unknown.empty());
      engine::EngineOptions options;
      for (const std::string& o : spec.options) {
        const auto dot = o.find('.');
        REQUIRE(dot != std::string::npos);
        options.rule_options.set_from_lines(o.substr(0, dot), o.substr(dot + 1));
      }
      const engine::Engine engine(rules, enabled, std::move(options));
      const SourceFile source(path, text);
      std::optional<FileKind> kind;
      if (!spec.kind.empty()) {
        kind = parse_file_kind(spec.kind);
        REQUIRE(kind.has_value());
      }
      const auto report = engine.lint(source, kind);
      for (const auto& f : report.findings) CHECK(f.rule_id != "LNT003");
      const auto diffs = testing::compare(spec, report.findings);
      std::string joined;
      for (const auto& d : diffs) joined += "\n  " + d;
      INFO("differences:" << joined);
      CHECK(diffs.empty());
      ++checked;
    }
  }
  CHECK(checked > 0);
}

}  // namespace t_fixture_test
