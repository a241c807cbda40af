// DF023 pipefail-missing: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags RUN with a pipe while `SHELL` has no `-o pipefail`; must not flag: non-POSIX shells set via SHELL (pwsh)
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL4006"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule pipefail_missing{
    .meta = {.id = "DF023",
             .slug = "pipefail-missing",
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
