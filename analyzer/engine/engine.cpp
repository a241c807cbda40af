#include "analyzer/engine/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <exception>
#include <filesystem>
#include <map>
#include <thread>

#include "analyzer/engine/cache.hpp"
#include "analyzer/engine/classify.hpp"
#include "analyzer/engine/encoding.hpp"
#include "analyzer/engine/heap.hpp"
#include "analyzer/engine/ignore_files.hpp"
#include "analyzer/engine/suppressions.hpp"
#include "parsers/compose/parser.hpp"
#include "parsers/dockerfile/parser.hpp"
#include "parsers/gha/parser.hpp"
#include "parsers/k8s/parser.hpp"
#include "parsers/secrets/scanner.hpp"
#include "parsers/terraform/parser.hpp"

namespace lintel::engine {

namespace {

constexpr std::string_view kParseError = "LNT001";
constexpr std::string_view kUnreadable = "LNT002";
constexpr std::string_view kInternalError = "LNT003";

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 14695981039346656037ull) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// fnv1a of the whitespace-collapsed text (its first 256 bytes), so reindenting a file keeps
// fingerprints. Hashed as it is collapsed: no copy.
std::uint64_t fnv1a_normalized(std::string_view s, std::uint64_t h) {
  std::size_t size = 0;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = size != 0;
      continue;
    }
    if (space) {
      h = fnv1a(" ", h);
      ++size;
    }
    space = false;
    h = fnv1a(std::string_view(&c, 1), h);
    if (++size >= 256) break;
  }
  return h;
}

Model parse_model(const SourceFile& source, FileKind kind, const EngineOptions& options,
                  std::vector<parsers::Diagnostic>& diagnostics,
                  std::vector<CacheDependency>* dependencies) {
  switch (kind) {
    case FileKind::dockerfile: {
      auto result = parsers::parse_dockerfile(source, &options.build_args);
      diagnostics = std::move(result.diagnostics);
      return std::move(result.doc);
    }
    case FileKind::compose: {
      const parsers::FileReader reader = [&](const std::string& path) -> std::optional<std::string> {
        if (dependencies != nullptr)
          dependencies->push_back({CacheDependency::Kind::file, path, 0});
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
        const auto size = std::filesystem::file_size(path, ec);
        if (ec || size > options.max_file_size) return std::nullopt;
        TextFile r = read_text_file(path);
        if (!r.error.empty()) return std::nullopt;
        return std::move(r.text);
      };
      auto result = parsers::parse_compose(source, reader);
      diagnostics = std::move(result.diagnostics);
      return std::move(result.doc);
    }
    case FileKind::kubernetes: {
      auto result = parsers::parse_k8s(source);
      diagnostics = std::move(result.diagnostics);
      return std::move(result.doc);
    }
    case FileKind::workflow:
    case FileKind::action: {
      auto result = parsers::parse_workflow(source);
      diagnostics = std::move(result.diagnostics);
      return std::move(result.doc);
    }
    default:
      return std::monostate{};
  }
}

// A file under a Helm chart's templates/ folder (a Chart.yaml beside that folder).
// A NUL byte in the first 8 KiB: the file is binary and has no text to lint.
bool is_binary(std::string_view text) {
  return text.substr(0, 8192).find('\0') != std::string_view::npos;
}

// Go-template, jq-template or Jinja actions on a line of their own or inside instructions.
bool is_unrendered_template(std::string_view text) {
  return text.find("{{") != std::string_view::npos || text.find("{%") != std::string_view::npos;
}

}  // namespace

struct Engine::LinkedDockerfile {
  SourceFile source;
  model::DockerfileDoc doc;
};

class EngineProjectView final : public ProjectView {
 public:
  // `dependencies`: when not null, every path asked about is recorded there (for the cache).
  EngineProjectView(const Engine& engine, std::vector<CacheDependency>* dependencies)
      : engine_(engine), dependencies_(dependencies) {}

  bool sibling_exists(const Document& doc, std::string_view relative) const override {
    const std::string path = resolve(doc, relative).string();
    if (dependencies_ != nullptr) dependencies_->push_back({CacheDependency::Kind::exists, path, 0});
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
  }

