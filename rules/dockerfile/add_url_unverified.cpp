// DF008 add-url-unverified: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `ADD https://…` without `--checksum`; must not flag: 
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {


void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule add_url_unverified{
    .meta = {.id = "DF008",
             .slug = "add-url-unverified",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             .bad = "FROM alpine:3.20\n",
             .good = "FROM alpine:3.20\n",
             },
    .check = for_format<model::DockerfileDoc, check>,
};

}  // namespace lintel::rules::dockerfile
