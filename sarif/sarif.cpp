// SARIF 2.1.0 as GitHub code scanning and the VS Code SARIF Viewer read it (PEERS.md §7):
// one run with every enabled rule in tool.driver, relative URIs under %SRCROOT%, code point
// columns, lintel's own fingerprint in partialFingerprints["lintel/v1"] (upload-sarif computes
// primaryLocationLineHash itself), and suppressed findings kept with their suppressions.
// Keys are emitted in a fixed order (ordered_json) so equal inputs give equal bytes.
#include "sarif/sarif.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <unordered_map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <sstream>
#include <thread>

#include "analyzer/rule_doc.hpp"
#include "sarif/json_text.hpp"

namespace lintel::sarif {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view kSrcRoot = "%SRCROOT%";
constexpr std::string_view kFingerprintKey = "lintel/v1";
// GitHub accepts descriptions up to 1024 characters; stay clear of the limit.
constexpr std::size_t kMaxDescription = 1000;
// GitHub rejects rules with more than 20 tags.
constexpr std::size_t kMaxTags = 20;
// Deeper nesting than any SARIF log needs; refusing it keeps the recursive parser off the
// end of the stack when a baseline file is garbage.
constexpr int kMaxJsonDepth = 256;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Cuts `text` to at most `limit` code points, at the last space when there is one, marking the
// cut with an ellipsis.
std::string truncate_at_word(std::string_view text, std::size_t limit) {
  std::size_t points = 0;
  std::size_t cut = std::string_view::npos;  // byte offset after `limit - 1` code points
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(text[i])) continue;
    if (points == limit - 1) cut = i;
    ++points;
  }
  if (points <= limit) return std::string(text);
  std::string_view head = text.substr(0, cut);
  // A word that ends exactly at the cut is whole; otherwise drop the partial word.
  if (const std::size_t space = head.find_last_of(" \t\n");
      !is_space(text[cut]) && space != std::string_view::npos)
    head = head.substr(0, space);
  head = trim(head);
  return std::string(head) + "\u2026";
}

std::string full_description(const RuleMeta& meta) {
  const std::string_view what = trim(meta.what);
  const std::string_view why = trim(meta.why);
  std::string text(what);
  if (!what.empty() && !why.empty()) text += ' ';
  text += why;
  if (text.empty()) text = trim(meta.summary);
  if (text.empty()) text = meta.id.view();
  return truncate_at_word(text, kMaxDescription);
}

std::string short_description(const RuleMeta& meta) {
  const std::string_view summary = trim(meta.summary);
  return truncate_at_word(summary.empty() ? meta.id.view() : summary, kMaxDescription);
}

Json artifact_location(std::string_view path) {
  return {{"uri", encode_uri_path(path)}, {"uriBaseId", std::string(kSrcRoot)}};
}

// A rule's ID -> its position in the driver's rules (the first, should an ID repeat).
struct IdHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using RuleIndex = std::unordered_map<std::string, std::size_t, IdHash, std::equal_to<>>;

// A JSON string as dump() prints it (sarif/json_text.hpp).
void append_string(std::string& out, std::string_view s) { append_json_string(out, s); }

// Writes a JSON value exactly as dump(2) prints it as an element of an array `indent` columns in
// (a rule of the driver's "rules": 12), without building it as a JSON object first (perf: the
// driver's rules built as a tree and dumped cost more than a small scan). The layout (members in
// the caller's order, two spaces per level, ", " nowhere, ": " after keys) is dump(2)'s. The
// results, whose shape is fixed, are written as literal text between their values instead
// (write_result).
class PrettyWriter {
 public:
  PrettyWriter(std::string& out, std::size_t indent) : out_(out), indent_(indent) {}

  void open(char bracket) {
    out_ += bracket;
    first_ = true;
    ++depth_;
  }
  void close(char bracket) {
    --depth_;
    if (!first_) newline();  // an empty object or array stays `{}` / `[]`
    out_ += bracket;
    first_ = false;
  }
  // The next member's key (objects) or the next element's indentation (arrays). Keys are
  // lintel's own ASCII names: nothing to escape.
  void key(std::string_view k) {
    element();
    out_ += '"';
    out_.append(k.data(), k.size());
    out_.append("\": ", 3);
  }
  void element() {
    if (!first_) out_ += ',';
    first_ = false;
    newline();
  }
  void string(std::string_view v) { append_string(out_, v); }
  void number(std::uint64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_.append(buf, r.ptr);
  }

