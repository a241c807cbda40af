// DC015 duplicate-port: two port mappings publish the same host port.
//
// Every mapping that binds fixed host ports is compared with every other in the project (this
// file's services, then those of `include:` files; within one service too). Two collide when:
// - their protocols are equal (`80/tcp` and `80/udp` coexist);
// - their host port ranges overlap (`8000-8010` and `8005`);
// - their host IPs can collide: equal, or one of them binds all interfaces (none, `0.0.0.0` for
//   IPv4, `::` for IPv6); `127.0.0.1:8080` and `10.0.0.5:8080` coexist;
// - the services can run together: services whose `profiles` are both set and disjoint are
//   never started together (a `dev` and a `prod` variant of one service).
// Not compared: ports published only on the container side (`"80"`, `"127.0.0.1::80"`), a host
// range for a single container port (Docker picks one free port from it), and mappings with an
// unknown variable. The later mapping is reported (dclint reports the later service too), or
// the one in this file when the other comes from an included file.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_duplicate_port {

constexpr PeerId kPeers[] = {{"dclint", "no-duplicate-exported-ports"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#ports",
};
constexpr std::string_view kTags[] = {"reliability"};

bool is_ipv6(std::string_view ip) { return ip.find(':') != std::string_view::npos; }

bool ips_collide(std::string_view a, std::string_view b) {
  if (a == b || a.empty() || b.empty()) return true;
  if (a == "0.0.0.0") return !is_ipv6(b);
  if (b == "0.0.0.0") return !is_ipv6(a);
  if (a == "::") return is_ipv6(b);
  if (b == "::") return is_ipv6(a);
  return false;
}

bool is_comparable(const model::ComposePort& p) {
  return !p.unresolved && p.binds_fixed_host_ports();
}

bool collide(const model::ComposePort& a, const model::ComposePort& b) {
  return a.protocol == b.protocol && *a.host_first <= *b.host_last &&
         *b.host_first <= *a.host_last && ips_collide(a.host_ip, b.host_ip);
}

std::string port_text(const model::ComposePort& p) {
  std::string s = p.host_ip.empty() ? std::string() : p.host_ip + ":";
  s += p.published;
  return s + "/" + p.protocol;
}

// The mapping `mine` collides with and that counts as earlier, or null.
const model::ComposePort* earlier_collision(const ComposeDoc& doc, std::size_t svc_index,
                                            std::size_t port_index, const ComposeService** owner) {
  const ComposeService& svc = doc.services[svc_index];
  const model::ComposePort& mine = svc.ports[port_index];
  for (std::size_t k = 0; k < doc.services.size(); ++k) {
    const ComposeService& other = doc.services[k];
    const bool earlier_service = k < svc_index || other.included;
    if (!earlier_service && k != svc_index) continue;
    if (k != svc_index && !can_run_together(svc, other)) continue;
    const std::size_t limit = k == svc_index ? port_index : other.ports.size();
    for (std::size_t l = 0; l < limit; ++l) {
      const model::ComposePort& theirs = other.ports[l];
      if (!is_comparable(theirs) || !collide(mine, theirs)) continue;
      *owner = &other;
      return &theirs;
    }
  }
  return nullptr;
}

void check(const ComposeDoc& doc, Reporter& out) {
  for (std::size_t i = 0; i < doc.services.size(); ++i) {
    const ComposeService& svc = doc.services[i];
    if (!is_local(svc)) continue;
    for (std::size_t j = 0; j < svc.ports.size(); ++j) {
      const model::ComposePort& port = svc.ports[j];
      if (!is_comparable(port)) continue;
      const ComposeService* owner = nullptr;
      const model::ComposePort* theirs = earlier_collision(doc, i, j, &owner);
      if (theirs == nullptr) continue;
      const std::string by = owner == &svc ? std::string("this service")
                                           : service_label(*owner);
      out.report(port.span,
                 fmt::format("{} publishes host port \"{}\", already published by {} (\"{}\")",
                             service_label(svc), port_text(port), by, port_text(*theirs)));
    }
  }
}

}  // namespace impl_duplicate_port

extern const Rule duplicate_port{
    .meta = {.id = "DC015",
             .slug = "duplicate-port",
             .severity = Severity::error,
             .format = Format::compose,
             .summary = "Two services publish the same host port",
             .what = "Reports a port mapping whose host port (or range) overlaps one published "
                     "earlier in the project, for the same protocol and a colliding host IP, in "
                     "short or long syntax, including services from `include:` files. Ports "
                     "published only on the container side, mappings with unknown variables and "
                     "services in disjoint `profiles` are not compared.",
             .why = "Only one container can bind a host port on an interface: the second "
                    "service fails to start with \"port is already allocated\", usually only "
                    "when the whole stack is brought up on a fresh host.",
             .fix = "Give each service its own host port (`8081:80`), bind them to different "
                    "host IPs, or drop the host side (`\"80\"`) for services only reached by "
                    "other containers on the Compose network.",
             .bad = "services:\n"
                    "  web:\n"
                    "    image: nginx:1.27\n"
                    "    ports:\n"
                    "      - \"8080:80\"\n"
                    "  admin:\n"
                    "    image: example/admin:1.0\n"
                    "    ports:\n"
                    "      - \"8080:3000\"\n",
             .good = "services:\n"
                     "  web:\n"
                     "    image: nginx:1.27\n"
                     "    ports:\n"
                     "      - \"8080:80\"\n"
                     "  admin:\n"
                     "    image: example/admin:1.0\n"
                     "    ports:\n"
                     "      - \"8081:3000\"\n",
             .peers = impl_duplicate_port::kPeers,
             .references = impl_duplicate_port::kReferences,
             .tags = impl_duplicate_port::kTags},
    .check = for_format<model::ComposeDoc, impl_duplicate_port::check>,
};

}  // namespace lintel::rules::compose
