#include "analyzer/engine/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <map>
#include <thread>

#include "analyzer/engine/classify.hpp"
#include "parsers/dockerfile/parser.hpp"

namespace lintel::engine {

namespace {

constexpr std::string_view kParseError = "LNT001";
constexpr std::string_view kUnreadable = "LNT002";
constexpr std::string_view kInternalError = "LNT003";

class FsProjectView final : public ProjectView {
 public:
  bool sibling_exists(const Document& doc, std::string_view relative) const override {
    std::error_code ec;
    const std::filesystem::path base = std::filesystem::path(doc.source.path()).parent_path();
    return std::filesystem::is_regular_file(base / std::filesystem::path(relative), ec);
  }
};

struct ReadResult {
  std::string text;
  int error = 0;
};

ReadResult read_file(const std::string& path) {
  ReadResult r;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    r.error = errno;
    return r;
  }
  char buf[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buf, 1, sizeof buf, f);
    r.text.append(buf, n);
    if (n < sizeof buf) {
      if (std::ferror(f)) r.error = errno ? errno : EIO;
      break;
    }
  }
  std::fclose(f);
  return r;
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// Whitespace-collapsed text, so reindenting a file keeps fingerprints.
std::string normalized(std::string_view s) {
  std::string out;
  out.reserve(std::min<std::size_t>(s.size(), 256));
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= 256) break;
  }
  return out;
}

Model parse_model(const SourceFile& source, FileKind kind, const EngineOptions& options,
                  std::vector<parsers::Diagnostic>& diagnostics) {
  switch (kind) {
    case FileKind::dockerfile: {
      auto result = parsers::parse_dockerfile(source, &options.build_args);
      diagnostics = std::move(result.diagnostics);
      return std::move(result.doc);
    }
    default:
      return std::monostate{};
  }
}

// Go-template, jq-template or Jinja actions on a line of their own or inside instructions.
bool is_unrendered_template(std::string_view text) {
  return text.find("{{") != std::string_view::npos || text.find("{%") != std::string_view::npos;
}

}  // namespace

void assign_fingerprints(std::vector<Finding>& findings, const SourceFile& source,
                         const std::vector<std::string>& keys) {
  std::map<std::uint64_t, int> seen;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    Finding& f = findings[i];
    std::uint64_t h = fnv1a(f.rule_id);
    h = fnv1a("\x1f", h);
    h = fnv1a(f.path, h);
    h = fnv1a("\x1f", h);
    if (i < keys.size() && !keys[i].empty()) {
      h = fnv1a(keys[i], h);
    } else if (f.span) {
      h = fnv1a(normalized(source.slice(*f.span)), h);
    } else {
      h = fnv1a(f.message, h);
    }
    const int n = seen[h]++;
    f.fingerprint = fmt::format("{:016x}:{}", h, n);
  }
}

Engine::Engine(std::span<const Rule* const> rules, std::vector<std::string> enabled,
               EngineOptions options)
    : rules_(rules), enabled_(std::move(enabled)), options_(std::move(options)) {
  std::sort(enabled_.begin(), enabled_.end());
}

bool Engine::is_enabled(std::string_view id) const {
  return std::binary_search(enabled_.begin(), enabled_.end(), id);
}

const Rule* Engine::rule(std::string_view id) const {
  for (const Rule* r : rules_)
    if (r->meta.id.view() == id) return r;
  return nullptr;
}

