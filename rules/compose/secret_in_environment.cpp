// DC006 secret-in-environment: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `environment` entry whose key names a secret and whose value is a literal
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule secret_in_environment{
    .meta = {.id = "DC006",
             .slug = "secret-in-environment",
             .severity = Severity::error,
             .format = Format::compose,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::ComposeDoc, check>,
};

}  // namespace lintel::rules::compose
