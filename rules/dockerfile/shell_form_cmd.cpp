// DF025 shell-form-cmd: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `CMD`/`ENTRYPOINT` in shell form; must not flag: 
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3025"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule shell_form_cmd{
    .meta = {.id = "DF025",
             .slug = "shell-form-cmd",
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
