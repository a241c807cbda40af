// DC015 duplicate-port: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): two services publishing the same host port
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {

constexpr PeerId kPeers[] = {{"dclint", "no-duplicate-exported-ports"}};

void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule duplicate_port{
    .meta = {.id = "DC015",
             .slug = "duplicate-port",
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
