#include "analyzer/cli/report.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "analyzer/bytes16.hpp"
#include "analyzer/cli/report_buffer.hpp"
#include "sarif/json_text.hpp"
#include "sarif/sarif.hpp"

namespace lintel::cli {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";

std::string_view level_color(Severity s) {
  switch (s) {
    case Severity::error:
      return "\x1b[31m";
    case Severity::warning:
      return "\x1b[33m";
    case Severity::info:
      return "\x1b[36m";
  }
  return "";
}

// Messages quote values from the scanned files. A control character there must neither break
// the one-line-per-finding layout nor reach the terminal as an escape sequence.
void append_printable(std::string& out, std::string_view s) {
  using bytes16::mask;
  bytes16::append_escaped(
      out, s,
      [](bytes16::Bytes16 v) { return (mask(v < 0x20) & mask(v != '\t')) | mask(v == 0x7F); },
      [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return (c < 0x20 && c != '\t') || c == 0x7F;
      },
      [](std::string& text, char ch) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\n') {
          text += "\\n";
        } else if (c == '\r') {
          text += "\\r";
        } else {
          static constexpr char kHex[] = "0123456789abcdef";
          const char escaped[] = {'\\', 'x', kHex[c >> 4], kHex[c & 0xF]};
          text.append(escaped, sizeof escaped);
        }
      });
}

struct Counts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t info = 0;
  std::size_t suppressed = 0;
  [[nodiscard]] std::size_t total() const { return errors + warnings + info; }
};

Counts count(std::span<const Finding> findings) {
  Counts c;
  for (const Finding& f : findings) {
    if (f.suppressed()) {
      ++c.suppressed;
      continue;
    }
    switch (f.severity) {
      case Severity::error:
        ++c.errors;
        break;
      case Severity::warning:
        ++c.warnings;
        break;
      case Severity::info:
        ++c.info;
        break;
    }
  }
  return c;
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string_view suppression_kind(Suppression::Kind k) {
  return k == Suppression::Kind::in_source ? "in_source" : "external";
}

// A finding of the JSON report as dump(2) prints it 4 columns in (the "findings" array), written
// as the fixed text between its values (perf: a JSON object built, then printed, per finding was
// 20,000 instructions; the layout is pinned by the tests against nlohmann's dump).
void append_finding_json(std::string& out, const Finding& f) {
  const auto text = [&out](std::string_view s) { out.append(s.data(), s.size()); };
  const auto number = [&out](std::uint32_t v) { append_number(out, v); };
  text("    {\n      \"path\": ");
  sarif::append_json_string(out, f.path);
  if (f.span) {
    text(",\n      \"line\": ");
    number(f.start.line);
    text(",\n      \"column\": ");
    number(f.start.column);
    text(",\n      \"end_line\": ");
    number(f.end.line);
    text(",\n      \"end_column\": ");
    number(f.end.column);
  } else {
    text(",\n      \"line\": null,\n      \"column\": null,\n      \"end_line\": null,\n"
         "      \"end_column\": null");
  }
  text(",\n      \"rule\": ");
  sarif::append_json_string(out, f.rule_id);
  text(",\n      \"severity\": ");
  sarif::append_json_string(out, to_string(f.severity));
  text(",\n      \"message\": ");
  sarif::append_json_string(out, f.message);
  text(",\n      \"fingerprint\": ");
  sarif::append_json_string(out, f.fingerprint);
  text(f.suppressed() ? ",\n      \"suppressed\": true" : ",\n      \"suppressed\": false");
  if (!f.suppressed()) {
    text(",\n      \"suppressions\": []\n    }");
    return;
  }
  text(",\n      \"suppressions\": [");
  bool first = true;
  for (const Suppression& sup : f.suppressions) {
    text(first ? "\n        {\n          \"kind\": " : ",\n        {\n          \"kind\": ");
    first = false;
    sarif::append_json_string(out, suppression_kind(sup.kind));
    text(",\n          \"justification\": ");
    sarif::append_json_string(out, sup.justification);
    text("\n        }");
  }
  text("\n      ]\n    }");
}

std::string_view github_command(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "notice";
  }
  return "warning";
}

}  // namespace

