// The table of every rule lintel has, sorted by ID (STYLE.md §4: explicit registration, no
// static self-registration).
#pragma once

#include <span>
#include <string_view>

#include "analyzer/rule.hpp"

namespace lintel::rules {

[[nodiscard]] std::span<const Rule* const> all_rules();

// The rule with this exact ID, or nullptr.
[[nodiscard]] const Rule* find_rule(std::string_view id);

}  // namespace lintel::rules
