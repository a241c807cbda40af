// SARIF writer, baseline reader and rule doc renderer, on hand-built rules and findings.
#include "sarif/sarif.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/rule_doc.hpp"
#include "rules/registry.hpp"
#include "sarif/json_text.hpp"
#include "sarif/gen/rule_descriptors.hpp"

namespace t_sarif_test {

using lintel::Finding;
using lintel::Format;
using lintel::Notification;
using lintel::PeerId;
using lintel::Position;
using lintel::Rule;
using lintel::RuleMeta;
using lintel::RuleOption;
using lintel::Severity;
using lintel::Span;
using lintel::Suppression;
using nlohmann::json;

constexpr PeerId kLatestPeers[] = {{"hadolint", "DL3007"}, {"checkov", "CKV_DOCKER_7"}};
constexpr std::string_view kLatestRefs[] = {
    "https://docs.docker.com/build/building/best-practices/#from", "CIS Docker Benchmark 4.2"};
// "security" is also implied by security_severity: the tag list must not repeat it.
constexpr std::string_view kLatestTags[] = {"supply-chain", "security"};
constexpr RuleOption kLatestOptions[] = {
    {"allowed-images", "[]", "Images that may float | for example `scratch`"}};

constexpr RuleMeta kLatestMeta{
    .id = "DF001",
    .slug = "image-latest-tag",
    .severity = Severity::error,
    .format = Format::dockerfile,
    .summary = "Base image uses the latest tag",
    .what = "A `FROM` whose image has the tag `latest`.",
    .why = "The tag moves: the same Dockerfile builds a different image tomorrow.",
    .fix = "Pin the image to a version tag or a digest.",
    .bad = "FROM python:latest\n",
    .good = "FROM python:3.12-slim\n",
    .peers = kLatestPeers,
    .references = kLatestRefs,
    .options = kLatestOptions,
    .tags = kLatestTags,
    .security_severity = "7.5",
};

constexpr RuleMeta kPrivilegedMeta{
    .id = "DC003",
    .slug = "service-privileged",
    .severity = Severity::info,
    .format = Format::compose,
    .summary = "Service runs privileged",
    .what = "A service with `privileged: true`.",
    .why = "A privileged container is root on the host.",
    .fix = "Remove `privileged` and add only the capabilities the service needs.",
    .bad = "services:\n  app:\n    privileged: true\n",
    .good = "services:\n  app:\n    cap_add: [NET_ADMIN]\n",
    .status = lintel::RuleStatus::preview,
    .since = "0.2.0",
    .example_options = "allowed-capabilities=NET_ADMIN,SYS_TIME\nmode=strict\n",
};

constexpr RuleMeta kUnreadableMeta{
    .id = "LNT002",
    .slug = "unreadable-file",
    .severity = Severity::error,
    .format = Format::meta,
    .summary = "File could not be read",
    .what = "A file that could not be read or decoded.",
    .why = "Nothing in it was checked.",
    .fix = "Make the file readable, or exclude it.",
};

// An example that itself contains a fence, and a format whose language comes from example_path.
constexpr RuleMeta kParseErrorMeta{
    .id = "LNT001",
    .slug = "parse-error",
    .severity = Severity::error,
    .format = Format::meta,
    .summary = "File could not be parsed",
    .what = "What.",
    .why = "Why.",
    .fix = "Fix.",
    .bad = "FROM alpine:3.20\nRUN echo ```\n",
    .example_path = "Dockerfile",
};

constexpr Rule kLatest{.meta = kLatestMeta};
constexpr Rule kPrivileged{.meta = kPrivilegedMeta};
constexpr Rule kUnreadable{.meta = kUnreadableMeta};
// The run's rules, sorted by ID: DC003 is index 0, DF001 index 1, LNT002 index 2.
constexpr const Rule* kRules[] = {&kPrivileged, &kLatest, &kUnreadable};

Finding finding(std::string rule, Severity sev, std::string path, std::string message,
                Position start, Position end, std::string fingerprint) {
  Finding f;
  f.rule_id = std::move(rule);
  f.severity = sev;
  f.path = std::move(path);
  f.message = std::move(message);
  f.span = Span{10, 20};
  f.start = start;
  f.end = end;
  f.fingerprint = std::move(fingerprint);
  return f;
}

std::vector<Finding> sample_findings() {
  std::vector<Finding> out;
  out.push_back(finding("DF001", Severity::error, "a dir/Dockerfile",
                        "base image \"python:latest\" uses the mutable tag latest", {3, 6}, {3, 19},
                        "fp-latest"));
  Finding whole = finding("LNT002", Severity::error, "broken%.txt", "file is not valid UTF-8", {},
                          {}, "fp-broken");
  whole.span.reset();
  out.push_back(whole);
  Finding in_source = finding("DF001", Severity::error, "b/Dockerfile", "base image \"x:latest\"",
                              {1, 6}, {1, 14}, "fp-insource");
  in_source.suppressions.push_back({Suppression::Kind::in_source, "pinned by renovate"});
  out.push_back(in_source);
  out.push_back(finding("DC003", Severity::info, "compose/d\u00e9v #1?.yaml",
                        "service \"app\" is privileged", {7, 5}, {8, 1}, "fp-priv"));
  Finding external = finding("DC003", Severity::warning, "compose/other.yaml",
                             "service \"db\" is privileged", {2, 3}, {2, 20}, "fp-ext");
  external.suppressions.push_back({Suppression::Kind::external, ""});
  out.push_back(external);
  return out;
}

std::vector<Notification> sample_notifications() {
  return {
      {Severity::warning, "skipped big.tf: larger than 10 MiB", "big.tf", ""},
      {Severity::error, "rule DF001 threw on a dir/Dockerfile: bad_alloc", "a dir/Dockerfile",
       "DF001"},
  };
}

lintel::sarif::RunInfo sample_info() {
  return {.tool_version = "0.1.0",
          .information_uri = "https://github.com/example/lintel",
          .docs_base_uri = "https://example.com/lintel/0.1.0/rules/",
          .srcroot_uri = "file:///work/repo",
          .execution_successful = false};
}

std::string sample_sarif() {
  const auto findings = sample_findings();
  const auto notes = sample_notifications();
  return lintel::sarif::write_sarif(kRules, findings, notes, sample_info());
}

// Every string in the document: GitHub rejects empty strings in the properties it reads.
void collect_empty_strings(const json& j, const std::string& where, std::vector<std::string>& out) {
  if (j.is_string() && j.get<std::string>().empty()) out.push_back(where);
  if (j.is_object())
    for (const auto& [k, v] : j.items()) collect_empty_strings(v, where + "/" + k, out);
  if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i)
      collect_empty_strings(j[i], where + "/" + std::to_string(i), out);
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Validates SARIF documents with the schema in the shared folder beside the repository (format
// checks included, so a badly encoded uri fails too); fails the test with the validator's
// output unless every document is valid.
void require_schema_valid(const std::vector<std::string>& documents) {
  namespace fs = std::filesystem;
  const fs::path repo = LINTEL_SOURCE_DIR;
  const fs::path schema = repo / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json";
  if (!fs::exists(schema))
    FAIL("SARIF schema not found at " << schema.string()
                                      << ": the shared folder must sit beside the repository "
                                         "(<repo>/../shared)");
  if (!fs::exists("/usr/bin/python3"))
    FAIL("/usr/bin/python3 is missing (apt install python3 python3-jsonschema)");

  const fs::path dir = fs::temp_directory_path();
  const std::string stem = fmt::format("lintel-sarif-test-{}", ::getpid());
  std::vector<fs::path> files;
  std::string args;
  for (std::size_t i = 0; i < documents.size(); ++i) {
    files.push_back(dir / fmt::format("{}-{}.sarif", stem, i));
    std::ofstream(files.back(), std::ios::binary) << documents[i];
    args += ' ';
    args += shell_quote(files.back().string());
  }
  const fs::path log = dir / (stem + ".log");
  const std::string command =
      fmt::format("/usr/bin/python3 {} {}{} > {} 2>&1",
                  shell_quote((repo / "tests" / "cli" / "sarif_schema.py").string()),
                  shell_quote(schema.string()), args, shell_quote(log.string()));
  const int status = std::system(command.c_str());
  const std::string output = read_all(log);
  for (const auto& f : files) fs::remove(f);
  fs::remove(log);
  INFO("validator output:\n" << output);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
}

const json& rule_by_id(const json& rules, std::string_view id) {
  for (const auto& r : rules)
    if (r["id"] == id) return r;
  FAIL("no rule " << id);
  return rules;
}

TEST_CASE("SARIF run: header, driver and run properties", "[sarif]") {
  const json doc = json::parse(sample_sarif());
  CHECK(doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(doc["version"] == "2.1.0");
  REQUIRE(doc["runs"].size() == 1);
  const json& run = doc["runs"][0];
  const json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "lintel");
  CHECK(driver["version"] == "0.1.0");
  CHECK(driver["semanticVersion"] == "0.1.0");
  CHECK(driver["informationUri"] == "https://github.com/example/lintel");
  // The base URI gains the trailing slash that SARIF requires.
  CHECK(run["originalUriBaseIds"] ==
        json::parse(R"({"%SRCROOT%": {"uri": "file:///work/repo/"}})"));
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["automationDetails"]["id"] == "lintel/");
  REQUIRE(run["invocations"].size() == 1);
  CHECK(run["invocations"][0]["executionSuccessful"] == false);
}

TEST_CASE("SARIF rules: exactly the given rules, in order, with full metadata", "[sarif]") {
  const json rules = json::parse(sample_sarif())["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 3);
  CHECK(rules[0]["id"] == "DC003");
  CHECK(rules[1]["id"] == "DF001");
  CHECK(rules[2]["id"] == "LNT002");

  const json& df = rule_by_id(rules, "DF001");
  CHECK(df["name"] == "image-latest-tag");
  CHECK(df["shortDescription"]["text"] == "Base image uses the latest tag");
  CHECK(df["fullDescription"]["text"] ==
        "A `FROM` whose image has the tag `latest`. The tag moves: the same Dockerfile builds a "
        "different image tomorrow.");
  CHECK(df["help"]["text"] == lintel::render_rule_text(kLatestMeta));
  CHECK(df["help"]["markdown"] == lintel::render_rule_markdown(kLatestMeta));
  CHECK(df["helpUri"] == "https://example.com/lintel/0.1.0/rules/DF001.md");
  CHECK(df["defaultConfiguration"]["level"] == "error");
  CHECK(df["properties"] == json::parse(R"({
      "tags": ["dockerfile", "security", "supply-chain"], "precision": "high",
      "security-severity": "7.5", "aliases": ["hadolint:DL3007", "checkov:CKV_DOCKER_7"]})"));

  const json& dc = rule_by_id(rules, "DC003");
  CHECK(dc["defaultConfiguration"]["level"] == "note");
  CHECK(dc["properties"] == json::parse(R"({"tags": ["compose"], "precision": "high"})"));
  CHECK(rules[2]["properties"]["tags"] == json::array({"meta"}));
}

TEST_CASE("SARIF results: ruleIndex, level, locations, fingerprints, suppressions", "[sarif]") {
  const json run = json::parse(sample_sarif())["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  const json& results = run["results"];
  REQUIRE(results.size() == 5);
  for (const auto& r : results) {
    INFO(r.dump());
    REQUIRE(r.contains("ruleIndex"));
    CHECK(rules[r["ruleIndex"].get<std::size_t>()]["id"] == r["ruleId"]);
  }
  CHECK(results[0]["ruleIndex"] == 1);
  CHECK(results[1]["ruleIndex"] == 2);
  CHECK(results[3]["ruleIndex"] == 0);

  const json& latest = results[0];
  CHECK(latest["level"] == "error");
  CHECK(latest["message"]["text"] == "base image \"python:latest\" uses the mutable tag latest");
  CHECK(latest["locations"] == json::parse(R"([{"physicalLocation": {
      "artifactLocation": {"uri": "a%20dir/Dockerfile", "uriBaseId": "%SRCROOT%"},
      "region": {"startLine": 3, "startColumn": 6, "endLine": 3, "endColumn": 19}}}])"));
  CHECK(latest["partialFingerprints"] == json::parse(R"({"lintel/v1": "fp-latest"})"));
  CHECK_FALSE(latest.contains("suppressions"));

  // A finding about the whole file has no region at all.
  const json& whole = results[1];
  CHECK(whole["locations"][0]["physicalLocation"] ==
        json::parse(R"({"artifactLocation": {"uri": "broken%25.txt", "uriBaseId": "%SRCROOT%"}})"));

  CHECK(results[2]["suppressions"] ==
        json::parse(R"([{"kind": "inSource", "justification": "pinned by renovate"}])"));

  const json& priv = results[3];
  CHECK(priv["level"] == "note");
  CHECK(priv["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "compose/d%C3%A9v%20%231%3F.yaml");
  CHECK(priv["locations"][0]["physicalLocation"]["region"] ==
        json::parse(R"({"startLine": 7, "startColumn": 5, "endLine": 8, "endColumn": 1})"));

  // The finding's own severity wins over the rule's default (DC003 defaults to note).
  CHECK(results[4]["level"] == "warning");
  CHECK(results[4]["suppressions"] == json::parse(R"([{"kind": "external"}])"));
}

TEST_CASE("SARIF notifications name their file and rule", "[sarif]") {
  const json inv = json::parse(sample_sarif())["runs"][0]["invocations"][0];
  const json& notes = inv["toolExecutionNotifications"];
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] == json::parse(R"({"level": "warning",
      "message": {"text": "skipped big.tf: larger than 10 MiB"},
      "locations": [{"physicalLocation": {"artifactLocation":
          {"uri": "big.tf", "uriBaseId": "%SRCROOT%"}}}]})"));
  CHECK(notes[1]["level"] == "error");
  CHECK(notes[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "a%20dir/Dockerfile");
  CHECK(notes[1]["associatedRule"] == json::parse(R"({"id": "DF001", "index": 1})"));
}

TEST_CASE("SARIF output is deterministic, newline-terminated and has no empty strings", "[sarif]") {
  const std::string a = sample_sarif();
  const std::string b = sample_sarif();
  CHECK(a == b);
  REQUIRE_FALSE(a.empty());
  CHECK(a.back() == '\n');
  CHECK(a.find("\"$schema\"") < a.find("\"version\""));
  CHECK(a.find("\"version\"") < a.find("\"runs\""));
  std::vector<std::string> empty;
  collect_empty_strings(json::parse(a), "", empty);
  CHECK(empty.empty());
}

TEST_CASE("SARIF omits optional parts that have no value", "[sarif]") {
  std::vector<Finding> findings;
  Finding f = finding("DF001", Severity::error, "Dockerfile", "", {1, 1}, {1, 2}, "");
  findings.push_back(f);
  const std::string out =
      lintel::sarif::write_sarif(kRules, findings, {}, lintel::sarif::RunInfo{});
  const json run = json::parse(out)["runs"][0];
  CHECK_FALSE(run.contains("originalUriBaseIds"));
  CHECK(run["invocations"][0] == json::parse(R"({"executionSuccessful": true})"));
  const json& driver = run["tool"]["driver"];
  CHECK_FALSE(driver.contains("version"));
  CHECK_FALSE(driver.contains("semanticVersion"));
  CHECK_FALSE(driver.contains("informationUri"));
  CHECK_FALSE(driver["rules"][0].contains("helpUri"));
  const json& result = run["results"][0];
  CHECK_FALSE(result.contains("partialFingerprints"));
  CHECK(result["message"]["text"] == "DF001");  // never an empty message
}

TEST_CASE("SARIF fullDescription is cut at a word boundary below 1000 characters", "[sarif]") {
  std::string what;
  while (what.size() < 3000) what += "r\u00e9sum\u00e9 words ";
  const RuleMeta meta{
      .id = "DF099", .slug = "long", .summary = "Long", .what = what, .why = "Why."};
  const Rule rule{.meta = meta};
  const Rule* rules[] = {&rule};
  const json desc = json::parse(lintel::sarif::write_sarif(
      rules, {}, {}, {}))["runs"][0]["tool"]["driver"]["rules"][0]["fullDescription"];
  const std::string text = desc["text"];
  std::size_t points = 0;
  for (const char c : text) points += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  CHECK(points <= 1000);
  CHECK(points > 950);
  const std::string ellipsis = "\u2026";
  REQUIRE(text.size() > ellipsis.size());
  CHECK(text.substr(text.size() - ellipsis.size()) == ellipsis);
  const std::string kept = text.substr(0, text.size() - ellipsis.size());
  // The kept text is a prefix of the original that ends just before a space.
  REQUIRE(what.compare(0, kept.size(), kept) == 0);
  CHECK(what[kept.size()] == ' ');
  CHECK(kept.back() != ' ');
}

TEST_CASE("SARIF fullDescription keeps a word that ends exactly at the limit", "[sarif]") {
  std::string what;
  for (int i = 0; i < 300; ++i) what += "abcd ";
  const RuleMeta meta{.id = "DF098", .slug = "exact", .summary = "Exact", .what = what};
  const Rule rule{.meta = meta};
  const Rule* rules[] = {&rule};
  const json doc = json::parse(lintel::sarif::write_sarif(rules, {}, {}, {}));
  // 200 words of 4 letters and 199 spaces make 999 code points; the ellipsis is the 1000th.
  std::string expected = what.substr(0, 999);
  expected += "\u2026";
  CHECK(doc["runs"][0]["tool"]["driver"]["rules"][0]["fullDescription"]["text"] == expected);
}

TEST_CASE("SARIF survives invalid UTF-8 in a message", "[sarif]") {
  std::vector<Finding> findings{
      finding("DF001", Severity::error, "Dockerfile", "bad \xff\xfe bytes", {1, 1}, {1, 2}, "f")};
  const std::string out = lintel::sarif::write_sarif(kRules, findings, {}, {});
  const json doc = json::parse(out);
  CHECK(doc["runs"][0]["results"][0]["message"]["text"] == "bad \ufffd\ufffd bytes");
}

TEST_CASE("SARIF written result by result is the document dump(2) prints", "[sarif]") {
  // The writer streams the results into the frame of the document; nlohmann's own layout of the
  // whole document (what the writer used to print) must come out byte for byte.
  auto findings = sample_findings();
  findings.push_back(finding("DF001", Severity::error, "q\"uote\\d/\u00e9\tx", "line\nbreak \x01 \xff\xfe {\"results\": []}",
                             {2, 1}, {2, 3}, "fp-odd"));
  const auto notes = sample_notifications();
  const auto redumped = [](const std::string& doc) {
    return nlohmann::ordered_json::parse(doc).dump(2, ' ', false) + "\n";
  };
  const std::string full = lintel::sarif::write_sarif(kRules, findings, notes, sample_info());
  CHECK(full == redumped(full));
  const std::string empty = lintel::sarif::write_sarif(kRules, {}, {}, {});
  CHECK(empty == redumped(empty));
  CHECK(json::parse(empty)["runs"][0]["results"].empty());
  std::ostringstream streamed;
  lintel::sarif::write_sarif(streamed, kRules, findings, notes, sample_info());
  CHECK(streamed.str() == full);
  CHECK(json::parse(full)["runs"][0]["results"].size() == findings.size());
}

TEST_CASE("JSON text: strings and documents as nlohmann's dump prints them", "[sarif]") {
  // append_json_string / dump_pretty replace dump() on the hot path: every string nlohmann's
  // decoder treats specially (control bytes, DEL, each UTF-8 length and boundary, overlongs,
  // surrogates, code points past U+10FFFF, truncated sequences, stray continuation bytes) must
  // come out byte for byte as dump() writes it.
  const std::vector<std::string> strings = {
      "", "plain", "q\"uote\\back/slash", "\b\f\n\r\t", std::string("nul\0x", 5),
      "\x01\x1f\x7f", "\u00e9\u20ac\U0001F600", "\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80",
      "\xef\xbf\xbf", "\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "\xc0\xaf", "\xc1\xbf",
      "\xe0\x80\xaf", "\xed\xa0\x80", "\xed\x9f\xbf", "\xf0\x80\x80\xaf", "\xf4\x90\x80\x80",
      "\xf5\x80\x80\x80", "\xff", "a\x80" "b", "\xe2\x82", "tail \xf0\x9f\x98", "\xe2\x82\xacok\xe2",
      "mixed \t\u00e9 \xff\xfe end \"q\""};
  // Past 16 bytes the plain stretches are skipped 16 at a time: every special byte or sequence
  // at every offset of a longer string, across the block boundaries too.
  std::vector<std::string> long_strings;
  for (const std::string_view special : {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\u00e9",
                                         "\U0001F600", "\xff", "\xe2\x82", "/"}) {
    for (std::size_t at = 0; at <= 40; ++at) {
      std::string s(48, 'a');
      s.insert(at, special);
      long_strings.push_back(std::move(s));
    }
  }
  // Past the last whole block, the string's last 16 bytes are looked at again, the ones already
  // seen masked: every special byte at every offset of strings 16 to 33 bytes long.
  for (const std::string_view special : {"\"", "\n", "\u00e9", "\xff", "\xe2\x82"}) {
    for (std::size_t size = 16; size <= 33; ++size) {
      for (std::size_t at = 0; at + special.size() <= size; ++at) {
        std::string s(size - special.size(), 'a');
        s.insert(at, special);
        long_strings.push_back(std::move(s));
      }
    }
  }
  long_strings.emplace_back(200, 'x');
  for (const auto* list : {&strings, static_cast<const std::vector<std::string>*>(&long_strings)}) {
    for (const std::string& s : *list) {
      INFO(fmt::format("{:?}", s));
      std::string fast;
      lintel::sarif::append_json_string(fast, s);
      CHECK(fast == json(s).dump(-1, ' ', false, json::error_handler_t::replace));
    }
  }
  nlohmann::ordered_json doc = nlohmann::ordered_json::object();
  doc["z"] = nlohmann::ordered_json::array({1, -2, true, nullptr, 2.5, "s\xff"});
  doc["a"] = nlohmann::ordered_json::object();
  doc["e"] = nlohmann::ordered_json::array();
  doc["n"] = {{"k\n", {{"deep", nlohmann::ordered_json::array({nlohmann::ordered_json::object()})}}}};
  doc["u"] = std::uint64_t{18446744073709551615u};
  CHECK(lintel::sarif::dump_pretty(doc) == doc.dump(2, ' ', false, json::error_handler_t::replace));
  const json sorted = json::parse(R"({"b": [1, {"c": "d"}], "a": {}})");
  CHECK(lintel::sarif::dump_pretty(sorted) == sorted.dump(2));
  std::string nested = "  ";
  lintel::sarif::append_pretty(nested, doc, 2);
  CHECK(nested == "  " + [&] {
    std::string text = doc.dump(2, ' ', false, json::error_handler_t::replace), out;
    for (const char c : text) {
      out += c;
      if (c == '\n') out += "  ";
    }
    return out;
  }());
}

TEST_CASE("SARIF driver of every rule is what dump(2) prints", "[sarif]") {
  // The real catalog: help pages with tables, code blocks, quotes and non-ASCII text.
  const auto rules = lintel::rules::all_rules();
  const std::string out = lintel::sarif::write_sarif(rules, {}, {}, sample_info());
  CHECK(out == nlohmann::ordered_json::parse(out).dump(2, ' ', false) + "\n");
  CHECK(nlohmann::ordered_json::parse(out)["runs"][0]["tool"]["driver"]["rules"].size() ==
        rules.size());
}

TEST_CASE("SARIF rendered by several threads is the bytes of one", "[sarif]") {
  // Large arrays are rendered in batches (8,192 elements) cut into slices of 4,096 or more, one
  // per thread: across batch and slice boundaries (two whole batches and a part), and for every
  // thread count, the log must be the same bytes, and the document nlohmann's dump(2) prints.
  std::vector<Finding> findings;
  // DF002 is not among kRules: two results in three name a rule the driver does not list.
  for (std::uint32_t i = 0; i < 17000; ++i) {
    findings.push_back(finding(i % 3 == 0 ? "DF001" : "DF002", Severity::warning,
                               fmt::format("dir {}/Dockerfile", i / 7), fmt::format("message \"{}\"\t\u00e9", i),
                               {i + 1, 1}, {i + 1, 4}, fmt::format("fp{}", i)));
  }
  auto info = sample_info();
  info.threads = 1;
  const std::string one = lintel::sarif::write_sarif(kRules, findings, {}, info);
  CHECK(one == nlohmann::ordered_json::parse(one).dump(2, ' ', false) + "\n");
  const json results = json::parse(one)["runs"][0]["results"];
  CHECK(results[9999]["ruleId"] == "DF001");
  CHECK(results[9999]["ruleIndex"] == 1);
  CHECK(results[10000]["ruleId"] == "DF002");
  CHECK_FALSE(results[10000].contains("ruleIndex"));
  for (const unsigned threads : {2u, 3u, 8u, 0u}) {
    info.threads = threads;
    INFO(threads);
    CHECK(lintel::sarif::write_sarif(kRules, findings, {}, info) == one);
    const std::vector<Finding> few(findings.begin(), findings.begin() + 50);
    auto single = info;
    single.threads = 1;
    CHECK(lintel::sarif::write_sarif(kRules, few, {}, info) ==
          lintel::sarif::write_sarif(kRules, few, {}, single));
  }
}

TEST_CASE("SARIF documents validate against the SARIF 2.1.0 schema", "[sarif]") {
  require_schema_valid({sample_sarif(), lintel::sarif::write_sarif({}, {}, {}, {})});
}

TEST_CASE("URI helpers encode reserved characters and non-ASCII bytes", "[sarif]") {
  using lintel::sarif::decode_uri_path;
  using lintel::sarif::directory_uri;
  using lintel::sarif::encode_uri_path;
  CHECK(encode_uri_path("src/app/Dockerfile") == "src/app/Dockerfile");
  CHECK(encode_uri_path("a b/c%d#e?f") == "a%20b/c%25d%23e%3Ff");
  CHECK(encode_uri_path("x:y@z[1]+(2)&,;=!$'*") ==
        "x%3Ay%40z%5B1%5D%2B%282%29%26%2C%3B%3D%21%24%27%2A");
  CHECK(encode_uri_path("\u00e9t\u00e9/\u65e5.yml") == "%C3%A9t%C3%A9/%E6%97%A5.yml");
  CHECK(encode_uri_path("a\\b") == "a%5Cb");
  CHECK(encode_uri_path("-._~") == "-._~");
  CHECK(decode_uri_path("a%20b/%C3%A9%zz%4") == "a b/\u00e9%zz%4");
  CHECK(decode_uri_path(encode_uri_path("we ird/%#?\u00e9")) == "we ird/%#?\u00e9");
  CHECK(directory_uri("/work/my repo") == "file:///work/my%20repo/");
  CHECK(directory_uri("/work/repo/") == "file:///work/repo/");
  CHECK(directory_uri("relative").empty());
}

TEST_CASE("read_sarif_fingerprints reads back what write_sarif wrote", "[sarif]") {
  const auto read = lintel::sarif::read_sarif_fingerprints(sample_sarif());
  REQUIRE(read.ok());
  using E = lintel::sarif::BaselineEntry;
  const std::vector<E> expected{
      {"DF001", "fp-latest", "a%20dir/Dockerfile", "a dir/Dockerfile", false},
      {"LNT002", "fp-broken", "broken%25.txt", "broken%.txt", false},
      {"DF001", "fp-insource", "b/Dockerfile", "b/Dockerfile", true},
      {"DC003", "fp-priv", "compose/d%C3%A9v%20%231%3F.yaml", "compose/d\u00e9v #1?.yaml", false},
      {"DC003", "fp-ext", "compose/other.yaml", "compose/other.yaml", true},
  };
  CHECK(read.entries == expected);
}

TEST_CASE("read_sarif_fingerprints resolves ruleIndex and skips foreign results", "[sarif]") {
  const auto read = lintel::sarif::read_sarif_fingerprints(R"({"runs": [
      {"tool": {"driver": {"name": "lintel", "rules": [{"id": "DF001"}, {"id": "DF002"}]}},
       "results": [
         {"ruleIndex": 1, "partialFingerprints": {"lintel/v1": "abc"}},
         {"ruleId": "X", "partialFingerprints": {"primaryLocationLineHash": "1:1"}},
         {"ruleId": "Y", "partialFingerprints": {"lintel/v1": 42}},
         "not an object"]},
      {"tool": {"driver": {"name": "other"}}}]})");
  REQUIRE(read.ok());
  REQUIRE(read.entries.size() == 1);
  CHECK(read.entries[0] == lintel::sarif::BaselineEntry{"DF002", "abc", "", "", false});
}

TEST_CASE("read_sarif_fingerprints turns malformed input into an error", "[sarif]") {
  using lintel::sarif::read_sarif_fingerprints;
  CHECK_FALSE(read_sarif_fingerprints("").ok());
  CHECK_FALSE(read_sarif_fingerprints("{\"runs\": [").ok());
  CHECK_FALSE(read_sarif_fingerprints("[]").ok());
  CHECK_FALSE(read_sarif_fingerprints(R"({"runs": 5})").ok());
  CHECK(read_sarif_fingerprints(R"({"runs": []})").ok());
  const std::string deep(100000, '[');
  const auto deep_read = read_sarif_fingerprints(deep);
  CHECK_FALSE(deep_read.ok());
  CHECK(deep_read.entries.empty());
  const auto bad = read_sarif_fingerprints("{oops}");
  CHECK(bad.error.find("malformed JSON") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Rule docs

TEST_CASE("rule page: full layout for a rule with every field", "[sarif][rule_doc]") {
  const std::string expected =
      "<!-- Generated from the rule metadata by `lintel docs`. Do not edit this file: edit "
      "rules/dockerfile/image_latest_tag.cpp instead. -->\n"
      "# DF001 image-latest-tag\n"
      "\n"
      "Severity: error \u00b7 Status: stable since 0.1.0 \u00b7 Format: dockerfile \u00b7 "
      "Security severity: 7.5\n"
      "\n"
      "Base image uses the latest tag\n"
      "\n"
      "## What it checks\n"
      "\n"
      "A `FROM` whose image has the tag `latest`.\n"
      "\n"
      "## Why it matters\n"
      "\n"
      "The tag moves: the same Dockerfile builds a different image tomorrow.\n"
      "\n"
      "## Example\n"
      "\n"
      "Bad:\n"
      "\n"
      "```dockerfile\n"
      "FROM python:latest\n"
      "```\n"
      "\n"
      "Good:\n"
      "\n"
      "```dockerfile\n"
      "FROM python:3.12-slim\n"
      "```\n"
      "\n"
      "## How to fix\n"
      "\n"
      "Pin the image to a version tag or a digest.\n"
      "\n"
      "## Options\n"
      "\n"
      "| Name | Default | Meaning |\n"
      "| --- | --- | --- |\n"
      "| `allowed-images` | `[]` | Images that may float \\| for example `scratch` |\n"
      "\n"
      "## Also known as\n"
      "\n"
      "hadolint DL3007, checkov CKV_DOCKER_7\n"
      "\n"
      "## References\n"
      "\n"
      "- <https://docs.docker.com/build/building/best-practices/#from>\n"
      "- CIS Docker Benchmark 4.2\n"
      "\n"
      "Source: [rules/dockerfile/image_latest_tag.cpp](../../rules/dockerfile/"
      "image_latest_tag.cpp)\n";
  CHECK(lintel::render_rule_markdown(kLatestMeta) == expected);
}

TEST_CASE("rule page: optional sections, fallbacks and example languages", "[sarif][rule_doc]") {
  const std::string compose = lintel::render_rule_markdown(kPrivilegedMeta);
  CHECK(compose.find("Status: preview since 0.2.0 \u00b7 Format: compose\n") != std::string::npos);
  CHECK(compose.find("Security severity") == std::string::npos);
  CHECK(compose.find("## Example\n\nThe examples assume these options: "
                     "`allowed-capabilities=NET_ADMIN,SYS_TIME`, `mode=strict`.\n\nBad:\n\n"
                     "```yaml\nservices:\n  app:\n    privileged: true\n```\n") !=
        std::string::npos);
  CHECK(compose.find("## Options\n\nNone.\n") != std::string::npos);
  CHECK(compose.find("## Also known as\n\nNo peer tool has this check.\n") != std::string::npos);
  CHECK(compose.find("## References") == std::string::npos);
  CHECK(compose.find("Source: [rules/compose/service_privileged.cpp]") != std::string::npos);

  // Sections appear in the order STYLE.md §6 gives.
  const std::vector<std::string> order{"<!-- Generated",
                                       "# DC003 service-privileged",
                                       "Severity:",
                                       "Service runs privileged",
                                       "## What it checks",
                                       "## Why it matters",
                                       "## Example",
                                       "Bad:",
                                       "Good:",
                                       "## How to fix",
                                       "## Options",
                                       "## Also known as",
                                       "Source: ["};
  std::size_t at = 0;
  for (const auto& marker : order) {
    INFO(marker);
    const std::size_t found = compose.find(marker, at);
    REQUIRE(found != std::string::npos);
    at = found + 1;
  }
  CHECK(compose.rfind("<!--", 0) == 0);
  CHECK(compose.back() == '\n');
  CHECK(compose.substr(compose.size() - 2) != "\n\n");

  const std::string meta = lintel::render_rule_markdown(kUnreadableMeta);
  CHECK(meta.find("## Example") == std::string::npos);
  CHECK(meta.find("edit rules/meta/unreadable_file.cpp instead") != std::string::npos);
  CHECK(meta.find(
            "Source: [rules/meta/unreadable_file.cpp](../../rules/meta/unreadable_file.cpp)\n") !=
        std::string::npos);

  // A fence in the example needs a longer fence around it; the language follows example_path.
  const std::string fenced = lintel::render_rule_markdown(kParseErrorMeta);
  CHECK(fenced.find("Bad:\n\n````dockerfile\nFROM alpine:3.20\nRUN echo ```\n````\n") !=
        std::string::npos);
  CHECK(fenced.find("Good:") == std::string::npos);

  CHECK(lintel::render_rule_markdown(kLatestMeta) == lintel::render_rule_markdown(kLatestMeta));
}

TEST_CASE("rule text help", "[sarif][rule_doc]") {
  CHECK(lintel::render_rule_text(kLatestMeta) ==
        "DF001 image-latest-tag\n"
        "Base image uses the latest tag\n"
        "Severity: error\n"
        "\n"
        "What it checks:\n"
        "A `FROM` whose image has the tag `latest`.\n"
        "\n"
        "Why it matters:\n"
        "The tag moves: the same Dockerfile builds a different image tomorrow.\n"
        "\n"
        "Bad:\n"
        "    FROM python:latest\n"
        "\n"
        "Good:\n"
        "    FROM python:3.12-slim\n"
        "\n"
        "How to fix:\n"
        "Pin the image to a version tag or a digest.\n"
        "\n"
        "Options:\n"
        "  allowed-images (default: []): Images that may float | for example `scratch`\n"
        "\n"
        "Also known as: hadolint DL3007, checkov CKV_DOCKER_7\n");
  const std::string compose = lintel::render_rule_text(kPrivilegedMeta);
  CHECK(
      compose.find("\nThe examples assume these options: allowed-capabilities=NET_ADMIN,SYS_TIME; "
                   "mode=strict\n\nBad:\n    services:\n      app:\n        privileged: true\n") !=
      std::string::npos);
  CHECK(compose.find("Also known as") == std::string::npos);
}

TEST_CASE("rule index: one table per format in catalog order", "[sarif][rule_doc]") {
  constexpr const Rule* rules[] = {&kPrivileged, &kLatest, &kUnreadable};
  CHECK(lintel::render_rule_index(rules) ==
        "<!-- Generated from the rule metadata by `lintel docs`. Do not edit this file: edit the "
        "rules in rules/<format>/ instead. -->\n"
        "# lintel rules\n"
        "\n"
        "3 rules. Each page says what the rule checks, why it matters, how to fix it and which "
        "peer tools have the same check.\n"
        "\n"
        "## Meta (LNT)\n"
        "\n"
        "| ID | Slug | Severity | Summary | Also known as |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| [LNT002](LNT002.md) | `unreadable-file` | error | File could not be read |  |\n"
        "\n"
        "## Dockerfile (DF)\n"
        "\n"
        "| ID | Slug | Severity | Summary | Also known as |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| [DF001](DF001.md) | `image-latest-tag` | error | Base image uses the latest tag | "
        "hadolint DL3007, checkov CKV_DOCKER_7 |\n"
        "\n"
        "## Compose (DC)\n"
        "\n"
        "| ID | Slug | Severity | Summary | Also known as |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| [DC003](DC003.md) | `service-privileged` | info | Service runs privileged *(preview)* "
        "|  |\n");
}

TEST_CASE("peer aliases and source paths", "[sarif][rule_doc]") {
  CHECK(lintel::peer_alias({"hadolint", "DL3007"}) == "hadolint:DL3007");
  CHECK(lintel::peer_list(kLatestPeers) == "hadolint DL3007, checkov CKV_DOCKER_7");
  CHECK(lintel::rule_source_path(kLatestMeta) == "rules/dockerfile/image_latest_tag.cpp");
  CHECK(lintel::example_language(kLatestMeta) == "dockerfile");
  CHECK(lintel::example_language(kPrivilegedMeta) == "yaml");
  CHECK(lintel::example_language(kUnreadableMeta) == "text");
  constexpr RuleMeta tf{.id = "TF001", .format = Format::terraform};
  CHECK(lintel::example_language(tf) == "hcl");
  constexpr RuleMeta secret{.id = "SEC001", .format = Format::secrets, .example_path = "app/.env"};
  CHECK(lintel::example_language(secret) == "text");
  constexpr RuleMeta secret_yaml{
      .id = "SEC002", .format = Format::secrets, .example_path = "deploy/values.YAML"};
  CHECK(lintel::example_language(secret_yaml) == "yaml");
}

}  // namespace t_sarif_test

TEST_CASE("SARIF rules: the descriptors rendered at build time are the ones rendered now", "[sarif]") {
  // lintel copies the generated descriptors (registry order, kDocsBaseUri) instead of rendering
  // them; the copies must be byte for byte what render_descriptor prints for the same rule.
  const auto rules = lintel::rules::all_rules();
  REQUIRE(lintel::generated::kRuleDescriptorCount == rules.size());
  lintel::sarif::RunInfo info;
  info.docs_base_uri = std::string(lintel::sarif::kDocsBaseUri);
  std::vector<lintel::sarif::PrerenderedDescriptor> prerendered;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    INFO(rules[i]->meta.id.view());
    CHECK(lintel::generated::kRuleDescriptorIds[i] == rules[i]->meta.id.view());
    std::string now;
    lintel::sarif::render_descriptor(now, rules[i]->meta, info);
    CHECK(lintel::generated::kRuleDescriptorTexts[i] == now);
    prerendered.push_back({&rules[i]->meta, lintel::generated::kRuleDescriptorTexts[i]});
  }
  // A whole log with them in use is the log rendered without them; another base URI, or rule
  // metadata that is not the registry's, is rendered as before.
  const std::string rendered = lintel::sarif::write_sarif(rules, {}, {}, info);
  lintel::sarif::use_prerendered_descriptors(prerendered);
  CHECK(lintel::sarif::write_sarif(rules, {}, {}, info) == rendered);
  lintel::sarif::RunInfo other = info;
  other.docs_base_uri = "https://example.com/rules/";
  const std::string elsewhere = lintel::sarif::write_sarif(rules, {}, {}, other);
  CHECK(elsewhere.find("https://example.com/rules/DF001.md") != std::string::npos);
  lintel::sarif::use_prerendered_descriptors({});
  CHECK(lintel::sarif::write_sarif(rules, {}, {}, other) == elsewhere);
}
