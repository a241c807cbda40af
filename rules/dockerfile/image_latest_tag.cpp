// DF001 image-latest-tag: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `FROM x:latest`; must not flag: digests; a later stage's name
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3007"}, {"checkov", "CKV_DOCKER_7"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule image_latest_tag{
    .meta = {.id = "DF001",
             .slug = "image-latest-tag",
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
