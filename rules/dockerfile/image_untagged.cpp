// DF002 image-untagged: a base image with neither a tag nor a digest.
//
// The tag is read after ARG substitution (global ARGs before the first FROM, and --build-arg
// values from the configuration), so `ARG BASE=python:3.12` + `FROM $BASE` is fine while
// `ARG BASE=python` + `FROM $BASE` is reported. When a variable in the reference has no known
// value (`FROM $BASE` with no default, `FROM img${SUFFIX}`) the rule stays silent: the tag may
// well come from the build command, and guessing was hadolint's most reported false positive
// (hadolint#219, #979). The tag is split from the last path component only, so
// `registry:5000/app` has a registry port and no tag. Not reported: `scratch`, the name of an
// earlier stage (matched case-insensitively, as BuildKit does), and `--platform` flags, which
// are not part of the image reference.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_image_untagged {

constexpr PeerId kPeers[] = {{"hadolint", "DL3006"},
                             {"checkov", "CKV_DOCKER_7"},
                             {"kics", "9efb0b2d"},
                             {"trivy", "DS-0001"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#from",
    "https://docs.docker.com/reference/dockerfile/#from",
    "https://github.com/hadolint/hadolint/wiki/DL3006",
};
constexpr std::string_view kTags[] = {"supply-chain", "best-practice"};

bool is_untagged(const model::ImageRef& image) {
  return !image.tag && !image.digest;
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const model::Stage& stage : doc.stages) {
    const model::ImageRef& image = stage.image;
    if (image.is_scratch || image.unresolved || image.text.value.empty()) continue;
    if (!is_untagged(image) || names_earlier_stage(doc, stage)) continue;
    if (image.resolved.empty() || image.resolved == image.text.value) {
      out.report(image.text.span,
                 fmt::format("base image \"{}\" has no tag or digest, so it floats to latest",
                             image.text.value));
    } else {
      out.report(image.text.span,
                 fmt::format("base image \"{}\" resolves to \"{}\", which has no tag or digest",
                             image.text.value, image.resolved));
    }
  }
}

}  // namespace impl_image_untagged

extern const Rule image_untagged{
    .meta = {.id = "DF002",
             .slug = "image-untagged",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "Base image has no tag or digest",
             .what = "Reports a `FROM` whose image reference has neither a tag nor a digest, "
                     "after `ARG` defaults are substituted. A reference whose variables have no "
                     "known value is not reported, nor are `scratch` and the names of earlier "
                     "build stages. A registry port (`registry:5000/app`) is not a tag.",
             .why = "An image without a tag means `latest`: the build silently picks up whatever "
                    "the publisher pushed last, so two builds of the same commit can produce "
                    "different images, and a breaking upgrade of the base arrives unannounced.",
             .fix = "Add an explicit version tag (`FROM debian:12.7-slim`), or pin a digest "
                    "(`FROM debian:12.7-slim@sha256:…`). When the reference comes from an `ARG`, "
                    "give the `ARG` a tagged default.",
             .bad = "FROM debian\n",
             .good = "FROM debian:12-slim\n",
             .peers = impl_image_untagged::kPeers,
             .references = impl_image_untagged::kReferences,
             .tags = impl_image_untagged::kTags},
    .check = for_format<model::DockerfileDoc, impl_image_untagged::check>,
};

}  // namespace lintel::rules::dockerfile
