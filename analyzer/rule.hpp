// The rule API: a rule is its metadata plus a check function over a Document. Rules are
// stateless; the engine calls them from several threads at once.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "analyzer/finding.hpp"
#include "analyzer/model/document.hpp"

namespace lintel {

namespace detail {
consteval bool is_valid_rule_id(std::string_view s) {
  constexpr std::string_view prefixes[] = {"DF", "DC", "TF", "K8S", "GHA", "SEC", "LNT"};
  for (std::string_view p : prefixes) {
    if (s.size() != p.size() + 3 || s.substr(0, p.size()) != p) continue;
    for (char c : s.substr(p.size()))
      if (c < '0' || c > '9') return false;
    return true;
  }
  return false;
}
// Called only when an ID is malformed: not constexpr, so the build fails at that literal.
inline void malformed_rule_id() {}
}  // namespace detail

// A rule ID, checked at compile time against ^(DF|DC|TF|K8S|GHA|SEC|LNT)[0-9]{3}$.
class RuleId {
 public:
  consteval RuleId(const char* s) : value_(s) {  // NOLINT(google-explicit-constructor)
    if (!detail::is_valid_rule_id(value_)) detail::malformed_rule_id();
  }
  [[nodiscard]] constexpr std::string_view view() const { return value_; }
  constexpr operator std::string_view() const { return value_; }  // NOLINT
 private:
  std::string_view value_;
};

// The same check in another tool, e.g. {"hadolint", "DL3007"}.
struct PeerId {
  std::string_view tool;
  std::string_view id;
};

struct RuleOption {
  std::string_view name;
  std::string_view default_value;
  std::string_view meaning;
};

enum class RuleStatus : std::uint8_t { stable, preview, deprecated, removed };

struct RuleMeta {
  RuleId id;
  std::string_view slug;
  Severity severity = Severity::warning;
  Format format = Format::meta;
  std::string_view summary;  // <= 80 characters, no trailing period
  std::string_view what;     // "What it checks"
  std::string_view why;      // "Why it matters"
  std::string_view fix;      // "How to fix"
  std::string_view bad;      // a minimal complete input that the rule flags
  std::string_view good;     // the same input, fixed
  std::span<const PeerId> peers{};
  std::span<const std::string_view> references{};
  std::span<const RuleOption> options{};
  std::span<const std::string_view> tags{};  // categories: "security", "supply-chain", …
  // SARIF security-severity ("0.1".."10.0") for security rules, empty otherwise.
  std::string_view security_severity{};
  RuleStatus status = RuleStatus::stable;
  std::string_view since = "0.1.0";
  // The file name the bad/good examples are tested under (the format's usual name if empty).
  std::string_view example_path{};
  // Options the examples need, one `name=value[,value…]` per line (e.g. a rule that is off until
  // configured): used when the examples are tested, and shown beside them in the docs.
  std::string_view example_options{};
};

// Rule options from the configuration: values by rule ID and option name, as strings or lists.
class RuleOptions {
 public:
  // Reads `name=v1,v2` lines (the RuleMeta::example_options and fixture `option=` syntax).
  void set_from_lines(std::string_view rule, std::string_view lines);
  void set(std::string rule, std::string name, std::vector<std::string> values);
  [[nodiscard]] const std::vector<std::string>* list(std::string_view rule,
                                                     std::string_view name) const;
  [[nodiscard]] std::optional<std::string> string(std::string_view rule,
                                                  std::string_view name) const;
  [[nodiscard]] std::int64_t integer(std::string_view rule, std::string_view name,
                                     std::int64_t fallback) const;

 private:
  std::map<std::string, std::vector<std::string>, std::less<>> values_;  // "DF033.allowed"
};

// What a rule may know about the rest of the project, answered by the engine (rules do no I/O).
class ProjectView {
 public:
  virtual ~ProjectView() = default;
  // Whether `path` (relative to the directory of the document being checked, or absolute)
  // names an existing regular file.
  [[nodiscard]] virtual bool sibling_exists(const Document& doc,
                                            std::string_view relative) const = 0;
  // The Dockerfile at `relative` (to the directory of `doc`), parsed, or null when there is
  // none or it cannot be read. Links a compose service's `build:` to the Dockerfile it builds.
  // The result lives as long as the scan.
  [[nodiscard]] virtual const model::DockerfileDoc* dockerfile(const Document& doc,
                                                               std::string_view relative) const = 0;
};

struct RuleContext {
  const RuleOptions& options;
  const ProjectView& project;
};

// Collects what one rule reports on one document.
class Reporter {
 public:
  struct Report {
    std::optional<Span> span;
    std::string message;
    std::string fingerprint_key;  // optional: extra identity (e.g. the hash of a secret)
  };

  void report(Span span, std::string message, std::string fingerprint_key = {}) {
    reports_.push_back({span, std::move(message), std::move(fingerprint_key)});
  }
  // A finding about the whole file, with no region. Prefer a span wherever one exists.
  void report_file(std::string message) { reports_.push_back({std::nullopt, std::move(message), {}}); }

  [[nodiscard]] const std::vector<Report>& reports() const { return reports_; }
  void clear() { reports_.clear(); }

 private:
  std::vector<Report> reports_;
};

using CheckFn = void (*)(const Document&, const RuleContext&, Reporter&);

struct Rule {
  RuleMeta meta;
  CheckFn check = nullptr;  // null for rules the engine itself reports (LNT*)
};

// Adapts a typed check, `void check(const Doc&, Reporter&)` or
// `void check(const Doc&, const RuleContext&, Reporter&)`, to the engine's Document.
template <class Doc, auto Fn>
void for_format(const Document& doc, const RuleContext& ctx, Reporter& out) {
  const Doc* model = std::get_if<Doc>(&doc.model);
  if (model == nullptr) return;
  if constexpr (std::is_invocable_v<decltype(Fn), const Doc&, Reporter&>) {
    Fn(*model, out);
  } else if constexpr (std::is_invocable_v<decltype(Fn), const Doc&, const RuleContext&, Reporter&>) {
    Fn(*model, ctx, out);
  } else {
    Fn(*model, ctx, out, doc);
  }
}

}  // namespace lintel
