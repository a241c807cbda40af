// The result cache (keys, entries, dependencies, pruning), shard selection, and merging shard
// reports read back from SARIF.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "analyzer/cli/merge.hpp"
#include "analyzer/engine/cache.hpp"
#include "analyzer/engine/discovery.hpp"
#include "analyzer/engine/engine.hpp"
#include "analyzer/engine/shard.hpp"
#include "rules/registry.hpp"
#include "sarif/sarif.hpp"

namespace t_cache_test {

using namespace lintel;
namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "lintel-cache-test.XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  void write(const std::string& rel, const std::string& text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel, std::ios::binary) << text;
  }
};

// Runs a test body in another working directory and always comes back.
struct CwdGuard {
  fs::path old = fs::current_path();
  explicit CwdGuard(const fs::path& to) { fs::current_path(to); }
  ~CwdGuard() { fs::current_path(old); }
  CwdGuard(const CwdGuard&) = delete;
  CwdGuard& operator=(const CwdGuard&) = delete;
};

Finding finding(std::string rule, std::string path, std::uint32_t line, std::uint32_t col,
                std::string message) {
  Finding f;
  f.rule_id = std::move(rule);
  f.severity = Severity::error;
  f.message = std::move(message);
  f.path = std::move(path);
  f.span = Span{3, 9};
  f.start = {line, col};
  f.end = {line, col + 4};
  f.fingerprint = "00000000deadbeef:0";
  return f;
}

engine::FileReport sample_report() {
  engine::FileReport r;
  r.checked = true;
  r.findings.push_back(finding("DF001", "app/Dockerfile", 2, 6, "base image \"python:latest\" ☃"));
  Finding whole = finding("LNT002", "app/Dockerfile", 0, 0, "cannot read");
  whole.span.reset();
  whole.severity = Severity::warning;
  whole.suppressions.push_back({Suppression::Kind::in_source, "accepted: legacy"});
  r.findings.push_back(whole);
  r.notifications.push_back({Severity::info, "skipped x: binary", "x", ""});
  return r;
}

void require_same(const engine::FileReport& a, const engine::FileReport& b) {
  REQUIRE(a.checked == b.checked);
  REQUIRE(a.findings.size() == b.findings.size());
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    const Finding& x = a.findings[i];
    const Finding& y = b.findings[i];
    CHECK(x.rule_id == y.rule_id);
    CHECK(x.severity == y.severity);
    CHECK(x.message == y.message);
    CHECK(x.path == y.path);
    CHECK(x.span.has_value() == y.span.has_value());
    if (x.span && y.span) CHECK((x.span->begin == y.span->begin && x.span->end == y.span->end));
    CHECK(x.start == y.start);
    CHECK(x.end == y.end);
    CHECK(x.fingerprint == y.fingerprint);
    CHECK(x.suppressions == y.suppressions);
  }
  CHECK(a.notifications == b.notifications);
}

TEST_CASE("hash64 and Hasher: stable, sensitive, length-delimited", "[cache]") {
  using engine::hash64;
  CHECK(hash64("") == hash64(""));
  CHECK(hash64("abc") == hash64("abc"));
  CHECK(hash64("abc") != hash64("abd"));
  CHECK(hash64("abc") != hash64("abc", 1));
  // Every length around the 8-byte step, and a change in the tail or the body, changes it.
  std::set<std::uint64_t> seen;
  std::string s;
  for (int i = 0; i < 40; ++i) {
    s += static_cast<char>('a' + i % 26);
    seen.insert(hash64(s));
    std::string body = s;
    body[0] = 'Z';
    CHECK(hash64(body) != hash64(s));
    std::string tail = s;
    tail.back() = '0';
    CHECK(hash64(tail) != hash64(s));
  }
  CHECK(seen.size() == 40);
  CHECK(hash64(std::string("a\0b", 3)) != hash64(std::string("a\0c", 3)));
  CHECK(engine::Hasher{}.add("ab").add("c").value() != engine::Hasher{}.add("a").add("bc").value());
}

