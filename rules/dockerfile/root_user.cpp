// DF003 root-user: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags final stage has no `USER`, or its last `USER` is `root`/`0`/`root:*`/`0:*`; must not flag: builder stages; a base whose tag says non-root (`*:nonroot`); `USER $VAR` unresolved
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3002"}, {"checkov", "CKV_DOCKER_3"}, {"checkov", "CKV_DOCKER_8"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule root_user{
    .meta = {.id = "DF003",
             .slug = "root-user",
             .severity = Severity::error,
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