  const model::DockerfileDoc* dockerfile(const Document& doc,
                                         std::string_view relative) const override {
    const std::string path = resolve(doc, relative).lexically_normal().generic_string();
    if (dependencies_ != nullptr) dependencies_->push_back({CacheDependency::Kind::file, path, 0});
    return engine_.linked_dockerfile(path);
  }

 private:
  static std::filesystem::path resolve(const Document& doc, std::string_view relative) {
    const std::filesystem::path rel{std::string(relative)};
    if (rel.is_absolute()) return rel;
    return std::filesystem::path(doc.source.path()).parent_path() / rel;
  }

  const Engine& engine_;
  std::vector<CacheDependency>* dependencies_;
};

const model::DockerfileDoc* Engine::linked_dockerfile(const std::string& path) const {
  {
    const std::lock_guard lock(linked_mutex_);
    if (const auto it = linked_.find(path); it != linked_.end())
      return it->second ? &it->second->doc : nullptr;
  }
  // Parse outside the lock; if two workers race, the first insertion wins.
  std::shared_ptr<const LinkedDockerfile> parsed;
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) {
    TextFile r = read_text_file(path);
    if (r.error.empty() && r.text.size() <= options_.max_file_size) {
      auto linked = std::make_shared<LinkedDockerfile>(LinkedDockerfile{SourceFile(path, std::move(r.text)), {}});
      linked->doc = parsers::parse_dockerfile(linked->source, &options_.build_args).doc;
      parsed = std::move(linked);
    }
  }
  const std::lock_guard lock(linked_mutex_);
  const auto [it, inserted] = linked_.emplace(path, std::move(parsed));
  return it->second ? &it->second->doc : nullptr;
}

// A folder's Terraform module, parsed once (perf). Workers take neighbouring files, so with
// --jobs N several of them ask for the same module at once: the first parses it inside
// call_once while the others wait for that result instead of parsing the folder again (which
// used to nearly double the CPU time of a Terraform tree on two cores). `pending` counts the
// module's files not yet linted; the last one drops the module from the engine's map, so a scan
// holds only the modules in progress (the documents being linted keep theirs alive).
struct Engine::CachedModule {
  mutable std::once_flag parsed;
  mutable parsers::TerraformModuleResult result;  // written once, inside call_once
  mutable std::atomic<std::size_t> pending{0};
  mutable std::atomic<bool> ready{false};  // parsed: set at the end of call_once
};

namespace {
bool is_module_file(const std::string& name) {
  return name.ends_with(".tf") || name == "terraform.tfvars" || name.ends_with(".auto.tfvars");
}

// Reads a folder's module files (sorted by name) and parses them as one module.
parsers::TerraformModuleResult read_module(const std::string& dir, std::uint64_t max_file_size) {
  namespace fs = std::filesystem;
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir.empty() ? "." : dir, ec)) {
    std::error_code fec;
    if (!e.is_regular_file(fec)) continue;
    if (is_module_file(e.path().filename().string()))
      paths.push_back(dir.empty() ? e.path().filename().string()
                                  : (fs::path(dir) / e.path().filename()).generic_string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::shared_ptr<const SourceFile>> files;
  for (const std::string& p : paths) {
    std::error_code sec;
    if (fs::file_size(p, sec) > max_file_size || sec) continue;
    TextFile r = read_text_file(p);
    if (!r.error.empty() || is_binary(r.text)) continue;
    files.push_back(std::make_shared<const SourceFile>(p, std::move(r.text)));
  }
  return parsers::parse_terraform_module(dir, std::move(files));
}
}  // namespace

std::shared_ptr<const Engine::CachedModule> Engine::terraform_module(const std::string& dir) const {
  std::shared_ptr<const CachedModule> slot;
  {
    const std::lock_guard lock(modules_mutex_);
    auto& entry = modules_[dir];
    if (!entry) entry = std::make_shared<const CachedModule>();
    slot = entry;
  }
  std::call_once(slot->parsed, [&] {
    slot->result = read_module(dir, options_.max_file_size);
    slot->pending.store(slot->result.module->files.size(), std::memory_order_relaxed);
    slot->ready.store(true, std::memory_order_release);
  });
  return slot;
}