TEST_CASE("cache entries round-trip and reject anything malformed", "[cache]") {
  const engine::FileReport report = sample_report();
  const std::vector<engine::CacheDependency> deps = {
      {engine::CacheDependency::Kind::file, "app/Dockerfile", 0x1234},
      {engine::CacheDependency::Kind::module, "infra", 0xffffffffffffffffull}};
  const std::string text = engine::encode_cache_entry(42, report, deps);
  const auto back = engine::decode_cache_entry(42, text);
  REQUIRE(back);
  require_same(report, back->report);
  CHECK(back->dependencies == deps);

  CHECK_FALSE(engine::decode_cache_entry(43, text));  // another key's entry
  CHECK_FALSE(engine::decode_cache_entry(42, text.substr(0, text.size() / 2)));  // truncated
  CHECK_FALSE(engine::decode_cache_entry(42, ""));
  CHECK_FALSE(engine::decode_cache_entry(42, "[]"));
  std::string wrong_type = text;
  const auto at = wrong_type.find("\"checked\":true");
  REQUIRE(at != std::string::npos);
  wrong_type.replace(at, 14, "\"checked\":\"yes\"");
  CHECK_FALSE(engine::decode_cache_entry(42, wrong_type));
  std::string other_format = text;
  other_format.replace(other_format.find("lintel-cache/1"), 14, "lintel-cache/0");
  CHECK_FALSE(engine::decode_cache_entry(42, other_format));
}

TEST_CASE("ResultCache: store, load, stale dependencies, corrupt entries, pruning", "[cache]") {
  const TempDir dir;
  const engine::ResultCache cache((dir.path / "c").string(), "9.9.9");
  std::string error;
  REQUIRE(cache.prepare(error));
  CHECK(fs::exists(dir.path / "c" / ".gitignore"));

  const std::uint64_t key = cache.key(7, "a.tf", "resource {}", false);
  CHECK(key != cache.key(8, "a.tf", "resource {}", false));   // configuration
  CHECK(key != cache.key(7, "b.tf", "resource {}", false));   // path
  CHECK(key != cache.key(7, "a.tf", "resource { }", false));  // content
  CHECK(key != cache.key(7, "a.tf", "resource {}", true));    // Helm template
  CHECK(key != engine::ResultCache("x", "9.9.10").key(7, "a.tf", "resource {}", false));  // version

  std::uint64_t dep_value = 5;
  const engine::DependencyProbe probe = [&](const engine::CacheDependency&) { return dep_value; };
  CHECK_FALSE(cache.load(key, probe));
  cache.store(key, sample_report(), {{engine::CacheDependency::Kind::module, ".", 5}});
  CHECK(fs::exists(cache.entry_path(key)));
  const auto hit = cache.load(key, probe);
  REQUIRE(hit);
  require_same(sample_report(), *hit);
  dep_value = 6;  // the module changed
  CHECK_FALSE(cache.load(key, probe));
  dep_value = 5;
  std::ofstream(cache.entry_path(key), std::ios::binary) << "{\"format\":";
  CHECK_FALSE(cache.load(key, probe));
  const engine::CacheStats st = cache.stats();
  CHECK(st.hits == 1);
  CHECK(st.misses == 3);

  // A later run that uses only `kept` prunes the other entry.
  cache.store(key, sample_report(), {});
  const std::uint64_t other = cache.key(7, "other.tf", "", false);
  cache.store(other, sample_report(), {});
  const engine::ResultCache next((dir.path / "c").string(), "9.9.9");
  REQUIRE(next.load(key, probe));
  next.prune();
  CHECK(fs::exists(next.entry_path(key)));
  CHECK_FALSE(fs::exists(next.entry_path(other)));
  CHECK(next.stats().pruned == 1);
}

