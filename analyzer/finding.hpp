// A finding is one result of one rule on one file. The engine turns a rule's report (a span and
// a message) into a Finding with positions, a fingerprint and any suppressions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source.hpp"

namespace lintel {

// Ordered: info < warning < error. SARIF levels are note / warning / error.
enum class Severity : std::uint8_t { info, warning, error };

[[nodiscard]] std::string_view to_string(Severity s);
[[nodiscard]] std::string_view sarif_level(Severity s);
[[nodiscard]] std::optional<Severity> parse_severity(std::string_view s);

struct Suppression {
  enum class Kind : std::uint8_t { in_source, external };
  Kind kind = Kind::in_source;
  std::string justification;
  auto operator<=>(const Suppression&) const = default;
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::warning;
  std::string message;
  std::string path;                // as reported: relative, '/' separators
  std::optional<Span> span;        // none: the finding is about the whole file (no region)
  Position start{};                // filled from span by the engine
  Position end{};                  // exclusive end column, as SARIF's endColumn
  std::string fingerprint;         // lintel/v1: stable across line shifts
  std::vector<Suppression> suppressions;

  [[nodiscard]] bool suppressed() const { return !suppressions.empty(); }
};

// Something the run wants to say that is not a finding: a skipped file, a limit hit, a rule
// that failed. Becomes a SARIF toolExecutionNotification, and a line on stderr with --verbose.
struct Notification {
  Severity level = Severity::info;
  std::string message;
  std::string path;  // may be empty
  std::string rule_id;  // may be empty
  auto operator<=>(const Notification&) const = default;
};

// Output order: path, line, column, rule, message.
[[nodiscard]] bool finding_less(const Finding& a, const Finding& b);

}  // namespace lintel
