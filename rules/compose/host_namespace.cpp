// DC010 host-namespace: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `network_mode: host`, `pid: host`, `ipc: host`
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule host_namespace{
    .meta = {.id = "DC010",
             .slug = "host-namespace",
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
