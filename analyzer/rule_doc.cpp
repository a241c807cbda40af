#include "analyzer/rule_doc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace lintel {

namespace {

constexpr std::string_view kMiddleDot = " \u00B7 ";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Prose fields are written as C++ literals and may carry a stray leading or trailing newline;
// the page layout owns the blank lines between sections.
std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Examples keep their leading indentation (YAML depends on it) but end with exactly one newline.
std::string example_body(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  std::string out(s);
  out += '\n';
  return out;
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  const std::string_view tail = s.substr(s.size() - suffix.size());
  return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() &&
         std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         });
}

// Meta and secret rules have no fixed file type; their example_path says what the example is.
std::string_view language_of_path(std::string_view path) {
  const auto slash = path.find_last_of('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (starts_with_ci(base, "Dockerfile") || starts_with_ci(base, "Containerfile") ||
      ends_with_ci(base, ".dockerfile"))
    return "dockerfile";
  if (ends_with_ci(base, ".yml") || ends_with_ci(base, ".yaml")) return "yaml";
  if (ends_with_ci(base, ".tf") || ends_with_ci(base, ".tfvars") || ends_with_ci(base, ".hcl"))
    return "hcl";
  if (ends_with_ci(base, ".json")) return "json";
  return "text";
}

// A fence longer than any backtick run inside, so an example can never close its own block.
std::string fence_for(std::string_view body) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string code_block(std::string_view language, std::string_view example) {
  const std::string body = example_body(example);
  const std::string fence = fence_for(body);
  return fmt::format("{}{}\n{}{}\n", fence, language, body, fence);
}

// Inline code whose delimiters cannot collide with backticks in the value.
std::string inline_code(std::string_view s) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (const char c : s) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string ticks(longest + 1, '`');
  const bool pad = !s.empty() && (s.front() == '`' || s.back() == '`');
  return fmt::format("{}{}{}{}{}", ticks, pad ? " " : "", s, pad ? " " : "", ticks);
}

