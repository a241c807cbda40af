// DF001 image-latest-tag: a base image pinned to the mutable tag `latest`.
//
// Every stage's FROM is looked at. The tag is the model's, taken after ARG substitution, so
// `ARG BASE=python:latest` + `FROM $BASE` is reported (the message shows what it resolved to).
// A digest pins the image even when the tag says latest (`img:latest@sha256:…`), like hadolint
// DL3007. Stage references and `scratch` have no tag. A tag that still holds an unresolved
// variable (`FROM python:${TAG}` with no default) is not reported: its value is unknown. The tag
// compare is case-sensitive, as OCI tags are (`python:LATEST` is another tag).
// Only FROM is checked: `COPY --from=img:latest` and `RUN --mount=from=` are left to DF033's
// registry logic, as in hadolint.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_image_latest_tag {

constexpr PeerId kPeers[] = {{"hadolint", "DL3007"},
                             {"checkov", "CKV_DOCKER_7"},
                             {"kics", "f45ea400"},
                             {"trivy", "DS-0001"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#from",
    "https://docs.docker.com/reference/dockerfile/#from",
    "https://github.com/hadolint/hadolint/wiki/DL3007",
};
constexpr std::string_view kTags[] = {"supply-chain", "best-practice"};

// A digest pins the image even when the tag says "latest", so it is not a finding.
bool is_floating_latest(const model::ImageRef& image) {
  return !image.digest && image.tag && *image.tag == "latest";
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const model::Stage& stage : doc.stages) {
    const model::ImageRef& image = stage.image;
    if (image.is_scratch || names_earlier_stage(doc, stage)) continue;
    if (!is_floating_latest(image)) continue;
    if (image.resolved.empty() || image.resolved == image.text.value) {
      out.report(image.text.span,
                 fmt::format("base image \"{}\" uses the mutable tag latest", image.text.value));
    } else {
      out.report(image.text.span,
                 fmt::format("base image \"{}\" resolves to \"{}\", which uses the mutable tag latest",
                             image.text.value, image.resolved));
    }
  }
}

}  // namespace impl_image_latest_tag

extern const Rule image_latest_tag{
    .meta = {.id = "DF001",
             .slug = "image-latest-tag",
             .severity = Severity::error,
             .format = Format::dockerfile,
             .summary = "Base image uses the latest tag",
             .what = "Reports a `FROM` whose image tag is `latest`, after `ARG` defaults are "
                     "substituted (`ARG BASE=node:latest` then `FROM $BASE`). An image pinned by "
                     "digest (`node:latest@sha256:…`), `scratch` and references to earlier build "
                     "stages are not reported.",
             .why = "`latest` is an ordinary tag that the publisher moves with every release. "
                    "The same Dockerfile then builds a different image from one day to the next: "
                    "builds stop being reproducible, a major-version upgrade arrives unannounced, "
                    "and a rollback to yesterday's Dockerfile does not bring yesterday's image back.",
             .fix = "Pin the base image to a specific version tag, such as `node:22.11-alpine3.20`, "
                    "or better to a digest (`node:22.11-alpine3.20@sha256:…`) and let a dependency "
                    "bot such as Renovate or Dependabot propose updates.",
             .bad = "FROM python:latest\n",
             .good = "FROM python:3.12-slim\n",
             .peers = impl_image_latest_tag::kPeers,
             .references = impl_image_latest_tag::kReferences,
             .tags = impl_image_latest_tag::kTags},
    .check = for_format<model::DockerfileDoc, impl_image_latest_tag::check>,
};

}  // namespace lintel::rules::dockerfile
