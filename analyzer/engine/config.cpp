#include "analyzer/engine/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "analyzer/engine/rule_match.hpp"

namespace lintel::engine {

namespace {

namespace fs = std::filesystem;

// Thrown inside the parser only, caught in parse_config: unwinding out of nested tables is the
// simplest way to stop at the first error.
struct Failure {
  ConfigError error;
};

class Parser {
 public:
  Parser(std::string path, std::span<const Rule* const> rules)
      : path_(std::move(path)), rules_(rules) {}

  Config parse(const toml::table& root) {
    Config c;
    c.path = path_;
    for (auto&& [key, value] : root) {
      const std::string k(key.str());
      if (k == "select") {
        c.select = rule_list(value, k);
      } else if (k == "ignore") {
        c.ignore = rule_list(value, k);
      } else if (k == "fail-on") {
        const std::string v = string(value, k);
        if (v == "never") {
          c.fail_on = std::optional<Severity>{};
        } else if (const auto s = parse_severity(v)) {
          c.fail_on = std::optional<Severity>{*s};
        } else {
          fail(value, fmt::format("'{}': unknown level \"{}\" (expected error, warning, info or never)", k, v));
        }
      } else if (k == "exclude") {
        c.exclude = strings(value, k);
      } else if (k == "inline-ignores") {
        if (!value.is_boolean()) fail(value, fmt::format("'{}' must be true or false", k));
        c.inline_ignores = value.value<bool>();
      } else if (k == "cache") {
        if (value.is_boolean()) {
          c.cache = *value.value<bool>() ? std::string(".lintel-cache") : std::string();
        } else {
          c.cache = string(value, k);
          if (c.cache->empty()) fail(value, fmt::format("'{}' must be true, false or a folder", k));
        }
      } else if (k == "max-file-size") {
        c.max_file_size = size(value, k);
      } else if (k == "severity") {
        for (auto&& [rk, rv] : table(value, k)) {
          const std::string name = fmt::format("severity.{}", rk.str());
          const std::string level = string(rv, name);
          auto s = parse_severity(level == "note" ? "info" : level);
          if (!s) fail(rv, fmt::format("'{}': unknown level \"{}\" (expected error, warning or info)", name, level));
          for (const Rule* r : resolve(rk.str(), rk.source(), name)) c.severity[std::string(r->meta.id.view())] = *s;
        }
      } else if (k == "per-path") {
        if (!value.is_array_of_tables()) fail(value, "'per-path' must be an array of tables ([[per-path]])");
        for (auto&& item : *value.as_array()) c.per_path.push_back(per_path(*item.as_table()));
      } else if (k == "rules") {
        for (auto&& [rk, rv] : table(value, k)) rule_options(std::string(rk.str()), rk.source(), rv, c.rule_options);
      } else if (k == "build-args") {
        for (auto&& [bk, bv] : table(value, k))
          c.build_args[std::string(bk.str())] = string(bv, fmt::format("build-args.{}", bk.str()));
      } else {
        fail(key.source(), fmt::format("unknown key '{}'", k));
      }
    }
    return c;
  }

 private:
  [[noreturn]] void fail(const toml::source_region& where, std::string message) const {
    throw Failure{{path_, where.begin.line, where.begin.column, std::move(message)}};
  }
  [[noreturn]] void fail(const toml::node& where, std::string message) const {
    fail(where.source(), std::move(message));
  }

  std::string string(const toml::node& v, std::string_view key) const {
    if (!v.is_string()) fail(v, fmt::format("'{}' must be a string", key));
    return *v.value<std::string>();
  }

  std::vector<std::string> strings(const toml::node& v, std::string_view key) const {
    if (!v.is_array()) fail(v, fmt::format("'{}' must be an array of strings", key));
    std::vector<std::string> out;
    for (auto&& item : *v.as_array()) out.push_back(string(item, key));
    return out;
  }

  const toml::table& table(const toml::node& v, std::string_view key) const {
    if (!v.is_table()) fail(v, fmt::format("'{}' must be a table", key));
    return *v.as_table();
  }

  std::vector<const Rule*> resolve(std::string_view token, const toml::source_region& where,
                                   std::string_view key) const {
    auto m = match_rules(token, rules_);
    if (m.empty()) fail(where, fmt::format("'{}': no rule matches \"{}\" (see 'lintel rules')", key, token));
    return m;
  }

  std::vector<std::string> rule_list(const toml::node& v, std::string_view key) const {
    if (!v.is_array()) fail(v, fmt::format("'{}' must be an array of rule IDs, prefixes or aliases", key));
    std::vector<std::string> out;
    for (auto&& item : *v.as_array()) {
      const std::string t = string(item, key);
      (void)resolve(t, item.source(), key);
      out.push_back(t);
    }
    return out;
  }

  // 2097152, "2MiB", "512KiB", "1MB".
  std::uint64_t size(const toml::node& v, std::string_view key) const {
    if (v.is_integer()) {
      const auto n = *v.value<std::int64_t>();
      if (n <= 0) fail(v, fmt::format("'{}' must be positive", key));
      return static_cast<std::uint64_t>(n);
    }
    const std::string s = string(v, key);
    std::size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
    const std::string unit = s.substr(digits);
    std::uint64_t mult = 0;
    if (unit.empty() || unit == "B") mult = 1;
    if (unit == "KiB") mult = 1024;
    if (unit == "MiB") mult = 1024 * 1024;
    if (unit == "GiB") mult = 1024ull * 1024 * 1024;
    if (unit == "KB" || unit == "kB") mult = 1000;
    if (unit == "MB") mult = 1000 * 1000;
    if (unit == "GB") mult = 1000ull * 1000 * 1000;
    if (digits == 0 || digits > 12 || mult == 0)
      fail(v, fmt::format("'{}': \"{}\" is not a size (e.g. 2097152, \"2MiB\", \"512KiB\")", key, s));
    return std::stoull(s.substr(0, digits)) * mult;
  }

