#include "analyzer/cli/cli.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <optional>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "analyzer/cli/baseline.hpp"
#include "analyzer/cli/merge.hpp"
#include "analyzer/cli/output.hpp"
#include "analyzer/cli/selection.hpp"
#include "analyzer/engine/cache.hpp"
#include "analyzer/engine/classify.hpp"
#include "analyzer/engine/config.hpp"
#include "analyzer/engine/discovery.hpp"
#include "analyzer/engine/encoding.hpp"
#include "analyzer/engine/engine.hpp"
#include "analyzer/engine/heap.hpp"
#include "analyzer/engine/ignore_files.hpp"
#include "analyzer/engine/shard.hpp"
#include "analyzer/rule_doc.hpp"
#include "rules/registry.hpp"
#include "sarif/gen/rule_descriptors.hpp"

#ifndef LINTEL_VERSION
#define LINTEL_VERSION "0.0.0"
#endif

namespace lintel::cli {

namespace {

constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

constexpr std::string_view kUsage = R"(lintel — an infrastructure policy linter

Usage:
  lintel scan [options] [PATH...]   lint files and folders (default: .)
  lintel merge [options] SARIF...   join the SARIF reports of sharded scans into one report
  lintel rules [--format text|json] list every rule with its metadata
  lintel explain ID                 print a rule's help
  lintel docs --out DIR             write the rule pages (docs/rules)
  lintel init [DIR]                 write a commented .lintel.toml with the defaults
  lintel version                    print the version

Scan options:
  -f, --format FORMAT   text (default), json, sarif, github, gitlab, junit, checkstyle
  -o, --output FILE     write the report to FILE (atomically) instead of stdout
      --fail-on LEVEL   error, warning (default), info or never: the lowest severity that
                        makes the exit code 1
      --select RULES    run only these rules: IDs, ID prefixes, slugs or peer aliases,
                        comma-separated (repeatable)
      --ignore RULES    do not run these rules (same forms)
  -j, --jobs N          files linted in parallel (default: all cores)
      --config FILE     read the configuration from FILE instead of the .lintel.toml found
                        from the scan root upwards
      --no-config       read no configuration file
      --no-inline-ignores
                        ignore every inline suppression (# lintel:ignore, peer pragmas)
      --no-ignore-files do not honour .gitignore and .lintelignore
      --baseline FILE   accept the findings of an earlier SARIF or JSON report: they are
                        reported as suppressed (kind external) and do not fail the run
      --write-baseline FILE
                        write this run's findings as a SARIF baseline
      --list-files      print each file with the kind lintel classified it as, and exit
      --cache DIR       reuse the results of unchanged files from DIR and store new ones
                        there (config: cache = true for .lintel-cache, or cache = "DIR")
      --no-cache        no result cache, whatever the configuration says
      --shard K/N       lint only shard K of N (1 <= K <= N): a fixed subset of the files,
                        chosen by a hash of the path (a Terraform module, or a compose file
                        and the Dockerfiles it builds, stay together); join the SARIF reports
                        of all N shards with 'lintel merge'
  -q, --quiet           print findings only, no summary
  -v, --verbose         also print notices (skipped files, limits) to stderr
      --color WHEN      auto (default), always, never

Merge options: -f/--format (sarif, json, text, github, ...), -o/--output, --fail-on, -q.
The merge of all N shards' SARIF equals the SARIF of the unsharded scan.

Command-line options override the configuration file.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage error,
configuration error, unreadable path or internal error.
)";

struct UsageError {
  std::string message;
};

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    const auto comma = s.find(',', start);
    const auto end = comma == std::string_view::npos ? s.size() : comma;
    std::string item(s.substr(start, end - start));
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(std::move(item));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

class Args {
 public:
  Args(int argc, char** argv, int first) {
    for (int i = first; i < argc; ++i) args_.emplace_back(argv[i]);
  }
  [[nodiscard]] bool done() const { return pos_ >= args_.size(); }
  std::string next() { return args_[pos_++]; }
  // The value of an option given as `--opt value` or `--opt=value`.
  std::string value(const std::string& opt, std::optional<std::string> inline_value) {
    if (inline_value) return *inline_value;
    if (done()) throw UsageError{fmt::format("option '{}' needs a value", opt)};
    return next();
  }