// A table cell: pipes would end the cell and newlines the row.
std::string table_cell(std::string_view s) {
  std::string out;
  for (const char c : trim(s)) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string slug_file(std::string_view slug) {
  std::string out(slug);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

std::string status_text(const RuleMeta& meta) {
  std::string out(to_string(meta.status));
  if (!meta.since.empty()) out += fmt::format(" since {}", meta.since);
  return out;
}

std::string status_line(const RuleMeta& meta) {
  std::string out = fmt::format("Severity: {}", to_string(meta.severity));
  out += kMiddleDot;
  out += fmt::format("Status: {}", status_text(meta));
  out += kMiddleDot;
  out += fmt::format("Format: {}", to_string(meta.format));
  if (!meta.security_severity.empty()) {
    out += kMiddleDot;
    out += fmt::format("Security severity: {}", meta.security_severity);
  }
  return out;
}

void prose_section(std::string& out, std::string_view title, std::string_view body) {
  body = trim(body);
  if (body.empty()) return;
  out += fmt::format("\n## {}\n\n{}\n", title, body);
}

// RuleMeta::example_options, one `name=value[,value…]` per line, as "`a=1`, `b=2`" (Markdown)
// or "a=1; b=2".
std::string example_option_list(std::string_view lines, bool markdown) {
  std::string out;
  while (!lines.empty()) {
    const std::size_t nl = lines.find('\n');
    const std::string_view line = trim(lines.substr(0, nl));
    lines = nl == std::string_view::npos ? std::string_view{} : lines.substr(nl + 1);
    if (line.empty()) continue;
    // In plain text a comma would blur into list values, so entries are split by semicolons.
    if (!out.empty()) out += markdown ? ", " : "; ";
    out += markdown ? inline_code(line) : std::string(line);
  }
  return out;
}

void example_section(std::string& out, const RuleMeta& meta) {
  const bool has_bad = !trim(meta.bad).empty();
  const bool has_good = !trim(meta.good).empty();
  if (!has_bad && !has_good) return;
  const std::string_view lang = example_language(meta);
  out += "\n## Example\n";
  if (const std::string options = example_option_list(meta.example_options, true); !options.empty())
    out += fmt::format("\nThe examples assume these options: {}.\n", options);
  if (has_bad) out += fmt::format("\nBad:\n\n{}", code_block(lang, meta.bad));
  if (has_good) out += fmt::format("\nGood:\n\n{}", code_block(lang, meta.good));
}

void options_section(std::string& out, std::span<const RuleOption> options) {
  out += "\n## Options\n\n";
  if (options.empty()) {
    out += "None.\n";
    return;
  }
  out += "| Name | Default | Meaning |\n| --- | --- | --- |\n";
  for (const RuleOption& o : options) {
    const std::string def = o.default_value.empty() ? "(none)" : inline_code(o.default_value);
    out += fmt::format("| {} | {} | {} |\n", table_cell(inline_code(o.name)), table_cell(def),
                       table_cell(o.meaning));
  }
}

void references_section(std::string& out, std::span<const std::string_view> references) {
  std::string items;
  for (const std::string_view ref : references) {
    const std::string_view r = trim(ref);
    if (r.empty()) continue;
    // Angle brackets make a bare URL a link in strict CommonMark too, not only in GitHub's.
    const bool is_url = r.starts_with("https://") || r.starts_with("http://");
    items += is_url ? fmt::format("- <{}>\n", r) : fmt::format("- {}\n", r);
  }
  if (items.empty()) return;
  out += "\n## References\n\n" + items;
}

// Indents every non-empty line, for examples in plain text.
std::string indented(std::string_view text, std::string_view pad) {
  std::string out;
  const std::string body = example_body(text);
  std::size_t start = 0;
  while (start < body.size()) {
    const std::size_t nl = body.find('\n', start);
    const std::string_view line = std::string_view(body).substr(start, nl - start);
    if (!line.empty()) {
      out += pad;
      out += line;
    }
    out += '\n';
    start = nl + 1;
  }
  return out;
}

struct FormatHeading {
  Format format;
  std::string_view title;
};

// The catalog's order (RULES.md), so the index reads like the spec.
constexpr std::array<FormatHeading, 7> kFormatOrder{{
    {Format::meta, "Meta (LNT)"},
    {Format::dockerfile, "Dockerfile (DF)"},
    {Format::compose, "Compose (DC)"},
    {Format::kubernetes, "Kubernetes (K8S)"},
    {Format::actions, "GitHub Actions (GHA)"},
    {Format::terraform, "Terraform (TF)"},
    {Format::secrets, "Secrets (SEC)"},
}};

}  // namespace

std::string_view to_string(RuleStatus status) {
  switch (status) {
    case RuleStatus::stable:
      return "stable";
    case RuleStatus::preview:
      return "preview";
    case RuleStatus::deprecated:
      return "deprecated";
    case RuleStatus::removed:
      return "removed";
  }
  return "stable";
}

std::string peer_alias(const PeerId& peer) { return fmt::format("{}:{}", peer.tool, peer.id); }

std::string peer_list(std::span<const PeerId> peers) {
  std::string out;
  for (const PeerId& p : peers) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", p.tool, p.id);
  }
  return out;
}

// The folder of a format's rules: rules/<folder>/<slug>.cpp.
std::string_view rule_folder(Format format) {
  switch (format) {
    case Format::kubernetes: return "k8s";
    case Format::actions: return "gha";
    default: return to_string(format);
  }
}

std::string rule_source_path(const RuleMeta& meta) {
  return fmt::format("rules/{}/{}.cpp", rule_folder(meta.format), slug_file(meta.slug));
}

std::string_view example_language(const RuleMeta& meta) {
  switch (meta.format) {
    case Format::dockerfile:
      return "dockerfile";
    case Format::compose:
    case Format::kubernetes:
    case Format::actions:
      return "yaml";
    case Format::terraform:
      return "hcl";
    case Format::meta:
    case Format::secrets:
      return language_of_path(meta.example_path);
  }
  return "text";
}

