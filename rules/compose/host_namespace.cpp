// DC010 host-namespace: a service shares a namespace with the host.
//
// `network_mode: host`, `pid: host`, `ipc: host`, and `userns_mode: host` (which turns off user
// namespace remapping), after interpolation; values with an unknown variable are not judged.
// `network_mode: service:x` / `container:x` share with another container, not the host, and are
// not reported. Reported on each value.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_host_namespace {

constexpr PeerId kPeers[] = {{"kics", "071a71ff"},
                             {"kics", "4f31dd9f"},
                             {"kics", "baa3890f"},
                             {"kics", "8af7162d"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#network_mode",
    "https://docs.docker.com/reference/compose-file/services/#pid",
    "https://docs.docker.com/reference/compose-file/services/#ipc",
    "CIS Docker Benchmark 5.9: Ensure that the host's network namespace is not shared",
    "CIS Docker Benchmark 5.15: Ensure that the host's process namespace is not shared",
    "CIS Docker Benchmark 5.16: Ensure that the host's IPC namespace is not shared",
};
constexpr std::string_view kTags[] = {"security"};

void report_host(const ComposeService& svc, const std::optional<ComposeValue>& value,
                 std::string_view field, std::string_view what, Reporter& out) {
  if (!value || !value->resolved || dockerfile::ascii_lower(*value->resolved) != "host") return;
  out.report(value->pair_span(),
             fmt::format("{} shares the host's {} ({}: host)", service_label(svc), what, field));
}

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_local(svc)) continue;
    report_host(svc, svc.network_mode, "network_mode", "network namespace", out);
    report_host(svc, svc.pid, "pid", "process namespace", out);
    report_host(svc, svc.ipc, "ipc", "IPC namespace", out);
    report_host(svc, svc.userns_mode, "userns_mode", "user namespace", out);
  }
}

}  // namespace impl_host_namespace

extern const Rule host_namespace{
    .meta = {.id = "DC010",
             .slug = "host-namespace",
             .severity = Severity::error,
             .format = Format::compose,
             .summary = "Service shares a host namespace",
             .what = "Reports `network_mode: host`, `pid: host`, `ipc: host` and "
                     "`userns_mode: host` on a service.",
             .why = "Namespaces are what separate a container from the host. With the host's "
                    "network a container can bind any host port and reach services listening on "
                    "localhost; with its PID namespace it can see and signal every host process "
                    "and read their environment; with its IPC namespace it can read shared "
                    "memory of host processes.",
             .fix = "Remove the setting. Publish ports with `ports:` instead of the host "
                    "network, and share namespaces with a specific container "
                    "(`network_mode: service:vpn`, `pid: service:app`) when a sidecar needs them.",
             .bad = "services:\n"
                    "  exporter:\n"
                    "    image: prom/node-exporter:v1.8.2\n"
                    "    network_mode: host\n"
                    "    pid: host\n",
             .good = "services:\n"
                     "  exporter:\n"
                     "    image: prom/node-exporter:v1.8.2\n"
                     "    ports:\n"
                     "      - \"127.0.0.1:9100:9100\"\n",
             .peers = impl_host_namespace::kPeers,
             .references = impl_host_namespace::kReferences,
             .tags = impl_host_namespace::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::ComposeDoc, impl_host_namespace::check>,
};

}  // namespace lintel::rules::compose
