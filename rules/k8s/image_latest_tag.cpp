// K8S001 image-latest-tag: a container image that uses the `latest` tag.
//
// Every container is checked: regular, init (sidecar or not) and ephemeral. A digest pins the
// image even when the tag says latest (`nginx:latest@sha256:…`: the runtime pulls by digest), so
// that is not reported. Tags are case-sensitive: `LATEST` is some other tag. The tag is read
// from the last path component, so `registry:5000/app` has a port, not a tag. An image holding
// a template or variable (`{{ .Values.image }}`, `${IMAGE}`) cannot be judged and is skipped.
// A reference with no tag at all also means latest, but that is K8S002's finding.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_image_latest_tag {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_14"},      {"kube-linter", "latest-tag"},
                             {"trivy", "KSV-0013"},          {"kics", "583053b7"},
                             {"polaris", "tagNotSpecified"}, {"kube-score", "container-image-tag"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/containers/images/#image-names",
    "https://kubernetes.io/docs/concepts/configuration/overview/#container-images",
    "https://cwe.mitre.org/data/definitions/1357.html",
};
constexpr std::string_view kTags[] = {"supply-chain", "reliability"};

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec&, const K8sContainer& c) {
    if (!c.image || c.image->unresolved || c.image->digest) return;
    if (c.image->tag != "latest") return;
    out.report(c.image->text.span, fmt::format("{} image \"{}\" uses the mutable tag latest",
                                               subject(obj, c), c.image->text.value));
  });
}

}  // namespace impl_image_latest_tag

extern const Rule image_latest_tag{
    .meta = {.id = "K8S001",
             .slug = "image-latest-tag",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "Container image uses the latest tag",
             .what = "Reports a container, init container or ephemeral container whose `image` "
                     "has the tag `latest` and no digest, in every pod template of the file "
                     "(Pods, workloads, CronJobs, PodTemplates, `List` items and custom "
                     "resources with `spec.template.spec`). An image pinned by digest is not "
                     "reported even if it also says `latest`; templated images "
                     "(`{{ .Values.image }}`, `${IMAGE}`) are skipped.",
             .why = "`latest` is whatever was pushed last. Two nodes can run different code "
                    "for the same pod, a rollback redeploys the broken image, and with the "
                    "default `imagePullPolicy: Always` for `latest` a registry outage stops new "
                    "pods from starting.",
             .fix = "Use an immutable version tag (`nginx:1.27.2`), or pin the digest "
                    "(`nginx:1.27.2@sha256:…`) and let a tool such as Renovate update it.",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: web\n"
                    "spec:\n"
                    "  containers:\n"
                    "    - name: web\n"
                    "      image: nginx:latest\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: web\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: web\n"
                     "      image: nginx:1.27.2\n",
             .peers = impl_image_latest_tag::kPeers,
             .references = impl_image_latest_tag::kReferences,
             .tags = impl_image_latest_tag::kTags},
    .check = for_format<model::K8sDoc, impl_image_latest_tag::check>,
};

}  // namespace lintel::rules::k8s
