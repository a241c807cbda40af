// DC002 image-untagged: a service pulls an image without a tag or digest, which means latest.
//
// Judged on the interpolated reference. A variable that could supply the tag keeps the rule
// silent (`image: ${IMAGE}`, `image: app${SUFFIX}`), but one in the registry or an earlier path
// component cannot (`image: ${REGISTRY}/app` is reported).
// Decision: services with `build:` are not reported. An `image:` next to `build:` names the
// image Compose builds and tags locally (docs: "Compose builds the image and tags it with the
// name specified in image"); an untagged name there just means the local tag `latest` and pulls
// nothing. dclint's service-image-require-explicit-tag reports those too; lintel does not.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_image_untagged {

constexpr PeerId kPeers[] = {{"dclint", "service-image-require-explicit-tag"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#image",
    "https://docs.docker.com/reference/compose-file/build/#using-build-and-image",
    "https://cwe.mitre.org/data/definitions/1357.html",
};
constexpr std::string_view kTags[] = {"supply-chain", "best-practice"};

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_local(svc) || !svc.image || svc.build) continue;
    if (!svc.image->is_untagged()) continue;
    const ComposeValue& ref = svc.image->ref;
    out.report(ref.text.span,
               fmt::format("{} uses image \"{}\" without a tag or digest, which pulls latest",
                           service_label(svc), ref.text.value));
  }
}

}  // namespace impl_image_untagged

extern const Rule image_untagged{
    .meta = {.id = "DC002",
             .slug = "image-untagged",
             .severity = Severity::warning,
             .format = Format::compose,
             .summary = "Service image has no tag or digest",
             .what = "Reports a service whose `image:` has neither a tag nor a digest "
                     "(`image: redis`), after variable interpolation. A reference whose tag "
                     "could come from a variable with no known value is not judged. Services "
                     "with `build:` are skipped: there `image:` names the image Compose builds "
                     "and tags locally.",
             .why = "An image without a tag is pulled as `latest`, so the version that runs "
                    "depends on when the image was pulled: deployments are not reproducible and "
                    "an upstream release can break or compromise the service without any "
                    "change to the file.",
             .fix = "Add an explicit version tag (`redis:7.4`), or a digest for full "
                    "reproducibility (`redis:7.4@sha256:…`).",
             .bad = "services:\n"
                    "  cache:\n"
                    "    image: redis\n",
             .good = "services:\n"
                     "  cache:\n"
                     "    image: redis:7.4\n",
             .peers = impl_image_untagged::kPeers,
             .references = impl_image_untagged::kReferences,
             .tags = impl_image_untagged::kTags},
    .check = for_format<model::ComposeDoc, impl_image_untagged::check>,
};

}  // namespace lintel::rules::compose
