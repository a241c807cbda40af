// The words every suppression comment or marker starts with (lintel's own and the peers'):
// a text holding none of them has no suppression to read. Shared by the engine's quick check
// and the secrets scanner, whose one pass over every byte looks for them too (perf).
#pragma once

#include <algorithm>
#include <array>
#include <string_view>

namespace lintel::model {

inline constexpr std::array<std::string_view, 14> kPragmaMarkers = {
    "lintel", "hadolint", "checkov:", "kics-scan", "trivy:", "tfsec:", "tflint-ignore",
    "zizmor:", "dclint", "gitleaks:", "trufflehog:", "allowlist", "kube-linter.io/",
    "checkov.io/skip"};

// Whether a marker starts at `text[i]` (case-sensitive, as the pragmas are).
[[nodiscard]] inline bool pragma_at(std::string_view text, std::size_t i) {
  const std::string_view rest = text.substr(i);
  return std::any_of(kPragmaMarkers.begin(), kPragmaMarkers.end(), [&](std::string_view m) {
    return rest.size() >= m.size() && rest[0] == m[0] && rest[1] == m[1] && rest.starts_with(m);
  });
}

}  // namespace lintel::model