bool Engine::module_busy(const FileEntry& entry) const {
  const auto kind = classify_by_name(entry.path);
  if (kind != FileKind::terraform && kind != FileKind::terraform_vars) return false;
  const std::string dir = std::filesystem::path(entry.path).parent_path().generic_string();
  const std::lock_guard lock(modules_mutex_);
  const auto it = modules_.find(dir);
  return it != modules_.end() && !it->second->ready.load(std::memory_order_acquire);
}


Model Engine::terraform_doc(const SourceFile& source,
                            std::vector<parsers::Diagnostic>& diagnostics,
                            std::vector<CacheDependency>* dependencies) const {
  const std::string dir = std::filesystem::path(source.path()).parent_path().generic_string();
  // Every file of the folder's module can change this file's findings (references, variables).
  if (dependencies != nullptr) dependencies->push_back({CacheDependency::Kind::module, dir, 0});
  auto cached = terraform_module(dir);
  const auto& files = cached->result.module->files;
  for (std::size_t i = 0; i < files.size(); ++i) {
    // The module's copy of this file must be the bytes being linted (spans point into them).
    if (files[i]->path() == source.path() && files[i]->text() == source.text()) {
      diagnostics = cached->result.diagnostics[i];
      model::TerraformDoc doc{cached->result.module, i};
      // The module's last file: drop it from the map (the documents keep it alive).
      std::size_t left = cached->pending.load(std::memory_order_relaxed);
      while (left != 0 && !cached->pending.compare_exchange_weak(left, left - 1)) {
      }
      if (left == 1) {
        const std::lock_guard lock(modules_mutex_);
        if (const auto it = modules_.find(dir); it != modules_.end() && it->second == cached)
          modules_.erase(it);
      }
      return doc;
    }
  }
  // Not part of the folder's module as read (a var file given explicitly, a file changed since,
  // a fixture linted from memory): a module of its own.
  auto single = parsers::parse_terraform_module(
      dir, {std::make_shared<const SourceFile>(source.path(), std::string(source.text()))});
  diagnostics = single.diagnostics.empty() ? std::vector<parsers::Diagnostic>{} : single.diagnostics[0];
  return model::TerraformDoc{single.module, 0};
}

// Whether a directory named `templates` on the path (innermost first) sits next to a
// Chart.yaml. String work only until such a directory is found.
bool Engine::is_helm_template(std::string_view path) const {
  for (std::size_t end = path.rfind('/'); end != std::string_view::npos && end != 0;) {
    const std::string_view dir = path.substr(0, end);
    const std::size_t slash = dir.rfind('/');
    const std::string_view name = slash == std::string_view::npos ? dir : dir.substr(slash + 1);
    if (name == "templates" &&
        is_chart_dir(std::string(slash == std::string_view::npos ? std::string_view() : dir.substr(0, slash + 1))))
      return true;
    end = slash;
  }
  return false;
}

// `dir`: "" or a folder path ending in '/'.
bool Engine::is_chart_dir(const std::string& dir) const {
  {
    const std::lock_guard<std::mutex> lock(charts_mutex_);
    if (const auto it = charts_.find(dir); it != charts_.end()) return it->second;
  }
  std::error_code ec;
  const bool chart = std::filesystem::is_regular_file(dir + "Chart.yaml", ec) ||
                     std::filesystem::is_regular_file(dir + "Chart.yml", ec);
  const std::lock_guard<std::mutex> lock(charts_mutex_);
  charts_.emplace(dir, chart);
  return chart;
}

bool Engine::any_enabled(Format format) const {
  if (format == Format::secrets) return secrets_enabled_;
  for (std::size_t i = 0; i < rules_.size(); ++i)
    if (rules_[i]->meta.format == format && rules_[i]->check != nullptr && rule_enabled_[i]) return true;
  return false;
}

