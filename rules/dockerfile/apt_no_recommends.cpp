// DF010 apt-no-recommends: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `apt-get install` without `--no-install-recommends`; must not flag: `-o APT::Install-Recommends=false`
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3015"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule apt_no_recommends{
    .meta = {.id = "DF010",
             .slug = "apt-no-recommends",
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
