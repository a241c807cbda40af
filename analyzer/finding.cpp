#include "analyzer/finding.hpp"

#include <tuple>

namespace lintel {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

std::string_view sarif_level(Severity s) {
  switch (s) {
    case Severity::info: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view s) {
  if (s == "info" || s == "note") return Severity::info;
  if (s == "warning") return Severity::warning;
  if (s == "error") return Severity::error;
  return std::nullopt;
}

bool finding_less(const Finding& a, const Finding& b) {
  return std::tie(a.path, a.start.line, a.start.column, a.rule_id, a.message, a.end) <
         std::tie(b.path, b.start.line, b.start.column, b.rule_id, b.message, b.end);
}

}  // namespace lintel
