// DC011 dangerous-capability: `cap_add` grants a capability that breaks container isolation.
//
// ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE and SYS_MODULE, compared case-insensitively and with an
// optional `CAP_` prefix (Docker accepts `cap_sys_admin`). Each is reported on its list item;
// values with an unknown variable are not judged. Other added capabilities (NET_BIND_SERVICE,
// CHOWN…) are routine and not reported.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_dangerous_capability {

constexpr PeerId kPeers[] = {{"kics", "ce76b7d0"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#cap_add",
    "https://man7.org/linux/man-pages/man7/capabilities.7.html",
    "CIS Docker Benchmark 5.3: Ensure that Linux kernel capabilities are restricted within "
    "containers",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

constexpr std::string_view kDangerous[] = {"ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE",
                                           "SYS_MODULE"};

std::string normalized_capability(std::string_view cap) {
  std::string upper(cap);
  for (char& c : upper)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (upper.starts_with("CAP_")) upper.erase(0, 4);
  return upper;
}

bool is_dangerous(std::string_view cap) {
  for (const std::string_view d : kDangerous)
    if (d == cap) return true;
  return false;
}

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_local(svc)) continue;
    for (const ComposeValue& cap : svc.cap_add) {
      if (!cap.resolved || !is_dangerous(normalized_capability(*cap.resolved))) continue;
      out.report(cap.text.span, fmt::format("{} adds the capability \"{}\"", service_label(svc),
                                            cap.text.value));
    }
  }
}

}  // namespace impl_dangerous_capability

extern const Rule dangerous_capability{
    .meta = {.id = "DC011",
             .slug = "dangerous-capability",
             .severity = Severity::warning,
             .format = Format::compose,
             .summary = "Service adds a dangerous Linux capability",
             .what = "Reports `cap_add` entries ALL, SYS_ADMIN, NET_ADMIN, SYS_PTRACE and "
                     "SYS_MODULE, in any case and with or without the `CAP_` prefix.",
             .why = "These capabilities undo most of a container's isolation: SYS_ADMIN allows "
                    "mounts and many kernel interfaces, SYS_MODULE loads kernel modules, "
                    "SYS_PTRACE inspects other processes, NET_ADMIN reconfigures networking and "
                    "firewalls, and ALL grants all of them. Each is a documented path to "
                    "escaping to the host.",
             .fix = "Drop the capability, or replace it with the narrow one the service needs "
                    "(NET_BIND_SERVICE to bind ports below 1024, NET_RAW for ping). Combine with "
                    "`cap_drop: [ALL]` so the service starts from no capabilities.",
             .bad = "services:\n"
                    "  vpn:\n"
                    "    image: example/vpn:1.0\n"
                    "    cap_add:\n"
                    "      - SYS_ADMIN\n",
             .good = "services:\n"
                     "  vpn:\n"
                     "    image: example/vpn:1.0\n"
                     "    cap_drop:\n"
                     "      - ALL\n"
                     "    cap_add:\n"
                     "      - NET_BIND_SERVICE\n",
             .peers = impl_dangerous_capability::kPeers,
             .references = impl_dangerous_capability::kReferences,
             .tags = impl_dangerous_capability::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::ComposeDoc, impl_dangerous_capability::check>,
};

}  // namespace lintel::rules::compose