FileReport Engine::lint(const SourceFile& source, std::optional<FileKind> kind_override) const {
  FileReport report;
  FileKind kind = kind_override.value_or(FileKind::text);
  if (!kind_override) {
    const auto by_name = classify_by_name(source.path());
    kind = by_name ? *by_name : classify_yaml_content(source.text());
  }

  std::vector<Finding> findings;
  std::vector<std::string> keys;
  const auto add = [&](const Rule& r, std::optional<Span> span, std::string message,
                       std::string key) {
    Finding f;
    f.rule_id = std::string(r.meta.id.view());
    f.severity = r.meta.severity;
    f.message = std::move(message);
    f.path = source.path();
    f.span = span;
    if (span) {
      f.start = source.position(span->begin);
      f.end = source.position(std::max(span->end, span->begin));
      if (f.end == f.start) f.end.column = f.start.column + 1;  // a point: one column wide
    }
    findings.push_back(std::move(f));
    keys.push_back(std::move(key));
  };

  std::vector<parsers::Diagnostic> diagnostics;
  Document doc{source, kind, parse_model(source, kind, options_, diagnostics)};
  if (!diagnostics.empty() && is_unrendered_template(source.text())) {
    // A file that only parses once a template engine (jq, Go templates, Jinja) has rendered it
    // is not a broken file: skip it with a notice instead of reporting LNT001 on every line.
    report.notifications.push_back(
        {Severity::info,
         fmt::format("skipped {}: template actions ({{{{ … }}}}) and not a valid {}; lint the "
                     "rendered output instead",
                     source.path(), to_string(kind)),
         source.path(), ""});
    return report;
  }
  if (const Rule* pe = rule(kParseError); pe != nullptr && is_enabled(kParseError)) {
    for (auto& d : diagnostics) add(*pe, d.span, std::move(d.message), {});
  }

  const Format format = format_of(kind);
  const FsProjectView project;
  const RuleContext ctx{options_.rule_options, project};
  Reporter reporter;
  for (const Rule* r : rules_) {
    if (r->check == nullptr || r->meta.format != format || !is_enabled(r->meta.id.view()))
      continue;
    report.checked = true;
    reporter.clear();
    try {
      r->check(doc, ctx, reporter);
    } catch (const std::exception& e) {
      if (const Rule* ie = rule(kInternalError); ie != nullptr) {
        add(*ie, std::nullopt, fmt::format("rule {} failed: {}", r->meta.id.view(), e.what()), {});
      }
      continue;
    } catch (...) {
      if (const Rule* ie = rule(kInternalError); ie != nullptr) {
        add(*ie, std::nullopt, fmt::format("rule {} failed", r->meta.id.view()), {});
      }
      continue;
    }
    for (const auto& rep : reporter.reports()) add(*r, rep.span, rep.message, rep.fingerprint_key);
  }
  if (!std::holds_alternative<std::monostate>(doc.model)) report.checked = true;

  assign_fingerprints(findings, source, keys);
  report.findings = std::move(findings);
  return report;
}

FileReport Engine::lint_entry(const FileEntry& entry) const {
  // Until the secrets scanner exists, files whose name makes them plain text are not read.
  const auto by_name = classify_by_name(entry.path);
  if (by_name == FileKind::text) return {};
  ReadResult r = read_file(entry.fs_path);
  if (r.error != 0) {
    FileReport report;
    if (const Rule* ur = rule(kUnreadable); ur != nullptr && is_enabled(kUnreadable)) {
      Finding f;
      f.rule_id = std::string(kUnreadable);
      f.severity = ur->meta.severity;
      f.message = fmt::format("cannot read '{}': {}", entry.path, std::strerror(r.error));
      f.path = entry.path;
      SourceFile empty(entry.path, "");
      std::vector<Finding> one{std::move(f)};
      assign_fingerprints(one, empty, {});
      report.findings = std::move(one);
    }
    return report;
  }
  const SourceFile source(entry.path, std::move(r.text));
  return lint(source, by_name);
}

ScanResult Engine::scan(const std::vector<FileEntry>& files) const {
  std::vector<FileReport> reports(files.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) reports[i] = lint_entry(files[i]);
  };
  unsigned jobs = options_.jobs != 0 ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(files.size(), 1)));
  if (jobs <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(jobs);
    for (unsigned j = 0; j < jobs; ++j) pool.emplace_back(work);
  }

  ScanResult result;
  for (FileReport& r : reports) {
    if (r.checked) ++result.files_checked;
    for (Finding& f : r.findings) {
      if (f.rule_id == kInternalError) result.internal_error = true;
      result.findings.push_back(std::move(f));
    }
    for (Notification& n : r.notifications) result.notifications.push_back(std::move(n));
  }
  std::sort(result.findings.begin(), result.findings.end(), finding_less);
  const auto same = [](const Finding& a, const Finding& b) {
    return a.path == b.path && a.start == b.start && a.end == b.end && a.rule_id == b.rule_id &&
           a.message == b.message;
  };
  result.findings.erase(std::unique(result.findings.begin(), result.findings.end(), same),
                        result.findings.end());
  std::sort(result.notifications.begin(), result.notifications.end());
  return result;
}

}  // namespace lintel::engine