void assign_fingerprints(std::vector<Finding>& findings, const SourceFile& source,
                         const std::vector<std::string>& keys) {
  // Each finding's hash with its index, sorted: findings with the same hash are numbered 0, 1, …
  // in the order they were reported (perf: a tree map took a node per finding).
  std::vector<std::pair<std::uint64_t, std::size_t>> hashes(findings.size());
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    std::uint64_t h = fnv1a(f.rule_id);
    h = fnv1a("\x1f", h);
    h = fnv1a(f.path, h);
    h = fnv1a("\x1f", h);
    if (i < keys.size() && !keys[i].empty()) {
      h = fnv1a(keys[i], h);
    } else if (f.span) {
      h = fnv1a_normalized(source.slice(*f.span), h);
    } else {
      h = fnv1a(f.message, h);
    }
    hashes[i] = {h, i};
  }
  std::sort(hashes.begin(), hashes.end());
  std::size_t n = 0;
  for (std::size_t k = 0; k < hashes.size(); ++k) {
    const auto [h, i] = hashes[k];
    n = k > 0 && hashes[k - 1].first == h ? n + 1 : 0;
    // "{:016x}:{}" (perf: fmt::format was a third of this loop).
    char text[40];
    static constexpr char kHex[] = "0123456789abcdef";
    for (int d = 0; d < 16; ++d) text[d] = kHex[(h >> (60 - 4 * d)) & 0xF];
    text[16] = ':';
    const auto end = std::to_chars(text + 17, text + sizeof text, n).ptr;
    findings[i].fingerprint.assign(text, end);
  }
}

Engine::Engine(std::span<const Rule* const> rules, std::vector<std::string> enabled,
               EngineOptions options)
    : rules_(rules), enabled_(std::move(enabled)), options_(std::move(options)) {
  std::sort(enabled_.begin(), enabled_.end());
  rule_enabled_.reserve(rules_.size());
  for (const Rule* r : rules_) {
    const bool on = is_enabled(r->meta.id.view());
    rule_enabled_.push_back(on ? 1 : 0);
    if (on && r->check != nullptr && r->meta.format == Format::secrets) secrets_enabled_ = true;
  }
  Hasher h;
  for (const std::string& id : enabled_) h.add(id);
  h.add("\x1e").add(options_.max_file_size).add(options_.inline_ignores ? 1 : 0);
  h.add(options_.parse_errors_everywhere ? 1 : 0);
  // Rule options are not enumerable here; the CLI puts the configuration file's text in the
  // cache's own salt instead (ResultCache's `context`).
  h.add("\x1e");
  for (const auto& [name, value] : options_.build_args) h.add(name).add(value);
  h.add("\x1e");
  for (const auto& [id, severity] : options_.severity) h.add(id).add(static_cast<std::uint64_t>(severity));
  h.add("\x1e");
  for (const auto& pp : options_.per_path) {
    h.add(pp.globs.size());
    for (const std::string& g : pp.globs) h.add(g);
    h.add(pp.ignore.size());
    for (const std::string& id : pp.ignore) h.add(id);
  }
  config_hash_ = h.value();
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
  return lint_impl(source, kind_override, nullptr);
}

