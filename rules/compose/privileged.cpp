// DC005 privileged: `privileged: true`.
//
// Compose reads YAML 1.1 booleans and, after interpolation, the strings true/yes/on/y; a value
// with an unknown variable (`privileged: ${PRIV}`) is not judged. Reported on the value.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_privileged {

constexpr PeerId kPeers[] = {{"kics", "ae5b6871"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#privileged",
    "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities",
    "CIS Docker Benchmark 5.4: Ensure that privileged containers are not used",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_local(svc) || !svc.privileged || !svc.privileged->is_true()) continue;
    out.report(svc.privileged->raw.pair_span(),
               fmt::format("{} runs privileged, with every capability and all host devices",
                           service_label(svc)));
  }
}

}  // namespace impl_privileged

extern const Rule privileged{
    .meta = {.id = "DC005",
             .slug = "privileged",
             .severity = Severity::error,
             .format = Format::compose,
             .summary = "Service runs in privileged mode",
             .what = "Reports `privileged: true` on a service (also `yes`/`on` and values that "
                     "interpolate to true).",
             .why = "A privileged container gets every Linux capability, access to all host "
                    "devices and no seccomp or AppArmor confinement: root in it is effectively "
                    "root on the host, and escaping takes a single mount command.",
             .fix = "Remove `privileged: true` and grant only what the service needs: specific "
                    "capabilities with `cap_add`, specific devices with `devices:`. Tools that "
                    "need the Docker API are better served by a restricted socket proxy.",
             .bad = "services:\n"
                    "  agent:\n"
                    "    image: example/agent:1.2\n"
                    "    privileged: true\n",
             .good = "services:\n"
                     "  agent:\n"
                     "    image: example/agent:1.2\n"
                     "    cap_add:\n"
                     "      - NET_BIND_SERVICE\n",
             .peers = impl_privileged::kPeers,
             .references = impl_privileged::kReferences,
             .tags = impl_privileged::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::ComposeDoc, impl_privileged::check>,
};

}  // namespace lintel::rules::compose
