// The engine: reads each file, classifies and parses it, runs the enabled rules of its format,
// turns reports into positioned findings with fingerprints, and sorts them. Files are linted in
// parallel; the output does not depend on the number of jobs. It knows rules only through the
// table it is given (never rules/*).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analyzer/engine/discovery.hpp"
#include "analyzer/finding.hpp"
#include "analyzer/rule.hpp"
#include "parsers/parse_result.hpp"

namespace lintel::engine {

class ResultCache;
struct CacheDependency;

struct EngineOptions {
  unsigned jobs = 0;  // 0: every core
  std::uint64_t max_file_size = 2 * 1024 * 1024;  // larger files are skipped with a notice
  RuleOptions rule_options;
  std::map<std::string, std::string> build_args;  // Dockerfile ARG overrides
  // Inline suppressions (`# lintel:ignore`, peer pragmas); off with --no-inline-ignores.
  bool inline_ignores = true;
  // LNT001 (when enabled) on files of every format. Off: only on files of the formats some
  // enabled rule reads, and the others are not parsed (`--select SEC` reads text only).
  bool parse_errors_everywhere = true;
  // Severity overrides by rule ID (config `[severity]`).
  std::map<std::string, Severity, std::less<>> severity;
  // Rules not run on files whose path matches one of the globs (config `[[per-path]]`).
  struct PerPath {
    std::vector<std::string> globs;  // gitignore-style, relative to the working directory
    std::vector<std::string> ignore;  // rule IDs
  };
  std::vector<PerPath> per_path;
  // Reuse and store per-file results (--cache); null: lint every file. Must outlive the scan.
  const ResultCache* cache = nullptr;
};

struct ScanResult {
  std::vector<Finding> findings;            // sorted by path, line, column, rule, message
  std::vector<Notification> notifications;  // sorted
  std::size_t files_checked = 0;            // files some rule looked at
  bool internal_error = false;              // an LNT003 was reported
};

struct FileReport {
  std::vector<Finding> findings;
  std::vector<Notification> notifications;
  bool checked = false;
};

class Engine {
 public:
  // `rules`: every rule lintel has (the registry), sorted by ID. `enabled`: the IDs to run and
  // report, sorted.
  Engine(std::span<const Rule* const> rules, std::vector<std::string> enabled,
         EngineOptions options);

  [[nodiscard]] ScanResult scan(const std::vector<FileEntry>& files) const;

  // Lints one file already in memory. `kind` overrides classification (fixtures, tests).
  [[nodiscard]] FileReport lint(const SourceFile& source, std::optional<FileKind> kind = {}) const;

  [[nodiscard]] bool is_enabled(std::string_view id) const;

  // A hash of the options that can change a file's findings (enabled rules, severity
  // overrides, per-path ignores, build args, inline-ignores, where LNT001 applies, size limit):
  // part of each cache key.
  // Rule options are not in it: the CLI salts the cache with the configuration file's text.
  [[nodiscard]] std::uint64_t config_hash() const { return config_hash_; }

  // The current value of a dependency recorded in a cache entry.
  [[nodiscard]] std::uint64_t dependency_value(const CacheDependency& dependency) const;

 private:
  [[nodiscard]] FileReport lint_entry(const FileEntry& entry) const;
  // `dependencies`: when not null, receives every file outside `source` the result depends on.
  [[nodiscard]] FileReport lint_impl(const SourceFile& source, std::optional<FileKind> kind,
                                     std::vector<CacheDependency>* dependencies) const;
  [[nodiscard]] FileReport lint_cached(const SourceFile& source, std::optional<FileKind> kind) const;
  [[nodiscard]] std::uint64_t module_signature(const std::string& dir) const;
  [[nodiscard]] const Rule* rule(std::string_view id) const;

  friend class EngineProjectView;
  [[nodiscard]] const model::DockerfileDoc* linked_dockerfile(const std::string& path) const;
  [[nodiscard]] bool any_enabled(Format format) const;

  std::span<const Rule* const> rules_;
  std::vector<std::string> enabled_;
  // Per rule of rules_ (same order): whether it is enabled; and whether any enabled rule with a
  // check reads secrets. Looked up per file and rule (perf: a binary search of the ID list for
  // each of 125 rules and each file was a twentieth of a secrets-only scan).
  std::vector<char> rule_enabled_;
  bool secrets_enabled_ = false;
  EngineOptions options_;
  // Dockerfiles parsed for compose build links, by normalized path; shared by all workers.
  struct LinkedDockerfile;
  struct CachedModule;
  // The Terraform module of a folder, parsed once from all its files and shared by the workers
  // that lint those files.
  [[nodiscard]] std::shared_ptr<const CachedModule> terraform_module(const std::string& dir) const;
  // A Terraform file whose module another worker is parsing at this moment.
  [[nodiscard]] bool module_busy(const FileEntry& entry) const;
  [[nodiscard]] Model terraform_doc(const SourceFile& source,
                                    std::vector<parsers::Diagnostic>& diagnostics,
                                    std::vector<CacheDependency>* dependencies) const;
  std::uint64_t config_hash_ = 0;
  mutable std::mutex signatures_mutex_;
  mutable std::map<std::string, std::uint64_t> signatures_;  // Terraform folder -> signature
  mutable std::mutex modules_mutex_;
  mutable std::map<std::string, std::shared_ptr<const CachedModule>> modules_;
  mutable std::mutex linked_mutex_;
  mutable std::map<std::string, std::shared_ptr<const LinkedDockerfile>> linked_;
  // Whether a file is a Helm chart template: `templates` folders on its path next to a
  // Chart.yaml. The answer per folder is kept (perf: two stats per file of a chart).
  [[nodiscard]] bool is_helm_template(std::string_view path) const;
  [[nodiscard]] bool is_chart_dir(const std::string& dir) const;
  mutable std::mutex charts_mutex_;
  mutable std::map<std::string, bool, std::less<>> charts_;
};

// Cancellation (SIGINT/SIGTERM, installed by analyzer/cli/signals.cpp): once requested, scan()'s
// workers take no more files and scan() throws Cancelled instead of returning a partial result.
// request_cancel() only stores to a lock-free atomic, so a signal handler may call it.
struct Cancelled {};
void request_cancel() noexcept;
[[nodiscard]] bool cancel_requested() noexcept;

// lintel/v1 fingerprints: a hash of the rule, the path, and the finding's own text (or the key a
// rule supplied), plus an occurrence count among identical keys. No line numbers, so a finding
// keeps its fingerprint when lines are inserted above it.
void assign_fingerprints(std::vector<Finding>& findings, const SourceFile& source,
                         const std::vector<std::string>& keys);

}  // namespace lintel::engine
