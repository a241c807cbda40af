// DC013 writable-root-fs: a service's root filesystem is writable.
//
// Satisfied by `read_only: true` (YAML 1.1 spellings and interpolated values included). An
// explicit `read_only: false` is reported on its value, a missing one on the service name; a
// value with an unknown variable is not judged. Override-file fragments and services with an
// unreadable `extends` base are not judged. Mirrors Kubernetes' readOnlyRootFilesystem (K8S).
#include "rules/compose/common.hpp"

namespace lintel::rules::compose {
namespace impl_writable_root_fs {

constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/compose-file/services/#read_only",
    "CIS Docker Benchmark 5.12: Ensure that the container's root filesystem is mounted as read "
    "only",
};
constexpr std::string_view kTags[] = {"security"};

void check(const ComposeDoc& doc, Reporter& out) {
  for (const ComposeService& svc : doc.services) {
    if (!is_judgeable(svc)) continue;
    if (svc.read_only) {
      if (!svc.read_only->is_false()) continue;  // true, or not known
      out.report(svc.read_only->raw.pair_span(),
                 fmt::format("{} sets read_only: {}, so its root filesystem is writable",
                             service_label(svc), svc.read_only->raw.text.value));
      continue;
    }
    out.report(svc.name.span,
               fmt::format("{} does not set read_only: true, so its root filesystem is writable",
                           service_label(svc)));
  }
}

}  // namespace impl_writable_root_fs

extern const Rule writable_root_fs{
    .meta = {.id = "DC013",
             .slug = "writable-root-fs",
             .severity = Severity::info,
             .format = Format::compose,
             .summary = "Service root filesystem is writable",
             .what = "Reports a service without `read_only: true`, and an explicit "
                     "`read_only: false`.",
             .why = "A writable root filesystem lets an attacker who takes over the process "
                    "drop tools, modify the application's code or configuration and persist "
                    "until the container is recreated. A read-only root makes the container's "
                    "content immutable and confines writes to the volumes you chose.",
             .fix = "Set `read_only: true` and give the service writable space only where it "
                    "needs it: `tmpfs: [/tmp, /run]` for scratch files and named volumes for "
                    "data.",
             .bad = "services:\n"
                    "  api:\n"
                    "    image: example/api:2.3\n",
             .good = "services:\n"
                     "  api:\n"
                     "    image: example/api:2.3\n"
                     "    read_only: true\n"
                     "    tmpfs:\n"
                     "      - /tmp\n",
             .references = impl_writable_root_fs::kReferences,
             .tags = impl_writable_root_fs::kTags,
             .security_severity = "3.0"},
    .check = for_format<model::ComposeDoc, impl_writable_root_fs::check>,
};

}  // namespace lintel::rules::compose
