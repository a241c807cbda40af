// DC001 image-latest-tag: a service pulls an image by the mutable tag `latest`.
//
// The tag is read from the interpolated reference, so `app:${TAG:-latest}` is reported (the
// default is what the file says the tag is) while `app:${TAG}` with no known value is not.
// A variable elsewhere in the reference does not hide a literal tag: `${REGISTRY}/app:latest` is
// reported. A digest pins the image whatever the tag says (`app:latest@sha256:…`).
// Not reported: services with `build:`. There `image:` names the image Compose builds (and
// tags) rather than one it pulls, so its tag is a naming choice, not a floating dependency.
// dclint's service-image-require-explicit-tag also rejects stable, edge, nightly…; lintel
// reports only `latest` here and the missing tag in DC002.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_image_latest_tag {

constexpr PeerId kPeers[] = {{"dclint", "service-image-require-explicit-tag"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#image",
    "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
    "https://cwe.mitre.org/data/definitions/1357.html",
};
constexpr std::string_view kTags[] = {"supply-chain", "best-practice"};

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_local(svc) || !svc.image || svc.build) continue;
    const model::ComposeImage& image = *svc.image;
    if (image.digest || !image.tag || *image.tag != "latest") continue;
    const ComposeValue& ref = image.ref;
    if (ref.interpolated) {
      out.report(ref.text.span,
                 fmt::format("{} image \"{}\" resolves to the mutable tag latest",
                             service_label(svc), ref.text.value));
    } else {
      out.report(ref.text.span, fmt::format("{} uses image \"{}\" with the mutable tag latest",
                                            service_label(svc), ref.text.value));
    }
  }
}

}  // namespace impl_image_latest_tag

extern const Rule image_latest_tag{
    .meta = {.id = "DC001",
             .slug = "image-latest-tag",
             .severity = Severity::error,
             .format = Format::compose,
             .summary = "Service image uses the latest tag",
             .what = "Reports a service whose `image:` has the tag `latest` and no digest, "
                     "after variable interpolation: `image: app:${TAG:-latest}` is reported "
                     "through its default. A tag that depends on a variable with no known value "
                     "is not judged. Services with `build:` are skipped, since their `image:` "
                     "names the image Compose builds.",
             .why = "`latest` is whatever was pushed last: two `docker compose pull` runs a day "
                    "apart can start different software, a rollback cannot return to the "
                    "previous version, and a compromised or broken upstream push reaches you "
                    "without any change on your side.",
             .fix = "Pin a version tag (`postgres:16.4`) or, better, a digest "
                    "(`postgres:16.4@sha256:…`), and update it deliberately, for example with "
                    "Renovate or Dependabot. If the tag comes from a variable, give it a "
                    "versioned default: `${TAG:-1.4.2}`.",
             .bad = "services:\n"
                    "  db:\n"
                    "    image: postgres:latest\n",
             .good = "services:\n"
                     "  db:\n"
                     "    image: postgres:16.4\n",
             .peers = impl_image_latest_tag::kPeers,
             .references = impl_image_latest_tag::kReferences,
             .tags = impl_image_latest_tag::kTags},
    .check = for_format<model::ComposeDoc, impl_image_latest_tag::check>,
};

}  // namespace lintel::rules::compose
