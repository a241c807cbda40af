// DF007 add-instead-of-copy: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `ADD` of local files or folders; must not flag: URLs (see DF008); local archives (`.tar*`, `.tgz`) which ADD extracts
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"hadolint", "DL3020"}, {"checkov", "CKV_DOCKER_4"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule add_instead_of_copy{
    .meta = {.id = "DF007",
             .slug = "add-instead-of-copy",
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
