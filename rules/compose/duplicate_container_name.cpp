// DC016 duplicate-container-name: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): two services with the same `container_name`
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {

constexpr PeerId kPeers[] = {{"dclint", "no-duplicate-container-names"}};

void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule duplicate_container_name{
    .meta = {.id = "DC016",
             .slug = "duplicate-container-name",
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
