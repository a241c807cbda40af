// Reads fixture annotations (STYLE.md §5) and compares them with what the engine reports.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/finding.hpp"

namespace lintel::testing {

struct Expectation {
  std::uint32_t line = 0;
  std::string rule;
  std::optional<std::uint32_t> column;
  std::optional<std::string> substring;
  std::uint32_t annotation_line = 0;
};

struct FixtureSpec {
  bool has_header = false;
  std::vector<std::string> rules;   // from `lintel-fixture: rules=A,B`
  std::string config;               // from `config=…` (reserved)
  // From `option=RULE.name=v1,v2` (repeatable): rule options the fixture runs with.
  std::vector<std::string> options;
  std::string kind;  // from `kind=compose` etc.: overrides classification by name and content
  std::vector<Expectation> expectations;
  std::vector<std::string> errors;  // malformed annotations
};

// Annotation syntax, in a `#` or `//` comment on its own line:
//   lintel-fixture: rules=DF001,DF002 [option=DF033.allowed-registries=a,b]… [kind=compose]
//   (in the first 10 lines)
//   expect: ID [col=N] ["message substring"]          (applies to the next non-annotation line)
//   expect@+N: ID …                                   (applies to the line N below this one)
[[nodiscard]] FixtureSpec parse_fixture(std::string_view text);

// Differences between expectations and findings, one line each; empty when they agree.
[[nodiscard]] std::vector<std::string> compare(const FixtureSpec& spec,
                                               const std::vector<Finding>& findings);

}  // namespace lintel::testing
