// Rule selection by ID, ID prefix, slug or peer alias: what --select/--ignore, the config and
// inline suppressions accept. Lives in the engine because suppressions resolve tokens with it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/rule.hpp"

namespace lintel::engine {

// The rules a token names: an exact ID (`DF001`), an ID prefix (`DF`, `DF0`), a slug
// (`image-latest-tag`), or a peer alias, bare or qualified by tool (`DL3007`, `hadolint:DL3007`,
// `CKV_DOCKER_3`). Case-insensitive. Empty when nothing matches.
[[nodiscard]] std::vector<const Rule*> match_rules(std::string_view token,
                                                   std::span<const Rule* const> rules);

// The IDs enabled by select/ignore lists (empty select = every stable rule). Unknown tokens are
// appended to `unknown`.
[[nodiscard]] std::vector<std::string> enabled_ids(std::span<const Rule* const> rules,
                                                   const std::vector<std::string>& select,
                                                   const std::vector<std::string>& ignore,
                                                   std::vector<std::string>& unknown);

}  // namespace lintel::engine
