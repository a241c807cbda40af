// DC001 image-latest-tag: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `image: x:latest` (also via `${TAG:-latest}`)
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {

constexpr PeerId kPeers[] = {{"dclint", "service-image-require-explicit-tag"}};

void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule image_latest_tag{
    .meta = {.id = "DC001",
             .slug = "image-latest-tag",
             .severity = Severity::error,
             .format = Format::compose,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             .peers = kPeers,
             .status = RuleStatus::preview},
    .check = for_format<model::ComposeDoc, check>,
};

}  // namespace lintel::rules::compose
