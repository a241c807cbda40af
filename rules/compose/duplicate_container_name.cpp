// DC016 duplicate-container-name: two services set the same `container_name`.
//
// Compared after interpolation (names with an unknown variable are not judged) across the
// project: this file's services and those of `include:` files. Services whose `profiles` are
// both set and disjoint never run together and may share a name. The later service is
// reported on its `container_name`, or the one in this file when the other is included.
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_duplicate_container_name {

constexpr PeerId kPeers[] = {{"dclint", "no-duplicate-container-names"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#container_name",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const ComposeDoc& doc, Reporter& out) {
  for (std::size_t i = 0; i < doc.services.size(); ++i) {
    const ComposeService& svc = doc.services[i];
    if (!is_local(svc) || !svc.container_name || !svc.container_name->resolved) continue;
    const std::string& name = *svc.container_name->resolved;
    if (name.empty()) continue;
    for (std::size_t k = 0; k < doc.services.size(); ++k) {
      const ComposeService& other = doc.services[k];
      if (k == i || (k > i && !other.included)) continue;
      if (!other.container_name || !other.container_name->is(name)) continue;
      if (!can_run_together(svc, other)) continue;
      out.report(svc.container_name->text.span,
                 fmt::format("{} uses container_name \"{}\", already used by {}",
                             service_label(svc), name, service_label(other)));
      break;
    }
  }
}

}  // namespace impl_duplicate_container_name

extern const Rule duplicate_container_name{
    .meta = {.id = "DC016",
             .slug = "duplicate-container-name",
             .severity = Severity::error,
             .format = Format::compose,
             .summary = "Two services use the same container_name",
             .what = "Reports a service whose `container_name` (after interpolation) is already "
                     "used by another service of the project, including services from "
                     "`include:` files. Services in disjoint `profiles` are not compared.",
             .why = "Container names are unique per Docker host: the second container cannot be "
                    "created and `docker compose up` fails with a name conflict.",
             .fix = "Give each service a distinct `container_name`, or remove it and let Compose "
                    "name containers `<project>-<service>-<n>`, which also allows scaling.",
             .bad = "services:\n"
                    "  api:\n"
                    "    image: example/api:2.3\n"
                    "    container_name: app\n"
                    "  worker:\n"
                    "    image: example/worker:2.3\n"
                    "    container_name: app\n",
             .good = "services:\n"
                     "  api:\n"
                     "    image: example/api:2.3\n"
                     "    container_name: app-api\n"
                     "  worker:\n"
                     "    image: example/worker:2.3\n"
                     "    container_name: app-worker\n",
             .peers = impl_duplicate_container_name::kPeers,
             .references = impl_duplicate_container_name::kReferences,
             .tags = impl_duplicate_container_name::kTags},
    .check = for_format<model::ComposeDoc, impl_duplicate_container_name::check>,
};

}  // namespace lintel::rules::compose
