#include "tests/fixture_support.hpp"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>

namespace lintel::testing {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (nl == text.size()) break;
    start = nl + 1;
  }
  return lines;
}

// `\"` and `\\` in an expected substring stand for `"` and `\`.
std::string unescape_quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) ++i;
    out += s[i];
  }
  return out;
}

}  // namespace

FixtureSpec parse_fixture(std::string_view text) {
  static const RE2 header(R"(^\s*(?:#|//)\s*lintel-fixture:\s*rules=([A-Za-z0-9,]+)((?:\s+\S+)*)\s*$)");
  static const RE2 expect(
      R"re(^\s*(?:#|//)\s*expect(?:@\+(\d+))?:\s*([A-Z0-9]+)(?:\s+col=(\d+))?(?:\s+"(.*)")?\s*$)re");
  static const RE2 looks_like_expect(R"(^\s*(?:#|//)\s*expect\b)");
  FixtureSpec spec;
  const auto lines = split_lines(text);
  std::vector<Expectation> pending;  // waiting for the next non-annotation line
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto lineno = static_cast<std::uint32_t>(i + 1);
    const std::string_view line = lines[i];
    std::string rules, config, offset, id, col, sub;
    if (i < 10 && RE2::FullMatch(line, header, &rules, &config)) {
      spec.has_header = true;
      re2::StringPiece rest(config);
      std::string word;
      static const RE2 next_word(R"(\s*(\S+))");
      while (RE2::Consume(&rest, next_word, &word)) {
        if (word.starts_with("option=")) {
          spec.options.push_back(word.substr(7));
        } else if (word.starts_with("kind=")) {
          spec.kind = word.substr(5);
        } else if (word.starts_with("config=")) {
          spec.config = word.substr(7);
        } else {
          spec.errors.push_back(fmt::format("line {}: unknown header word '{}'", lineno, word));
        }
      }
      std::size_t start = 0;
      while (start < rules.size()) {
        auto comma = rules.find(',', start);
        if (comma == std::string::npos) comma = rules.size();
        if (comma > start) spec.rules.push_back(rules.substr(start, comma - start));
        start = comma + 1;
      }
      continue;
    }
    if (RE2::FullMatch(line, expect, &offset, &id, &col, &sub)) {
      Expectation e;
      e.rule = id;
      e.annotation_line = lineno;
      if (!col.empty()) e.column = static_cast<std::uint32_t>(std::stoul(col));
      if (!sub.empty()) e.substring = unescape_quoted(sub);
      if (!offset.empty()) {
        e.line = lineno + static_cast<std::uint32_t>(std::stoul(offset));
        spec.expectations.push_back(e);
      } else {
        pending.push_back(e);
      }
      continue;
    }
    if (RE2::PartialMatch(line, looks_like_expect)) {
      spec.errors.push_back(fmt::format("line {}: malformed expect annotation: {}", lineno, line));
      continue;
    }
    for (Expectation& e : pending) {
      e.line = lineno;
      spec.expectations.push_back(e);
    }
    pending.clear();
  }
  for (const Expectation& e : pending)
    spec.errors.push_back(fmt::format("line {}: expect annotation with no line after it", e.annotation_line));
  return spec;
}

std::vector<std::string> compare(const FixtureSpec& spec, const std::vector<Finding>& findings) {
  std::vector<std::string> diffs = spec.errors;
  std::vector<bool> used(findings.size(), false);
  for (const Expectation& e : spec.expectations) {
    bool found = false;
    for (std::size_t i = 0; i < findings.size() && !found; ++i) {
      const Finding& f = findings[i];
      if (used[i] || f.rule_id != e.rule || f.start.line != e.line) continue;
      if (e.column && f.start.column != *e.column) continue;
      if (e.substring && f.message.find(*e.substring) == std::string::npos) continue;
      used[i] = found = true;
    }
    if (!found) {
      diffs.push_back(fmt::format("missing: {} at line {}{}{} (annotation at line {})", e.rule, e.line,
                                  e.column ? fmt::format(" col {}", *e.column) : "",
                                  e.substring ? fmt::format(" with \"{}\"", *e.substring) : "",
                                  e.annotation_line));
    }
  }
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (used[i]) continue;
    const Finding& f = findings[i];
    diffs.push_back(fmt::format("unexpected: {} at line {} col {}: {}", f.rule_id, f.start.line,
                                f.start.column, f.message));
  }
  return diffs;
}

}  // namespace lintel::testing
