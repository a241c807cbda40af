// DF002 image-untagged: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `FROM x` with no tag or digest; must not flag: `scratch`; an earlier stage name; `$VAR` that resolves to a tagged ref or cannot be resolved
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3006"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule image_untagged{
    .meta = {.id = "DF002",
             .slug = "image-untagged",
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