  EngineOptions::PerPath per_path(const toml::table& t) const {
    EngineOptions::PerPath out;
    bool has_paths = false;
    for (auto&& [key, value] : t) {
      const std::string k(key.str());
      if (k == "paths") {
        out.globs = strings(value, "per-path.paths");
        has_paths = true;
      } else if (k == "ignore") {
        for (const std::string& tok : rule_list(value, "per-path.ignore"))
          for (const Rule* r : match_rules(tok, rules_)) out.ignore.emplace_back(r->meta.id.view());
      } else {
        fail(key.source(), fmt::format("unknown key 'per-path.{}'", k));
      }
    }
    if (!has_paths) fail(t.source(), "'per-path' entry needs 'paths'");
    return out;
  }

  void rule_options(const std::string& token, const toml::source_region& where,
                    const toml::node& v, RuleOptions& out) const {
    const std::string key = fmt::format("rules.{}", token);
    const auto m = resolve(token, where, key);
    if (m.size() != 1) fail(where, fmt::format("'{}' names {} rules; options need one rule ID", key, m.size()));
    const Rule& rule = *m.front();
    for (auto&& [ok, ov] : table(v, key)) {
      const std::string name(ok.str());
      const std::string full = fmt::format("{}.{}", key, name);
      const bool known = std::any_of(rule.meta.options.begin(), rule.meta.options.end(),
                                     [&](const RuleOption& o) { return o.name == name; });
      if (!known) fail(ok.source(), fmt::format("unknown option '{}' ({} has {})", full, rule.meta.id.view(),
                                                rule.meta.options.empty() ? "no options" : "other options"));
      std::vector<std::string> values;
      const auto scalar = [&](const toml::node& n) {
        if (n.is_string()) return *n.value<std::string>();
        if (n.is_integer()) return std::to_string(*n.value<std::int64_t>());
        if (n.is_boolean()) return std::string(*n.value<bool>() ? "true" : "false");
        fail(n, fmt::format("'{}' must be a string, integer, boolean or an array of them", full));
      };
      if (ov.is_array()) {
        for (auto&& item : *ov.as_array()) values.push_back(scalar(item));
      } else {
        values.push_back(scalar(ov));
      }
      out.set(std::string(rule.meta.id.view()), name, std::move(values));
    }
  }

  std::string path_;
  std::span<const Rule* const> rules_;
};

}  // namespace

std::string ConfigError::to_string() const {
  if (line == 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

ConfigResult parse_config(std::string_view text, const std::string& path,
                          std::span<const Rule* const> rules) {
  ConfigResult out;
  try {
    const toml::table root = toml::parse(text, path);
    out.config = Parser(path, rules).parse(root);
  } catch (const toml::parse_error& e) {
    out.error = ConfigError{path, e.source().begin.line, e.source().begin.column,
                            std::string(e.description())};
  } catch (const Failure& f) {
    out.error = f.error;
  }
  return out;
}

ConfigResult load_config(const std::string& path, std::span<const Rule* const> rules) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigResult out;
    out.error = ConfigError{path, 0, 0, "cannot read the configuration file"};
    return out;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), path, rules);
}

std::optional<std::string> find_config(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();
  if (!fs::is_directory(dir, ec)) dir = dir.parent_path();
  for (;;) {
    const fs::path candidate = dir / ".lintel.toml";
    if (fs::is_regular_file(candidate, ec)) return candidate.string();
    // The repository root is as far as a project's configuration reaches.
    if (fs::exists(dir / ".git", ec) || dir == dir.parent_path() || dir.empty()) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::string default_config_text(std::span<const Rule* const> rules) {
  std::string out = R"(# lintel configuration (https://github.com/lintel-dev/lintel, docs/configuration.md).
# Every key is optional; the values shown commented out are the defaults.

# Rules to run: IDs (DF001), prefixes (DF, TF0), slugs (image-latest-tag) or peer aliases
# (hadolint:DL3007). Empty: every stable rule.
# select = []

# Rules not to run (same forms).
# ignore = []

# The lowest severity that makes `lintel scan` exit with 1: error, warning, info or never.
# fail-on = "warning"

# Files and folders not to scan (gitignore-style globs). .gitignore and .lintelignore are
# honoured as well.
# exclude = []

# Inline suppressions (# lintel:ignore, hadolint/Checkov/KICS/... pragmas). Set to false to
# ignore them all, as --no-inline-ignores does.
# inline-ignores = true

# Files larger than this are skipped with a notice.
# max-file-size = "2MiB"

# Severity overrides: rule = "error" | "warning" | "info".
[severity]
# DF001 = "error"

# Rules not run on some paths.
# [[per-path]]
# paths = ["legacy/**"]
# ignore = ["DF003"]

# Values for Dockerfile ARGs, used when resolving FROM and other instructions.
[build-args]
# REGISTRY = "registry.example.com"

# Rule options.
)";
  for (const Rule* r : rules) {
    if (r->meta.options.empty()) continue;
    out += fmt::format("\n# [rules.{}]  # {}\n", r->meta.id.view(), r->meta.slug);
    for (const RuleOption& o : r->meta.options) {
      out += fmt::format("# {}\n", o.meaning);
      out += fmt::format("# {} = \"{}\"\n", o.name, o.default_value);
    }
  }
  return out;
}

}  // namespace lintel::engine
