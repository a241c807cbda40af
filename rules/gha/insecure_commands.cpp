// GHA011 insecure-commands: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `ACTIONS_ALLOW_UNSECURE_COMMANDS: true`
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {

constexpr PeerId kPeers[] = {{"zizmor", "insecure-commands"}};

void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule insecure_commands{
    .meta = {.id = "GHA011",
             .slug = "insecure-commands",
             .severity = Severity::error,
             .format = Format::actions,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             .peers = kPeers,
             .status = RuleStatus::preview},
    .check = for_format<model::WorkflowDoc, check>,
};

}  // namespace lintel::rules::gha