FileReport Engine::lint_impl(const SourceFile& source, std::optional<FileKind> kind_override,
                             std::vector<CacheDependency>* dependencies) const {
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
    if (const auto it = options_.severity.find(f.rule_id); it != options_.severity.end())
      f.severity = it->second;
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

  if (kind != FileKind::text && is_helm_template(source.path())) {
    report.notifications.push_back(
        {Severity::info,
         fmt::format("skipped {}: Helm chart template (not YAML until rendered)", source.path()),
         source.path(), ""});
    kind = FileKind::text;
  }
  std::vector<std::string> path_ignored;
  for (const auto& pp : options_.per_path) {
    const bool hit = std::any_of(pp.globs.begin(), pp.globs.end(),
                                 [&](const std::string& g) { return glob_match(g, source.path()); });
    if (hit) path_ignored.insert(path_ignored.end(), pp.ignore.begin(), pp.ignore.end());
  }
  const auto ignored_here = [&](std::string_view id) {
    return std::find(path_ignored.begin(), path_ignored.end(), id) != path_ignored.end();
  };
  const auto runs_here = [&](std::string_view id) { return is_enabled(id) && !ignored_here(id); };
  // runs_here for rules_[i], without looking its ID up.
  const auto rule_runs = [&](std::size_t i) {
    return rule_enabled_[i] != 0 && !ignored_here(rules_[i]->meta.id.view());
  };
  const Format format = format_of(kind);
  // The model is built for the rules of the file's format and for LNT001. Without them
  // (`--select SEC`, say) the file is not parsed (perf): the secret rules read its text.
  bool reads_model = false;
  for (std::size_t i = 0; i < rules_.size() && !reads_model; ++i)
    reads_model = rules_[i]->check != nullptr && rules_[i]->meta.format == format && rule_runs(i);
  bool parse_errors = runs_here(kParseError) && (reads_model || options_.parse_errors_everywhere);
  const bool parse = reads_model || parse_errors;
  std::vector<parsers::Diagnostic> diagnostics;
  Model parsed;
  if (parse) {
    parsed = kind == FileKind::terraform || kind == FileKind::terraform_vars
                 ? terraform_doc(source, diagnostics, dependencies)
                 : parse_model(source, kind, options_, diagnostics, dependencies);
  }
  Document doc{source, kind, std::move(parsed)};
  // The rules of the file's format run unless it is a template that does not parse.
  bool format_rules = true;
  if (!diagnostics.empty() && is_unrendered_template(source.text())) {
    // A file that only parses once a template engine (jq, Go templates, Jinja) has rendered it
    // is not a broken file: its format's rules are skipped with a notice instead of LNT001 on
    // every line. Its text is still scanned for secrets, as every text file is (and as when
    // the file is not parsed at all, under `--select SEC`).
    report.notifications.push_back(
        {Severity::info,
         fmt::format("skipped {}: template actions ({{{{ … }}}}) and not a valid {}; lint the "
                     "rendered output instead (its secrets are still scanned)",
                     source.path(), to_string(kind)),
         source.path(), ""});
    diagnostics.clear();
    doc.model = std::monostate{};
    format_rules = false;
    parse_errors = false;
  }
  if (const Rule* pe = rule(kParseError); pe != nullptr && parse_errors) {
    for (auto& d : diagnostics) add(*pe, d.span, std::move(d.message), {});
  }

  // The secrets scanner reads every text file, whatever its format.
  model::SecretScan secrets;
  if (any_enabled(Format::secrets)) {
    secrets = parsers::scan_secrets(source);
    doc.secrets = &secrets;
  }
  const EngineProjectView project(*this, dependencies);
  const RuleContext ctx{options_.rule_options, project};
  Reporter reporter;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const Rule* r = rules_[i];
    if (r->check == nullptr) continue;
    if (r->meta.format != Format::secrets && (r->meta.format != format || !format_rules)) continue;
    if (!rule_runs(i)) continue;
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

  if (options_.inline_ignores) {
    std::vector<InlineSuppression> suppressions = find_inline_suppressions(doc, rules_);
    if (!suppressions.empty() && !parse && !findings.empty() &&
        (kind == FileKind::dockerfile || kind == FileKind::terraform ||
         kind == FileKind::terraform_vars)) {
      // "The next construct" a comment covers is a Dockerfile instruction or an HCL block of the
      // model: a file not parsed for its rules is parsed for its suppressions (a file of its own
      // for Terraform: only its blocks matter here). Without findings the scopes cover nothing
      // either way (perf: Terraform files full of tfsec/checkov comments, under --select SEC).
      std::vector<parsers::Diagnostic> unused;
      doc.model = kind == FileKind::dockerfile
                      ? parse_model(source, kind, options_, unused, dependencies)
                      : model::TerraformDoc{
                            parsers::parse_terraform_module(
                                std::filesystem::path(source.path()).parent_path().generic_string(),
                                {std::make_shared<const SourceFile>(source.path(),
                                                                    std::string(source.text()))})
                                .module,
                            0};
      suppressions = find_inline_suppressions(doc, rules_);
    }
    if (!suppressions.empty()) {
      // A suppression of a rule that did not run here (not selected, another format, LNT001 on
      // a file not parsed) is not unused: it may well be needed when that rule runs.
      const auto ran = [&](const Rule& r) {
        if (!runs_here(r.meta.id.view())) return false;
        if (r.meta.id.view() == kParseError) return parse_errors;
        if (r.meta.format == Format::meta) return true;
        return r.check != nullptr &&
               ((r.meta.format == format && format_rules) || r.meta.format == Format::secrets);
      };
      for (SuppressionDiagnostic& d : apply_inline_suppressions(suppressions, findings, ran)) {
        if (const Rule* r = rule(d.rule_id); r != nullptr && runs_here(d.rule_id))
          add(*r, d.span, std::move(d.message), {});
      }
    }
  }

  assign_fingerprints(findings, source, keys);
  report.findings = std::move(findings);
  return report;
}