 private:
  std::vector<std::string> args_;
  std::size_t pos_ = 0;
};

struct ScanArgs {
  std::vector<std::string> paths;
  OutputFormat format = OutputFormat::text;
  std::optional<std::string> output;
  std::optional<Severity> fail_on = Severity::warning;  // nullopt: never
  bool fail_on_given = false;
  bool select_given = false;
  std::optional<std::string> config;
  bool no_config = false;
  bool no_inline_ignores = false;
  bool no_ignore_files = false;
  std::optional<std::string> baseline;
  std::optional<std::string> write_baseline;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  unsigned jobs = 0;
  bool list_files = false;
  std::optional<std::string> cache;
  bool no_cache = false;
  std::optional<engine::ShardSpec> shard;
  bool quiet = false;
  bool verbose = false;
  std::string color = "auto";
};

OutputFormat parse_format(const std::string& s) {
  if (s == "text") return OutputFormat::text;
  if (s == "json") return OutputFormat::json;
  if (s == "sarif") return OutputFormat::sarif;
  if (s == "github") return OutputFormat::github;
  if (s == "gitlab") return OutputFormat::gitlab;
  if (s == "junit") return OutputFormat::junit;
  if (s == "checkstyle") return OutputFormat::checkstyle;
  throw UsageError{fmt::format(
      "unknown format '{}' (expected text, json, sarif, github, gitlab, junit or checkstyle)", s)};
}

ScanArgs parse_scan_args(Args& args) {
  ScanArgs out;
  bool only_paths = false;
  while (!args.done()) {
    std::string a = args.next();
    if (only_paths || a.empty() || a[0] != '-' || a == "-") {
      out.paths.push_back(a);
      continue;
    }
    if (a == "--") {
      only_paths = true;
      continue;
    }
    std::optional<std::string> inline_value;
    if (a.starts_with("--")) {
      if (const auto eq = a.find('='); eq != std::string::npos) {
        inline_value = a.substr(eq + 1);
        a.resize(eq);
      }
    }
    if (a == "-f" || a == "--format") {
      out.format = parse_format(args.value(a, inline_value));
    } else if (a == "-o" || a == "--output") {
      out.output = args.value(a, inline_value);
    } else if (a == "--fail-on") {
      const std::string v = args.value(a, inline_value);
      out.fail_on_given = true;
      if (v == "never") {
        out.fail_on.reset();
      } else if (auto s = parse_severity(v)) {
        out.fail_on = *s;
      } else {
        throw UsageError{fmt::format("unknown --fail-on level '{}' (expected error, warning, info or never)", v)};
      }
    } else if (a == "--select") {
      out.select_given = true;
      for (auto& t : split_commas(args.value(a, inline_value))) out.select.push_back(t);
    } else if (a == "--ignore") {
      for (auto& t : split_commas(args.value(a, inline_value))) out.ignore.push_back(t);
    } else if (a == "-j" || a == "--jobs") {
      const std::string v = args.value(a, inline_value);
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (end == v.c_str() || *end != '\0' || n < 1 || n > 1024)
        throw UsageError{fmt::format("--jobs needs a number from 1 to 1024, not '{}'", v)};
      out.jobs = static_cast<unsigned>(n);
    } else if (a == "--config") {
      out.config = args.value(a, inline_value);
    } else if (a == "--no-config") {
      out.no_config = true;
    } else if (a == "--no-inline-ignores") {
      out.no_inline_ignores = true;
    } else if (a == "--no-ignore-files") {
      out.no_ignore_files = true;
    } else if (a == "--baseline") {
      out.baseline = args.value(a, inline_value);
    } else if (a == "--write-baseline") {
      out.write_baseline = args.value(a, inline_value);
    } else if (a == "--list-files") {
      out.list_files = true;
    } else if (a == "--cache") {
      out.cache = args.value(a, inline_value);
      if (out.cache->empty()) throw UsageError{"--cache needs a folder"};
    } else if (a == "--no-cache") {
      out.no_cache = true;
    } else if (a == "--shard") {
      const std::string v = args.value(a, inline_value);
      out.shard = engine::parse_shard(v);
      if (!out.shard)
        throw UsageError{fmt::format(
            "--shard needs K/N with whole numbers 1 <= K <= N <= 4096 (e.g. 2/4), not '{}'", v)};
    } else if (a == "-q" || a == "--quiet") {
      out.quiet = true;
    } else if (a == "-v" || a == "--verbose") {
      out.verbose = true;
    } else if (a == "--color" || a == "--colour") {
      out.color = args.value(a, inline_value);
      if (out.color != "auto" && out.color != "always" && out.color != "never")
        throw UsageError{"--color takes auto, always or never"};
    } else if (a == "--no-color") {
      out.color = "never";
    } else {
      throw UsageError{fmt::format("unknown option '{}'", a)};
    }
  }
  if (out.paths.empty()) out.paths.emplace_back(".");
  return out;
}

// An output buffer over a file descriptor that remembers the first write error.
class FdBuffer final : public std::streambuf {
 public:
  explicit FdBuffer(int fd) : fd_(fd) { setp(buffer_.data(), buffer_.data() + buffer_.size()); }
  FdBuffer(const FdBuffer&) = delete;
  FdBuffer& operator=(const FdBuffer&) = delete;
  ~FdBuffer() override = default;

