#include "analyzer/cli/cli.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/cli/output.hpp"
#include "analyzer/cli/selection.hpp"
#include "analyzer/engine/classify.hpp"
#include "analyzer/engine/discovery.hpp"
#include "analyzer/engine/engine.hpp"
#include "analyzer/rule_doc.hpp"
#include "rules/registry.hpp"

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
  lintel rules [--format text|json] list every rule with its metadata
  lintel explain ID                 print a rule's help
  lintel docs --out DIR             write the rule pages (docs/rules)
  lintel version                    print the version

Scan options:
  -f, --format FORMAT   text (default), json, sarif, github
  -o, --output FILE     write the report to FILE (atomically) instead of stdout
      --fail-on LEVEL   error, warning (default), info or never: the lowest severity that
                        makes the exit code 1
      --select RULES    run only these rules: IDs, ID prefixes, slugs or peer aliases,
                        comma-separated (repeatable)
      --ignore RULES    do not run these rules (same forms)
  -j, --jobs N          files linted in parallel (default: all cores)
      --list-files      print each file with the kind lintel classified it as, and exit
  -q, --quiet           print findings only, no summary
  -v, --verbose         also print notices (skipped files, limits) to stderr
      --color WHEN      auto (default), always, never

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage error,
unreadable path or internal error.
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
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  unsigned jobs = 0;
  bool list_files = false;
  bool quiet = false;
  bool verbose = false;
  std::string color = "auto";
};

OutputFormat parse_format(const std::string& s) {
  if (s == "text") return OutputFormat::text;
  if (s == "json") return OutputFormat::json;
  if (s == "sarif") return OutputFormat::sarif;
  if (s == "github") return OutputFormat::github;
  throw UsageError{fmt::format("unknown format '{}' (expected text, json, sarif or github)", s)};
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
      if (v == "never") {
        out.fail_on.reset();
      } else if (auto s = parse_severity(v)) {
        out.fail_on = *s;
      } else {
        throw UsageError{fmt::format("unknown --fail-on level '{}' (expected error, warning, info or never)", v)};
      }
    } else if (a == "--select") {
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
    } else if (a == "--list-files") {
      out.list_files = true;
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

// Writes `content` to `path` through a temporary file in the same folder and a rename, so a
// killed run never leaves a half-written report over the previous one.
bool write_atomically(const std::string& path, const std::string& content, std::string& error) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / (".lintel-" + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(tmpl.data());
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      ::unlink(tmpl.c_str());
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);
  if (::close(fd) != 0 || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    error = std::strerror(errno);
    ::unlink(tmpl.c_str());
    return false;
  }
  return true;
}

int exit_code_for(const engine::ScanResult& result, const std::optional<Severity>& fail_on) {
  if (result.internal_error) return kExitError;
  if (!fail_on) return kExitClean;
  const bool failing = std::any_of(result.findings.begin(), result.findings.end(), [&](const Finding& f) {
    return !f.suppressed() && f.severity >= *fail_on;
  });
  return failing ? kExitFindings : kExitClean;
}

int cmd_scan(Args& args) {
  const ScanArgs sa = parse_scan_args(args);
  const auto rules = rules::all_rules();
  std::vector<std::string> unknown;
  const std::vector<std::string> enabled = enabled_ids(rules, sa.select, sa.ignore, unknown);
  if (!unknown.empty()) {
    std::cerr << fmt::format("lintel: no rule matches '{}' (see 'lintel rules')\n", unknown.front());
    return kExitError;
  }

  const engine::Discovery found = engine::discover(sa.paths);
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
        std::ifstream in(f.fs_path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        shown = std::string(to_string(engine::classify_yaml_content(ss.str())));
      }
      std::cout << fmt::format("{}\t{}\n", shown, f.path);
    }
    return found.errors.empty() ? kExitClean : kExitError;
  }

  engine::EngineOptions options;
  options.jobs = sa.jobs;
  const engine::Engine engine(rules, enabled, std::move(options));
  engine::ScanResult result = engine.scan(found.files);
  for (const auto& s : found.skipped)
    result.notifications.push_back({Severity::info, "skipped " + s, "", ""});

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
  const std::string report = render_report(run_rules, result, oo);

  if (sa.verbose)
    for (const auto& n : result.notifications)
      std::cerr << fmt::format("lintel: {}: {}\n", to_string(n.level), n.message);

  if (sa.output) {
    std::string error;
    if (!write_atomically(*sa.output, report, error)) {
      std::cerr << fmt::format("lintel: cannot write '{}': {}\n", *sa.output, error);
      return kExitError;
    }
  } else {
    std::cout << report << std::flush;
  }
  if (!found.errors.empty()) return kExitError;
  return exit_code_for(result, sa.fail_on);
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

}  // namespace

int run(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  if (argc < 2) {
    std::cerr << kUsage;
    return kExitError;
  }
  const std::string command = argv[1];
  Args args(argc, argv, 2);
  try {
    if (command == "scan") return cmd_scan(args);
    if (command == "rules") return cmd_rules(args);
    if (command == "explain") return cmd_explain(args);
    if (command == "docs") return cmd_docs(args);
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