FileReport Engine::lint_entry(const FileEntry& entry) const {
  const auto by_name = classify_by_name(entry.path);
  // Plain text is read only for the secrets scanner.
  if (by_name == FileKind::text && !any_enabled(Format::secrets)) return {};
  TextFile r = read_text_file(entry.fs_path, options_.max_file_size);
  if (r.too_large) {
    FileReport report;
    report.notifications.push_back(
        {Severity::info,
         fmt::format("skipped {}: {} bytes is over the {}-byte size limit", entry.path,
                     *r.too_large, options_.max_file_size),
         entry.path, ""});
    return report;
  }
  if (!r.error.empty()) {
    FileReport report;
    if (const Rule* ur = rule(kUnreadable); ur != nullptr && is_enabled(kUnreadable)) {
      Finding f;
      f.rule_id = std::string(kUnreadable);
      f.severity = ur->meta.severity;
      f.message = fmt::format("cannot read '{}': {}", entry.path, r.error);
      f.path = entry.path;
      SourceFile empty(entry.path, "");
      std::vector<Finding> one{std::move(f)};
      assign_fingerprints(one, empty, {});
      report.findings = std::move(one);
    }
    return report;
  }
  if (is_binary(r.text)) {
    FileReport report;
    report.notifications.push_back(
        {Severity::info, fmt::format("skipped {}: binary file (NUL byte)", entry.path), entry.path, ""});
    return report;
  }
  const SourceFile source(entry.path, std::move(r.text));
  if (options_.cache != nullptr) return lint_cached(source, by_name);
  return lint(source, by_name);
}

FileReport Engine::lint_cached(const SourceFile& source, std::optional<FileKind> kind) const {
  const ResultCache& cache = *options_.cache;
  const std::uint64_t key =
      cache.key(config_hash_, source.path(), source.text(), is_helm_template(source.path()));
  const auto probe = [this](const CacheDependency& d) { return dependency_value(d); };
  if (std::optional<FileReport> hit = cache.load(key, probe)) return std::move(*hit);
  std::vector<CacheDependency> dependencies;
  FileReport report = lint_impl(source, kind, &dependencies);
  std::sort(dependencies.begin(), dependencies.end());
  dependencies.erase(std::unique(dependencies.begin(), dependencies.end()), dependencies.end());
  for (CacheDependency& d : dependencies) d.value = dependency_value(d);
  cache.store(key, report, dependencies);
  return report;
}

std::uint64_t Engine::dependency_value(const CacheDependency& d) const {
  // Distinct non-hash values for "absent" so that no file's hash is confused with them.
  constexpr std::uint64_t kAbsent = 1;
  constexpr std::uint64_t kPresent = 2;
  std::error_code ec;
  switch (d.kind) {
    case CacheDependency::Kind::exists:
      return std::filesystem::is_regular_file(d.path, ec) ? kPresent : kAbsent;
    case CacheDependency::Kind::file: {
      if (!std::filesystem::is_regular_file(d.path, ec)) return kAbsent;
      const TextFile r = read_text_file(d.path);
      return !r.error.empty() ? kAbsent : Hasher{}.add(r.text).value();
    }
    case CacheDependency::Kind::module:
      return module_signature(d.path);
  }
  return kAbsent;
}

