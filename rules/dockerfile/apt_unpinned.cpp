// DF009 apt-unpinned: `apt-get install` / `apt install` of a package without a version.
//
// Every RUN command is looked at (shell form, heredoc scripts, `ONBUILD RUN`, `sh -c "…"`
// strings, behind `sudo`/`env`/`xargs`). The packages are the operands after `install`, with
// option values skipped (`-t bookworm-backports`, `--target-release rel`, `-o Opt=val`).
// Like hadolint DL3008, a package word counts as pinned when it contains `=` (`curl=7.88.1-10`,
// also `curl=${CURL_VERSION}`), contains `/` (a target release, `curl/bookworm-backports`) or
// ends in `.deb` (a local file, which fixes its own version). `apt` is treated like `apt-get`.
// A word that is a whole expansion (`$PACKAGES`, `"${PKG}"`) is skipped: it may expand to pinned
// `name=version` words, and guessing would be a false positive. A word with an expansion inside
// (`linux-headers-$(uname -r)`) still names an unpinned package and is reported.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_apt_unpinned {

constexpr PeerId kPeers[] = {{"hadolint", "DL3008"}, {"kics", "965a08d7"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#apt-get",
    "https://github.com/hadolint/hadolint/wiki/DL3008",
    "https://cwe.mitre.org/data/definitions/1357.html",
};
constexpr std::string_view kTags[] = {"supply-chain", "best-practice"};

bool is_pinned(std::string_view package) {
  return package.find('=') != std::string_view::npos ||
         package.find('/') != std::string_view::npos || package.ends_with(".deb");
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_run_command(doc, [&](const RunRef&, const model::ShellCommand& cmd) {
    const auto view = effective_command(cmd);
    if (!view || !is_apt(view->program())) return;
    const ParsedArgs args = parse_args(view->args, kAptSyntax);
    if (args.subcommand() != "install") return;
    for (const model::ShellWord* package : args.after_subcommand()) {
      if (is_opaque_word(*package) || is_pinned(package->value)) continue;
      out.report(package->span,
                 fmt::format("apt package \"{}\" is installed without a pinned version",
                             package->value));
    }
  });
}

}  // namespace impl_apt_unpinned

extern const Rule apt_unpinned{
    .meta = {.id = "DF009",
             .slug = "apt-unpinned",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "apt-get install of a package without a pinned version",
             .what = "Reports each package of an `apt-get install` or `apt install` in a `RUN` "
                     "(also in heredoc scripts, `ONBUILD RUN`, `sh -c` strings and behind `sudo` "
                     "or `env`) that has no version. A package is pinned when it is written "
                     "`name=version` (a variable version such as `curl=${CURL_VERSION}` counts), "
                     "`name/release` (a target release), or is a local `.deb` file. Option values "
                     "such as `-t bookworm-backports` or `-o Opt=val` are not packages. A word "
                     "that is only a variable (`$PACKAGES`) is not judged.",
             .why = "Without a version, the package installed depends on the day the image is "
                    "built: a rebuild silently picks up a new upstream release, which can break "
                    "the image or change its behaviour, and two builds of the same Dockerfile are "
                    "no longer the same. Pinning makes builds reproducible and makes every "
                    "upgrade a reviewed change.",
             .fix = "Pin each package to the version you tested, e.g. "
                    "`apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5`. Look up "
                    "the current version with `apt-cache policy <package>` in the base image. "
                    "Keep versions in `ARG`s if you update them often.",
             .bad = "FROM debian:12\n"
                    "RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
                    "    && rm -rf /var/lib/apt/lists/*\n",
             .good = "FROM debian:12\n"
                     "RUN apt-get update \\\n"
                     "    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n"
                     "    && rm -rf /var/lib/apt/lists/*\n",
             .peers = impl_apt_unpinned::kPeers,
             .references = impl_apt_unpinned::kReferences,
             .tags = impl_apt_unpinned::kTags},
    .check = for_format<model::DockerfileDoc, impl_apt_unpinned::check>,
};

}  // namespace lintel::rules::dockerfile
