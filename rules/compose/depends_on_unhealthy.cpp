// DC008 depends-on-unhealthy: `depends_on` a service that has a health check, without waiting
// for it to be healthy.
//
// The dependency has a health check when its `healthcheck:` has a test (not disabled), or when
// it has none and the Dockerfile it builds declares a HEALTHCHECK (`target` or final stage,
// inherited along `FROM <stage>`). An image lintel cannot see is not assumed to have one.
// Dependencies may live in `include:` files. Reported on the dependency's name when the entry
// is the short list form or its `condition` is `service_started`;
// `service_completed_successfully` is a deliberate choice and an unresolved condition is not
// judged.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_depends_on_unhealthy {

constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#depends_on",
    "https://docs.docker.com/compose/how-tos/startup-order/",
};
constexpr std::string_view kTags[] = {"reliability"};

bool waits_for_start_only(const model::ComposeDependency& dep) {
  if (!dep.condition) return true;
  return dep.condition->is("service_started");
}

void check(const ComposeDoc& doc, const RuleContext& ctx, Reporter& out,
           const Document& document) {
  for (const ComposeService& svc : doc.services) {
    if (!is_local(svc)) continue;
    for (const model::ComposeDependency& dep : svc.depends_on) {
      if (!waits_for_start_only(dep)) continue;
      const ComposeService* target = doc.service(dep.service.value);
      if (target == nullptr || target == &svc) continue;
      if (service_has_healthcheck(*target, ctx, document) != Answer::yes) continue;
      out.report(dep.service.span,
                 fmt::format("{} depends on \"{}\", which has a healthcheck, without condition: "
                             "service_healthy",
                             service_label(svc), dep.service.value));
    }
  }
}

}  // namespace impl_depends_on_unhealthy

extern const Rule depends_on_unhealthy{
    .meta = {.id = "DC008",
             .slug = "depends-on-unhealthy",
             .severity = Severity::info,
             .format = Format::compose,
             .summary = "depends_on ignores the dependency's healthcheck",
             .what = "Reports a `depends_on` entry naming a service that has a health check (a "
                     "`healthcheck:` with a test, or a HEALTHCHECK in the Dockerfile it builds) "
                     "when the entry uses the short list form or `condition: service_started`.",
             .why = "The short form only waits for the dependency's container to start, not for "
                    "it to be ready: the dependent service then races the database or broker "
                    "through its initialisation and fails or retries. The health check already "
                    "exists; `service_healthy` makes Compose use it.",
             .fix = "Use the long form: `depends_on: {db: {condition: service_healthy}}`. Keep "
                    "`service_completed_successfully` for one-shot jobs such as migrations.",
             .bad = "services:\n"
                    "  db:\n"
                    "    image: postgres:16.4\n"
                    "    healthcheck:\n"
                    "      test: [\"CMD\", \"pg_isready\"]\n"
                    "  api:\n"
                    "    image: example/api:2.3\n"
                    "    depends_on:\n"
                    "      - db\n",
             .good = "services:\n"
                     "  db:\n"
                     "    image: postgres:16.4\n"
                     "    healthcheck:\n"
                     "      test: [\"CMD\", \"pg_isready\"]\n"
                     "  api:\n"
                     "    image: example/api:2.3\n"
                     "    depends_on:\n"
                     "      db:\n"
                     "        condition: service_healthy\n",
             .references = impl_depends_on_unhealthy::kReferences,
             .tags = impl_depends_on_unhealthy::kTags},
    .check = for_format<model::ComposeDoc, impl_depends_on_unhealthy::check>,
};

}  // namespace lintel::rules::compose
