// .lintel.toml parsing and validation, gitignore-style globs, ignore files during discovery,
// and configuration values reaching the engine (severity, per-path ignores, rule options).
#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "analyzer/engine/config.hpp"
#include "analyzer/engine/discovery.hpp"
#include "analyzer/engine/ignore_files.hpp"
#include "rules/registry.hpp"

namespace t_config_test {

using namespace lintel;
namespace fs = std::filesystem;

engine::ConfigResult parse(std::string_view text) {
  return engine::parse_config(text, ".lintel.toml", rules::all_rules());
}

std::string error_of(std::string_view text) {
  const auto r = parse(text);
  return r.error ? r.error->to_string() : std::string("(no error)");
}

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "lintel-config-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& rel, std::string_view text) const {
    fs::create_directories((path / rel).parent_path());
    std::ofstream(path / rel) << text;
  }
};

TEST_CASE("a full configuration parses", "[config]") {
  const auto r = parse(R"(
select = ["DF", "hadolint:DL3007"]
ignore = ["DF028"]
fail-on = "error"
exclude = ["third_party/**"]
inline-ignores = false
max-file-size = "1MiB"

[severity]
DF001 = "info"
image-latest-tag = "error"

[[per-path]]
paths = ["legacy/**"]
ignore = ["DF003", "hadolint:DL3007"]

[rules.DF033]
allowed-registries = ["docker.io", "ghcr.io"]

[rules.TF005]
min-retention-days = 14

[build-args]
REGISTRY = "ghcr.io"
)");
  REQUIRE_FALSE(r.error);
  const engine::Config& c = r.config;
  CHECK(c.select == std::vector<std::string>{"DF", "hadolint:DL3007"});
  CHECK(c.ignore == std::vector<std::string>{"DF028"});
  REQUIRE(c.fail_on);
  CHECK(*c.fail_on == Severity::error);
  CHECK(c.exclude == std::vector<std::string>{"third_party/**"});
  CHECK(c.inline_ignores == false);
  CHECK(c.max_file_size == 1024u * 1024u);
  CHECK(c.severity.at("DF001") == Severity::error);  // later entry for the same rule wins
  REQUIRE(c.per_path.size() == 1);
  CHECK(c.per_path[0].globs == std::vector<std::string>{"legacy/**"});
  CHECK(c.per_path[0].ignore == std::vector<std::string>{"DF003", "DF001"});
  const auto* regs = c.rule_options.list("DF033", "allowed-registries");
  REQUIRE(regs != nullptr);
  CHECK(*regs == std::vector<std::string>{"docker.io", "ghcr.io"});
  CHECK(c.rule_options.integer("TF005", "min-retention-days", 30) == 14);
  CHECK(c.build_args.at("REGISTRY") == "ghcr.io");
}

TEST_CASE("fail-on never", "[config]") {
  const auto r = parse("fail-on = \"never\"\n");
  REQUIRE_FALSE(r.error);
  REQUIRE(r.config.fail_on);
  CHECK_FALSE(r.config.fail_on->has_value());
}

TEST_CASE("configuration errors name the file, line, column and key", "[config]") {
  CHECK(error_of("select = [\"DF001\"]\nselct = [\"DF\"]\n") == ".lintel.toml:2:1: unknown key 'selct'");
  CHECK(error_of("ignore = [\"DF001\", \"NOPE999\"]\n") ==
        ".lintel.toml:1:20: 'ignore': no rule matches \"NOPE999\" (see 'lintel rules')");
  CHECK(error_of("fail-on = \"sometimes\"\n").starts_with(".lintel.toml:1:11: 'fail-on': unknown level"));
  CHECK(error_of("fail-on = 3\n") == ".lintel.toml:1:11: 'fail-on' must be a string");
  CHECK(error_of("\n[severity]\nDF001 = \"fatal\"\n").starts_with(".lintel.toml:3:9: 'severity.DF001': unknown level"));
  CHECK(error_of("[severity]\nDF999 = \"error\"\n").starts_with(".lintel.toml:2:1: 'severity.DF999': no rule matches"));
  CHECK(error_of("[rules.DF033]\nallowed = [\"x\"]\n").starts_with(".lintel.toml:2:1: unknown option 'rules.DF033.allowed'"));
  CHECK(error_of("[rules.DF]\nx = 1\n").find("options need one rule ID") != std::string::npos);
  CHECK(error_of("[[per-path]]\npaths = [\"a/**\"]\nignores = [\"DF001\"]\n") ==
        ".lintel.toml:3:1: unknown key 'per-path.ignores'");
  CHECK(error_of("max-file-size = \"2 lots\"\n").starts_with(".lintel.toml:1:17: 'max-file-size'"));
  // Syntax errors come from toml++ with their position.
  CHECK(error_of("select = [\"DF001\"\n").starts_with(".lintel.toml:"));
  CHECK_FALSE(parse("select = [\"DF001\"\n").error->line == 0);
}

