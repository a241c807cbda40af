// DC014 obsolete-version: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): top-level `version:`
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {

constexpr PeerId kPeers[] = {{"dclint", "no-version-field"}};

void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule obsolete_version{
    .meta = {.id = "DC014",
             .slug = "obsolete-version",
             .severity = Severity::info,
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
