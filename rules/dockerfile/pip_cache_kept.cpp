// DF015 pip-cache-kept: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `pip install` without `--no-cache-dir`; must not flag: `PIP_NO_CACHE_DIR` set; cache mounts
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3042"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule pip_cache_kept{
    .meta = {.id = "DF015",
             .slug = "pip-cache-kept",
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