std::string render_rule_markdown(const RuleMeta& meta) {
  const std::string source = rule_source_path(meta);
  std::string out = fmt::format(
      "<!-- Generated from the rule metadata by `lintel docs`. Do not edit this file: edit {} "
      "instead. -->\n",
      source);
  out += fmt::format("# {} {}\n\n{}\n", meta.id.view(), meta.slug, status_line(meta));
  if (const std::string_view summary = trim(meta.summary); !summary.empty())
    out += fmt::format("\n{}\n", summary);
  prose_section(out, "What it checks", meta.what);
  prose_section(out, "Why it matters", meta.why);
  example_section(out, meta);
  prose_section(out, "How to fix", meta.fix);
  options_section(out, meta.options);
  const std::string peers = peer_list(meta.peers);
  out += fmt::format("\n## Also known as\n\n{}\n",
                     peers.empty() ? "No peer tool has this check." : peers);
  references_section(out, meta.references);
  out += fmt::format("\nSource: [{0}](../../{0})\n", source);
  return out;
}

std::string render_rule_text(const RuleMeta& meta) {
  std::string out = fmt::format("{} {}\n", meta.id.view(), meta.slug);
  if (const std::string_view summary = trim(meta.summary); !summary.empty())
    out += fmt::format("{}\n", summary);
  out += fmt::format("Severity: {}\n", to_string(meta.severity));
  const auto section = [&out](std::string_view title, std::string_view body) {
    body = trim(body);
    if (!body.empty()) out += fmt::format("\n{}:\n{}\n", title, body);
  };
  section("What it checks", meta.what);
  section("Why it matters", meta.why);
  if (const std::string options = example_option_list(meta.example_options, false);
      !options.empty() && (!trim(meta.bad).empty() || !trim(meta.good).empty()))
    out += fmt::format("\nThe examples assume these options: {}\n", options);
  if (!trim(meta.bad).empty()) out += fmt::format("\nBad:\n{}", indented(meta.bad, "    "));
  if (!trim(meta.good).empty()) out += fmt::format("\nGood:\n{}", indented(meta.good, "    "));
  section("How to fix", meta.fix);
  if (!meta.options.empty()) {
    out += "\nOptions:\n";
    for (const RuleOption& o : meta.options) {
      out += fmt::format("  {} (default: {}): {}\n", o.name,
                         o.default_value.empty() ? "none" : o.default_value, trim(o.meaning));
    }
  }
  const std::string peers = peer_list(meta.peers);
  if (!peers.empty()) out += fmt::format("\nAlso known as: {}\n", peers);
  return out;
}

std::string render_rule_index(std::span<const Rule* const> rules) {
  std::string out =
      "<!-- Generated from the rule metadata by `lintel docs`. Do not edit this file: edit the "
      "rules in rules/<format>/ instead. -->\n"
      "# lintel rules\n";
  out += fmt::format(
      "\n{} {}. Each page says what the rule checks, why it matters, how to fix it and which "
      "peer tools have the same check.\n",
      rules.size(), rules.size() == 1 ? "rule" : "rules");
  for (const FormatHeading& heading : kFormatOrder) {
    std::string rows;
    for (const Rule* rule : rules) {
      const RuleMeta& m = rule->meta;
      if (m.format != heading.format) continue;
      std::string summary = table_cell(m.summary);
      if (m.status != RuleStatus::stable) summary += fmt::format(" *({})*", to_string(m.status));
      rows += fmt::format("| [{0}]({0}.md) | {1} | {2} | {3} | {4} |\n", m.id.view(),
                          table_cell(inline_code(m.slug)), to_string(m.severity), summary,
                          table_cell(peer_list(m.peers)));
    }
    if (rows.empty()) continue;
    out += fmt::format(
        "\n## {}\n\n| ID | Slug | Severity | Summary | Also known as |\n"
        "| --- | --- | --- | --- | --- |\n{}",
        heading.title, rows);
  }
  return out;
}

}  // namespace lintel