  [[nodiscard]] int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }
  // A block at least as large as the buffer goes straight to the descriptor (perf: the SARIF
  // writer hands over its rendered batches, megabytes that were copied through the buffer).
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (static_cast<std::size_t>(n) < buffer_.size()) return std::streambuf::xsputn(s, n);
    if (!drain() || !write_all(s, static_cast<std::size_t>(n))) return 0;
    return n;
  }

 private:
  bool write_all(const char* p, std::size_t size) {
    const char* const end = p + size;
    while (error_ == 0 && p < end) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(end - p));
      if (n < 0) {
        if (errno != EINTR) error_ = errno;
        continue;
      }
      p += n;
    }
    return error_ == 0;
  }
  bool drain() {
    const bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok;
  }

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_;  // not zeroed: only the bytes written are touched
};

// Writes what `write` puts in the stream to `path` through a temporary file in the same folder
// and a rename, so a killed run never leaves a half-written report over the previous one. The
// content goes to the file as it is produced (a large report is never held whole).
bool write_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                      std::string& error) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / (".lintel-" + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  FdBuffer buffer(fd);
  std::ostream out(&buffer);
  try {
    write(out);
  } catch (...) {
    ::close(fd);
    ::unlink(tmpl.c_str());
    throw;
  }
  out.flush();
  if (buffer.error() != 0) {
    error = std::strerror(buffer.error());
    ::close(fd);
    ::unlink(tmpl.c_str());
    return false;
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0 || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    error = std::strerror(errno);
    ::unlink(tmpl.c_str());
    return false;
  }
  return true;
}

// Straight to the descriptor through a 64 KiB buffer: std::cout's 8 KiB one made a megabytes-long
// SARIF log hundreds of writes. False, with the reason on stderr, when the report did not reach
// its reader (a full disk, a closed pipe): such a run must not pass a gate.
bool write_to_stdout(const std::function<void(std::ostream&)>& write) {
  std::cout << std::flush;
  FdBuffer buffer(STDOUT_FILENO);
  std::ostream out(&buffer);
  write(out);
  out.flush();
  if (buffer.error() == 0) return true;
  std::cerr << fmt::format("lintel: cannot write the report to standard output: {}\n",
                           std::strerror(buffer.error()));
  return false;
}

