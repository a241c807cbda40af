// DF018 apk-cache-kept: `apk add` without `--no-cache`.
//
// Every `apk add` in a RUN script (heredocs, `ONBUILD RUN`, `sh -c`, behind `sudo`/`env`) needs
// `--no-cache`, unless the RUN has a BuildKit `--mount=type=cache` or `type=tmpfs` whose target
// (`target=`, `dst=`, `destination=`) is `/var/cache/apk` or `/etc/apk/cache` (or under them),
// where apk keeps its indexes and packages.
// Like hadolint DL3019, an `rm -rf /var/cache/apk/*` in the same RUN is not accepted instead:
// it only works when it runs after every `apk add` and does not remove the indexes that
// `apk update`/`--update` put elsewhere, while `--no-cache` is simpler and always right.
// The finding spans the command word through `add`.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_apk_cache_kept {

constexpr PeerId kPeers[] = {{"hadolint", "DL3019"}, {"kics", "ae9c56a6"}, {"trivy", "DS-0025"}};
constexpr std::string_view kReferences[] = {
    "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Local_Cache",
    "https://docs.docker.com/build/cache/optimize/#use-cache-mounts",
    "https://github.com/hadolint/hadolint/wiki/DL3019",
};
constexpr std::string_view kTags[] = {"best-practice"};

bool is_under(std::string_view path, std::string_view dir) {
  while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
  return path == dir || (path.starts_with(dir) && path[dir.size()] == '/');
}

bool mounts_apk_cache(const model::Instruction& run) {
  bool found = false;
  for_each_cache_mount(run, [&](std::string_view target) {
    if (is_under(target, "/var/cache/apk") || is_under(target, "/etc/apk/cache")) found = true;
  });
  return found;
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const RunRef& run : run_instructions(doc)) {
    if (mounts_apk_cache(*run.run)) continue;
    for (const model::ShellScript& script : run.run->scripts) {
      for (const model::ShellCommand& cmd : script.commands) {
        const auto view = effective_command(cmd);
        if (!view || view->program() != "apk") continue;
        const ParsedArgs args = parse_args(view->args, kApkSyntax);
        if (args.subcommand() != "add" || args.has_flag(0, "no-cache")) continue;
        out.report(command_span(*view, *args.operands.front()),
                   fmt::format("\"{} add\" keeps the package cache in the layer (no --no-cache)",
                               view->name->value));
      }
    }
  }
}

}  // namespace impl_apk_cache_kept

extern const Rule apk_cache_kept{
    .meta = {.id = "DF018",
             .slug = "apk-cache-kept",
             .severity = Severity::info,
             .format = Format::dockerfile,
             .summary = "apk add without --no-cache",
             .what = "Reports `apk add` in a `RUN` instruction (also in heredoc scripts, "
                     "`ONBUILD RUN`, `sh -c` strings and behind `sudo`) without `--no-cache`. A "
                     "`RUN` with a BuildKit cache or tmpfs mount on `/var/cache/apk` is not "
                     "reported.",
             .why = "Without `--no-cache`, the package indexes fetched by `apk update` or "
                    "`--update` stay in the layer, adding size that is useless at run time. "
                    "Removing them in a later `RUN` does not shrink the image.",
             .fix = "Use `apk add --no-cache …`: it fetches fresh indexes, installs, and keeps "
                    "nothing, so no `apk update` and no `rm -rf /var/cache/apk/*` are needed. "
                    "With BuildKit, `RUN --mount=type=cache,target=/var/cache/apk apk add …` "
                    "reuses downloads between builds instead.",
             .bad = "FROM alpine:3.19\n"
                    "RUN apk update && apk add curl=8.5.0-r0\n",
             .good = "FROM alpine:3.19\n"
                     "RUN apk add --no-cache curl=8.5.0-r0\n",
             .peers = impl_apk_cache_kept::kPeers,
             .references = impl_apk_cache_kept::kReferences,
             .tags = impl_apk_cache_kept::kTags},
    .check = for_format<model::DockerfileDoc, impl_apk_cache_kept::check>,
};

}  // namespace lintel::rules::dockerfile
