// Inline suppressions: lintel's own `# lintel:ignore` / `# lintel:ignore-file` comments and the
// pragmas of the peer tools (hadolint, Checkov, KICS, Trivy/tfsec, tflint, zizmor, dclint,
// gitleaks, trufflehog, detect-secrets), read from a file's text after its rules ran. Rules never
// see them (STYLE.md §4): the engine marks the findings a suppression covers and reports the
// suppressions that covered nothing (LNT004) or name no lintel rule (LNT005).
//
// Peer pragmas are honoured through the rules' `peers`: `# hadolint ignore=DL3007` suppresses
// the lintel rules whose metadata lists {"hadolint", "DL3007"}. A pragma naming a peer check no
// lintel rule carries is ignored silently, since the peer has checks lintel does not.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analyzer/finding.hpp"
#include "analyzer/model/document.hpp"
#include "analyzer/rule.hpp"

namespace lintel::engine {

// One suppression read from the text.
struct InlineSuppression {
  struct Token {
    std::string text;                 // as written (`DF001`, `DL3008`, `template-injection`)
    std::vector<const Rule*> rules;   // what it names; empty for an unknown or foreign ID
    bool used = false;
  };
  std::string tool;                  // "lintel" or the peer tool ("hadolint", "checkov", …)
  Span comment{};                    // the pragma text, where LNT004/LNT005 point
  std::uint32_t comment_line = 0;
  bool file_wide = false;
  // Lines covered (1-based, inclusive) when not file-wide.
  std::uint32_t first_line = 0;
  std::uint32_t last_line = 0;
  // zizmor: the pragma also covers every finding whose span contains the comment.
  bool within_span = false;
  bool all_rules = false;     // every rule (kics-scan ignore-line, bare lintel:ignore)
  bool secrets_only = false;  // every SEC rule (gitleaks:allow, pragma: allowlist secret)
  std::vector<Token> tokens;
  std::string justification;
  bool used = false;
};

// Every suppression in `doc`'s text, resolved against `rules` (the whole registry).
[[nodiscard]] std::vector<InlineSuppression> find_inline_suppressions(
    const Document& doc, std::span<const Rule* const> rules);

// A diagnostic about a suppression itself: LNT004 or LNT005 at the comment.
struct SuppressionDiagnostic {
  std::string rule_id;
  Span span{};
  std::string message;
};

// Marks every finding a suppression covers (kind inSource) and returns LNT004 for suppressions
// of rules that ran (`ran(rule)`) yet covered nothing, and LNT005 for lintel tokens naming no rule.
// LNT004/LNT005 findings are never suppressed.
[[nodiscard]] std::vector<SuppressionDiagnostic> apply_inline_suppressions(
    std::vector<InlineSuppression>& suppressions, std::vector<Finding>& findings,
    const std::function<bool(const Rule&)>& ran);

}  // namespace lintel::engine
