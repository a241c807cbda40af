// DC003 missing-healthcheck: a service has no health check Compose can run.
//
// A service is judged when it is complete (an image or a build, its `extends` resolved); a
// fragment in an override file has nothing to judge.
// - `healthcheck: {disable: true}` or `test: ["NONE"]` (also the string `NONE`) turns the check
//   off: reported on that value.
// - A `healthcheck:` with a test is fine. One with only timings keeps the image's test, so it is
//   judged like no `healthcheck:` at all.
// - No `healthcheck:` and a `build:`: the Dockerfile it builds is read through the engine (the
//   context joined with `dockerfile`, default `Dockerfile`), and the `target` stage, or the
//   final one, counts with what it inherits along `FROM <stage>`. A HEALTHCHECK there is
//   enough; none, or HEALTHCHECK NONE, is reported on the service name. A Dockerfile lintel
//   cannot read (remote context, unresolved variable, missing file, unknown target) keeps the
//   rule silent.
// - No `healthcheck:` and only an `image:`: reported on the service name. The image may declare
//   a HEALTHCHECK of its own that lintel cannot see (many official images do not); as with
//   DF004 the finding stands, since a check in the compose file is visible and specific to the
//   deployment. Suppress it for images known to carry one.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_missing_healthcheck {

constexpr PeerId kPeers[] = {{"kics", "698ed579"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#healthcheck",
    "https://docs.docker.com/reference/dockerfile/#healthcheck",
    "CIS Docker Benchmark 4.6: Ensure that HEALTHCHECK instructions have been added to container "
    "images",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const ComposeDoc& doc, const RuleContext& ctx, Reporter& out,
           const Document& document) {
  for (const ComposeService& svc : doc.services) {
    if (!is_judgeable(svc)) continue;
    if (svc.healthcheck) {
      if (const ComposeValue* off = svc.healthcheck->disabling_value()) {
        out.report(off->pair_span(),
                   fmt::format("{} disables its healthcheck", service_label(svc)));
        continue;
      }
      if (!svc.healthcheck->test.empty()) continue;
    }
    if (svc.build) {
      const auto built = built_stage(svc, ctx, document);
      if (!built || has_healthcheck(*built) != Answer::no) continue;
      out.report(svc.name.span,
                 fmt::format("{} has no healthcheck and its Dockerfile \"{}\" declares no "
                             "HEALTHCHECK",
                             service_label(svc), built->path));
      continue;
    }
    out.report(svc.name.span, fmt::format("{} (image \"{}\") has no healthcheck",
                                          service_label(svc), svc.image->ref.text.value));
  }
}

}  // namespace impl_missing_healthcheck

extern const Rule missing_healthcheck{
    .meta = {.id = "DC003",
             .slug = "missing-healthcheck",
             .severity = Severity::warning,
             .format = Format::compose,
             .summary = "Service has no healthcheck",
             .what = "Reports a service with no `healthcheck:`, or one turned off with "
                     "`disable: true` or `test: [\"NONE\"]`. A service with `build:` is "
                     "reported only when the Dockerfile it builds (its `target` stage, or the "
                     "final one) declares no HEALTHCHECK either; when that Dockerfile cannot be "
                     "read (remote context, unresolved variable) the service is not judged. A "
                     "service that only names an `image:` is reported, because lintel cannot "
                     "see a HEALTHCHECK inside a registry image.",
             .why = "Without a health check Compose only knows whether the main process is "
                    "running, not whether it serves: a hung service keeps its place, "
                    "`depends_on: condition: service_healthy` cannot wait for it, and Swarm "
                    "cannot replace an unhealthy task.",
             .fix = "Add a `healthcheck:` that exercises the service cheaply, e.g. `test: "
                    "[\"CMD\", \"pg_isready\", \"-U\", \"postgres\"]` with an `interval` and "
                    "`retries`, or a HEALTHCHECK in the Dockerfile the service builds. If the "
                    "image already declares one, suppress the finding for that service.",
             .bad = "services:\n"
                    "  db:\n"
                    "    image: postgres:16.4\n",
             .good = "services:\n"
                     "  db:\n"
                     "    image: postgres:16.4\n"
                     "    healthcheck:\n"
                     "      test: [\"CMD\", \"pg_isready\", \"-U\", \"postgres\"]\n"
                     "      interval: 10s\n"
                     "      retries: 5\n",
             .peers = impl_missing_healthcheck::kPeers,
             .references = impl_missing_healthcheck::kReferences,
             .tags = impl_missing_healthcheck::kTags},
    .check = for_format<model::ComposeDoc, impl_missing_healthcheck::check>,
};

}  // namespace lintel::rules::compose
