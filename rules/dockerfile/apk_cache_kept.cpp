// DF018 apk-cache-kept: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `apk add` without `--no-cache`; must not flag: cache mounts
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3019"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule apk_cache_kept{
    .meta = {.id = "DF018",
             .slug = "apk-cache-kept",
             .severity = Severity::info,
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
