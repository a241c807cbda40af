// Shared by the SEC rules. The scanner (parsers/secrets) finds the candidates and attributes
// each to one rule; a rule words the finding. Every message quotes only the redacted preview
// (at most four characters and "…"), and the finding's fingerprint key is the SHA-256 of the
// secret, so baselines match a secret without anything printing it.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "analyzer/model/secrets.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {

inline constexpr std::string_view kSecretTags[] = {"security", "secrets"};
inline constexpr std::string_view kHardcodedCredentials =
    "https://cwe.mitre.org/data/definitions/798.html";

// Reports every candidate of `rule` at the secret (or a key block's BEGIN line), with
// `message(candidate)`.
template <class Message>
void report_candidates(const Document& doc, std::string_view rule, Reporter& out,
                       Message message) {
  if (doc.secrets == nullptr) return;
  for (const model::SecretCandidate& c : doc.secrets->candidates)
    if (c.rule == rule) out.report(c.at, message(c), c.hash);
}

// `GitHub token "ghp_…" is committed`
[[nodiscard]] inline std::string committed_message(const model::SecretCandidate& c) {
  return fmt::format("{} \"{}\" is committed", c.description, c.preview);
}

[[nodiscard]] inline std::string_view file_name(const Document& doc) {
  return model::secrets_base_name(doc.source.path());
}

}  // namespace lintel::rules::secrets
