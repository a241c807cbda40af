// DF027 invalid-port: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `EXPOSE` outside 0–65535; must not flag: `$VAR`
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3011"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule invalid_port{
    .meta = {.id = "DF027",
             .slug = "invalid-port",
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
