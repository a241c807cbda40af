// DF027 invalid-port: EXPOSE names a port Docker cannot open.
//
// Reads the model's ports and reports, on the port's text: a number above 65535 (0 is accepted,
// as hadolint DL3011 does), a range whose end is below its start (`8010-8000`), a value that is
// not a number or range at all (`EXPOSE http`), and a protocol other than tcp, udp or sctp
// (`80/tpc`), which `docker build` rejects. A port that holds a variable is judged on its value
// when the parser resolved it and skipped when it did not (`EXPOSE $PORT` with no default).
// `ONBUILD EXPOSE` is checked too.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_invalid_port {

constexpr PeerId kPeers[] = {{"hadolint", "DL3011"}, {"kics", "71bf8cf8"}, {"trivy", "DS-0008"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#expose",
    "https://github.com/hadolint/hadolint/wiki/DL3011",
};
constexpr std::string_view kTags[] = {"correctness"};

constexpr std::uint64_t kMaxPort = 65535;

bool is_known_protocol(std::string_view protocol) {
  return protocol.empty() || equals_ignore_case(protocol, "tcp") ||
         equals_ignore_case(protocol, "udp") || equals_ignore_case(protocol, "sctp");
}

void check_port(const model::PortSpec& port, Reporter& out) {
  const std::string& text = port.text.value;
  if (!port.first) {
    if (port.has_variable) return;
    out.report(port.text.span, fmt::format("EXPOSE \"{}\" is not a port number or range", text));
    return;
  }
  const std::uint64_t first = *port.first;
  const std::uint64_t last = port.last.value_or(first);
  if (first > kMaxPort || last > kMaxPort) {
    out.report(port.text.span,
               fmt::format("EXPOSE \"{}\" is outside the valid port range 0-65535", text));
  } else if (last < first) {
    out.report(port.text.span,
               fmt::format("EXPOSE \"{}\" is a range whose end is below its start", text));
  } else if (!is_known_protocol(port.protocol)) {
    out.report(port.text.span,
               fmt::format("EXPOSE \"{}\" names the protocol \"{}\"; Docker knows tcp, udp and sctp",
                           text, port.protocol));
  }
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_instruction(doc, [&out](const Instruction& ins) {
    if (ins.kind != InstructionKind::expose) return;
    for (const model::PortSpec& port : ins.ports) check_port(port, out);
  });
}

}  // namespace impl_invalid_port

extern const Rule invalid_port{
    .meta = {.id = "DF027",
             .slug = "invalid-port",
             .severity = Severity::error,
             .format = Format::dockerfile,
             .summary = "EXPOSE names an invalid port",
             .what = "Reports `EXPOSE` values that are not valid ports: numbers above 65535, "
                     "ranges whose end is below their start, words that are neither a number nor "
                     "a range, and protocols other than `tcp`, `udp` and `sctp`. Ports given by a "
                     "variable without a known value are not reported.",
             .why = "TCP and UDP ports are 16-bit numbers, so `EXPOSE 80800` can never be opened. "
                    "Docker rejects some of these values at build time and silently keeps others "
                    "as metadata that tools then misread; either way the Dockerfile does not say "
                    "what the author meant, usually because of a typo.",
             .fix = "Correct the value to a port between 0 and 65535, a range written "
                    "`start-end` with start <= end, and an optional `/tcp`, `/udp` or `/sctp` "
                    "suffix.",
             .bad = "FROM nginx:1.27\n"
                    "EXPOSE 80800\n",
             .good = "FROM nginx:1.27\n"
                     "EXPOSE 8080\n",
             .peers = impl_invalid_port::kPeers,
             .references = impl_invalid_port::kReferences,
             .tags = impl_invalid_port::kTags},
    .check = for_format<model::DockerfileDoc, impl_invalid_port::check>,
};

}  // namespace lintel::rules::dockerfile
