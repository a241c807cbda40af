// DF024 multiple-cmd: a stage sets CMD, or ENTRYPOINT, more than once.
//
// Counted per stage (hadolint DL4003 and DL4004 reset at each FROM) and per instruction kind: one
// CMD plus one ENTRYPOINT is the normal pairing, two CMDs are not. Only the last one of each kind
// takes effect, so the later ones are reported on their keyword, naming what they override.
// CMD and ENTRYPOINT inside ONBUILD belong to the child image and are not counted.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_multiple_cmd {

constexpr PeerId kPeers[] = {{"hadolint", "DL4003"},
                             {"hadolint", "DL4004"},
                             {"kics", "41c195f4"},
                             {"kics", "6938958b"},
                             {"trivy", "DS-0016"},
                             {"trivy", "DS-0007"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#cmd",
    "https://docs.docker.com/reference/dockerfile/#entrypoint",
    "https://github.com/hadolint/hadolint/wiki/DL4003",
    "https://github.com/hadolint/hadolint/wiki/DL4004",
};
constexpr std::string_view kTags[] = {"maintainability"};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const model::Stage& stage : doc.stages) {
    bool seen_cmd = false;
    bool seen_entrypoint = false;
    for (const std::uint32_t i : stage.instructions) {
      if (i >= doc.instructions.size()) continue;
      const Instruction& ins = doc.instructions[i];
      bool* seen = ins.kind == InstructionKind::cmd          ? &seen_cmd
                   : ins.kind == InstructionKind::entrypoint ? &seen_entrypoint
                                                             : nullptr;
      if (seen == nullptr) continue;
      if (*seen) {
        const std::string_view keyword =
            ins.kind == InstructionKind::cmd ? "a CMD" : "an ENTRYPOINT";
        out.report(ins.keyword.span,
                   fmt::format("{} already has {}; only the last one takes effect",
                               stage_label(stage), keyword));
      }
      *seen = true;
    }
  }
}

}  // namespace impl_multiple_cmd

extern const Rule multiple_cmd{
    .meta = {.id = "DF024",
             .slug = "multiple-cmd",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "Stage has more than one CMD or ENTRYPOINT",
             .what = "Reports every `CMD` after the first one, and every `ENTRYPOINT` after the "
                     "first one, in the same build stage. One `CMD` together with one "
                     "`ENTRYPOINT` is the normal pairing and is not reported; stages are counted "
                     "separately.",
             .why = "Only the last `CMD` and the last `ENTRYPOINT` of an image take effect; the "
                    "earlier ones are silently discarded. Several of them usually mean a "
                    "misunderstanding (expecting them to run one after the other) or a leftover "
                    "from an edit, and readers cannot tell which command the container runs.",
             .fix = "Keep one `CMD` (and at most one `ENTRYPOINT`) per stage. To run several "
                    "commands at start-up, call a script or a process supervisor from a single "
                    "`ENTRYPOINT`.",
             .bad = "FROM python:3.12-slim\n"
                    "CMD [\"python\", \"migrate.py\"]\n"
                    "CMD [\"python\", \"app.py\"]\n",
             .good = "FROM python:3.12-slim\n"
                     "ENTRYPOINT [\"/entrypoint.sh\"]\n"
                     "CMD [\"python\", \"app.py\"]\n",
             .peers = impl_multiple_cmd::kPeers,
             .references = impl_multiple_cmd::kReferences,
             .tags = impl_multiple_cmd::kTags},
    .check = for_format<model::DockerfileDoc, impl_multiple_cmd::check>,
};

}  // namespace lintel::rules::dockerfile
