// LNT001 parse-error: reported by the engine from a parser's diagnostics, never by a check.
#include "analyzer/rule.hpp"

namespace lintel::rules::meta {

extern const Rule parse_error{
    .meta = {.id = "LNT001",
             .slug = "parse-error",
             .severity = Severity::error,
             .format = Format::meta,
             .summary = "File could not be parsed",
             .what = "A file lintel recognised (a Dockerfile, compose file, manifest, workflow or "
                     "Terraform file) contains text its parser could not understand. The finding "
                     "sits at the parser's position and carries its message. It also marks where "
                     "a file reached one of the limits that keep hostile input from exhausting "
                     "the scan (nesting deeper than a parser follows, YAML aliases that expand "
                     "too far, `sh -c` strings inside too many others): the message names the "
                     "limit, and what lies beyond it is not checked.",
             .why = "Rules still run on the part of the file that parsed, but whatever follows the "
                    "error may be misread or missed, and the tool that consumes the file (docker "
                    "build, kubectl, terraform) will most likely reject it too.",
             .fix = "Correct the syntax at the reported position. If the file is not meant to be "
                    "of the recognised kind (a template, say), rename it or exclude it.",
             .bad = "FROM alpine:3.20\nFROBNICATE everything\n",
             .good = "FROM alpine:3.20\nRUN echo ok\n",
             .example_path = "Dockerfile"},
    .check = nullptr,
};

}  // namespace lintel::rules::meta
