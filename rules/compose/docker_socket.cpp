// DC009 docker-socket: a volume mounts the Docker daemon's socket into a container.
//
// The mount's host source (short syntax `SOURCE:TARGET[:MODE]` or long syntax `source:`), after
// interpolation and with redundant slashes removed, is `/var/run/docker.sock` or
// `/run/docker.sock` (the same file on current distributions). A read-only mount (`:ro`) is
// reported too: read-only applies to the socket file, not to the API behind it. A source with
// an unknown variable (`${DOCKER_SOCK}`) is not judged, but `${DOCKER_SOCK:-/var/run/docker.sock}`
// is. Reported on the volume entry.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_docker_socket {

constexpr PeerId kPeers[] = {{"kics", "d6355c88"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/engine/security/#docker-daemon-attack-surface",
    "https://docs.docker.com/reference/compose-file/services/#volumes",
    "CIS Docker Benchmark 5.31: Ensure that the Docker socket is not mounted inside any containers",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

// `//var/run//docker.sock/` → `/var/run/docker.sock`.
std::string squeeze_slashes(std::string_view path) {
  std::string out;
  for (const char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

bool is_docker_socket(std::string_view source) {
  if (!model::is_known(source)) return false;
  const std::string path = squeeze_slashes(source);
  return path == "/var/run/docker.sock" || path == "/run/docker.sock";
}

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_local(svc)) continue;
    for (const model::ComposeVolume& vol : svc.volumes) {
      if (vol.type == model::VolumeType::tmpfs || !is_docker_socket(vol.source)) continue;
      out.report(vol.span, fmt::format("{} mounts the Docker socket \"{}\"", service_label(svc),
                                       vol.source));
    }
  }
}

}  // namespace impl_docker_socket

extern const Rule docker_socket{
    .meta = {.id = "DC009",
             .slug = "docker-socket",
             .severity = Severity::error,
             .format = Format::compose,
             .summary = "Service mounts the Docker socket",
             .what = "Reports a volume, in short or long syntax, whose host source is "
                     "`/var/run/docker.sock` or `/run/docker.sock`, also through a variable "
                     "default and also when mounted read-only.",
             .why = "The Docker socket is the daemon's full API. Whoever can talk to it can "
                    "start a privileged container with the host's root filesystem mounted, so a "
                    "compromise of the service is a compromise of the host; `:ro` does not "
                    "change that.",
             .fix = "Avoid the mount. If the service really needs the API (a reverse proxy "
                    "discovering containers, a CI runner), put a filtering proxy such as "
                    "tecnativa/docker-socket-proxy between it and the socket and allow only the "
                    "endpoints it uses, or use a rootless daemon.",
             .bad = "services:\n"
                    "  proxy:\n"
                    "    image: traefik:v3.1\n"
                    "    volumes:\n"
                    "      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
             .good = "services:\n"
                     "  proxy:\n"
                     "    image: traefik:v3.1\n"
                     "    volumes:\n"
                     "      - ./traefik.yml:/etc/traefik/traefik.yml:ro\n",
             .peers = impl_docker_socket::kPeers,
             .references = impl_docker_socket::kReferences,
             .tags = impl_docker_socket::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::ComposeDoc, impl_docker_socket::check>,
};

}  // namespace lintel::rules::compose