 private:
  void newline() {
    // A line break and the indentation in one copy (results and rules nest 5 levels at most).
    static constexpr std::string_view kBreak = "\n                                        ";
    const std::size_t n = 1 + indent_ + 2 * depth_;
    if (n <= kBreak.size()) {
      out_.append(kBreak.data(), n);
    } else {
      out_ += '\n';
      out_.append(n - 1, ' ');
    }
  }

  std::string& out_;
  std::size_t indent_;
  std::size_t depth_ = 0;
  bool first_ = true;
};

// Sorted by address; set once at start-up (use_prerendered_descriptors), read-only afterwards.
std::vector<PrerenderedDescriptor>& prerendered() {
  static std::vector<PrerenderedDescriptor> descriptors;
  return descriptors;
}

// The descriptor rendered at build time for `meta` and `info`, or empty.
std::string_view prerendered_descriptor(const RuleMeta& meta, const RunInfo& info) {
  const std::vector<PrerenderedDescriptor>& known = prerendered();
  if (known.empty() || info.docs_base_uri != kDocsBaseUri) return {};
  const auto it = std::lower_bound(
      known.begin(), known.end(), &meta,
      [](const PrerenderedDescriptor& d, const RuleMeta* m) { return std::less<>{}(d.meta, m); });
  return it != known.end() && it->meta == &meta ? it->text : std::string_view{};
}

void write_descriptor(std::string& out, const RuleMeta& meta, const RunInfo& info) {
  const std::string_view text = prerendered_descriptor(meta, info);
  if (text.empty()) {
    render_descriptor(out, meta, info);
  } else {
    out.append(text.data(), text.size());
  }
}

}  // namespace

void use_prerendered_descriptors(std::vector<PrerenderedDescriptor> descriptors) {
  std::sort(descriptors.begin(), descriptors.end(),
            [](const PrerenderedDescriptor& a, const PrerenderedDescriptor& b) {
              return std::less<>{}(a.meta, b.meta);
            });
  prerendered() = std::move(descriptors);
}

// A rule's reportingDescriptor as dump(2) prints it in the driver's "rules" array (12 columns in).
void render_descriptor(std::string& out, const RuleMeta& meta, const RunInfo& info) {
  out.append(12, ' ');
  PrettyWriter w(out, 12);
  w.open('{');
  w.key("id");
  w.string(meta.id.view());
  if (!meta.slug.empty()) {
    w.key("name");
    w.string(meta.slug);
  }
  const auto text_object = [&](std::string_view key, const std::string& text) {
    w.key(key);
    w.open('{');
    w.key("text");
    w.string(text);
    w.close('}');
  };
  text_object("shortDescription", short_description(meta));
  text_object("fullDescription", full_description(meta));
  w.key("help");
  w.open('{');
  w.key("text");
  w.string(render_rule_text(meta));
  w.key("markdown");
  w.string(render_rule_markdown(meta));
  w.close('}');
  if (!info.docs_base_uri.empty()) {
    w.key("helpUri");
    w.string(info.docs_base_uri + std::string(meta.id.view()) + ".md");
  }
  w.key("defaultConfiguration");
  w.open('{');
  w.key("level");
  w.string(sarif_level(meta.severity));
  w.close('}');
  // GitHub applies security-severity only to rules tagged "security".
  std::vector<std::string_view> tags;
  const auto add_tag = [&tags](std::string_view tag) {
    if (tag.empty() || tags.size() >= kMaxTags) return;
    if (std::find(tags.begin(), tags.end(), tag) == tags.end()) tags.push_back(tag);
  };
  add_tag(to_string(meta.format));
  if (!meta.security_severity.empty()) add_tag("security");
  for (const std::string_view tag : meta.tags) add_tag(tag);
  w.key("properties");
  w.open('{');
  w.key("tags");
  w.open('[');
  for (const std::string_view tag : tags) {
    w.element();
    w.string(tag);
  }
  w.close(']');
  w.key("precision");
  w.string("high");
  if (!meta.security_severity.empty()) {
    w.key("security-severity");
    w.string(meta.security_severity);
  }
  if (!meta.peers.empty()) {
    w.key("aliases");
    w.open('[');
    for (const PeerId& peer : meta.peers) {
      w.element();
      w.string(peer_alias(peer));
    }
    w.close(']');
  }
  w.close('}');
  w.close('}');
}

