// K8S002 image-untagged: a container image with neither a tag nor a digest.
//
// Every container is checked: regular, init (sidecar or not) and ephemeral. The tag is read from
// the last path component only (the OCI reference grammar), so `registry:5000/team/app` has a
// registry port and no tag, and is reported. An image holding a template or variable
// (`{{ .Values.image }}`, `${IMAGE}`, `$(IMAGE)`) cannot be judged and is skipped: the tag may
// well come from the renderer. A container with no `image` at all (a kustomize patch) is not
// this rule's business.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_image_untagged {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_14"},      {"kube-linter", "latest-tag"},
                             {"trivy", "KSV-0013"},          {"kics", "583053b7"},
                             {"polaris", "tagNotSpecified"}, {"kube-score", "container-image-tag"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/containers/images/#image-names",
    "https://kubernetes.io/docs/concepts/configuration/overview/#container-images",
};
constexpr std::string_view kTags[] = {"supply-chain", "reliability"};

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec&, const K8sContainer& c) {
    if (!c.image || c.image->unresolved || c.image->tag || c.image->digest) return;
    out.report(c.image->text.span,
               fmt::format("{} image \"{}\" has no tag or digest, so it floats to latest",
                           subject(obj, c), c.image->text.value));
  });
}

}  // namespace impl_image_untagged

extern const Rule image_untagged{
    .meta = {.id = "K8S002",
             .slug = "image-untagged",
             .severity = Severity::warning,
             .format = Format::kubernetes,
             .summary = "Container image has no tag or digest",
             .what = "Reports a container, init container or ephemeral container whose `image` "
                     "has neither a tag nor a digest (`image: redis`), which the runtime reads "
                     "as `redis:latest`. A registry port (`registry:5000/app`) is not a tag. "
                     "Templated images (`{{ .Values.image }}`, `${IMAGE}`) are skipped.",
             .why = "An untagged image is `latest`: each node pulls whatever the publisher "
                    "pushed last, so replicas of one Deployment can run different code and a "
                    "rollback does not restore the previous version.",
             .fix = "Add an explicit version tag (`redis:7.4.1`) or pin a digest "
                    "(`redis@sha256:…`).",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: cache\n"
                    "spec:\n"
                    "  containers:\n"
                    "    - name: redis\n"
                    "      image: redis\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: cache\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: redis\n"
                     "      image: redis:7.4.1\n",
             .peers = impl_image_untagged::kPeers,
             .references = impl_image_untagged::kReferences,
             .tags = impl_image_untagged::kTags},
    .check = for_format<model::K8sDoc, impl_image_untagged::check>,
};

}  // namespace lintel::rules::k8s
