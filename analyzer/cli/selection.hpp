// Rule selection by ID, ID prefix, slug or peer alias (--select/--ignore). The matcher lives in
// the engine (analyzer/engine/rule_match.hpp), which resolves suppression and config tokens
// with it; the CLI names are kept here.
#pragma once

#include "analyzer/engine/rule_match.hpp"

namespace lintel::cli {

using engine::enabled_ids;
using engine::match_rules;

}  // namespace lintel::cli
