// DF029 duplicate-stage: two build stages share a name.
//
// Stage names are compared case-insensitively because BuildKit lower-cases them: `AS Build` and
// `AS build` are the same stage to `--target` and `COPY --from`. The later stage is reported, on
// its name, because the first declaration is the one a reader finds first and the later one is
// where the conflict is introduced.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_duplicate_stage {

constexpr PeerId kPeers[] = {{"hadolint", "DL3024"},
                             {"checkov", "CKV_DOCKER_11"},
                             {"trivy", "DS-0012"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/multi-stage/#name-your-build-stages",
    "https://github.com/hadolint/hadolint/wiki/DL3024",
};
constexpr std::string_view kTags[] = {"correctness"};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (std::size_t i = 0; i < doc.stages.size(); ++i) {
    const auto& name = doc.stages[i].name;
    if (!name || name->value.empty()) continue;
    for (std::size_t j = 0; j < i; ++j) {
      const auto& earlier = doc.stages[j].name;
      if (!earlier || !equals_ignore_case(earlier->value, name->value)) continue;
      if (earlier->value == name->value) {
        out.report(name->span, fmt::format("stage name \"{}\" is already used by stage {}",
                                           name->value, j));
      } else {
        out.report(name->span,
                   fmt::format("stage name \"{}\" is already used by stage {} (\"{}\"); stage "
                               "names are case-insensitive",
                               name->value, j, earlier->value));
      }
      break;
    }
  }
}

}  // namespace impl_duplicate_stage

extern const Rule duplicate_stage{
    .meta = {.id = "DF029",
             .slug = "duplicate-stage",
             .severity = Severity::error,
             .format = Format::dockerfile,
             .summary = "Two build stages have the same name",
             .what = "Reports a `FROM … AS name` whose name an earlier stage already uses. Names "
                     "are compared case-insensitively, as BuildKit does.",
             .why = "`COPY --from=name`, `FROM name` and `docker build --target name` can only "
                    "refer to one of the stages. BuildKit refuses the Dockerfile, and older "
                    "builders silently pick one, so files are copied from a stage other than the "
                    "one the author had in mind.",
             .fix = "Give every stage a unique name, and update the `--from=`, `FROM` and "
                    "`--target` references that should point to the renamed stage.",
             .bad = "FROM golang:1.23 AS build\n"
                    "RUN go build -o /app .\n"
                    "FROM node:22 AS build\n"
                    "RUN npm ci\n",
             .good = "FROM golang:1.23 AS build-go\n"
                     "RUN go build -o /app .\n"
                     "FROM node:22 AS build-web\n"
                     "RUN npm ci\n",
             .peers = impl_duplicate_stage::kPeers,
             .references = impl_duplicate_stage::kReferences,
             .tags = impl_duplicate_stage::kTags},
    .check = for_format<model::DockerfileDoc, impl_duplicate_stage::check>,
};

}  // namespace lintel::rules::dockerfile
