// GHA002 template-injection: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): attacker-controlled context (`github.event.issue.title`, `…pull_request.title/body/head.ref`, `…comment.body`, `github.head_ref`, `…head_commit.message`, …) expanded inside `run:` or `actions/github-script` `script:`
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {

constexpr PeerId kPeers[] = {{"zizmor", "template-injection"}};

void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule template_injection{
    .meta = {.id = "GHA002",
             .slug = "template-injection",
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