namespace {

// The threads that render a frame's arrays: `threads`, or every core for 0, at most 8.
unsigned frame_threads(unsigned threads) {
  if (threads == 0) threads = std::thread::hardware_concurrency();
  return std::clamp(threads, 1u, 8u);
}

// The encoded URI of the last path asked for, as a JSON string: a file's findings are written
// one after the other (perf: an allocation and a byte loop per finding).
class UriCache {
 public:
  const std::string& operator()(const std::string& path) {
    if (path != path_ || json_.empty()) {
      path_ = path;
      json_.clear();
      append_json_string(json_, encode_uri_path(path));
    }
    return json_;
  }

 private:
  std::string path_;
  std::string json_;
};

// What the results of a run share, as JSON text written once: each rule's ID with its position
// (`"DF001",\n          "ruleIndex": 12`), the levels and the URI base (perf: looked up in a
// tree map and escaped again for every result).
struct ResultParts {
  explicit ResultParts(std::span<const Rule* const> rules) {
    rule.reserve(rules.size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
      const std::string_view id = rules[i]->meta.id.view();
      index.emplace(id, i);
      std::string& text = rule.emplace_back();
      append_json_string(text, id);
      text += ",\n          \"ruleIndex\": ";
      text += std::to_string(i);
    }
    for (const Severity s : {Severity::info, Severity::warning, Severity::error})
      append_json_string(level[static_cast<std::size_t>(s)], sarif_level(s));
    append_json_string(src_root, kSrcRoot);
  }

  RuleIndex index;
  std::vector<std::string> rule;     // by position in the driver's rules
  std::array<std::string, 3> level;  // by Severity
  std::string src_root;
};

// Writes at a position with room enough, fixed text as constant-size copies (perf: appended piece
// by piece to a string, each with its capacity check, a result took 3,800 instructions).
class RawText {
 public:
  explicit RawText(char* at) : at_(at) {}
  template <std::size_t N>
  void text(const char (&literal)[N]) {
    std::memcpy(at_, literal, N - 1);
    at_ += N - 1;
  }
  void text(std::string_view s) {
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
  }
  void number(std::uint32_t v) { at_ = std::to_chars(at_, at_ + kMaxDigits, v).ptr; }
  void string(std::string_view s) { at_ = write_json_string(at_, s); }
  [[nodiscard]] char* end() const { return at_; }

  static constexpr std::size_t kMaxDigits = 10;

