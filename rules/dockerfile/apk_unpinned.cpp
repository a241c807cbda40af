// DF017 apk-unpinned: `apk add` of a package without a version.
//
// Every `apk add` in a RUN script (heredocs, `ONBUILD RUN`, `sh -c`, behind `sudo`/`env`) is
// looked at. The packages are the operands after `add`; the values of `--virtual NAME`/`-t NAME`
// (a virtual package the command creates), `--repository URL`/`-X URL`, `--root`/`-p DIR` and
// similar options are not packages. A package passes when it carries a version constraint,
// which apk writes with `=`, `~` (fuzzy, `curl~8.5`), `>` or `<` (`curl>=8.5`), or is a local
// `.apk` file. hadolint DL3018 accepts only `=` and `~`; `>`/`<` constraints are real apk
// syntax and count here. `pkg@edge` names a repository tag, not a version, and is reported.
// A word that is a whole expansion (`$PACKAGES`) is skipped.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_apk_unpinned {

constexpr PeerId kPeers[] = {{"hadolint", "DL3018"}, {"kics", "d3499f6d"}};
constexpr std::string_view kReferences[] = {
    "https://wiki.alpinelinux.org/wiki/Alpine_Package_Keeper#Advanced_APK_Usage",
    "https://github.com/hadolint/hadolint/wiki/DL3018",
    "https://cwe.mitre.org/data/definitions/1357.html",
};
constexpr std::string_view kTags[] = {"supply-chain", "best-practice"};

bool is_pinned(std::string_view package) {
  return package.find_first_of("=~<>") != std::string_view::npos || package.ends_with(".apk");
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_run_command(doc, [&](const RunRef&, const model::ShellCommand& cmd) {
    const auto view = effective_command(cmd);
    if (!view || view->program() != "apk") return;
    const ParsedArgs args = parse_args(view->args, kApkSyntax);
    if (args.subcommand() != "add") return;
    for (const model::ShellWord* package : args.after_subcommand()) {
      if (is_opaque_word(*package) || is_pinned(package->value)) continue;
      out.report(package->span,
                 fmt::format("apk package \"{}\" is installed without a pinned version",
                             package->value));
    }
  });
}

}  // namespace impl_apk_unpinned

extern const Rule apk_unpinned{
    .meta = {.id = "DF017",
             .slug = "apk-unpinned",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "apk add of a package without a pinned version",
             .what = "Reports each package of an `apk add` in a `RUN` instruction (also in "
                     "heredoc scripts, `ONBUILD RUN`, `sh -c` strings and behind `sudo`) that has "
                     "no version constraint: `curl` instead of `curl=8.5.0-r0` or `curl~8.5`. "
                     "Local `.apk` files are not reported, nor the names given to `--virtual`/`-t` "
                     "or the URLs of `--repository`/`-X`.",
             .why = "Without a version, the package installed depends on the day the image is "
                    "built: a rebuild silently picks up a new release, which can break the image, "
                    "and two builds of the same Dockerfile differ. Pinning makes builds "
                    "reproducible and every upgrade a reviewed change.",
             .fix = "Pin each package to the tested version, e.g. `apk add --no-cache "
                    "curl=8.5.0-r0`, or to a release series with `curl~8.5`. `apk policy "
                    "<package>` in the base image shows the available versions.",
             .bad = "FROM alpine:3.19\n"
                    "RUN apk add --no-cache curl\n",
             .good = "FROM alpine:3.19\n"
                     "RUN apk add --no-cache curl=8.5.0-r0\n",
             .peers = impl_apk_unpinned::kPeers,
             .references = impl_apk_unpinned::kReferences,
             .tags = impl_apk_unpinned::kTags},
    .check = for_format<model::DockerfileDoc, impl_apk_unpinned::check>,
};

}  // namespace lintel::rules::dockerfile
