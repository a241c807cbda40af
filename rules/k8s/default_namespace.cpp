// K8S016 default-namespace: a namespaced object placed explicitly in the `default` namespace.
//
// Only an explicit `metadata.namespace: default` is reported, on its value. An object with no
// namespace is not: it goes wherever it is applied (`kubectl apply -n team`, a kustomization's
// `namespace:`, Argo CD's destination), which is the usual and recommended way to write
// reusable manifests; kube-linter's use-namespace (off by default) and Checkov CKV_K8S_21
// report that case too. Cluster-scoped kinds (Namespace, ClusterRole, Node, PersistentVolume,
// StorageClass, CustomResourceDefinition, webhook configurations…) ignore the field and are
// skipped, as are `List` wrappers.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_default_namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_21"},
                             {"kube-linter", "use-namespace"},
                             {"trivy", "KSV-0110"},
                             {"kics", "611ab018"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
    "CIS Kubernetes Benchmark: The default namespace should not be used",
};
constexpr std::string_view kTags[] = {"best-practice"};

void check(const K8sDoc& doc, Reporter& out) {
  for (const K8sObject& obj : doc.objects) {
    if (!obj.namespaced || !obj.namespace_ || obj.namespace_->value != "default") continue;
    if (obj.kind.value == "List") continue;
    out.report(obj.namespace_->span,
               fmt::format("{} is placed in the default namespace", obj.label()));
  }
}

}  // namespace impl_default_namespace

extern const Rule default_namespace{
    .meta = {.id = "K8S016",
             .slug = "default-namespace",
             .severity = Severity::info,
             .format = Format::kubernetes,
             .summary = "Object is placed in the default namespace",
             .what = "Reports a namespaced object whose `metadata.namespace` is `default`. "
                     "Objects without a namespace (set at apply time) and cluster-scoped kinds "
                     "are not reported.",
             .why = "The `default` namespace is where everything lands by accident: it mixes "
                    "unrelated workloads, usually has no resource quota, network policy or "
                    "Pod Security level of its own, and makes RBAC grants broader than "
                    "intended. A dedicated namespace per application is the unit of isolation "
                    "Kubernetes offers.",
             .fix = "Create a namespace for the application and set it in `metadata.namespace`, "
                    "or drop the field and choose the namespace when applying (`kubectl apply "
                    "-n`, a kustomization's `namespace:`).",
             .bad = "apiVersion: v1\n"
                    "kind: ConfigMap\n"
                    "metadata:\n"
                    "  name: settings\n"
                    "  namespace: default\n"
                    "data:\n"
                    "  mode: fast\n",
             .good = "apiVersion: v1\n"
                     "kind: ConfigMap\n"
                     "metadata:\n"
                     "  name: settings\n"
                     "  namespace: shop\n"
                     "data:\n"
                     "  mode: fast\n",
             .peers = impl_default_namespace::kPeers,
             .references = impl_default_namespace::kReferences,
             .tags = impl_default_namespace::kTags},
    .check = for_format<model::K8sDoc, impl_default_namespace::check>,
};

}  // namespace lintel::rules::k8s
