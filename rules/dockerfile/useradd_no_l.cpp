// DF031 useradd-no-l: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `useradd` without `-l` and with a high UID; must not flag: 
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3046"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule useradd_no_l{
    .meta = {.id = "DF031",
             .slug = "useradd-no-l",
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
