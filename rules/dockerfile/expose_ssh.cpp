// DF026 expose-ssh: EXPOSE declares the SSH port, 22/tcp.
//
// Reads the model's ports: `22`, `22/tcp` and TCP ranges that contain 22 (`20-25`). UDP and SCTP
// ports are not SSH and are not reported. A port given by a variable is judged on its resolved
// number when the parser knows it, and skipped otherwise. `ONBUILD EXPOSE 22` is reported too,
// as it exposes the port in every child image.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_expose_ssh {

constexpr PeerId kPeers[] = {{"checkov", "CKV_DOCKER_1"}, {"trivy", "DS-0004"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#expose",
    "CIS Docker Benchmark 5.6: Ensure sshd is not run within containers",
};
constexpr std::string_view kTags[] = {"security"};

constexpr std::uint64_t kSshPort = 22;

bool includes_ssh(const model::PortSpec& port) {
  if (!port.first) return false;
  const std::uint64_t last = port.last.value_or(*port.first);
  const bool is_tcp = port.protocol.empty() || equals_ignore_case(port.protocol, "tcp");
  return is_tcp && *port.first <= kSshPort && kSshPort <= last;
}

void check_one(const Instruction& ins, Reporter& out) {
  if (ins.kind != InstructionKind::expose) return;
  for (const model::PortSpec& port : ins.ports) {
    if (!includes_ssh(port)) continue;
    if (port.last && *port.first != *port.last) {
      out.report(port.text.span,
                 fmt::format("EXPOSE \"{}\" includes the SSH port 22", port.text.value));
    } else {
      out.report(port.text.span, fmt::format("EXPOSE \"{}\" opens the SSH port", port.text.value));
    }
  }
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_instruction(doc, [&out](const Instruction& ins) { check_one(ins, out); });
}

}  // namespace impl_expose_ssh

extern const Rule expose_ssh{
    .meta = {.id = "DF026",
             .slug = "expose-ssh",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "EXPOSE opens the SSH port 22",
             .what = "Reports `EXPOSE` of TCP port 22, alone (`22`, `22/tcp`) or inside a range "
                     "(`20-25`), including `ONBUILD EXPOSE`. UDP and SCTP ports are not reported.",
             .why = "A container that exposes SSH usually runs an SSH daemon: one more network "
                    "service with credentials or keys to manage, a way around the audit trail of "
                    "`docker exec` and `kubectl exec`, and a sign that the container is treated "
                    "as a virtual machine.",
             .fix = "Remove the SSH server and the `EXPOSE 22` line. Use `docker exec` or "
                    "`kubectl exec` to get a shell in a running container, and a debug sidecar or "
                    "ephemeral container for troubleshooting.",
             .bad = "FROM ubuntu:24.04\n"
                    "EXPOSE 22 8080\n",
             .good = "FROM ubuntu:24.04\n"
                     "EXPOSE 8080\n",
             .peers = impl_expose_ssh::kPeers,
             .references = impl_expose_ssh::kReferences,
             .tags = impl_expose_ssh::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::DockerfileDoc, impl_expose_ssh::check>,
};

}  // namespace lintel::rules::dockerfile
