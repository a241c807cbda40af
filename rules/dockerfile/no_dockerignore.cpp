// DF032 no-dockerignore: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `COPY .`/`ADD .` with no `.dockerignore` beside the Dockerfile; must not flag: 
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {


void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule no_dockerignore{
    .meta = {.id = "DF032",
             .slug = "no-dockerignore",
             .severity = Severity::info,
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
