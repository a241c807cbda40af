#include "analyzer/cli/ci_formats.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

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

std::string_view slug_of(std::string_view id, std::span<const Rule* const> rules) {
  for (const Rule* r : rules)
    if (r->meta.id.view() == id) return r->meta.slug;
  return {};
}

// Unsuppressed findings grouped by path, in order.
std::map<std::string, std::vector<const Finding*>> by_file(std::span<const Finding> findings) {
  std::map<std::string, std::vector<const Finding*>> out;
  for (const Finding& f : findings)
    if (!f.suppressed()) out[f.path].push_back(&f);
  return out;
}

std::string where(const Finding& f) {
  if (!f.span) return f.path;
  return fmt::format("{}:{}:{}", f.path, f.start.line, f.start.column);
}

}  // namespace

std::string escape_xml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

void write_gitlab(std::ostream& out, std::span<const Finding> findings) {
  // One issue at a time, laid out as dump(2) lays out the whole array.
  bool first = true;
  for (const Finding& f : findings) {
    if (f.suppressed()) continue;
    nlohmann::ordered_json j;
    j["description"] = fmt::format("{} {}", f.rule_id, f.message);
    j["check_name"] = f.rule_id;
    // Code Quality needs a fingerprint unique per issue; lintel's already is, and holds no line.
    j["fingerprint"] = f.fingerprint.empty() ? fmt::format("{}:{}:{}", f.rule_id, f.path, f.message)
                                             : f.fingerprint;
    j["severity"] = gitlab_severity(f.severity);
    j["location"] = {{"path", f.path}, {"lines", {{"begin", f.span ? f.start.line : 1}}}};
    out << (first ? "[\n" : ",\n");
    first = false;
    std::string text(2, ' ');
    sarif::append_pretty(text, j, 2);
    out << text;
  }
  out << (first ? "[]\n" : "\n]\n");
}

void write_junit(std::ostream& out, std::span<const Finding> findings,
                 std::span<const Rule* const> rules) {
  const auto files = by_file(findings);
  std::size_t total = 0;
  for (const auto& [path, list] : files) total += list.size();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (total == 0) {
    out << "<testsuites name=\"lintel\" tests=\"1\" failures=\"0\">\n"
           "  <testsuite name=\"lintel\" tests=\"1\" failures=\"0\">\n"
           "    <testcase name=\"no findings\" classname=\"lintel\"/>\n"
           "  </testsuite>\n"
           "</testsuites>\n";
    return;
  }
  out << fmt::format("<testsuites name=\"lintel\" tests=\"{0}\" failures=\"{0}\">\n", total);
  for (const auto& [path, list] : files) {
    out << fmt::format("  <testsuite name=\"{0}\" tests=\"{1}\" failures=\"{1}\">\n",
                       escape_xml(path), list.size());
    for (const Finding* f : list) {
      const std::string_view slug = slug_of(f->rule_id, rules);
      const std::string title =
          slug.empty() ? f->rule_id : fmt::format("{} {}", f->rule_id, slug);
      out << fmt::format("    <testcase name=\"{} at {}\" classname=\"{}\">\n", escape_xml(title),
                         escape_xml(where(*f)), escape_xml(path));
      out << fmt::format("      <failure type=\"{}\" message=\"{}\">{}: {} {} {}</failure>\n",
                         escape_xml(f->rule_id), escape_xml(f->message), escape_xml(where(*f)),
                         to_string(f->severity), escape_xml(f->rule_id), escape_xml(f->message));
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

void write_checkstyle(std::ostream& out, std::span<const Finding> findings) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const auto& [path, list] : by_file(findings)) {
    out << fmt::format("  <file name=\"{}\">\n", escape_xml(path));
    for (const Finding* f : list) {
      out << "    <error";
      if (f->span) out << fmt::format(" line=\"{}\" column=\"{}\"", f->start.line, f->start.column);
      out << fmt::format(" severity=\"{}\" message=\"{}\" source=\"lintel.{}\"/>\n",
                         to_string(f->severity), escape_xml(f->message), escape_xml(f->rule_id));
    }
    out << "  </file>\n";
  }
  out << "</checkstyle>\n";
}

}  // namespace lintel::cli