bool write_atomically(const std::string& path, const std::string& content, std::string& error) {
  return write_atomically(path, [&](std::ostream& out) { out << content; }, error);
}

int exit_code_for(const engine::ScanResult& result, const std::optional<Severity>& fail_on) {
  if (result.internal_error) return kExitError;
  if (!fail_on) return kExitClean;
  const bool failing = std::any_of(result.findings.begin(), result.findings.end(), [&](const Finding& f) {
    return !f.suppressed() && f.severity >= *fail_on;
  });
  return failing ? kExitFindings : kExitClean;
}

bool read_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return !in.bad();
}

int cmd_scan(Args& args) {
  ScanArgs sa = parse_scan_args(args);
  const auto rules = rules::all_rules();

  engine::Config config;
  std::string config_text;
  if (!sa.no_config) {
    std::optional<std::string> config_path = sa.config;
    if (!config_path) config_path = engine::find_config(sa.paths.front());
    if (config_path) {
      if (!read_text(*config_path, config_text)) config_text.clear();
      engine::ConfigResult loaded = engine::load_config(*config_path, rules);
      if (loaded.error) {
        std::cerr << "lintel: " << loaded.error->to_string() << "\n";
        return kExitError;
      }
      config = std::move(loaded.config);
    }
  }
  // Command-line options override the configuration; ignore lists add up.
  std::vector<std::string> select = sa.select;
  if (!sa.select_given && config.select) select = *config.select;
  std::vector<std::string> ignore = config.ignore;
  ignore.insert(ignore.end(), sa.ignore.begin(), sa.ignore.end());
  if (!sa.fail_on_given && config.fail_on) sa.fail_on = *config.fail_on;

  std::vector<std::string> unknown;
  const std::vector<std::string> enabled = enabled_ids(rules, select, ignore, unknown);
  if (!unknown.empty()) {
    std::cerr << fmt::format("lintel: no rule matches '{}' (see 'lintel rules')\n", unknown.front());
    return kExitError;
  }

  std::vector<sarif::BaselineEntry> baseline;
  if (sa.baseline) {
    std::string text;
    if (!read_text(*sa.baseline, text)) {
      std::cerr << fmt::format("lintel: cannot read baseline '{}': {}\n", *sa.baseline, std::strerror(errno));
      return kExitError;
    }
    sarif::BaselineRead read = read_baseline(text);
    if (!read.ok()) {
      std::cerr << fmt::format("lintel: baseline '{}': {}\n", *sa.baseline, read.error);
      return kExitError;
    }
    baseline = std::move(read.entries);
  }

  engine::DiscoveryOptions discovery_options;
  discovery_options.ignore_files = !sa.no_ignore_files;
  engine::Discovery found = engine::discover(sa.paths, discovery_options);
  if (!config.exclude.empty()) {
    std::erase_if(found.files, [&](const engine::FileEntry& f) {
      return !f.explicit_ &&
             std::any_of(config.exclude.begin(), config.exclude.end(),
                         [&](const std::string& g) { return engine::glob_match(g, f.path); });
    });
  }
  std::optional<std::string> cache_dir;
  if (!sa.no_cache) {
    cache_dir = sa.cache;
    if (!cache_dir && config.cache && !config.cache->empty()) cache_dir = *config.cache;
  }
  if (cache_dir) {
    // Never lint the cache's own entries (they quote findings, secrets included).
    std::error_code ec;
    const std::string shown =
        engine::display_path(std::filesystem::absolute(*cache_dir, ec).lexically_normal().string());
    const std::string prefix = shown.ends_with('/') ? shown : shown + "/";
    std::erase_if(found.files, [&](const engine::FileEntry& f) { return f.path.starts_with(prefix); });
  }
  if (sa.shard) {
    const std::uint64_t limit = config.max_file_size.value_or(engine::EngineOptions{}.max_file_size);
    found.files = engine::select_shard(found.files, *sa.shard, limit);
  }
  for (const auto& e : found.errors)
    std::cerr << fmt::format("lintel: cannot read '{}': {}\n", e.path, e.message);
  if (sa.verbose)
    for (const auto& s : found.skipped) std::cerr << fmt::format("lintel: skipped {}\n", s);

  if (sa.list_files) {
    for (const auto& f : found.files) {
      const auto kind = engine::classify_by_name(f.path);
      std::string shown;
      if (kind) {
        shown = std::string(to_string(*kind));
      } else {
        const std::string text = engine::read_text_file(f.fs_path).text;
        shown = std::string(to_string(engine::classify_yaml_content(text)));
      }
      std::cout << fmt::format("{}\t{}\n", shown, f.path);
    }
    return found.errors.empty() ? kExitClean : kExitError;
  }

  std::optional<engine::ResultCache> cache;
  if (cache_dir) {
    // The configuration file's text salts every key: it holds the rule options, which the
    // engine's configuration hash cannot see.
    cache.emplace(*cache_dir, LINTEL_VERSION, config_text);
    std::string error;
    if (!cache->prepare(error)) {
      std::cerr << fmt::format("lintel: cannot create cache folder '{}': {}\n", *cache_dir, error);
      return kExitError;
    }
  }

  engine::EngineOptions options;
  options.jobs = sa.jobs;
  options.inline_ignores = !sa.no_inline_ignores && config.inline_ignores.value_or(true);
  // LNT001 is on whatever is selected, yet a selection that does not name it reports parse
  // errors only in the formats its rules read: `--select SEC` parses no file.
  options.parse_errors_everywhere =
      select.empty() || std::any_of(select.begin(), select.end(), [&](const std::string& t) {
        const auto m = match_rules(t, rules);
        return std::any_of(m.begin(), m.end(),
                           [](const Rule* r) { return r->meta.id.view() == "LNT001"; });
      });
  options.rule_options = std::move(config.rule_options);
  options.severity = std::move(config.severity);
  options.per_path = std::move(config.per_path);
  options.build_args = std::move(config.build_args);
  if (config.max_file_size) options.max_file_size = *config.max_file_size;
  if (cache) options.cache = &*cache;
  const engine::Engine engine(rules, enabled, std::move(options));
  engine::ScanResult result = engine.scan(found.files);
  for (const auto& s : found.skipped)
    result.notifications.push_back({Severity::info, "skipped " + s, "", ""});
  // One order for all notices, so `lintel merge` of shards reproduces it exactly.
  std::sort(result.notifications.begin(), result.notifications.end());
  result.notifications.erase(std::unique(result.notifications.begin(), result.notifications.end()),
                             result.notifications.end());
  if (cache) {
    // Only a run over the whole tree (or a whole shard of it) knows which entries are dead; a
    // run on named paths keeps them. Shards sharing one folder would prune each other's entries
    // (costing work, never correctness): give each shard its own folder.
    const bool whole_tree = sa.paths == std::vector<std::string>{"."};
    if (whole_tree) cache->prune();
    if (sa.verbose) {
      const engine::CacheStats st = cache->stats();
      std::cerr << fmt::format("lintel: cache {}: {} hits, {} misses, {} pruned{}\n", cache->dir(),
                               st.hits, st.misses, st.pruned,
                               st.write_errors != 0 ? fmt::format(", {} write errors", st.write_errors) : "");
    }
  }
  if (!baseline.empty()) apply_baseline(baseline, result.findings);
  if (sa.write_baseline) {
    // Inline-suppressed findings need no baseline entry: their comment accepts them.
    std::vector<Finding> accepted;
    for (const Finding& f : result.findings) {
      const bool inline_suppressed = std::any_of(f.suppressions.begin(), f.suppressions.end(), [](const Suppression& s) {
        return s.kind == Suppression::Kind::in_source;
      });
      if (!inline_suppressed) accepted.push_back(f);
    }
    for (Finding& f : accepted) f.suppressions.clear();
    std::string error;
    if (!write_atomically(*sa.write_baseline, write_baseline(rules, accepted, LINTEL_VERSION), error)) {
      std::cerr << fmt::format("lintel: cannot write '{}': {}\n", *sa.write_baseline, error);
      return kExitError;
    }
  }

  std::vector<const Rule*> run_rules;
  for (const Rule* r : rules)
    if (engine.is_enabled(r->meta.id.view())) run_rules.push_back(r);

  const bool to_terminal = !sa.output && ::isatty(STDOUT_FILENO) != 0;
  OutputOptions oo;
  oo.format = sa.format;
  oo.color = sa.color == "always" || (sa.color == "auto" && to_terminal && std::getenv("NO_COLOR") == nullptr);
  oo.quiet = sa.quiet;
  oo.version = LINTEL_VERSION;
  oo.execution_successful = !result.internal_error && found.errors.empty();
  oo.threads = sa.jobs;
  if (sa.verbose)
    for (const auto& n : result.notifications)
      std::cerr << fmt::format("lintel: {}: {}\n", to_string(n.level), n.message);

  const auto write = [&](std::ostream& out) { write_report(out, run_rules, result, oo); };
  if (sa.output) {
    std::string error;
    if (!write_atomically(*sa.output, write, error)) {
      std::cerr << fmt::format("lintel: cannot write '{}': {}\n", *sa.output, error);
      return kExitError;
    }
  } else {
    if (!write_to_stdout(write)) return kExitError;
  }
  const int code = !found.errors.empty() ? kExitError : exit_code_for(result, sa.fail_on);
  engine::keep_until_exit(std::move(result));
  engine::keep_until_exit(std::move(found));
  return code;
}

