// DF028 maintainer: the deprecated MAINTAINER instruction.
//
// Every MAINTAINER is reported on its keyword, in any stage. The message quotes the value so the
// replacement LABEL can be written from it. ONBUILD cannot wrap MAINTAINER (BuildKit rejects it),
// so there is nothing to look at there.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_maintainer {

constexpr PeerId kPeers[] = {{"hadolint", "DL4000"},
                             {"checkov", "CKV_DOCKER_6"},
                             {"kics", "99614418"},
                             {"trivy", "DS-0022"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#maintainer-deprecated",
    "https://github.com/hadolint/hadolint/wiki/DL4000",
};
constexpr std::string_view kTags[] = {"maintainability"};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const Instruction& ins : doc.instructions) {
    if (ins.kind != InstructionKind::maintainer) continue;
    if (ins.args.value.empty()) {
      out.report(ins.keyword.span, "MAINTAINER is deprecated");
    } else {
      out.report(ins.keyword.span,
                 fmt::format("MAINTAINER \"{}\" is deprecated", ins.args.value));
    }
  }
}

}  // namespace impl_maintainer

extern const Rule maintainer{
    .meta = {.id = "DF028",
             .slug = "maintainer",
             .severity = Severity::info,
             .format = Format::dockerfile,
             .summary = "MAINTAINER is deprecated",
             .what = "Reports every `MAINTAINER` instruction.",
             .why = "`MAINTAINER` has been deprecated since Docker 1.13 in favour of labels. It "
                    "only fills the legacy `Author` field of the image, which registries and "
                    "tools that read the OCI annotations ignore, and a future Dockerfile frontend "
                    "may drop it.",
             .fix = "Replace it with a label: `LABEL org.opencontainers.image.authors=\"Jane Doe "
                    "<jane@example.com>\"`.",
             .bad = "FROM alpine:3.20\n"
                    "MAINTAINER Jane Doe <jane@example.com>\n",
             .good = "FROM alpine:3.20\n"
                     "LABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
             .peers = impl_maintainer::kPeers,
             .references = impl_maintainer::kReferences,
             .tags = impl_maintainer::kTags},
    .check = for_format<model::DockerfileDoc, impl_maintainer::check>,
};

}  // namespace lintel::rules::dockerfile
