// DC008 depends-on-unhealthy: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `depends_on` a service that has a healthcheck, without `condition: service_healthy`
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule depends_on_unhealthy{
    .meta = {.id = "DC008",
             .slug = "depends-on-unhealthy",
             .severity = Severity::info,
             .format = Format::compose,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::ComposeDoc, check>,
};

}  // namespace lintel::rules::compose