TEST_CASE("engine with a cache: warm results equal cold ones, dependencies invalidate", "[cache]") {
  const TempDir dir;
  dir.write("compose.yaml", "services:\n  api:\n    build: ./app\n    image: example/api:1.0\n");
  dir.write("app/Dockerfile", "FROM python:3.12-slim\nUSER 1000\nCMD [\"python\"]\n");
  const CwdGuard cwd(dir.path);
  const auto rules = rules::all_rules();
  std::vector<std::string> enabled;
  for (const Rule* r : rules) enabled.emplace_back(r->meta.id.view());
  const std::vector<engine::FileEntry> files = {{"app/Dockerfile", "app/Dockerfile", false},
                                                {"compose.yaml", "compose.yaml", false}};
  const auto run = [&](const engine::ResultCache* cache) {
    engine::EngineOptions options;
    options.jobs = 1;
    options.cache = cache;
    return engine::Engine(rules, enabled, options).scan(files);
  };
  const auto has_healthcheck_finding = [](const engine::ScanResult& r) {
    return std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) {
      return f.path == "compose.yaml" && f.message.find("declares no HEALTHCHECK") != std::string::npos;
    });
  };
  const auto same_findings = [](const engine::ScanResult& a, const engine::ScanResult& b) {
    if (a.findings.size() != b.findings.size()) return false;
    for (std::size_t i = 0; i < a.findings.size(); ++i) {
      const Finding& x = a.findings[i];
      const Finding& y = b.findings[i];
      if (x.rule_id != y.rule_id || x.message != y.message || x.path != y.path ||
          !(x.start == y.start) || !(x.end == y.end) || x.fingerprint != y.fingerprint)
        return false;
    }
    return a.files_checked == b.files_checked;
  };

  const engine::ScanResult plain = run(nullptr);
  const engine::ResultCache cold(".cache", "1");
  const engine::ScanResult first = run(&cold);
  CHECK(cold.stats().misses == 2);
  const engine::ResultCache warm(".cache", "1");
  const engine::ScanResult second = run(&warm);
  CHECK(warm.stats().hits == 2);
  CHECK(warm.stats().misses == 0);
  CHECK(same_findings(plain, first));
  CHECK(same_findings(plain, second));
  CHECK(has_healthcheck_finding(second));

  // The compose file's entry depends on the Dockerfile it builds.
  dir.write("app/Dockerfile",
            "FROM python:3.12-slim\nUSER 1000\nHEALTHCHECK CMD [\"true\"]\nCMD [\"python\"]\n");
  const engine::ResultCache edited(".cache", "1");
  const engine::ScanResult third = run(&edited);
  CHECK(edited.stats().misses == 2);  // the Dockerfile itself and the compose file
  CHECK_FALSE(has_healthcheck_finding(third));
  CHECK(same_findings(run(nullptr), third));
}

TEST_CASE("shard spec syntax: K/N with 1 <= K <= N", "[shard]") {
  const auto s = engine::parse_shard("2/4");
  REQUIRE(s);
  CHECK(s->index == 2);
  CHECK(s->count == 4);
  CHECK(engine::parse_shard("1/1"));
  CHECK(engine::parse_shard("4096/4096"));
  for (const char* bad : {"0/4", "5/4", "x", "4", "/4", "2/", "1/0", "-1/4", "1.5/4", "1/4/2",
                          " 1/4", "1/4 ", "1/4097", "", "+1/4"})
    CHECK_FALSE(engine::parse_shard(bad));
}

TEST_CASE("shards partition the files and keep units together", "[shard]") {
  const TempDir dir;
  const CwdGuard cwd(dir.path);
  dir.write("stack/docker-compose.yml", "services:\n  web:\n    build:\n      context: ../web\n");
  dir.write("web/Dockerfile", "FROM nginx:1.27\n");
  dir.write("deploy.yaml", "services:\n  api:\n    build: api\n    image: x:1\n");  // by content
  dir.write("api/Dockerfile", "FROM python:3.12\n");
  for (int i = 0; i < 6; ++i) dir.write("mod/f" + std::to_string(i) + ".tf", "locals {}\n");
  for (int i = 0; i < 30; ++i) dir.write("docs/n" + std::to_string(i) + ".md", "text\n");
  const engine::Discovery found = engine::discover({"."});
  const auto units = engine::shard_units(found.files, 1 << 20);
  std::map<std::string, std::string> unit_of;
  for (std::size_t i = 0; i < found.files.size(); ++i) unit_of[found.files[i].path] = units[i];
  CHECK(unit_of["web/Dockerfile"] == "compose:stack/docker-compose.yml");
  CHECK(unit_of["api/Dockerfile"] == "compose:deploy.yaml");
  CHECK(unit_of["mod/f0.tf"] == "tf:mod");
  CHECK(unit_of["mod/f5.tf"] == "tf:mod");
  CHECK(unit_of["docs/n3.md"] == "docs/n3.md");

  for (unsigned n : {1u, 2u, 3u, 7u}) {
    std::multiset<std::string> all;
    for (unsigned k = 1; k <= n; ++k) {
      const auto part = engine::select_shard(found.files, {k, n}, 1 << 20);
      std::set<unsigned> module_shards;
      for (const auto& f : part) all.insert(f.path);
      // Deterministic: the same call gives the same files.
      CHECK(engine::select_shard(found.files, {k, n}, 1 << 20) == part);
      const bool has_web = std::any_of(part.begin(), part.end(), [](const auto& f) { return f.path == "web/Dockerfile"; });
      const bool has_stack = std::any_of(part.begin(), part.end(), [](const auto& f) { return f.path == "stack/docker-compose.yml"; });
      CHECK(has_web == has_stack);
      const auto tf = std::count_if(part.begin(), part.end(), [](const auto& f) { return f.path.starts_with("mod/"); });
      CHECK((tf == 0 || tf == 6));
    }
    std::multiset<std::string> expected;
    for (const auto& f : found.files) expected.insert(f.path);
    CHECK(all == expected);  // every file in exactly one shard
  }
}

