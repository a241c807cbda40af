// Text, JSON and GitHub workflow-command reporters.
#include "analyzer/cli/report.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/cli/ci_formats.hpp"

namespace t_report_test {

using lintel::Finding;
using lintel::Position;
using lintel::Rule;
using lintel::Severity;
using lintel::Span;
using lintel::Suppression;

constexpr Rule kLatest{.meta = {.id = "DF001", .slug = "image-latest-tag"}};
constexpr Rule kUnused{.meta = {.id = "LNT004", .slug = "unused-suppression"}};
constexpr const Rule* kRules[] = {&kLatest, &kUnused};

Finding at(std::string rule, Severity sev, std::string path, std::string message, Position start,
           Position end) {
  Finding f;
  f.rule_id = std::move(rule);
  f.severity = sev;
  f.path = std::move(path);
  f.message = std::move(message);
  f.span = Span{0, 1};
  f.start = start;
  f.end = end;
  f.fingerprint = "fp-" + f.rule_id;
  return f;
}

Finding whole_file(std::string rule, Severity sev, std::string path, std::string message) {
  Finding f = at(std::move(rule), sev, std::move(path), std::move(message), {}, {});
  f.span.reset();
  return f;
}

std::vector<Finding> sample() {
  std::vector<Finding> v;
  v.push_back(at("DF001", Severity::error, "Dockerfile",
                 "base image \"python:latest\" uses the mutable tag latest", {3, 6}, {3, 19}));
  v.push_back(whole_file("DC003", Severity::warning, "compose.yaml", "no services"));
  Finding suppressed =
      at("DF001", Severity::error, "svc/Dockerfile", "base image \"x:latest\"", {1, 6}, {1, 14});
  suppressed.suppressions.push_back({Suppression::Kind::in_source, "pinned by renovate"});
  v.push_back(suppressed);
  v.push_back(
      at("LNT004", Severity::info, "x.tf", "suppression of TF001 is unused", {1, 1}, {1, 20}));
  return v;
}

std::string text(const std::vector<Finding>& findings, std::size_t files, bool color) {
  std::ostringstream out;
  lintel::cli::write_text(out, findings, files, color);
  return out.str();
}

TEST_CASE("text report: one line per unsuppressed finding, then the summary", "[report]") {
  CHECK(text(sample(), 4, false) ==
        "Dockerfile:3:6: error DF001 base image \"python:latest\" uses the mutable tag latest\n"
        "compose.yaml: warning DC003 no services\n"
        "x.tf:1:1: info LNT004 suppression of TF001 is unused\n"
        "3 findings (1 error, 1 warning, 1 info) in 4 files; 1 suppressed\n");
}

TEST_CASE("text report with color", "[report]") {
  CHECK(text(sample(), 4, true) ==
        "\x1b[1mDockerfile:3:6:\x1b[0m \x1b[31merror\x1b[0m DF001 base image \"python:latest\" "
        "uses the mutable tag latest\n"
        "\x1b[1mcompose.yaml:\x1b[0m \x1b[33mwarning\x1b[0m DC003 no services\n"
        "\x1b[1mx.tf:1:1:\x1b[0m \x1b[36minfo\x1b[0m LNT004 suppression of TF001 is unused\n"
        "3 findings (1 error, 1 warning, 1 info) in 4 files; 1 suppressed\n");
}

TEST_CASE("text report summary wording", "[report]") {
  CHECK(text({}, 0, false) == "No findings in 0 files\n");
  CHECK(text({}, 1, true) == "No findings in 1 file\n");
  auto only_suppressed = sample();
  only_suppressed.erase(only_suppressed.begin(), only_suppressed.begin() + 2);
  only_suppressed.pop_back();
  CHECK(text(only_suppressed, 2, false) == "No findings in 2 files; 1 suppressed\n");
  const std::vector<Finding> one{sample().front()};
  CHECK(lintel::cli::summary_line(one, 1) == "1 finding (1 error, 0 warnings, 0 info) in 1 file");
  std::vector<Finding> warnings{sample()[1], sample()[1]};
  CHECK(lintel::cli::summary_line(warnings, 3) ==
        "2 findings (0 errors, 2 warnings, 0 info) in 3 files");
}

TEST_CASE("text report neutralises control characters from the scanned files", "[report]") {
  const std::vector<Finding> f{
      at("DF001", Severity::error, "a\nb", "value \"\x1b[2J\r\n\x7f\"\tok", {1, 2}, {1, 3})};
  CHECK(text(f, 1, false) ==
        "a\\nb:1:2: error DF001 value \"\\x1b[2J\\r\\n\\x7f\"\tok\n"
        "1 finding (1 error, 0 warnings, 0 info) in 1 file\n");
}

TEST_CASE("text report: control characters anywhere in long paths and messages", "[report]") {
  // Past 16 bytes the plain stretches are skipped 16 at a time: each control character at each
  // offset, and the bytes that pass as they are (tab, UTF-8, DEL's neighbours), around it.
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"\n", "\\n"}, {"\r", "\\r"}, {"\x01", "\\x01"}, {"\x1b", "\\x1b"},
      {"\x1f", "\\x1f"}, {"\x7f", "\\x7f"}, {"\t", "\t"}, {"\x7e", "\x7e"},
      {"\u00e9", "\u00e9"}, {"\x80", "\x80"}};
  for (const auto& [raw, shown] : cases) {
    for (std::size_t at_offset = 0; at_offset <= 36; ++at_offset) {
      std::string message(40, 'm');
      message.insert(at_offset, raw);
      std::string expected(40, 'm');
      expected.insert(at_offset, shown);
      const std::vector<Finding> f{at("DF001", Severity::error, "p", message, {1, 1}, {1, 2})};
      CHECK(text(f, 1, false) == "p:1:1: error DF001 " + expected +
                                     "\n1 finding (1 error, 0 warnings, 0 info) in 1 file\n");
    }
  }
}

