// `.lintel.toml`: the project's lint configuration. Found from the scan root upwards (the first
// folder holding one, stopping at the repository root), or named with --config. Every key is
// checked: an unknown key, a rule that matches nothing or a value of the wrong type is an error
// with the file, line, column and key, so a typo never silently changes what runs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/engine.hpp"
#include "analyzer/rule.hpp"

namespace lintel::engine {

struct Config {
  std::string path;                                 // the file read
  std::optional<std::vector<std::string>> select;   // rule tokens, as written
  std::vector<std::string> ignore;
  std::optional<std::optional<Severity>> fail_on;   // set: the level, or nullopt for "never"
  std::vector<std::string> exclude;                 // gitignore-style globs
  std::optional<bool> inline_ignores;
  std::optional<std::uint64_t> max_file_size;
  std::map<std::string, Severity, std::less<>> severity;  // by rule ID
  std::vector<EngineOptions::PerPath> per_path;           // rule IDs resolved
  RuleOptions rule_options;
  std::map<std::string, std::string> build_args;
  // `cache = true` (the folder .lintel-cache) or `cache = "DIR"`: the result cache folder;
  // `cache = false` gives an empty string (off). Unset: no cache unless --cache.
  std::optional<std::string> cache;
};

struct ConfigError {
  std::string file;
  std::uint32_t line = 0;    // 1-based; 0 when unknown
  std::uint32_t column = 0;
  std::string message;       // names the key
  // "file:line:column: message"
  [[nodiscard]] std::string to_string() const;
};

struct ConfigResult {
  Config config;
  std::optional<ConfigError> error;
};

// Parses configuration text; `path` is used in errors. `rules`: the registry, to resolve tokens.
[[nodiscard]] ConfigResult parse_config(std::string_view text, const std::string& path,
                                        std::span<const Rule* const> rules);

// Reads and parses the file at `path`.
[[nodiscard]] ConfigResult load_config(const std::string& path, std::span<const Rule* const> rules);

// The `.lintel.toml` that applies to a scan of `start` (a file or folder): the first one in
// `start`'s folder or above, stopping after the folder that holds `.git`.
[[nodiscard]] std::optional<std::string> find_config(const std::string& start);

// The commented configuration `lintel init` writes: every key with its default.
[[nodiscard]] std::string default_config_text(std::span<const Rule* const> rules);

}  // namespace lintel::engine
