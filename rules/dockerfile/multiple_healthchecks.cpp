// DF005 multiple-healthchecks: a stage declares HEALTHCHECK more than once.
//
// Counted per stage, not per file (a builder and the final stage may each have one), as hadolint
// DL3012 does. Only the last HEALTHCHECK of a stage takes effect, so every earlier one is dead
// code; the later ones are reported, on their keyword, because they are where the reader's
// expectation breaks ("this overrides the one above"). `HEALTHCHECK NONE` counts like any other:
// it also replaces the check before it. Triggers wrapped in ONBUILD belong to the child image and
// are not counted.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_multiple_healthchecks {

constexpr PeerId kPeers[] = {{"hadolint", "DL3012"}, {"trivy", "DS-0023"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#healthcheck",
    "https://github.com/hadolint/hadolint/wiki/DL3012",
};
constexpr std::string_view kTags[] = {"maintainability"};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const model::Stage& stage : doc.stages) {
    bool seen = false;
    for (const std::uint32_t i : stage.instructions) {
      if (i >= doc.instructions.size()) continue;
      const Instruction& ins = doc.instructions[i];
      if (ins.kind != InstructionKind::healthcheck) continue;
      if (seen) {
        out.report(ins.keyword.span,
                   fmt::format("{} already has a HEALTHCHECK; only the last one takes effect",
                               stage_label(stage)));
      }
      seen = true;
    }
  }
}

}  // namespace impl_multiple_healthchecks

extern const Rule multiple_healthchecks{
    .meta = {.id = "DF005",
             .slug = "multiple-healthchecks",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "Stage has more than one HEALTHCHECK",
             .what = "Reports every `HEALTHCHECK` after the first one in the same build stage. "
                     "Stages are counted separately, and `HEALTHCHECK NONE` counts as a "
                     "`HEALTHCHECK`.",
             .why = "Only the last `HEALTHCHECK` of an image takes effect. The earlier ones are "
                    "silently discarded, so a reader who edits the first one changes nothing, and "
                    "a duplicate is usually a merge or copy-paste mistake.",
             .fix = "Keep a single `HEALTHCHECK` per stage, normally near the end of the final "
                    "stage, and delete the others.",
             .bad = "FROM nginx:1.27\n"
                    "HEALTHCHECK CMD curl -f http://localhost/ || exit 1\n"
                    "HEALTHCHECK CMD curl -f http://localhost/health || exit 1\n",
             .good = "FROM nginx:1.27\n"
                     "HEALTHCHECK CMD curl -f http://localhost/health || exit 1\n",
             .peers = impl_multiple_healthchecks::kPeers,
             .references = impl_multiple_healthchecks::kReferences,
             .tags = impl_multiple_healthchecks::kTags},
    .check = for_format<model::DockerfileDoc, impl_multiple_healthchecks::check>,
};

}  // namespace lintel::rules::dockerfile
