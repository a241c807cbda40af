// DC011 dangerous-capability: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `cap_add` of ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule dangerous_capability{
    .meta = {.id = "DC011",
             .slug = "dangerous-capability",
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
