// GHA007 container-image-latest: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): job `container`/`services` image `:latest` or untagged
#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {
namespace {


void check(const model::WorkflowDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule container_image_latest{
    .meta = {.id = "GHA007",
             .slug = "container-image-latest",
             .severity = Severity::error,
             .format = Format::actions,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::WorkflowDoc, check>,
};

}  // namespace lintel::rules::gha