std::string summary_line(std::span<const Finding> findings, std::size_t files) {
  const Counts c = count(findings);
  const std::string scanned = plural(files, "file", "files");
  std::string line =
      c.total() == 0
          ? fmt::format("No findings in {}", scanned)
          : fmt::format("{} ({}, {}, {} info) in {}", plural(c.total(), "finding", "findings"),
                        plural(c.errors, "error", "errors"),
                        plural(c.warnings, "warning", "warnings"), c.info, scanned);
  if (c.suppressed > 0) line += fmt::format("; {} suppressed", c.suppressed);
  return line;
}

void write_text(std::ostream& out, std::span<const Finding> findings, std::size_t files,
                bool color, bool summary) {
  ReportBuffer buffer(out);
  std::string& text = buffer.text;
  for (const Finding& f : findings) {
    if (f.suppressed()) continue;
    if (color) text += kBold;
    append_printable(text, f.path);
    if (f.span) {
      text += ':';
      append_number(text, f.start.line);
      text += ':';
      append_number(text, f.start.column);
    }
    text += ':';
    if (color) {
      text += kReset;
      text += ' ';
      text += level_color(f.severity);
      text += to_string(f.severity);
      text += kReset;
    } else {
      text += ' ';
      text += to_string(f.severity);
    }
    text += ' ';
    text += f.rule_id;
    text += ' ';
    append_printable(text, f.message);
    text += '\n';
    buffer.maybe_flush();
  }
  if (summary) {
    text += summary_line(findings, files);
    text += '\n';
  }
}

void write_json(std::ostream& out, std::span<const Finding> findings, std::size_t files,
                std::string_view version, unsigned threads) {
  const Counts c = count(findings);
  Json summary = Json::object();
  summary["files"] = files;
  summary["findings"] = c.total();
  summary["errors"] = c.errors;
  summary["warnings"] = c.warnings;
  summary["info"] = c.info;
  summary["suppressed"] = c.suppressed;

  Json doc = Json::object();
  doc["version"] = std::string(version);
  doc["findings"] = Json::array();
  doc["summary"] = std::move(summary);
  // The findings are streamed into the frame's empty array, 4 columns in.
  const std::string frame = sarif::dump_pretty(doc);
  const sarif::FrameArray array[] = {
      {"\"findings\": []", findings.size(), 2, [&](std::string& text, std::size_t i, unsigned) {
         append_finding_json(text, findings[i]);
       }}};
  sarif::write_into_frame(out, frame, array, threads);
}

namespace {

// GitHub's workflow-command escaping: '%', CR and LF in data; also ':' and ',' in properties.
void append_github(std::string& out, std::string_view s, bool property) {
  using bytes16::mask;
  bytes16::append_escaped(
      out, s,
      [property](bytes16::Bytes16 v) {
        const bytes16::Bytes16 data = mask(v == '%') | mask(v == '\r') | mask(v == '\n');
        return property ? data | mask(v == ':') | mask(v == ',') : data;
      },
      [property](char c) {
        return c == '%' || c == '\r' || c == '\n' || (property && (c == ':' || c == ','));
      },
      [](std::string& text, char c) {
        switch (c) {
          case '%': text += "%25"; break;
          case '\r': text += "%0D"; break;
          case '\n': text += "%0A"; break;
          case ':': text += "%3A"; break;
          default: text += "%2C"; break;
        }
      });
}

}  // namespace

std::string escape_github_data(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_github(out, s, false);
  return out;
}

std::string escape_github_property(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  append_github(out, s, true);
  return out;
}

void write_github(std::ostream& out, std::span<const Finding> findings,
                  std::span<const Rule* const> rules) {
  std::map<std::string_view, std::string_view, std::less<>> slugs;
  for (const Rule* rule : rules) slugs.emplace(rule->meta.id.view(), rule->meta.slug);
  ReportBuffer buffer(out);
  std::string& text = buffer.text;
  for (const Finding& f : findings) {
    if (f.suppressed()) continue;
    text += "::";
    text += github_command(f.severity);
    text += " file=";
    append_github(text, f.path, true);
    if (f.span) {
      text += ",line=";
      append_number(text, f.start.line);
      text += ",col=";
      append_number(text, f.start.column);
      text += ",endLine=";
      append_number(text, f.end.line);
      text += ",endColumn=";
      append_number(text, f.end.column);
    }
    text += ",title=";
    append_github(text, f.rule_id, true);
    const auto it = slugs.find(f.rule_id);
    if (it != slugs.end() && !it->second.empty()) {
      text += ' ';
      append_github(text, it->second, true);
    }
    text += "::";
    append_github(text, f.message, false);
    text += '\n';
    buffer.maybe_flush();
  }
}

}  // namespace lintel::cli