int cmd_merge(Args& args) {
  std::vector<std::string> inputs;
  OutputFormat format = OutputFormat::sarif;
  std::optional<std::string> output;
  std::optional<Severity> fail_on = Severity::warning;
  bool quiet = false;
  while (!args.done()) {
    std::string a = args.next();
    if (a.empty() || a[0] != '-') {
      inputs.push_back(a);
      continue;
    }
    std::optional<std::string> inline_value;
    if (const auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
      inline_value = a.substr(eq + 1);
      a.resize(eq);
    }
    if (a == "-f" || a == "--format") {
      format = parse_format(args.value(a, inline_value));
    } else if (a == "-o" || a == "--output") {
      output = args.value(a, inline_value);
    } else if (a == "--fail-on") {
      const std::string v = args.value(a, inline_value);
      if (v == "never") {
        fail_on.reset();
      } else if (auto level = parse_severity(v)) {
        fail_on = *level;
      } else {
        throw UsageError{fmt::format("unknown --fail-on level '{}' (expected error, warning, info or never)", v)};
      }
    } else if (a == "-q" || a == "--quiet") {
      quiet = true;
    } else {
      throw UsageError{fmt::format("unknown option '{}'", a)};
    }
  }
  if (inputs.empty()) throw UsageError{"merge needs the SARIF files of the shards"};

  std::vector<sarif::SarifRun> runs;
  for (const std::string& input : inputs) {
    std::string text;
    if (!read_text(input, text)) {
      std::cerr << fmt::format("lintel: cannot read '{}': {}\n", input, std::strerror(errno));
      return kExitError;
    }
    sarif::SarifRead read = sarif::read_sarif_results(text);
    if (!read.ok()) {
      std::cerr << fmt::format("lintel: '{}': {}\n", input, read.error);
      return kExitError;
    }
    for (sarif::SarifRun& run : read.runs) runs.push_back(std::move(run));
  }
  MergedRuns merged = merge_runs(runs);
  if (merged.error.empty() && !runs.empty() && merged.tool_version != LINTEL_VERSION)
    merged.error = fmt::format("the reports were written by lintel {}; merge them with that version",
                               merged.tool_version);
  if (!merged.error.empty()) {
    std::cerr << fmt::format("lintel: cannot merge: {}\n", merged.error);
    return kExitError;
  }
  std::vector<const Rule*> run_rules;
  for (const std::string& id : merged.rule_ids) {
    const auto all = rules::all_rules();
    const auto it = std::find_if(all.begin(), all.end(), [&](const Rule* r) { return r->meta.id.view() == id; });
    if (it == all.end()) {
      std::cerr << fmt::format("lintel: cannot merge: rule {} is unknown to this lintel\n", id);
      return kExitError;
    }
    run_rules.push_back(*it);
  }
  OutputOptions oo;
  oo.format = format;
  oo.quiet = quiet;
  oo.version = LINTEL_VERSION;
  oo.execution_successful = merged.execution_successful;
  const auto write = [&](std::ostream& out) { write_report(out, run_rules, merged.result, oo); };
  if (output) {
    std::string error;
    if (!write_atomically(*output, write, error)) {
      std::cerr << fmt::format("lintel: cannot write '{}': {}\n", *output, error);
      return kExitError;
    }
  } else {
    if (!write_to_stdout(write)) return kExitError;
  }
  const int code = !merged.execution_successful ? kExitError : exit_code_for(merged.result, fail_on);
  engine::keep_until_exit(std::move(merged.result));
  return code;
}

