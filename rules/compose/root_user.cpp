// DC004 root-user: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): service with no `user:` (and no non-root `USER` in its built Dockerfile), or `user: root`/`0`
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule root_user{
    .meta = {.id = "DC004",
             .slug = "root-user",
             .severity = Severity::warning,
             .format = Format::compose,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::ComposeDoc, check>,
};

}  // namespace lintel::rules::compose
