// DF004 missing-healthcheck: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags final stage has no `HEALTHCHECK`, or `HEALTHCHECK NONE`; must not flag: builder stages
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_DOCKER_2"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule missing_healthcheck{
    .meta = {.id = "DF004",
             .slug = "missing-healthcheck",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             .bad = "FROM alpine:3.20\n",
             .good = "FROM alpine:3.20\n",
             .peers = kPeers,},
    .check = for_format<model::DockerfileDoc, check>,
};

}  // namespace lintel::rules::dockerfile
