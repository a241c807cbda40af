// DF022 curl-pipe-shell: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `curl …; must not flag: sh`, `wget -O- …
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"other", "bash` (download piped to a shell)"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule curl_pipe_shell{
    .meta = {.id = "DF022",
             .slug = "curl-pipe-shell",
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