TEST_CASE("XML escaping: each special byte at each offset of a long value", "[report]") {
  // The escaper skips ordinary bytes 16 at a time; the reference escapes byte by byte.
  const auto reference = [](std::string_view s) {
    std::string out;
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
  };
  for (const std::string_view special : {"&", "<", ">", "\"", "'", "\t", "\n", "\r", "\x01",
                                         "\x1f", "\x7f", "\x7e", "\u00e9", "\xff"}) {
    for (std::size_t at_offset = 0; at_offset <= 36; ++at_offset) {
      std::string s(40, 'x');
      s.insert(at_offset, special);
      s.insert(0, special);
      INFO(s);
      CHECK(lintel::cli::escape_xml(s) == reference(s));
    }
  }
}

TEST_CASE("GitHub escaping: each special byte at each offset of a long value", "[report]") {
  // The escaper skips ordinary bytes 16 at a time; the reference escapes byte by byte.
  const auto reference = [](std::string_view s, bool property) {
    std::string out;
    for (const char c : s) {
      if (c == '%') out += "%25";
      else if (c == '\r') out += "%0D";
      else if (c == '\n') out += "%0A";
      else if (property && c == ':') out += "%3A";
      else if (property && c == ',') out += "%2C";
      else out += c;
    }
    return out;
  };
  for (const std::string_view special : {"%", "\r", "\n", ":", ",", "\t", "\u00e9"}) {
    for (std::size_t at_offset = 0; at_offset <= 36; ++at_offset) {
      std::string s(40, 'x');
      s.insert(at_offset, special);
      s.insert(0, special);
      INFO(s);
      CHECK(lintel::cli::escape_github_data(s) == reference(s, false));
      CHECK(lintel::cli::escape_github_property(s) == reference(s, true));
    }
  }
}

TEST_CASE("github report: workflow commands with GitHub's escaping", "[report]") {
  auto findings = sample();
  findings.push_back(
      at("DF001", Severity::warning, "dir,a:b/x%.txt", "line1\nline2 100%\r", {2, 3}, {4, 5}));
  std::ostringstream out;
  lintel::cli::write_github(out, findings, kRules);
  CHECK(out.str() ==
        "::error file=Dockerfile,line=3,col=6,endLine=3,endColumn=19,title=DF001 "
        "image-latest-tag::base image \"python:latest\" uses the mutable tag latest\n"
        "::warning file=compose.yaml,title=DC003::no services\n"
        "::notice file=x.tf,line=1,col=1,endLine=1,endColumn=20,title=LNT004 "
        "unused-suppression::suppression of TF001 is unused\n"
        "::warning file=dir%2Ca%3Ab/x%25.txt,line=2,col=3,endLine=4,endColumn=5,title=DF001 "
        "image-latest-tag::line1%0Aline2 100%25%0D\n");
}

