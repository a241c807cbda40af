// K8S014 host-path: a pod volume that mounts a path of the node (`hostPath`).
//
// One finding per hostPath volume, on its `path` value (or the `hostPath` value when it has no
// path), naming the volume and the path. The container runtime's socket gets its own message:
// `docker.sock`, `containerd.sock`, `crio.sock`, `cri-dockerd.sock` and `podman.sock`, and the
// directories that hold them (`/run`, `/var/run`, `/run/containerd`, `/var/run/crio`…), since
// whoever can talk to the runtime can start a privileged container on the node. The rule's
// severity is warning: lintel's reports carry no per-finding severity yet, so the socket case
// says "container runtime socket" in its message instead of being raised to error. Paths are
// compared after removing trailing slashes; a templated path is still a hostPath volume and is
// reported as written.
#include "rules/k8s/common.hpp"

namespace lintel::rules::k8s {
namespace impl_host_path {

constexpr PeerId kPeers[] = {
    {"checkov", "CKV_K8S_27"},      {"kube-linter", "sensitive-host-mounts"},
    {"kube-linter", "docker-sock"}, {"trivy", "KSV-0023"},
    {"trivy", "KSV-0006"},          {"kics", "aa8f7a35"},
    {"kics", "a6f34658"},           {"polaris", "hostPathSet"}};
constexpr std::string_view kReferences[] = {
    "https://kubernetes.io/docs/concepts/storage/volumes/#hostpath",
    "https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline",
    "https://cwe.mitre.org/data/definitions/668.html",
};
constexpr std::string_view kTags[] = {"security"};

constexpr std::string_view kSockets[] = {"docker.sock", "containerd.sock", "crio.sock",
                                         "cri-dockerd.sock", "podman.sock"};
constexpr std::string_view kSocketDirs[] = {
    "/run",      "/var/run",      "/run/containerd", "/var/run/containerd",
    "/run/crio", "/var/run/crio", "/run/docker",     "/var/run/docker"};

std::string_view trim_slashes(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path;
}

bool is_runtime_socket(std::string_view path) {
  path = trim_slashes(path);
  for (const std::string_view dir : kSocketDirs)
    if (path == dir) return true;
  const std::size_t slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (const std::string_view socket : kSockets)
    if (base == socket) return true;
  return false;
}

void check(const K8sDoc& doc, Reporter& out) {
  for_each_pod(doc, [&](const K8sObject& obj, const K8sPodSpec& pod) {
    for (const model::K8sVolume& volume : pod.volumes) {
      if (!volume.host_path) continue;
      const auto& path = *volume.host_path;
      const std::string name =
          volume.name ? fmt::format("volume \"{}\"", volume.name->value) : "a volume";
      if (path.text.empty()) {
        out.report(path.span, fmt::format("{} {} mounts a path of the host", obj.label(), name));
      } else if (is_runtime_socket(path.text)) {
        out.report(path.span, fmt::format("{} {} mounts the container runtime socket \"{}\" from "
                                          "the host",
                                          obj.label(), name, path.text));
      } else {
        out.report(path.span,
                   fmt::format("{} {} mounts the host path \"{}\"", obj.label(), name, path.text));
      }
    }
  });
}

}  // namespace impl_host_path

extern const Rule host_path{
    .meta = {.id = "K8S014",
             .slug = "host-path",
             .severity = Severity::warning,
             .format = Format::kubernetes,
             .summary = "Pod mounts a path of the host node",
             .what = "Reports each `hostPath` volume of a pod spec, naming the volume and the "
                     "path. A container runtime socket (`/var/run/docker.sock`, "
                     "`/run/containerd/containerd.sock`, `crio.sock`, or a directory that holds "
                     "one such as `/var/run`) is called out in the message.",
             .why = "A hostPath volume gives the pod the node's files: logs and credentials of "
                    "other pods, the kubelet's configuration, or with a writable mount the "
                    "ability to change the node itself. A container runtime socket is the worst "
                    "case: through it the pod can start a privileged container and own the "
                    "node.",
             .fix = "Use a `persistentVolumeClaim`, `emptyDir`, `configMap` or `secret` volume "
                    "instead. When a node agent really needs host files, mount the narrowest "
                    "path `readOnly: true` and suppress the finding with the reason.",
             .bad = "apiVersion: v1\n"
                    "kind: Pod\n"
                    "metadata:\n"
                    "  name: builder\n"
                    "spec:\n"
                    "  containers:\n"
                    "    - name: builder\n"
                    "      image: docker:27.3\n"
                    "  volumes:\n"
                    "    - name: docker\n"
                    "      hostPath:\n"
                    "        path: /var/run/docker.sock\n",
             .good = "apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  name: builder\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: builder\n"
                     "      image: docker:27.3\n"
                     "  volumes:\n"
                     "    - name: work\n"
                     "      emptyDir: {}\n",
             .peers = impl_host_path::kPeers,
             .references = impl_host_path::kReferences,
             .tags = impl_host_path::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::K8sDoc, impl_host_path::check>,
};

}  // namespace lintel::rules::k8s
