// Rule documentation rendered from RuleMeta (STYLE.md §6): the docs/rules/<ID>.md pages, their
// index, and the plain-text help that SARIF's help.text and `lintel explain` show. One
// definition feeds every output, so the pages and the SARIF rules never disagree.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "analyzer/rule.hpp"

namespace lintel {

// "hadolint:DL3007": a peer check as SARIF properties.aliases lists it.
[[nodiscard]] std::string peer_alias(const PeerId& peer);

// "hadolint DL3007, checkov CKV_DOCKER_7", or empty when the rule has no peers.
[[nodiscard]] std::string peer_list(std::span<const PeerId> peers);

// "rules/dockerfile/image_latest_tag.cpp": the file that defines the rule.
[[nodiscard]] std::string rule_source_path(const RuleMeta& meta);

// The Markdown fence language of the rule's examples: dockerfile, yaml, hcl, json or text.
[[nodiscard]] std::string_view example_language(const RuleMeta& meta);

[[nodiscard]] std::string_view to_string(RuleStatus status);

// The page docs/rules/<ID>.md. Deterministic; ends with exactly one newline.
[[nodiscard]] std::string render_rule_markdown(const RuleMeta& meta);

// Plain-text help: ID, slug, summary, what, why, examples, fix, options and aliases.
[[nodiscard]] std::string render_rule_text(const RuleMeta& meta);

// docs/rules/README.md: one table per format, in the catalog's order (RULES.md).
[[nodiscard]] std::string render_rule_index(std::span<const Rule* const> rules);

}  // namespace lintel
