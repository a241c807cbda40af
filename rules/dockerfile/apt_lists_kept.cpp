// DF011 apt-lists-kept: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `apt-get install` in a RUN that does not remove `/var/lib/apt/lists`; must not flag: RUN with a cache mount on `/var/lib/apt`
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3009"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule apt_lists_kept{
    .meta = {.id = "DF011",
             .slug = "apt-lists-kept",
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
