// DC009 docker-socket: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): a volume mounting `/var/run/docker.sock`
#include "analyzer/model/compose.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::compose {
namespace {


void check(const model::ComposeDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule docker_socket{
    .meta = {.id = "DC009",
             .slug = "docker-socket",
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
