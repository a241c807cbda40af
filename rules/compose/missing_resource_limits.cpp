// DC007 missing-resource-limits: a service sets no memory limit.
//
// Accepted: `deploy.resources.limits.memory` (Compose spec and Swarm) or the legacy `mem_limit`,
// with any value, including one that depends on an unknown variable. CPU limits are not
// required (KICS reports them separately); memory is the resource whose exhaustion takes the
// host down. Fragments (override files) and services with an unreadable `extends` base are not
// judged. Reported on the service name.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_missing_resource_limits {

constexpr PeerId kPeers[] = {{"kics", "bb9ac4f7"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/deploy/#resources",
    "https://docs.docker.com/reference/compose-file/services/#mem_limit",
    "CIS Docker Benchmark 5.10: Ensure that the memory usage for containers is limited",
    "https://cwe.mitre.org/data/definitions/770.html",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_judgeable(svc) || svc.memory_limit || svc.mem_limit) continue;
    out.report(svc.name.span, fmt::format("{} sets no memory limit", service_label(svc)));
  }
}

}  // namespace impl_missing_resource_limits

extern const Rule missing_resource_limits{
    .meta = {.id = "DC007",
             .slug = "missing-resource-limits",
             .severity = Severity::warning,
             .format = Format::compose,
             .summary = "Service has no memory limit",
             .what = "Reports a service with neither `deploy.resources.limits.memory` nor "
                     "`mem_limit`. Override-file fragments (no image and no build) are not "
                     "judged.",
             .why = "Without a limit one leaking or overloaded container can take all the "
                    "host's memory, and the kernel's out-of-memory killer then picks its victims "
                    "among every service on the machine, including the database.",
             .fix = "Set a limit sized from the service's observed usage: `deploy: resources: "
                    "limits: memory: 512M` (honoured by `docker compose` and Swarm), or "
                    "`mem_limit: 512m`. Add `cpus` as well where one service can starve others.",
             .bad = "services:\n"
                    "  api:\n"
                    "    image: example/api:2.3\n",
             .good = "services:\n"
                     "  api:\n"
                     "    image: example/api:2.3\n"
                     "    deploy:\n"
                     "      resources:\n"
                     "        limits:\n"
                     "          memory: 512M\n",
             .peers = impl_missing_resource_limits::kPeers,
             .references = impl_missing_resource_limits::kReferences,
             .tags = impl_missing_resource_limits::kTags},
    .check = for_format<model::ComposeDoc, impl_missing_resource_limits::check>,
};

}  // namespace lintel::rules::compose
