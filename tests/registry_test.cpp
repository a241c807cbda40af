// The registry checks of STYLE.md §6: IDs, slugs, metadata, fixtures, honest examples, and
// generated docs that match the metadata.
#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "analyzer/engine/classify.hpp"
#include "analyzer/engine/engine.hpp"
#include "analyzer/rule_doc.hpp"
#include "rules/registry.hpp"

namespace fs = std::filesystem;
using namespace lintel;

namespace t_registry_test {

std::string_view example_path(const RuleMeta& m) {
  if (!m.example_path.empty()) return m.example_path;
  switch (m.format) {
    case Format::dockerfile: return "Dockerfile";
    case Format::compose: return "compose.yaml";
    case Format::kubernetes: return "manifest.yaml";
    case Format::terraform: return "main.tf";
    case Format::actions: return ".github/workflows/ci.yml";
    default: return "example.txt";
  }
}

std::vector<Finding> run_example(const Rule& rule, std::string_view text) {
  const std::vector<std::string> enabled{std::string(rule.meta.id.view()), "LNT001", "LNT003"};
  engine::EngineOptions options;
  options.rule_options.set_from_lines(rule.meta.id.view(), rule.meta.example_options);
  const engine::Engine engine(rules::all_rules(), enabled, std::move(options));
  const SourceFile source(std::string(example_path(rule.meta)), std::string(text));
  return engine.lint(source).findings;
}

std::size_t count(const std::vector<Finding>& fs, std::string_view id) {
  return static_cast<std::size_t>(
      std::count_if(fs.begin(), fs.end(), [&](const Finding& f) { return f.rule_id == id; }));
}

bool has_file_with_stem(const fs::path& dir, std::string_view stem) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().filename().string().starts_with(std::string(stem) + ".")) return true;
  return false;
}

TEST_CASE("rule IDs are unique, well-formed and sorted", "[registry]") {
  const auto rules = rules::all_rules();
  REQUIRE(!rules.empty());
  const RE2 id_pattern("^(DF|DC|TF|K8S|GHA|SEC|LNT)[0-9]{3}$");
  const RE2 slug_pattern("^[a-z0-9]+(-[a-z0-9]+)*$");
  std::set<std::string> slugs;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleMeta& m = rules[i]->meta;
    INFO(m.id.view());
    CHECK(RE2::FullMatch(m.id.view(), id_pattern));
    CHECK(RE2::FullMatch(m.slug, slug_pattern));
    CHECK(slugs.insert(std::string(to_string(m.format)) + "/" + std::string(m.slug)).second);
    if (i > 0) CHECK(rules[i - 1]->meta.id.view() < m.id.view());
    CHECK(rules::find_rule(m.id.view()) == rules[i]);
  }
}

TEST_CASE("every rule documents itself", "[registry]") {
  for (const Rule* r : rules::all_rules()) {
    const RuleMeta& m = r->meta;
    INFO(m.id.view());
    CHECK(!m.summary.empty());
    CHECK(m.summary.size() <= 80);
    CHECK(m.summary.back() != '.');
    CHECK(!m.what.empty());
    CHECK(!m.why.empty());
    CHECK(!m.fix.empty());
    CHECK(m.summary.find("TODO") == std::string_view::npos);
    if (!m.security_severity.empty()) {
      const double s = std::stod(std::string(m.security_severity));
      CHECK(s > 0.0);
      CHECK(s <= 10.0);
    }
    for (const PeerId& p : m.peers) {
      CHECK(!p.tool.empty());
      CHECK(!p.id.empty());
    }
  }
}

TEST_CASE("every rule has bad and good fixtures", "[registry]") {
  bool parse_error_fixtures = false;
  for (const auto& e : fs::directory_iterator("fixtures"))
    if (fs::is_directory(e.path() / "parse-error")) parse_error_fixtures = true;
  CHECK(parse_error_fixtures);
  for (const Rule* r : rules::all_rules()) {
    const RuleMeta& m = r->meta;
    if (m.format == Format::meta) continue;
    INFO(m.id.view());
    const fs::path dir = fs::path("fixtures") / std::string(to_string(m.format)) / std::string(m.slug);
    CHECK(fs::is_directory(dir));
    CHECK(has_file_with_stem(dir, "bad"));
    CHECK(has_file_with_stem(dir, "good"));
  }
}

TEST_CASE("every rule's documented source file exists", "[registry][docs]") {
  for (const Rule* r : rules::all_rules()) {
    INFO(r->meta.id.view());
    CHECK(fs::is_regular_file(rule_source_path(r->meta)));
  }
}

TEST_CASE("each rule flags its bad example and passes its good one", "[registry]") {
  for (const Rule* r : rules::all_rules()) {
    const RuleMeta& m = r->meta;
    if (r->check == nullptr && m.id.view() != "LNT001") continue;
    INFO(m.id.view() << "\nbad:\n" << m.bad << "\ngood:\n" << m.good);
    REQUIRE(!m.bad.empty());
    REQUIRE(!m.good.empty());
    const auto bad = run_example(*r, m.bad);
    const auto good = run_example(*r, m.good);
    CHECK(count(bad, m.id.view()) > 0);
    CHECK(good.empty());
    CHECK(count(bad, "LNT003") == 0);
  }
}

TEST_CASE("docs/rules matches the rule metadata", "[registry][docs]") {
  // CI fails on a stale page: regenerate with `build/lintel docs --out docs/rules`.
  const auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  for (const Rule* r : rules::all_rules()) {
    const fs::path page = fs::path("docs/rules") / (std::string(r->meta.id.view()) + ".md");
    INFO(page.string() << " is stale: run `build/lintel docs --out docs/rules`");
    CHECK(read(page) == render_rule_markdown(r->meta));
  }
  INFO("docs/rules/README.md is stale: run `build/lintel docs --out docs/rules`");
  CHECK(read("docs/rules/README.md") == render_rule_index(rules::all_rules()));
}

}  // namespace t_registry_test