int cmd_rules(Args& args) {
  std::string format = "text";
  while (!args.done()) {
    std::string a = args.next();
    std::optional<std::string> inline_value;
    if (const auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
      inline_value = a.substr(eq + 1);
      a.resize(eq);
    }
    if (a == "--format" || a == "-f") {
      format = args.value(a, inline_value);
      if (format != "text" && format != "json") throw UsageError{"rules --format takes text or json"};
    } else {
      throw UsageError{fmt::format("unknown option '{}'", a)};
    }
  }
  std::cout << (format == "json" ? render_rules_json(rules::all_rules())
                                 : render_rules_text(rules::all_rules()));
  return kExitClean;
}

int cmd_explain(Args& args) {
  if (args.done()) throw UsageError{"explain needs a rule ID, slug or alias"};
  const std::string token = args.next();
  const auto matches = match_rules(token, rules::all_rules());
  if (matches.empty()) {
    std::cerr << fmt::format("lintel: no rule matches '{}' (see 'lintel rules')\n", token);
    return kExitError;
  }
  bool first = true;
  for (const Rule* r : matches) {
    if (!first) std::cout << "\n";
    first = false;
    std::cout << render_rule_text(r->meta);
  }
  return kExitClean;
}

int cmd_docs(Args& args) {
  std::string out_dir;
  while (!args.done()) {
    std::string a = args.next();
    std::optional<std::string> inline_value;
    if (const auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) {
      inline_value = a.substr(eq + 1);
      a.resize(eq);
    }
    if (a == "--out" || a == "-o") {
      out_dir = args.value(a, inline_value);
    } else {
      throw UsageError{fmt::format("unknown option '{}'", a)};
    }
  }
  if (out_dir.empty()) throw UsageError{"docs needs --out DIR"};
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    std::cerr << fmt::format("lintel: cannot create '{}': {}\n", out_dir, ec.message());
    return kExitError;
  }
  const auto write = [&](const fs::path& p, const std::string& text) {
    std::string error;
    if (!write_atomically(p.string(), text, error)) {
      std::cerr << fmt::format("lintel: cannot write '{}': {}\n", p.string(), error);
      return false;
    }
    return true;
  };
  const auto rules = rules::all_rules();
  for (const Rule* r : rules)
    if (!write(fs::path(out_dir) / (std::string(r->meta.id.view()) + ".md"), render_rule_markdown(r->meta)))
      return kExitError;
  if (!write(fs::path(out_dir) / "README.md", render_rule_index(rules))) return kExitError;
  return kExitClean;
}

