// DF030 copy-from-self: `COPY --from=` names the stage the COPY is in.
//
// The `--from` value is compared with the enclosing stage's name (case-insensitively, as BuildKit
// does) and with its index (`--from=2` in the third stage). A value with a variable is skipped:
// it is resolved at build time. Only COPY takes `--from`; `ONBUILD COPY --from=` runs in a child
// image whose stages are unknown here, so it is not checked.
#include <charconv>

#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_copy_from_self {

constexpr PeerId kPeers[] = {{"hadolint", "DL3023"}, {"trivy", "DS-0006"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#copy---from",
    "https://github.com/hadolint/hadolint/wiki/DL3023",
};
constexpr std::string_view kTags[] = {"correctness"};

bool is_stage_index(std::string_view value, std::uint32_t index) {
  if (value.empty()) return false;
  std::uint64_t n = 0;
  const auto [end, err] = std::from_chars(value.data(), value.data() + value.size(), n);
  return err == std::errc{} && end == value.data() + value.size() && n == index;
}

bool names_stage(std::string_view value, const model::Stage& stage) {
  if (is_stage_index(value, stage.index)) return true;
  return stage.name && equals_ignore_case(stage.name->value, value);
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const model::Stage& stage : doc.stages) {
    for (const std::uint32_t i : stage.instructions) {
      if (i >= doc.instructions.size()) continue;
      const Instruction& ins = doc.instructions[i];
      if (ins.kind != InstructionKind::copy) continue;
      const model::Flag* from = ins.flag("from");
      if (from == nullptr || !from->value) continue;
      const std::string& value = from->value->value;
      if (value.find('$') != std::string::npos || !names_stage(value, stage)) continue;
      out.report(from->value->span,
                 fmt::format("COPY --from=\"{}\" names the stage it is in ({})", value,
                             stage_label(stage)));
    }
  }
}

}  // namespace impl_copy_from_self

extern const Rule copy_from_self{
    .meta = {.id = "DF030",
             .slug = "copy-from-self",
             .severity = Severity::error,
             .format = Format::dockerfile,
             .summary = "COPY --from refers to its own stage",
             .what = "Reports a `COPY --from=` whose value is the name (compared "
                     "case-insensitively) or the index of the stage the `COPY` belongs to.",
             .why = "A stage cannot copy from itself: its file system is still being built. "
                    "BuildKit fails with a circular dependency error, and the mistake usually "
                    "hides a stage that was renamed or a `--from` that should name the builder "
                    "stage.",
             .fix = "Point `--from` at the stage that produces the files (usually the earlier "
                    "build stage), or drop `--from` to copy from the build context.",
             .bad = "FROM golang:1.23 AS build\n"
                    "COPY --from=build /src/app /usr/local/bin/app\n",
             .good = "FROM golang:1.23 AS build\n"
                     "RUN go build -o /out/app .\n"
                     "FROM alpine:3.20\n"
                     "COPY --from=build /out/app /usr/local/bin/app\n",
             .peers = impl_copy_from_self::kPeers,
             .references = impl_copy_from_self::kReferences,
             .tags = impl_copy_from_self::kTags},
    .check = for_format<model::DockerfileDoc, impl_copy_from_self::check>,
};

}  // namespace lintel::rules::dockerfile