TEST_CASE("lintel init's template is a valid configuration", "[config]") {
  const std::string text = engine::default_config_text(rules::all_rules());
  CHECK(text.find("# fail-on = \"warning\"") != std::string::npos);
  CHECK(text.find("[rules.DF033]") != std::string::npos);
  const auto r = parse(text);
  CHECK_FALSE(r.error);
}

TEST_CASE("gitignore-style globs", "[config]") {
  using engine::glob_match;
  CHECK(glob_match("legacy/**", "legacy/a/Dockerfile"));
  CHECK(glob_match("legacy/", "legacy/a/Dockerfile"));
  CHECK(glob_match("legacy", "x/legacy/Dockerfile"));  // no inner '/': any depth
  CHECK_FALSE(glob_match("/legacy", "x/legacy/Dockerfile"));
  CHECK_FALSE(glob_match("legacy/**", "legacy-new/Dockerfile"));
  CHECK(glob_match("*.tf", "infra/main.tf"));
  CHECK_FALSE(glob_match("*.tf", "infra/main.tfvars"));
  CHECK(glob_match("infra/**/*.tf", "infra/main.tf"));
  CHECK(glob_match("infra/**/*.tf", "infra/a/b/main.tf"));
  CHECK_FALSE(glob_match("infra/*.tf", "infra/a/main.tf"));
  CHECK_FALSE(glob_match("Dockerfile/", "Dockerfile"));  // folders only
  CHECK(glob_match("Dockerfile.?", "Dockerfile.a"));
  CHECK(glob_match("[ab].yaml", "b.yaml"));
}

TEST_CASE("ignore files: negation, folders, anchoring", "[config]") {
  const engine::IgnoreFile f("/r", "# comment\n*.log\n!keep.log\nbuild/\n/top.txt\n\\#hash\n");
  using V = engine::IgnoreFile::Verdict;
  CHECK(f.match("a/x.log", false) == V::ignored);
  CHECK(f.match("a/keep.log", false) == V::included);
  CHECK(f.match("a/build", true) == V::ignored);
  CHECK(f.match("a/build", false) == V::none);
  CHECK(f.match("top.txt", false) == V::ignored);
  CHECK(f.match("a/top.txt", false) == V::none);
  CHECK(f.match("#hash", false) == V::ignored);
}

TEST_CASE("discovery honours .gitignore and .lintelignore, nested ones too", "[config]") {
  const TempDir dir;
  dir.write(".gitignore", "generated/\n*.tmp\n");
  dir.write(".lintelignore", "fixtures/**\n");
  dir.write("Dockerfile", "FROM a\n");
  dir.write("x.tmp", "");
  dir.write("generated/Dockerfile", "FROM a\n");
  dir.write("fixtures/bad/Dockerfile", "FROM a\n");
  dir.write("sub/.gitignore", "local.yaml\n!keep.tmp\n");
  dir.write("sub/local.yaml", "");
  dir.write("sub/keep.tmp", "");
  dir.write("sub/other.yaml", "");
  const auto names = [&](const engine::Discovery& d) {
    std::vector<std::string> out;
    for (const auto& f : d.files) out.push_back(fs::relative(f.fs_path, dir.path).generic_string());
    std::sort(out.begin(), out.end());
    return out;
  };
  const auto found = engine::discover({dir.path.string()});
  CHECK(names(found) == std::vector<std::string>{".gitignore", ".lintelignore", "Dockerfile",
                                                 "sub/.gitignore", "sub/keep.tmp", "sub/other.yaml"});
  engine::DiscoveryOptions off;
  off.ignore_files = false;
  CHECK(engine::discover({dir.path.string()}, off).files.size() == 10);
  // Named on the command line: scanned even though ignored.
  const auto explicit_ = engine::discover({(dir.path / "x.tmp").string()});
  CHECK(explicit_.files.size() == 1);
}

