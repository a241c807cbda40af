// DF011 apt-lists-kept: a RUN that installs with apt but leaves /var/lib/apt/lists in the layer.
//
// The unit is one RUN instruction (all its scripts: shell form and heredocs; `ONBUILD RUN` too):
// the cleanup only shrinks the image when it happens in the same layer as the install. A RUN
// with an `apt-get install` / `apt install` passes when any of its commands is an `rm` with a
// recursive flag (`-r`, `-R`, `-rf`, `-fr`, `--recursive`) whose operand is
// `/var/lib/apt/lists`, a path under it (`/var/lib/apt/lists/*`), or its parent
// (`/var/lib/apt`, `/var/lib/apt/*`).
// A BuildKit `--mount=type=cache` or `type=tmpfs` whose target (`target=`, `dst=`,
// `destination=`) is `/var/lib/apt` or `/var/lib/apt/lists` keeps the lists out of the layer, so
// that RUN passes too. A mount on `/var/cache/apt` alone does not: it holds the downloaded
// .debs, the lists still land in the layer (hadolint DL3009 also wants both mounts in that case).
// Like hadolint DL3009, only stages whose files reach the final image are checked: the final
// stage and the stages it is built `FROM`, directly or through other stages. A builder stage
// whose output is only copied from leaves its lists behind. The finding spans the first
// `apt-get install` of the RUN. Divergence from hadolint: the trigger is the install (RULES.md),
// not `apt-get update`; an `apt-get update` alone is DF013's business.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_apt_lists_kept {

constexpr PeerId kPeers[] = {{"hadolint", "DL3009"}, {"kics", "df746b39"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#apt-get",
    "https://docs.docker.com/build/cache/optimize/#use-cache-mounts",
    "https://github.com/hadolint/hadolint/wiki/DL3009",
};
constexpr std::string_view kTags[] = {"best-practice"};

constexpr std::string_view kLists = "/var/lib/apt/lists";

std::string_view trim_trailing_slashes(std::string_view path) {
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  return path;
}

bool removes_lists(const CommandView& view) {
  if (view.program() != "rm") return false;
  const ParsedArgs args = parse_args(view.args);
  if (!args.has_flag('r', "recursive") && !args.has_flag('R', "")) return false;
  for (const model::ShellWord* w : args.operands) {
    const std::string_view path = trim_trailing_slashes(w->value);
    if (path == kLists || path.starts_with("/var/lib/apt/lists/") || path == "/var/lib/apt" ||
        path == "/var/lib/apt/*")
      return true;
  }
  return false;
}

bool mounts_lists(const model::Instruction& run) {
  bool found = false;
  for_each_cache_mount(run, [&](std::string_view target) {
    const std::string_view path = trim_trailing_slashes(target);
    if (path == kLists || path == "/var/lib/apt") found = true;
  });
  return found;
}

// Whether stage `index` is the final stage or an ancestor of it (its base, transitively).
std::vector<bool> stages_in_final_image(const model::DockerfileDoc& doc) {
  std::vector<bool> keep(doc.stages.size(), false);
  int at = doc.stages.empty() ? -1 : static_cast<int>(doc.stages.size()) - 1;
  while (at >= 0 && static_cast<std::size_t>(at) < doc.stages.size() && !keep[at]) {
    keep[at] = true;
    at = doc.stages[at].image.stage_ref;
  }
  return keep;
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  const std::vector<bool> in_final = stages_in_final_image(doc);
  for (const RunRef& run : run_instructions(doc)) {
    const int stage = run.top->stage;
    if (stage < 0 || static_cast<std::size_t>(stage) >= in_final.size() || !in_final[stage])
      continue;
    if (mounts_lists(*run.run)) continue;
    std::optional<Span> install;
    std::string name;
    bool cleaned = false;
    for (const model::ShellScript& script : run.run->scripts) {
      for (const model::ShellCommand& cmd : script.commands) {
        const auto view = effective_command(cmd);
        if (!view) continue;
        if (removes_lists(*view)) cleaned = true;
        if (install || !is_apt(view->program())) continue;
        const ParsedArgs args = parse_args(view->args, kAptSyntax);
        if (args.subcommand() != "install") continue;
        install = command_span(*view, *args.operands.front());
        name = view->name->value;
      }
    }
    if (install && !cleaned)
      out.report(*install, fmt::format("\"{} install\" leaves the package lists in the layer "
                                       "(no rm -rf /var/lib/apt/lists/* in the same RUN)",
                                       name));
  }
}

}  // namespace impl_apt_lists_kept

extern const Rule apt_lists_kept{
    .meta = {.id = "DF011",
             .slug = "apt-lists-kept",
             .severity = Severity::info,
             .format = Format::dockerfile,
             .summary = "RUN installs apt packages but keeps /var/lib/apt/lists",
             .what = "Reports a `RUN` instruction (or `ONBUILD RUN`) that runs `apt-get install` "
                     "or `apt install` but does not remove `/var/lib/apt/lists` in the same "
                     "instruction (`rm -rf /var/lib/apt/lists/*`). A `RUN "
                     "--mount=type=cache` or `type=tmpfs` on `/var/lib/apt` or "
                     "`/var/lib/apt/lists` is accepted instead. Only the final stage and the "
                     "stages it is built from are checked: lists left in a builder stage never "
                     "reach the image.",
             .why = "`apt-get update` downloads package lists, tens of megabytes, into "
                    "`/var/lib/apt/lists`. They are useless at run time, and once a layer is "
                    "committed, deleting them in a later `RUN` no longer makes the image "
                    "smaller. Stale lists also tempt later steps to install without updating.",
             .fix = "End the installing `RUN` with `&& rm -rf /var/lib/apt/lists/*`, or, with "
                    "BuildKit, use cache mounts: `RUN --mount=type=cache,target=/var/cache/apt "
                    "--mount=type=cache,target=/var/lib/apt apt-get update && apt-get install …`.",
             .bad = "FROM debian:12\n"
                    "RUN apt-get update \\\n"
                    "    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5\n",
             .good = "FROM debian:12\n"
                     "RUN apt-get update \\\n"
                     "    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n"
                     "    && rm -rf /var/lib/apt/lists/*\n",
             .peers = impl_apt_lists_kept::kPeers,
             .references = impl_apt_lists_kept::kReferences,
             .tags = impl_apt_lists_kept::kTags},
    .check = for_format<model::DockerfileDoc, impl_apt_lists_kept::check>,
};

}  // namespace lintel::rules::dockerfile
