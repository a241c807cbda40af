#include "analyzer/cli/ci_formats.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "analyzer/bytes16.hpp"
#include "analyzer/cli/report_buffer.hpp"
#include "sarif/json_text.hpp"
#include "sarif/sarif.hpp"

namespace lintel::cli {

namespace {

std::string_view gitlab_severity(Severity s) {
  switch (s) {
    case Severity::error:
      return "critical";
    case Severity::warning:
      return "major";
    default:
      return "info";
  }
}

// Rule ID -> slug, looked up once per finding (perf: a scan of every rule per finding).
using Slugs = std::map<std::string_view, std::string_view, std::less<>>;
Slugs slugs_of(std::span<const Rule* const> rules) {
  Slugs out;
  for (const Rule* r : rules) out.emplace(r->meta.id.view(), r->meta.slug);
  return out;
}

// Unsuppressed findings grouped by path, in order.
std::map<std::string_view, std::vector<const Finding*>> by_file(std::span<const Finding> findings) {
  std::map<std::string_view, std::vector<const Finding*>> out;
  for (const Finding& f : findings)
    if (!f.suppressed()) out[f.path].push_back(&f);
  return out;
}

// path, or path:line:column
void append_where(std::string& out, const Finding& f) {
  out += f.path;
  if (!f.span) return;
  out += ':';
  append_number(out, f.start.line);
  out += ':';
  append_number(out, f.start.column);
}

}  // namespace

void append_xml(std::string& out, std::string_view s) {
  using bytes16::mask;
  bytes16::append_escaped(
      out, s,
      [](bytes16::Bytes16 v) {
        return mask(v < 0x20) | mask(v == 0x7f) | mask(v == '&') | mask(v == '<') |
               mask(v == '>') | mask(v == '"') | mask(v == '\'');
      },
      [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'';
      },
      [](std::string& text, char c) {
        switch (c) {
          case '&': text += "&amp;"; break;
          case '<': text += "&lt;"; break;
          case '>': text += "&gt;"; break;
          case '"': text += "&quot;"; break;
          case '\'': text += "&apos;"; break;
          case '\t': text += "&#9;"; break;
          case '\n': text += "&#10;"; break;
          case '\r': text += "&#13;"; break;
          default: text += "\xEF\xBF\xBD";  // a C0 control or DEL: not allowed in XML 1.0
        }
      });
}

std::string escape_xml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_xml(out, s);
  return out;
}

void write_gitlab(std::ostream& out, std::span<const Finding> findings) {
  // One issue at a time, laid out as dump(2) lays out the whole array: the text between the
  // values is fixed (the layout is pinned by the tests against nlohmann's dump).
  ReportBuffer buffer(out);
  std::string& text = buffer.text;
  bool first = true;
  for (const Finding& f : findings) {
    if (f.suppressed()) continue;
    text += first ? "[\n  {\n    \"description\": " : ",\n  {\n    \"description\": ";
    first = false;
    sarif::append_json_string(text, fmt::format("{} {}", f.rule_id, f.message));
    text += ",\n    \"check_name\": ";
    sarif::append_json_string(text, f.rule_id);
    // Code Quality needs a fingerprint unique per issue; lintel's already is, and holds no line.
    text += ",\n    \"fingerprint\": ";
    sarif::append_json_string(text, f.fingerprint.empty()
                                        ? fmt::format("{}:{}:{}", f.rule_id, f.path, f.message)
                                        : f.fingerprint);
    text += ",\n    \"severity\": ";
    sarif::append_json_string(text, gitlab_severity(f.severity));
    text += ",\n    \"location\": {\n      \"path\": ";
    sarif::append_json_string(text, f.path);
    text += ",\n      \"lines\": {\n        \"begin\": ";
    append_number(text, f.span ? f.start.line : 1);
    text += "\n      }\n    }\n  }";
    buffer.maybe_flush();
  }
  text += first ? "[]\n" : "\n]\n";
}

void write_junit(std::ostream& out, std::span<const Finding> findings,
                 std::span<const Rule* const> rules) {
  const auto files = by_file(findings);
  std::size_t total = 0;
  for (const auto& [path, list] : files) total += list.size();
  ReportBuffer buffer(out);
  std::string& text = buffer.text;
  text += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (total == 0) {
    text += "<testsuites name=\"lintel\" tests=\"1\" failures=\"0\">\n"
            "  <testsuite name=\"lintel\" tests=\"1\" failures=\"0\">\n"
            "    <testcase name=\"no findings\" classname=\"lintel\"/>\n"
            "  </testsuite>\n"
            "</testsuites>\n";
    return;
  }
  const Slugs slugs = slugs_of(rules);
  text += fmt::format("<testsuites name=\"lintel\" tests=\"{0}\" failures=\"{0}\">\n", total);
  std::string where;
  for (const auto& [path, list] : files) {
    text += "  <testsuite name=\"";
    append_xml(text, path);
    text += fmt::format("\" tests=\"{0}\" failures=\"{0}\">\n", list.size());
    for (const Finding* f : list) {
      const auto slug = slugs.find(f->rule_id);
      where.clear();
      append_where(where, *f);
      text += "    <testcase name=\"";
      append_xml(text, f->rule_id);
      if (slug != slugs.end() && !slug->second.empty()) {
        text += ' ';
        append_xml(text, slug->second);
      }
      text += " at ";
      append_xml(text, where);
      text += "\" classname=\"";
      append_xml(text, path);
      text += "\">\n      <failure type=\"";
      append_xml(text, f->rule_id);
      text += "\" message=\"";
      append_xml(text, f->message);
      text += "\">";
      append_xml(text, where);
      text += ": ";
      text += to_string(f->severity);
      text += ' ';
      append_xml(text, f->rule_id);
      text += ' ';
      append_xml(text, f->message);
      text += "</failure>\n    </testcase>\n";
      buffer.maybe_flush();
    }
    text += "  </testsuite>\n";
  }
  text += "</testsuites>\n";
}

void write_checkstyle(std::ostream& out, std::span<const Finding> findings) {
  ReportBuffer buffer(out);
  std::string& text = buffer.text;
  text += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const auto& [path, list] : by_file(findings)) {
    text += "  <file name=\"";
    append_xml(text, path);
    text += "\">\n";
    for (const Finding* f : list) {
      text += "    <error";
      if (f->span) {
        text += " line=\"";
        append_number(text, f->start.line);
        text += "\" column=\"";
        append_number(text, f->start.column);
        text += '"';
      }
      text += " severity=\"";
      text += to_string(f->severity);
      text += "\" message=\"";
      append_xml(text, f->message);
      text += "\" source=\"lintel.";
      append_xml(text, f->rule_id);
      text += "\"/>\n";
      buffer.maybe_flush();
    }
    text += "  </file>\n";
  }
  text += "</checkstyle>\n";
}

}  // namespace lintel::cli
