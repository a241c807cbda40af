// K8S010 writable-root-fs: `readOnlyRootFilesystem` not set to true.
//
// The field is container-only and defaults to false. An absent field is reported on the
// container's `securityContext` key (or the container), an explicit false on its value. Every
// container is checked: regular, init and ephemeral. Not judged: unknown values (templates),
// Windows pods (`os.name: windows`, which do not support the field), and, for an absent field,
// containers without an `image` (kustomize patches) and documents cut short by a parse error.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_writable_root_fs {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_22"},
                             {"kube-linter", "no-read-only-root-fs"},
                             {"trivy", "KSV-0014"},
                             {"kics", "a9c2f49d"},
                             {"polaris", "notReadOnlyRootFilesystem"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
    "https://cwe.mitre.org/data/definitions/732.html",
};
constexpr std::string_view kTags[] = {"security"};

void check_container(const K8sObject& obj, const K8sContainer& c, Reporter& out) {
  const auto& field = c.effective.read_only_root_filesystem;
  if (is_true(field) || is_unknown(field)) return;
  if (field) {
    out.report(field->span,
               fmt::format("{} has a writable root filesystem (readOnlyRootFilesystem: {})",
                           subject(obj, c), field->text));
    return;
  }
  if (!is_judgeable(obj, c) || !c.security_context.known) return;
  out.report(security_anchor(c),
             fmt::format("{} does not set readOnlyRootFilesystem: true", subject(obj, c)));
}

void check(const K8sDoc& doc, Reporter& out) {
  for_each_container(doc, [&](const K8sObject& obj, const K8sPodSpec& pod, const K8sContainer& c) {
    if (!pod.is_windows()) check_container(obj, c, out);
  });
}

}  // namespace impl_writable_root_fs

extern const Rule writable_root_fs{
    .meta = {.id = "K8S010",
             .slug = "writable-root-fs",
             .severity = Severity::warning,
             .format = Format::kubernetes,
             .summary = "Container root filesystem is writable",
             .what = "Reports each container, init container and ephemeral container whose "
                     "`securityContext.readOnlyRootFilesystem` is not true (absent or false). "
                     "Templated values and Windows pods are not judged.",
             .why = "A writable root filesystem lets an intruder drop tools, replace binaries "
                    "or plant persistence inside the running container, and lets a buggy "
                    "process fill the node's disk. A read-only root makes the image the only "
                    "code the container can run.",
             .fix = "Set `readOnlyRootFilesystem: true` and mount an `emptyDir` volume at each "
                    "path the application really writes to (`/tmp`, a cache directory).",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: web\n"
                    "spec:\n"
                    "  containers:\n"
                    "    - name: web\n"
                    "      image: nginx:1.27.2\n"
                    "      securityContext:\n"
                    "        readOnlyRootFilesystem: false\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: web\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: web\n"
                     "      image: nginx:1.27.2\n"
                     "      securityContext:\n"
                     "        readOnlyRootFilesystem: true\n"
                     "      volumeMounts:\n"
                     "        - name: tmp\n"
                     "          mountPath: /tmp\n"
                     "  volumes:\n"
                     "    - name: tmp\n"
                     "      emptyDir: {}\n",
             .peers = impl_writable_root_fs::kPeers,
             .references = impl_writable_root_fs::kReferences,
             .tags = impl_writable_root_fs::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::K8sDoc, impl_writable_root_fs::check>,
};

}  // namespace lintel::rules::k8s
