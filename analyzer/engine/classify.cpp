#include "analyzer/engine/classify.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace lintel::engine {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view basename(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Templates render into their target format; until rendered they are text.
bool is_template_name(std::string_view lname) {
  constexpr std::array<std::string_view, 11> exts = {".template", ".tmpl", ".tpl",   ".j2",
                                                     ".jinja",    ".jinja2", ".gotmpl", ".erb",
                                                     ".mustache", ".hbs",   ".njk"};
  return std::any_of(exts.begin(), exts.end(), [&](std::string_view e) { return ends_with(lname, e); });
}

// `Dockerfile.<suffix>` names a variant (`Dockerfile.dev`, `Dockerfile.alpine`) unless the suffix
// is the extension of source code, documentation, data or a template source: `dockerfile.hpp`,
// `Dockerfile.md`, `Dockerfile.in` (autoconf) are not Dockerfiles.
bool is_other_file_suffix(std::string_view suffix) {
  constexpr std::array<std::string_view, 44> exts = {
      "c",    "cc",   "cpp",  "cxx",  "h",     "hh",   "hpp",   "hxx",  "go",   "py",   "rb",
      "rs",   "js",   "mjs",  "cjs",  "ts",    "tsx",  "jsx",   "java", "kt",   "scala", "cs",
      "php",  "swift", "md",  "markdown", "rst", "txt", "adoc", "json", "yaml", "yml",  "toml",
      "xml",  "html", "css",  "sh",   "bash",  "ps1",  "bat",   "in",   "m4",   "patch", "diff"};
  return std::find(exts.begin(), exts.end(), suffix) != exts.end();
}

bool is_dockerfile_name(std::string_view lname) {
  if (lname == "dockerfile" || lname == "containerfile") return true;
  if (ends_with(lname, ".dockerignore") || ends_with(lname, ".containerignore")) return false;
  if (starts_with(lname, "dockerfile.") || starts_with(lname, "containerfile.")) {
    const auto dot = lname.rfind('.');
    return !is_other_file_suffix(lname.substr(dot + 1));
  }
  return ends_with(lname, ".dockerfile") || ends_with(lname, ".containerfile");
}

bool has_yaml_ext(std::string_view lname) {
  return ends_with(lname, ".yml") || ends_with(lname, ".yaml");
}

// The file names of other tools' YAML that is never a manifest, whatever it contains.
bool is_known_non_manifest(std::string_view lname) {
  constexpr std::array<std::string_view, 8> names = {
      "chart.yaml", "chart.yml", "values.yaml", "values.yml", "kustomization.yaml",
      "kustomization.yml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml"};
  return std::find(names.begin(), names.end(), lname) != names.end();
}

}  // namespace

bool is_yaml_path(std::string_view path) { return has_yaml_ext(lower(basename(path))); }

std::optional<FileKind> classify_by_name(std::string_view path) {
  const std::string lname = lower(basename(path));
  if (is_template_name(lname)) return FileKind::text;
  if (is_dockerfile_name(lname)) return FileKind::dockerfile;
  if (ends_with(lname, ".tf")) return FileKind::terraform;
  if (ends_with(lname, ".tfvars")) return FileKind::terraform_vars;
  if (!has_yaml_ext(lname)) return FileKind::text;
  if (is_known_non_manifest(lname)) return FileKind::text;
  if (starts_with(lname, "docker-compose") || starts_with(lname, "compose")) return FileKind::compose;
  if (lname == "action.yml" || lname == "action.yaml") return FileKind::action;
  const std::string lpath = lower(path);
  if (lpath.find(".github/workflows/") != std::string::npos) {
    // Only files directly in the workflows folder are workflows.
    const auto at = lpath.rfind(".github/workflows/");
    if (lpath.find('/', at + 18) == std::string::npos) return FileKind::workflow;
  }
  return std::nullopt;
}

namespace {

// The key of a top-level (column 0) `key:` line, or empty.
std::string_view top_level_key(std::string_view line) {
  if (line.empty() || line[0] == ' ' || line[0] == '\t' || line[0] == '#' || line[0] == '-')
    return {};
  std::size_t i = 0;
  if (line[0] == '"' || line[0] == '\'') {
    const char q = line[0];
    const auto close = line.find(q, 1);
    if (close == std::string_view::npos) return {};
    if (close + 1 < line.size() && line[close + 1] == ':') return line.substr(1, close - 1);
    return {};
  }
  while (i < line.size() && line[i] != ':' && line[i] != ' ') ++i;
  if (i < line.size() && line[i] == ':' && (i + 1 == line.size() || line[i + 1] == ' ' ||
                                            line[i + 1] == '\r' || line[i + 1] == '\t'))
    return line.substr(0, i);
  return {};
}

std::string_view trim_left(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

}  // namespace

FileKind classify_yaml_content(std::string_view text) {
  bool api_version = false, kind = false, services = false, service_image = false;
  bool on = false, jobs = false, runs = false, runs_using = false;
  std::string_view section;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.starts_with("---")) {
      // A new document: Kubernetes needs both keys in one document.
      if (api_version && kind) return FileKind::kubernetes;
      api_version = kind = false;
      section = {};
      continue;
    }
    const std::string_view key = top_level_key(line);
    if (!key.empty()) {
      section = key;
      if (key == "apiVersion") api_version = true;
      else if (key == "kind") kind = true;
      // Both in one document: nothing later changes the answer (perf: long manifests).
      if (api_version && kind) return FileKind::kubernetes;
      else if (key == "services") services = true;
      else if (key == "on" || key == "\"on\"" || key == "true") on = true;
      else if (key == "jobs") jobs = true;
      else if (key == "runs") runs = true;
      continue;
    }
    if (section == "services") {
      const std::string_view body = trim_left(line);
      if (body.starts_with("image:") || body.starts_with("build:")) service_image = true;
    } else if (section == "runs" && trim_left(line).starts_with("using:")) {
      runs_using = true;
    }
  }
  if (api_version && kind) return FileKind::kubernetes;
  if (on && jobs) return FileKind::workflow;
  if (services && service_image) return FileKind::compose;
  if (runs && runs_using) return FileKind::action;
  return FileKind::text;
}

}  // namespace lintel::engine