int cmd_init(Args& args) {
  std::string dir = ".";
  while (!args.done()) {
    const std::string a = args.next();
    if (!a.empty() && a[0] == '-') throw UsageError{fmt::format("unknown option '{}'", a)};
    dir = a;
  }
  namespace fs = std::filesystem;
  const fs::path target = fs::path(dir) / ".lintel.toml";
  std::error_code ec;
  if (fs::exists(target, ec)) {
    std::cerr << fmt::format("lintel: '{}' already exists; not overwriting it\n", target.string());
    return kExitError;
  }
  if (!fs::is_directory(dir, ec)) {
    std::cerr << fmt::format("lintel: '{}' is not a folder\n", dir);
    return kExitError;
  }
  std::string error;
  if (!write_atomically(target.string(), engine::default_config_text(rules::all_rules()), error)) {
    std::cerr << fmt::format("lintel: cannot write '{}': {}\n", target.string(), error);
    return kExitError;
  }
  std::cout << fmt::format("wrote {}\n", target.string());
  return kExitClean;
}

// The rules' SARIF descriptors rendered at build time (generated rule_descriptors.cpp), matched
// to the registry by position and ID: a mismatch (a stale generated file) registers nothing, and
// every descriptor is rendered at run time as before.
void use_prerendered_descriptors() {
  const auto rules = rules::all_rules();
  if (generated::kRuleDescriptorCount != rules.size()) return;
  std::vector<sarif::PrerenderedDescriptor> descriptors;
  descriptors.reserve(rules.size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (generated::kRuleDescriptorIds[i] != rules[i]->meta.id.view()) return;
    descriptors.push_back({&rules[i]->meta, generated::kRuleDescriptorTexts[i]});
  }
  sarif::use_prerendered_descriptors(std::move(descriptors));
}

}  // namespace

