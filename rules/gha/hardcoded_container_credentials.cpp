// GHA012 hardcoded-container-credentials: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): literal `password` in `container`/`services` `credentials`
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {

constexpr PeerId kPeers[] = {{"zizmor", "hardcoded-container-credentials"}};

void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule hardcoded_container_credentials{
    .meta = {.id = "GHA012",
             .slug = "hardcoded-container-credentials",
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
