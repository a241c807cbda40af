// DF021 workdir-relative: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags relative `WORKDIR`; must not flag: `$VAR`-prefixed paths
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3000"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule workdir_relative{
    .meta = {.id = "DF021",
             .slug = "workdir-relative",
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