int run(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  use_prerendered_descriptors();
  // A run is short and its memory is freed and taken again file after file (perf: page faults of
  // a trimmed and regrown heap were about 6% of a scan of 400 Dockerfiles; of a heap in 4 KiB
  // pages, a fifth of its CPU time).
  engine::tune_process_heap();
  // A long list of files (xargs, a pre-commit hook's batch; more arguments than a run needs to
  // count as one over many files): the main heap's huge pages from the start, before the
  // arguments and the file list are copied into it (perf: 382 Dockerfiles, 70
  // small-page faults of the main heap before the scan, ~1 ms). The engine would do it anyway.
  if (static_cast<std::size_t>(argc) > engine::kManyFiles) engine::use_huge_pages();
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitError;
  }
  const std::string command = argv[1];
  Args args(argc, argv, 2);
  try {
    if (command == "scan") return cmd_scan(args);
    if (command == "merge") return cmd_merge(args);
    if (command == "rules") return cmd_rules(args);
    if (command == "explain") return cmd_explain(args);
    if (command == "docs") return cmd_docs(args);
    if (command == "init") return cmd_init(args);
    if (command == "version" || command == "--version" || command == "-V") {
      std::cout << "lintel " << LINTEL_VERSION << "\n";
      return kExitClean;
    }
    if (command == "help" || command == "--help" || command == "-h") {
      std::cout << kUsage;
      return kExitClean;
    }
    throw UsageError{fmt::format("unknown command '{}'", command)};
  } catch (const UsageError& e) {
    std::cerr << "lintel: " << e.message << "\n\n" << kUsage;
    return kExitError;
  }
}

}  // namespace lintel::cli