TEST_CASE("github escaping functions", "[report]") {
  CHECK(lintel::cli::escape_github_data("a:b,c%d\r\ne") == "a:b,c%25d%0D%0Ae");
  CHECK(lintel::cli::escape_github_property("a:b,c%d\r\ne") == "a%3Ab%2Cc%25d%0D%0Ae");
  // '%' is escaped first, so an escape in the input is not mistaken for one of ours.
  CHECK(lintel::cli::escape_github_property("%3A") == "%253A");
}

TEST_CASE("json report: shape, key order and values", "[report]") {
  std::ostringstream out;
  lintel::cli::write_json(out, sample(), 4, "0.1.0");
  const std::string s = out.str();
  REQUIRE_FALSE(s.empty());
  CHECK(s.back() == '\n');
  const auto doc = nlohmann::ordered_json::parse(s);

  std::vector<std::string> keys;
  for (const auto& [k, v] : doc.items()) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"version", "findings", "summary"});
  CHECK(doc["version"] == "0.1.0");

  REQUIRE(doc["findings"].size() == 4);  // suppressed findings are listed, and marked
  std::vector<std::string> finding_keys;
  for (const auto& [k, v] : doc["findings"][0].items()) finding_keys.push_back(k);
  CHECK(finding_keys == std::vector<std::string>{"path", "line", "column", "end_line", "end_column",
                                                 "rule", "severity", "message", "fingerprint",
                                                 "suppressed", "suppressions"});
  CHECK(doc["findings"][0] == nlohmann::ordered_json::parse(R"({
      "path": "Dockerfile", "line": 3, "column": 6, "end_line": 3, "end_column": 19,
      "rule": "DF001", "severity": "error",
      "message": "base image \"python:latest\" uses the mutable tag latest",
      "fingerprint": "fp-DF001", "suppressed": false, "suppressions": []})"));
  const auto& whole = doc["findings"][1];
  CHECK(whole["line"].is_null());
  CHECK(whole["column"].is_null());
  CHECK(whole["end_line"].is_null());
  CHECK(whole["end_column"].is_null());
  CHECK(whole["severity"] == "warning");
  CHECK(doc["findings"][2]["suppressed"] == true);
  CHECK(doc["findings"][2]["suppressions"] == nlohmann::ordered_json::parse(
                                                  R"([{"kind": "in_source",
                                                       "justification": "pinned by renovate"}])"));
  CHECK(doc["findings"][3]["severity"] == "info");
  CHECK(doc["summary"] == nlohmann::ordered_json::parse(R"({"files": 4, "findings": 3,
      "errors": 1, "warnings": 1, "info": 1, "suppressed": 1})"));

  std::ostringstream again;
  lintel::cli::write_json(again, sample(), 4, "0.1.0");
  CHECK(again.str() == s);
}

TEST_CASE("json and gitlab reports written finding by finding are what dump(2) prints", "[report]") {
  // Both stream their findings into the document's frame; nlohmann's layout of the whole
  // document (what they used to print) must come out byte for byte, with no finding too.
  const auto redumped = [](const std::string& doc) {
    return nlohmann::ordered_json::parse(doc).dump(2, ' ', false) + "\n";
  };
  std::vector<Finding> findings = sample();
  findings[0].message = "line\nbreak \x01 \"quoted\" \xff \"findings\": []";
  // Enough findings for several render threads and batches: the bytes must not depend on them.
  std::vector<Finding> many;
  for (int i = 0; i < 1500; ++i) many.insert(many.end(), findings.begin(), findings.end());
  for (const auto& list : {findings, std::vector<Finding>{}, many}) {
    std::ostringstream json;
    lintel::cli::write_json(json, list, 4, "0.1.0", 1);
    CHECK(json.str() == redumped(json.str()));
    std::ostringstream threaded;
    lintel::cli::write_json(threaded, list, 4, "0.1.0", 3);
    CHECK(threaded.str() == json.str());
    std::ostringstream gitlab;
    lintel::cli::write_gitlab(gitlab, list);
    CHECK(gitlab.str() == redumped(gitlab.str()));
    CHECK(nlohmann::ordered_json::parse(gitlab.str()).size() ==
          static_cast<std::size_t>(std::count_if(list.begin(), list.end(),
                                                 [](const Finding& f) { return !f.suppressed(); })));
  }
}

}  // namespace t_report_test