TEST_CASE("SARIF read back and merged equals the single run", "[merge]") {
  const auto registry = rules::all_rules();
  std::vector<const Rule*> rules;
  for (const Rule* r : registry)
    if (r->meta.id.view() == "DF001" || r->meta.id.view() == "DF028" || r->meta.id.view() == "LNT002")
      rules.push_back(r);
  std::vector<Finding> all = {finding("DF001", "a/Dockerfile", 1, 6, "one"),
                              finding("DF028", "a/Dockerfile", 2, 1, "two"),
                              finding("DF001", "b b/Dockerfile", 3, 6, "three")};
  all[1].suppressions.push_back({Suppression::Kind::external, ""});
  Finding whole = finding("LNT002", "c/Dockerfile", 0, 0, "cannot read 'c/Dockerfile'");
  whole.span.reset();
  whole.start = whole.end = Position{};  // what the engine leaves in a finding without a span
  all.push_back(whole);
  std::sort(all.begin(), all.end(), finding_less);
  const std::vector<Notification> notes = {{Severity::info, "skipped a: binary", "a", ""},
                                           {Severity::info, "skipped fifo", "", ""}};
  sarif::RunInfo info;
  info.tool_version = "1.2.3";
  info.srcroot_uri = "file:///src/";
  const std::string single = sarif::write_sarif(rules, all, notes, info);

  // Two shards: each has only its files' results but the same rules and discovery notices.
  const std::vector<Finding> s1 = {all[0], all[1]};
  const std::vector<Finding> s2 = {all[2], all[3]};
  const std::vector<Notification> n1 = {notes[1]};
  const std::vector<Notification> n2 = {notes[0], notes[1]};
  const auto read = [](const std::string& text) {
    sarif::SarifRead r = sarif::read_sarif_results(text);
    REQUIRE(r.ok());
    REQUIRE(r.runs.size() == 1);
    return r.runs.front();
  };
  std::vector<sarif::SarifRun> runs = {read(sarif::write_sarif(rules, s2, n2, info)),
                                       read(sarif::write_sarif(rules, s1, n1, info))};
  CHECK(runs[1].findings[1].suppressions.size() == 1);
  CHECK(runs[0].findings[0].path == "b b/Dockerfile");
  CHECK_FALSE(runs[0].findings[1].span.has_value());
  const cli::MergedRuns merged = cli::merge_runs(runs);
  REQUIRE(merged.error.empty());
  CHECK(merged.rule_ids == std::vector<std::string>{"DF001", "DF028", "LNT002"});
  CHECK(merged.execution_successful);
  CHECK(sarif::write_sarif(rules, merged.result.findings, merged.result.notifications, info) == single);

  runs[0].execution_successful = false;
  CHECK_FALSE(cli::merge_runs(runs).execution_successful);
  runs[0].tool_version = "1.2.4";
  CHECK_FALSE(cli::merge_runs(runs).error.empty());

  CHECK_FALSE(sarif::read_sarif_results("{}").ok());
  CHECK_FALSE(sarif::read_sarif_results("not json").ok());
  CHECK_FALSE(sarif::read_sarif_results(R"({"runs":[{"results":[{"message":{"text":"x"}}]}]})").ok());
}

}  // namespace t_cache_test
