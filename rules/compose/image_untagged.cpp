// DC002 image-untagged: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `image: x` with no tag or digest
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule image_untagged{
    .meta = {.id = "DC002",
             .slug = "image-untagged",
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