TEST_CASE("files named on the command line: sorted, once each, what cannot be read is said", "[config]") {
  const TempDir dir;
  dir.write("b/Dockerfile", "FROM a\n");
  dir.write("a/Dockerfile", "FROM a\n");
  dir.write("c.yaml", "");
  const std::string d = dir.path.string() + "/";
  // Out of order and with a duplicate; then in order (the list is only checked, not sorted).
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{d + "c.yaml", d + "b/Dockerfile", d + "a/Dockerfile", d + "c.yaml"},
        std::vector<std::string>{d + "a/Dockerfile", d + "b/Dockerfile", d + "c.yaml"}}) {
    const engine::Discovery found = engine::discover(args);
    std::vector<std::string> paths;
    for (const auto& f : found.files) {
      CHECK(f.explicit_);
      paths.push_back(f.fs_path);
    }
    CHECK(paths == std::vector<std::string>{d + "a/Dockerfile", d + "b/Dockerfile", d + "c.yaml"});
    CHECK(found.errors.empty());
  }
  // As std::filesystem::status reports them: a missing name, a name under a file, a directory
  // walked, something that is not a regular file skipped.
  const engine::Discovery found =
      engine::discover({d + "missing", d + "c.yaml/x", d + "a", "/dev/null"});
  REQUIRE(found.errors.size() == 2);
  CHECK(found.errors[0].path == d + "missing");
  CHECK(found.errors[0].message == std::strerror(ENOENT));
  CHECK(found.errors[1].path == d + "c.yaml/x");
  CHECK(found.errors[1].message == std::strerror(ENOTDIR));
  REQUIRE(found.files.size() == 1);
  CHECK(fs::path(found.files[0].fs_path).filename() == "Dockerfile");
  CHECK_FALSE(found.files[0].explicit_);
  CHECK(found.skipped == std::vector<std::string>{"/dev/null: not a regular file"});
}

TEST_CASE("find_config searches upwards and stops at the repository root", "[config]") {
  const TempDir dir;
  dir.write("repo/.lintel.toml", "");
  dir.write("repo/.git/HEAD", "");
  dir.write("repo/a/b/Dockerfile", "");
  dir.write(".lintel.toml", "");  // above the repository: never used
  dir.write("repo2/.git/HEAD", "");
  dir.write("repo2/x/Dockerfile", "");
  const auto found = engine::find_config((dir.path / "repo/a/b").string());
  REQUIRE(found);
  CHECK(fs::path(*found) == dir.path / "repo/.lintel.toml");
  CHECK(engine::find_config((dir.path / "repo/a/b/Dockerfile").string()) == found);
  CHECK_FALSE(engine::find_config((dir.path / "repo2/x").string()));
}

TEST_CASE("configuration reaches the rules: options, severity, per-path ignores", "[config]") {
  const auto rules = rules::all_rules();
  const std::string text = "FROM quay.io/org/app:1.0\nUSER 10001\nHEALTHCHECK CMD true\n";
  const auto lint = [&](const engine::Config& c, const std::string& path) {
    engine::EngineOptions o;
    o.rule_options = c.rule_options;
    o.severity = c.severity;
    o.per_path = c.per_path;
    const engine::Engine e(rules, {"DF033"}, o);
    return e.lint(SourceFile(path, text), FileKind::dockerfile).findings;
  };
  CHECK(lint({}, "Dockerfile").empty());  // DF033 is off until registries are configured
  const auto r = parse(
      "[rules.DF033]\nallowed-registries = [\"docker.io\"]\n[severity]\nDF033 = \"info\"\n"
      "[[per-path]]\npaths = [\"legacy/**\"]\nignore = [\"DF033\"]\n");
  REQUIRE_FALSE(r.error);
  const auto f = lint(r.config, "Dockerfile");
  REQUIRE(f.size() == 1);
  CHECK(f[0].rule_id == "DF033");
  CHECK(f[0].severity == Severity::info);
  CHECK(lint(r.config, "legacy/app/Dockerfile").empty());
}

}  // namespace t_config_test

TEST_CASE("display paths: relative to the working directory, lexically normal", "[config]") {
  using lintel::engine::display_path;
  const std::filesystem::path cwd = "/work/repo";
  // Plain paths take the string fast path; the others std::filesystem's. Both must agree.
  CHECK(display_path("a/b/Dockerfile", cwd) == "a/b/Dockerfile");
  CHECK(display_path("Dockerfile", cwd) == "Dockerfile");
  CHECK(display_path("/work/repo/a/Dockerfile", cwd) == "a/Dockerfile");
  CHECK(display_path("/work/repository/Dockerfile", cwd) == "/work/repository/Dockerfile");
  CHECK(display_path("/work/repo", cwd) == "/work/repo");
  CHECK(display_path("/elsewhere/Dockerfile", cwd) == "/elsewhere/Dockerfile");
  CHECK(display_path("/x/Dockerfile", "/") == "x/Dockerfile");
  CHECK(display_path("x/Dockerfile", "/") == "x/Dockerfile");
  CHECK(display_path("./a//b/./Dockerfile", cwd) == "a/b/Dockerfile");
  CHECK(display_path("a/../b/Dockerfile", cwd) == "b/Dockerfile");
  CHECK(display_path("/work/repo/./a/../c", cwd) == "c");
  CHECK(display_path("../other/Dockerfile", cwd) == "/work/other/Dockerfile");
  CHECK(display_path("/work/repo/", cwd) == "/work/repo/");
}
