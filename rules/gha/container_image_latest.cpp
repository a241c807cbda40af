// GHA007 container-image-latest: a job container or service image that floats.
//
// Reported: a job's `container` image and each `services` image whose tag is `latest` or that
// has no tag (which Docker reads as `latest`), unless a digest pins it (`@sha256:…`). Images
// split OCI-style by the parser, so a registry port (`localhost:5000/app`) is not a tag.
// Not reported: images with an expression (`${{ matrix.image }}`), which cannot be known, and
// empty values. Step-level `docker://` actions belong to GHA001.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_container_image_latest {

constexpr PeerId kPeers[] = {{"zizmor", "unpinned-images"}};
constexpr std::string_view kReferences[] = {
    "https://docs.github.com/actions/writing-workflows/choosing-where-your-workflow-runs/"
    "running-jobs-in-a-container",
    "https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier",
};
constexpr std::string_view kTags[] = {"reliability", "supply-chain"};

void check_image(const mg::Container& c, std::string_view what, Reporter& out) {
  if (!c.image || !c.image_ref || c.image_ref->digest) return;
  if (!c.image_ref->tag) {
    out.report(c.image->span,
               fmt::format("{} image \"{}\" has no tag and pulls latest", what, c.image->value));
  } else if (*c.image_ref->tag == "latest") {
    out.report(c.image->span,
               fmt::format("{} image \"{}\" uses the mutable tag latest", what, c.image->value));
  }
}

void check(const WorkflowDoc& doc, Reporter& out) {
  for (const mg::Job& job : doc.jobs) {
    if (job.container) check_image(*job.container, fmt::format("{} container", job_label(job)), out);
    for (const mg::Service& s : job.services)
      check_image(s.container, fmt::format("{} service \"{}\"", job_label(job), s.name.value), out);
  }
}

}  // namespace impl_container_image_latest

extern const Rule container_image_latest{
    .meta = {.id = "GHA007",
             .slug = "container-image-latest",
             .severity = Severity::error,
             .format = Format::actions,
             .summary = "Job container or service image uses latest or no tag",
             .what = "Reports a job `container:` image or a `services:` image that has the tag "
                     "`latest` or no tag at all, and no digest. Images given by an expression "
                     "(`${{ matrix.image }}`) are not reported.",
             .why = "`latest` moves with every release of the image: the job runs on a different "
                    "system from one run to the next, so a passing build can break without any "
                    "change in the repository, and whoever controls the tag controls what runs "
                    "next to the job's secrets.",
             .fix = "Pin a version tag (`postgres:16.4`), or a digest for full immutability "
                    "(`postgres:16.4@sha256:…`), and let Dependabot or Renovate propose updates.",
             .bad = "on: push\n"
                    "jobs:\n"
                    "  test:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    container: node:latest\n"
                    "    steps:\n"
                    "      - run: npm test\n",
             .good = "on: push\n"
                     "jobs:\n"
                     "  test:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    container: node:22.11-bookworm\n"
                     "    steps:\n"
                     "      - run: npm test\n",
             .peers = impl_container_image_latest::kPeers,
             .references = impl_container_image_latest::kReferences,
             .tags = impl_container_image_latest::kTags},
    .check = for_format<WorkflowDoc, impl_container_image_latest::check>,
};

}  // namespace lintel::rules::gha
