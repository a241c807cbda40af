// DC013 writable-root-fs: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `read_only: true` not set
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule writable_root_fs{
    .meta = {.id = "DC013",
             .slug = "writable-root-fs",
             .severity = Severity::info,
             .format = Format::compose,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::ComposeDoc, check>,
};

}  // namespace lintel::rules::compose