// The names and bytes of a Terraform folder's module files, computed once per scan.
std::uint64_t Engine::module_signature(const std::string& dir) const {
  {
    const std::lock_guard lock(signatures_mutex_);
    if (const auto it = signatures_.find(dir); it != signatures_.end()) return it->second;
  }
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir.empty() ? "." : dir, ec)) {
    std::error_code fec;
    if (e.is_regular_file(fec) && is_module_file(e.path().filename().string()))
      names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  Hasher h;
  for (const std::string& name : names) {
    const TextFile r = read_text_file((fs::path(dir.empty() ? "." : dir) / name).string());
    h.add(name).add(r.error).add(r.text);
  }
  const std::lock_guard lock(signatures_mutex_);
  return signatures_.emplace(dir, h.value()).first->second;
}

namespace {
std::atomic<bool> g_cancel{false};
static_assert(std::atomic<bool>::is_always_lock_free);
}  // namespace

void request_cancel() noexcept { g_cancel.store(true, std::memory_order_relaxed); }
bool cancel_requested() noexcept { return g_cancel.load(std::memory_order_relaxed); }

ScanResult Engine::scan(const std::vector<FileEntry>& files) const {
  std::vector<FileReport> reports(files.size());
  std::atomic<std::size_t> next{0};
  unsigned jobs = options_.jobs != 0 ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(files.size(), 1)));
  // Each file's findings are put in output order by the worker that linted it (perf: the sort
  // runs on every core; the merge below then finds the whole list in order and skips its own).
  const auto lint_one = [&](std::size_t i) {
    reports[i] = lint_entry(files[i]);
    std::vector<Finding>& found = reports[i].findings;
    if (!std::is_sorted(found.begin(), found.end(), finding_less))
      std::stable_sort(found.begin(), found.end(), finding_less);
  };
  const bool huge_pages = files.size() >= kManyFiles;
  if (huge_pages) use_huge_pages();
  const auto work = [&] {
    if (huge_pages && jobs > 1) use_huge_pages_in_thread();
    // A Terraform file whose module another worker is parsing right now is put off (perf: it
    // would wait for that parse; meanwhile it can lint, and parse, what follows) until that
    // parse is done: after each file the worker lints the put-off files whose module is ready.
    // Taking them only at the end of the list kept every such module in memory until then
    // (hundreds of MB on a large tree). Reports stay indexed by file, so the output is the same.
    std::vector<std::size_t> deferred;
    const auto lint_ready = [&] {
      std::erase_if(deferred, [&](std::size_t i) {
        if (cancel_requested() || module_busy(files[i])) return false;
        lint_one(i);
        return true;
      });
    };
    for (std::size_t i = next++; i < files.size() && !cancel_requested(); i = next++) {
      if (jobs > 1 && module_busy(files[i])) {
        deferred.push_back(i);
        continue;
      }
      lint_one(i);
      if (!deferred.empty()) lint_ready();
    }
    for (const std::size_t i : deferred) {
      if (cancel_requested()) break;
      lint_one(i);
    }
  };
  if (jobs <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(jobs);
    for (unsigned j = 0; j < jobs; ++j) pool.emplace_back(work);
  }
  if (cancel_requested()) throw Cancelled{};

  ScanResult result;
  std::size_t total = 0;
  for (const FileReport& r : reports) total += r.findings.size();
  result.findings.reserve(total);
  for (FileReport& r : reports) {
    if (r.checked) ++result.files_checked;
    for (Finding& f : r.findings) {
      if (f.rule_id == kInternalError) result.internal_error = true;
      result.findings.push_back(std::move(f));
    }
    for (Notification& n : r.notifications) result.notifications.push_back(std::move(n));
    r = FileReport{};  // its strings have moved; free the rest now rather than after the sort
  }
  // Stable: of two findings that differ only in their fingerprint, the one its file reported
  // first survives the de-duplication below, whatever other files are in the run (a shard).
  // Files come sorted by path and each file's findings are in order, so this is usually a check.
  if (!std::is_sorted(result.findings.begin(), result.findings.end(), finding_less))
    std::stable_sort(result.findings.begin(), result.findings.end(), finding_less);
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