 private:
  char* at_;
};

// A result as dump(2) prints it 8 columns in, written as the fixed text between its values
// (perf: member by member through PrettyWriter, 7,000 instructions a result; the layout is
// pinned by the tests against nlohmann's dump).
void write_result(std::string& out, const Finding& f, const ResultParts& parts, UriCache& uris) {
  const std::string_view message = trim(f.message).empty() ? std::string_view(f.rule_id) : f.message;
  const std::string& uri = f.path.empty() ? f.path : uris(f.path);
  const auto rule = parts.index.find(f.rule_id);
  const auto level = static_cast<std::size_t>(f.severity);
  // Room for the longest this result can be: its fixed text (under 1 KiB), four numbers and its
  // strings escaped at their longest.
  std::size_t room = 1024 + 5 * RawText::kMaxDigits +
                     (rule != parts.index.end() ? parts.rule[rule->second].size()
                                                : json_string_bound(f.rule_id.size())) +
                     json_string_bound(sarif_level(f.severity).size()) +
                     json_string_bound(message.size()) + uri.size() + parts.src_root.size() +
                     json_string_bound(f.fingerprint.size());
  for (const Suppression& s : f.suppressions) room += 128 + json_string_bound(s.justification.size());
  const std::size_t size = out.size();
  out.resize(size + room);
  RawText w(out.data() + size);

  w.text("        {\n          \"ruleId\": ");
  if (rule != parts.index.end()) {
    w.text(parts.rule[rule->second]);
  } else {
    w.string(f.rule_id);
  }
  w.text(",\n          \"level\": ");
  if (level < parts.level.size()) {
    w.text(parts.level[level]);
  } else {
    w.string(sarif_level(f.severity));
  }
  w.text(",\n          \"message\": {\n            \"text\": ");
  w.string(message);
  w.text("\n          }");
  if (!f.path.empty()) {
    w.text(",\n          \"locations\": [\n            {\n              \"physicalLocation\": {\n"
           "                \"artifactLocation\": {\n                  \"uri\": ");
    w.text(uri);
    w.text(",\n                  \"uriBaseId\": ");
    w.text(parts.src_root);
    w.text("\n                }");
    if (f.span) {
      // Positions are 1-based and the end never precedes the start, whatever the engine handed us.
      const std::uint32_t start_line = std::max<std::uint32_t>(1, f.start.line);
      const std::uint32_t start_col = std::max<std::uint32_t>(1, f.start.column);
      std::uint32_t end_line = std::max<std::uint32_t>(1, f.end.line);
      std::uint32_t end_col = std::max<std::uint32_t>(1, f.end.column);
      if (end_line < start_line || (end_line == start_line && end_col < start_col)) {
        end_line = start_line;
        end_col = start_col;
      }
      w.text(",\n                \"region\": {\n                  \"startLine\": ");
      w.number(start_line);
      w.text(",\n                  \"startColumn\": ");
      w.number(start_col);
      w.text(",\n                  \"endLine\": ");
      w.number(end_line);
      w.text(",\n                  \"endColumn\": ");
      w.number(end_col);
      w.text("\n                }");
    }
    w.text("\n              }\n            }\n          ]");
  }
  if (!f.fingerprint.empty()) {
    w.text(",\n          \"partialFingerprints\": {\n            \"");
    w.text(kFingerprintKey);
    w.text("\": ");
    w.string(f.fingerprint);
    w.text("\n          }");
  }
  if (f.suppressed()) {
    w.text(",\n          \"suppressions\": [");
    bool first = true;
    for (const Suppression& s : f.suppressions) {
      if (first) {
        w.text("\n            {\n              \"kind\": ");
      } else {
        w.text(",\n            {\n              \"kind\": ");
      }
      first = false;
      w.string(s.kind == Suppression::Kind::in_source ? "inSource" : "external");
      if (!trim(s.justification).empty()) {
        w.text(",\n              \"justification\": ");
        w.string(s.justification);
      }
      w.text("\n            }");
    }
    w.text("\n          ]");
  }
  w.text("\n        }");
  out.resize(static_cast<std::size_t>(w.end() - out.data()));
}

// A notification's rule_id names the rule it is about (the one that failed, say): SARIF's
// associatedRule. `descriptor` would have to point into driver.notifications, which lintel
// does not declare.
Json notification(const Notification& n, const RuleIndex& index) {
  Json out = Json::object();
  out["level"] = std::string(sarif_level(n.level));
  out["message"] = {{"text", trim(n.message).empty() ? std::string("(no message)") : n.message}};
  if (!n.path.empty())
    out["locations"] =
        Json::array({{{"physicalLocation", {{"artifactLocation", artifact_location(n.path)}}}}});
  if (!n.rule_id.empty()) {
    Json rule = {{"id", n.rule_id}};
    if (const auto it = index.find(n.rule_id); it != index.end()) rule["index"] = it->second;
    out["associatedRule"] = std::move(rule);
  }
  return out;
}

Json tool_driver(const RunInfo& info) {
  Json driver = Json::object();
  driver["name"] = "lintel";
  if (!info.tool_version.empty()) {
    driver["version"] = info.tool_version;
    driver["semanticVersion"] = info.tool_version;
  }
  if (!info.information_uri.empty()) driver["informationUri"] = info.information_uri;
  driver["rules"] = Json::array();  // written into the frame by write_sarif
  return driver;
}

std::string base_uri(std::string uri) {
  if (!uri.empty() && uri.back() != '/') uri += '/';
  return uri;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Container nesting outside strings: a guard run before handing bytes to the recursive parser.
bool nesting_within(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> string_member(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* v = member(object, key);
  if (v == nullptr || !v->is_string()) return std::nullopt;
  return v->get<std::string>();
}

std::string result_rule_id(const nlohmann::json& result, const nlohmann::json* driver_rules) {
  if (auto id = string_member(result, "ruleId")) return *id;
  if (const nlohmann::json* rule = member(result, "rule")) {
    if (auto id = string_member(*rule, "id")) return *id;
  }
  const nlohmann::json* index = member(result, "ruleIndex");
  if (index != nullptr && index->is_number_unsigned() && driver_rules != nullptr &&
      driver_rules->is_array()) {
    const auto i = index->get<std::size_t>();
    if (i < driver_rules->size()) {
      if (auto id = string_member((*driver_rules)[i], "id")) return *id;
    }
  }
  return {};
}

std::string result_uri(const nlohmann::json& result) {
  const nlohmann::json* locations = member(result, "locations");
  if (locations == nullptr || !locations->is_array() || locations->empty()) return {};
  const nlohmann::json* physical = member(locations->front(), "physicalLocation");
  if (physical == nullptr) return {};
  const nlohmann::json* artifact = member(*physical, "artifactLocation");
  if (artifact == nullptr) return {};
  return string_member(*artifact, "uri").value_or(std::string{});
}

void read_run(const nlohmann::json& run, std::vector<BaselineEntry>& out) {
  const nlohmann::json* driver_rules = nullptr;
  if (const nlohmann::json* tool = member(run, "tool")) {
    if (const nlohmann::json* driver = member(*tool, "driver"))
      driver_rules = member(*driver, "rules");
  }
  const nlohmann::json* results = member(run, "results");
  if (results == nullptr || !results->is_array()) return;
  for (const nlohmann::json& r : *results) {
    const nlohmann::json* prints = member(r, "partialFingerprints");
    if (prints == nullptr) continue;
    auto fingerprint = string_member(*prints, kFingerprintKey);
    if (!fingerprint || fingerprint->empty()) continue;
    BaselineEntry entry;
    entry.rule_id = result_rule_id(r, driver_rules);
    entry.fingerprint = std::move(*fingerprint);
    entry.uri = result_uri(r);
    entry.path = decode_uri_path(entry.uri);
    const nlohmann::json* supp = member(r, "suppressions");
    entry.suppressed = supp != nullptr && supp->is_array() && !supp->empty();
    out.push_back(std::move(entry));
  }
}

Severity severity_of_level(const std::string& level) {
  if (level == "error") return Severity::error;
  if (level == "warning") return Severity::warning;
  return Severity::info;  // note, none
}

std::uint32_t position_member(const nlohmann::json& region, std::string_view key) {
  const nlohmann::json* v = member(region, key);
  if (v == nullptr || !v->is_number_unsigned()) return 0;
  return v->get<std::uint32_t>();
}

std::string message_text(const nlohmann::json& object) {
  const nlohmann::json* message = member(object, "message");
  if (message == nullptr) return {};
  return string_member(*message, "text").value_or(std::string{});
}

std::vector<Suppression> read_suppressions(const nlohmann::json& result) {
  std::vector<Suppression> out;
  const nlohmann::json* list = member(result, "suppressions");
  if (list == nullptr || !list->is_array()) return out;
  for (const nlohmann::json& item : *list) {
    Suppression s;
    s.kind = string_member(item, "kind").value_or("") == "inSource" ? Suppression::Kind::in_source
                                                                    : Suppression::Kind::external;
    s.justification = string_member(item, "justification").value_or(std::string{});
    out.push_back(std::move(s));
  }
  return out;
}

// Empty on success, else what is wrong with the result.
std::string read_result(const nlohmann::json& r, const nlohmann::json* driver_rules, Finding& f) {
  f.rule_id = result_rule_id(r, driver_rules);
  if (f.rule_id.empty()) return "a result names no rule";
  f.severity = severity_of_level(string_member(r, "level").value_or("warning"));
  f.message = message_text(r);
  f.path = decode_uri_path(result_uri(r));
  const nlohmann::json* locations = member(r, "locations");
  if (locations != nullptr && locations->is_array() && !locations->empty()) {
    const nlohmann::json* physical = member(locations->front(), "physicalLocation");
    const nlohmann::json* region = physical != nullptr ? member(*physical, "region") : nullptr;
    if (region != nullptr && region->is_object()) {
      f.span = Span{};
      f.start = {position_member(*region, "startLine"), position_member(*region, "startColumn")};
      f.end = {position_member(*region, "endLine"), position_member(*region, "endColumn")};
    }
  }
  if (const nlohmann::json* prints = member(r, "partialFingerprints"))
    f.fingerprint = string_member(*prints, kFingerprintKey).value_or(std::string{});
  f.suppressions = read_suppressions(r);
  return {};
}

Notification read_notification(const nlohmann::json& n) {
  Notification out;
  out.level = severity_of_level(string_member(n, "level").value_or("warning"));
  out.message = message_text(n);
  out.path = decode_uri_path(result_uri(n));
  if (const nlohmann::json* rule = member(n, "associatedRule"))
    out.rule_id = string_member(*rule, "id").value_or(std::string{});
  return out;
}

std::string read_full_run(const nlohmann::json& run, SarifRun& out) {
  const nlohmann::json* driver_rules = nullptr;
  if (const nlohmann::json* tool = member(run, "tool")) {
    if (const nlohmann::json* driver = member(*tool, "driver")) {
      out.tool_name = string_member(*driver, "name").value_or(std::string{});
      out.tool_version = string_member(*driver, "version").value_or(std::string{});
      driver_rules = member(*driver, "rules");
    }
  }
  if (driver_rules != nullptr && driver_rules->is_array()) {
    for (const nlohmann::json& rule : *driver_rules) {
      auto id = string_member(rule, "id");
      if (!id) return "a rule of tool.driver.rules has no id";
      out.rule_ids.push_back(std::move(*id));
    }
  }
  if (const nlohmann::json* invocations = member(run, "invocations");
      invocations != nullptr && invocations->is_array()) {
    for (const nlohmann::json& inv : *invocations) {
      const nlohmann::json* success = member(inv, "executionSuccessful");
      if (success != nullptr && success->is_boolean() && !success->get<bool>())
        out.execution_successful = false;
      const nlohmann::json* notes = member(inv, "toolExecutionNotifications");
      if (notes == nullptr || !notes->is_array()) continue;
      for (const nlohmann::json& n : *notes) out.notifications.push_back(read_notification(n));
    }
  }
  const nlohmann::json* results = member(run, "results");
  if (results == nullptr) return {};
  if (!results->is_array()) return "\"results\" is not an array";
  for (const nlohmann::json& r : *results) {
    Finding f;
    if (std::string error = read_result(r, driver_rules, f); !error.empty()) return error;
    out.findings.push_back(std::move(f));
  }
  return {};
}

}  // namespace

std::string encode_uri_path(std::string_view path) {
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    if (is_unreserved(c) || c == '/') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string decode_uri_path(std::string_view uri) {
  std::string out;
  out.reserve(uri.size());
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size()) {
      const int hi = hex_value(uri[i + 1]);
      const int lo = hex_value(uri[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += uri[i];
  }
  return out;
}

std::string directory_uri(std::string_view absolute_dir) {
  if (absolute_dir.empty() || absolute_dir.front() != '/') return {};
  return base_uri("file://" + encode_uri_path(absolute_dir));
}

void write_sarif(std::ostream& out, std::span<const Rule* const> rules,
                 std::span<const Finding> findings, std::span<const Notification> notifications,
                 const RunInfo& info) {
  const ResultParts parts(rules);
  const RuleIndex& index = parts.index;

  Json run = Json::object();
  run["tool"] = {{"driver", tool_driver(info)}};
  if (!info.srcroot_uri.empty())
    run["originalUriBaseIds"] = {{kSrcRoot, {{"uri", base_uri(info.srcroot_uri)}}}};
  run["columnKind"] = "unicodeCodePoints";
  run["automationDetails"] = {{"id", "lintel/"}};

  Json invocation = Json::object();
  invocation["executionSuccessful"] = info.execution_successful;
  if (!notifications.empty()) {
    Json list = Json::array();
    for (const Notification& n : notifications) list.push_back(notification(n, index));
    invocation["toolExecutionNotifications"] = std::move(list);
  }
  run["invocations"] = Json::array({std::move(invocation)});
  run["results"] = Json::array();

  Json log = Json::object();
  log["$schema"] = kSchemaUri;
  log["version"] = "2.1.0";
  log["runs"] = Json::array({std::move(run)});
  // Invalid UTF-8 in a message (bytes quoted from a broken file) becomes U+FFFD, not a throw.
  const std::string frame = dump_pretty(log);
  // The driver's "rules" come first, elements 12 columns in; "results" is the last member of the
  // only run, elements 8 columns in.
  const unsigned threads = frame_threads(info.threads);
  std::vector<UriCache> uris(threads);
  // The rules' descriptors, copied straight from the ones rendered at build time when every rule
  // has one (perf: rendered into strings they were 570 KB of fresh memory per run).
  std::vector<std::string_view> prerendered_rules;
  for (const Rule* r : rules) {
    const std::string_view text = prerendered_descriptor(r->meta, info);
    if (text.empty()) break;
    prerendered_rules.push_back(text);
  }
  FrameArray rules_array{"\"rules\": []", rules.size(), 10,
                         [&](std::string& text, std::size_t i, unsigned) {
                           write_descriptor(text, rules[i]->meta, info);
                         }};
  if (prerendered_rules.size() == rules.size())
    rules_array.rendered = [&](std::size_t i) { return prerendered_rules[i]; };
  const FrameArray arrays[] = {
      std::move(rules_array),
      {"\"results\": []", findings.size(), 6,
       [&](std::string& text, std::size_t i, unsigned slice) {
         write_result(text, findings[i], parts, uris[slice]);
       }}};
  write_into_frame(out, frame, arrays, threads);
}

std::string write_sarif(std::span<const Rule* const> rules, std::span<const Finding> findings,
                        std::span<const Notification> notifications, const RunInfo& info) {
  std::ostringstream out;
  write_sarif(out, rules, findings, notifications, info);
  return std::move(out).str();
}

namespace {

// One array of write_into_frame, `[` to `]`. Rendering in slices at once: the SARIF driver's 125
// rules and thousands of results were the single-threaded tail of a scan.
void write_rendered(std::ostream& out, std::size_t count, std::size_t close_indent,
                    unsigned threads,
                    const std::function<void(std::string&, std::size_t, unsigned)>& render) {
  if (count == 0) {
    out << "[]";
    return;
  }
  // A thread per slice and batch takes 0.2-0.3 ms to start here, about what rendering a
  // thousand results on the calling thread takes (perf: 382 Dockerfiles' 5,673 results in
  // batches of 1,024 split in two: 2.8 ms; on one thread: 1.9 ms). So slices are large, and a
  // batch is split only when each part gets 4,096 elements or more.
  constexpr std::size_t kBatch = 8192;     // slices of a few MB, reused batch after batch
  constexpr std::size_t kMinSlice = 4096;  // fewer elements are not worth a thread
  std::vector<std::string> slices(threads);
  const auto render_slice = [&](unsigned slice, std::size_t begin, std::size_t end) {
    std::string& text = slices[slice];
    text.clear();
    // Room for a kilobyte an element at once (a SARIF result is ~850 bytes): grown by doubling,
    // a slice of thousands of results was copied a dozen times on the way (perf).
    text.reserve((end - begin) * 1024);
    for (std::size_t i = begin; i < end; ++i) {
      if (i != begin) text.append(",\n", 2);
      render(text, i, slice);
    }
  };
  out << "[\n";
  for (std::size_t begin = 0; begin < count; begin += kBatch) {
    const std::size_t end = std::min(count, begin + kBatch);
    const auto n = static_cast<unsigned>(
        std::clamp<std::size_t>((end - begin) / kMinSlice, 1, threads));
    const std::size_t per = (end - begin + n - 1) / n;
    {
      std::vector<std::jthread> pool;
      for (unsigned s = 1; s < n; ++s) {
        const std::size_t b = std::min(end, begin + s * per);
        pool.emplace_back(render_slice, s, b, std::min(end, b + per));
      }
      render_slice(0, begin, std::min(end, begin + per));
    }
    for (unsigned s = 0; s < n; ++s) {
      if (slices[s].empty()) continue;
      if (begin != 0 || s != 0) out << ",\n";
      out.write(slices[s].data(), static_cast<std::streamsize>(slices[s].size()));
    }
  }
  out << '\n' << std::string(close_indent, ' ') << ']';
}

// One array of write_into_frame whose elements exist as text already.
void write_views(std::ostream& out, std::size_t count, std::size_t close_indent,
                 const std::function<std::string_view(std::size_t)>& element) {
  if (count == 0) {
    out << "[]";
    return;
  }
  out << "[\n";
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0) out << ",\n";
    const std::string_view text = element(i);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  out << '\n' << std::string(close_indent, ' ') << ']';
}

}  // namespace

void write_into_frame(std::ostream& out, std::string_view frame, std::span<const FrameArray> arrays,
                      unsigned threads) {
  threads = frame_threads(threads);
  std::size_t from = 0;
  for (const FrameArray& a : arrays) {
    const std::size_t at = frame.find(a.marker, from);
    const std::size_t open = at + a.marker.size() - 2;  // the '[' of "[]"
    out.write(frame.data() + from, static_cast<std::streamsize>(open - from));
    if (a.rendered) {
      write_views(out, a.count, a.close_indent, a.rendered);
    } else {
      write_rendered(out, a.count, a.close_indent, threads, a.render);
    }
    from = at + a.marker.size();
  }
  out << frame.substr(from) << '\n';
}

BaselineRead read_sarif_fingerprints(std::string_view json) {
  BaselineRead read;
  if (!nesting_within(json, kMaxJsonDepth)) {
    read.error = "not a SARIF log: JSON nested too deeply";
    return read;
  }
  try {
    const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      read.error = "not a SARIF log: malformed JSON";
      return read;
    }
    const nlohmann::json* runs = member(doc, "runs");
    if (runs == nullptr || !runs->is_array()) {
      read.error = "not a SARIF log: no \"runs\" array";
      return read;
    }
    for (const nlohmann::json& run : *runs) read_run(run, read.entries);
  } catch (const std::exception& e) {
    read.entries.clear();
    read.error = std::string("not a SARIF log: ") + e.what();
  }
  return read;
}

}  // namespace lintel::sarif

namespace lintel::sarif {

SarifRead read_sarif_results(std::string_view json) {
  SarifRead read;
  if (!nesting_within(json, kMaxJsonDepth)) {
    read.error = "not a SARIF log: JSON nested too deeply";
    return read;
  }
  try {
    const nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
      read.error = "not a SARIF log: malformed JSON";
      return read;
    }
    const nlohmann::json* runs = member(doc, "runs");
    if (runs == nullptr || !runs->is_array()) {
      read.error = "not a SARIF log: no \"runs\" array";
      return read;
    }
    for (const nlohmann::json& run : *runs) {
      SarifRun out;
      if (std::string error = read_full_run(run, out); !error.empty()) {
        read.runs.clear();
        read.error = "not a usable SARIF log: " + error;
        return read;
      }
      read.runs.push_back(std::move(out));
    }
  } catch (const std::exception& e) {
    read.runs.clear();
    read.error = std::string("not a SARIF log: ") + e.what();
  }
  return read;
}

}  // namespace lintel::sarif
