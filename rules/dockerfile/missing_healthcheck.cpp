// DF004 missing-healthcheck: the final image declares no health check.
//
// Only the final stage is judged. A HEALTHCHECK is inherited along `FROM <earlier stage>` links,
// so a final stage built from a stage that declares one is fine (hadolint DL3057 tracks stages
// the same way); the nearest HEALTHCHECK along the chain is the one that takes effect.
// `HEALTHCHECK NONE` disables any check the base image had, so it counts as missing; that
// finding is anchored on the `NONE` word, where the decision was taken and where a suppression
// comment belongs. A missing HEALTHCHECK is anchored on the final FROM's image.
// Trade-off: a base image from a registry may declare a HEALTHCHECK of its own, which lintel
// cannot see; the finding is still reported (as Checkov, KICS and Trivy do), because a check that
// lives in the Dockerfile is visible, reviewable and specific to the application.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_missing_healthcheck {

constexpr PeerId kPeers[] = {{"checkov", "CKV_DOCKER_2"},
                             {"hadolint", "DL3057"},
                             {"kics", "b03a748a"},
                             {"trivy", "DS-0026"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#healthcheck",
    "CIS Docker Benchmark 4.6: Ensure that HEALTHCHECK instructions have been added to container "
    "images",
};
constexpr std::string_view kTags[] = {"best-practice"};

// `HEALTHCHECK NONE` (case-insensitive, as BuildKit reads it): the word, or null.
const Scalar<std::string>* none_word(const Instruction& healthcheck) {
  if (healthcheck.exec_form || healthcheck.words.empty()) return nullptr;
  const auto& first = healthcheck.words.front();
  return equals_ignore_case(first.value, "none") ? &first : nullptr;
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  const model::Stage* final_stage = doc.final_stage();
  if (final_stage == nullptr) return;
  const Instruction* hc = last_in_chain(doc, *final_stage, InstructionKind::healthcheck);
  if (hc == nullptr) {
    const model::ImageRef& image = final_stage->image;
    out.report(image.text.span,
               fmt::format("the final stage (FROM \"{}\") declares no HEALTHCHECK",
                           image.text.value));
    return;
  }
  if (const auto* none = none_word(*hc)) {
    out.report(none->span, "HEALTHCHECK NONE disables the health check of the final image");
  }
}

}  // namespace impl_missing_healthcheck

extern const Rule missing_healthcheck{
    .meta = {.id = "DF004",
             .slug = "missing-healthcheck",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "Final image declares no HEALTHCHECK",
             .what = "Reports the final stage of a Dockerfile when it has no `HEALTHCHECK`, "
                     "neither its own nor one inherited from an earlier stage it is built `FROM`, "
                     "and when the `HEALTHCHECK` that takes effect is `HEALTHCHECK NONE`. Builder "
                     "stages are not checked.",
             .why = "Without a health check, Docker and Swarm only know whether the main process "
                    "is alive, not whether it still serves: a deadlocked or overloaded service "
                    "keeps receiving traffic and is never restarted. A `HEALTHCHECK` makes the "
                    "container report `unhealthy`, which orchestrators and `depends_on: "
                    "condition: service_healthy` act upon.",
             .fix = "Add a `HEALTHCHECK` to the final stage that exercises the service cheaply, "
                    "for example `HEALTHCHECK --interval=30s --timeout=3s CMD wget -q --spider "
                    "http://localhost:8080/health || exit 1`. On Kubernetes, which ignores "
                    "`HEALTHCHECK`, define liveness and readiness probes instead and suppress this "
                    "rule for the file.",
             .bad = "FROM nginx:1.27\n"
                    "COPY site /usr/share/nginx/html\n",
             .good = "FROM nginx:1.27\n"
                     "COPY site /usr/share/nginx/html\n"
                     "HEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n",
             .peers = impl_missing_healthcheck::kPeers,
             .references = impl_missing_healthcheck::kReferences,
             .tags = impl_missing_healthcheck::kTags},
    .check = for_format<model::DockerfileDoc, impl_missing_healthcheck::check>,
};

}  // namespace lintel::rules::dockerfile
