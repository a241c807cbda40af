// GHA010 curl-pipe-shell: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `run:` piping a download into a shell
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {


void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule curl_pipe_shell{
    .meta = {.id = "GHA010",
             .slug = "curl-pipe-shell",
             .severity = Severity::warning,
             .format = Format::actions,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::WorkflowDoc, check>,
};

}  // namespace lintel::rules::gha
