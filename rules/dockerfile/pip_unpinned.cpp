// DF014 pip-unpinned: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `pip install pkg` without `==`/`~=`/`>=` etc.; must not flag: `-r file`, `.`, paths, wheels, `-e .`, `--requirement`
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3013"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule pip_unpinned{
    .meta = {.id = "DF014",
             .slug = "pip-unpinned",
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
