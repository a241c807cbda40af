// DF010 apt-no-recommends: `apt-get install` that also installs the recommended packages.
//
// An `apt-get install` / `apt install` anywhere in a RUN script (heredocs, `ONBUILD RUN`,
// `sh -c`, behind `sudo`) passes when it has `--no-install-recommends`, or turns recommends off
// through an option: `-o APT::Install-Recommends=false` (also `=0`/`=no`, any case, as apt's
// configuration parser accepts) or `--install-recommends=false`. The finding spans the command
// word through `install`.
// Not seen: an `apt.conf.d` file written earlier (`echo 'APT::Install-Recommends "0";' > …`);
// like hadolint DL3015 this stays a per-command check, and such Dockerfiles can suppress the rule.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_apt_no_recommends {

constexpr PeerId kPeers[] = {{"hadolint", "DL3015"}, {"kics", "7384dfb2"}, {"trivy", "DS-0029"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#apt-get",
    "https://github.com/hadolint/hadolint/wiki/DL3015",
};
constexpr std::string_view kTags[] = {"best-practice"};

bool is_false(std::string_view value) {
  return equals_ignore_case(value, "false") || equals_ignore_case(value, "no") || value == "0";
}

// `-o APT::Install-Recommends=false`.
bool sets_recommends_off(std::string_view assignment) {
  const auto eq = assignment.find('=');
  if (eq == std::string_view::npos) return false;
  return equals_ignore_case(assignment.substr(0, eq), "APT::Install-Recommends") &&
         is_false(assignment.substr(eq + 1));
}

bool disables_recommends(const ParsedArgs& args) {
  if (args.has_flag(0, "no-install-recommends")) return true;
  if (const Option* o = args.find(0, "install-recommends"); o && o->value && is_false(*o->value))
    return true;
  for (const Option* o : args.find_all('o', "option"))
    if (o->value && sets_recommends_off(*o->value)) return true;
  return false;
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_run_command(doc, [&](const RunRef&, const model::ShellCommand& cmd) {
    const auto view = effective_command(cmd);
    if (!view || !is_apt(view->program())) return;
    const ParsedArgs args = parse_args(view->args, kAptSyntax);
    if (args.subcommand() != "install" || disables_recommends(args)) return;
    out.report(command_span(*view, *args.operands.front()),
               fmt::format("\"{} install\" also installs recommended packages "
                           "(no --no-install-recommends)",
                           view->name->value));
  });
}

}  // namespace impl_apt_no_recommends

extern const Rule apt_no_recommends{
    .meta = {.id = "DF010",
             .slug = "apt-no-recommends",
             .severity = Severity::info,
             .format = Format::dockerfile,
             .summary = "apt-get install without --no-install-recommends",
             .what = "Reports `apt-get install` and `apt install` commands in `RUN` instructions "
                     "(also in heredoc scripts, `ONBUILD RUN`, `sh -c` strings and behind `sudo`) "
                     "that do not pass `--no-install-recommends` and do not turn recommended "
                     "packages off with `-o APT::Install-Recommends=false`.",
             .why = "By default apt also installs every package the requested ones merely "
                    "recommend. In an image that usually means documentation, extra tools and "
                    "libraries nobody uses: a bigger image, a slower pull, and more packages that "
                    "can carry vulnerabilities.",
             .fix = "Add `--no-install-recommends` to the install command, and add explicitly "
                    "any recommended package the image really needs.",
             .bad = "FROM debian:12\n"
                    "RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5 \\\n"
                    "    && rm -rf /var/lib/apt/lists/*\n",
             .good = "FROM debian:12\n"
                     "RUN apt-get update \\\n"
                     "    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n"
                     "    && rm -rf /var/lib/apt/lists/*\n",
             .peers = impl_apt_no_recommends::kPeers,
             .references = impl_apt_no_recommends::kReferences,
             .tags = impl_apt_no_recommends::kTags},
    .check = for_format<model::DockerfileDoc, impl_apt_no_recommends::check>,
};

}  // namespace lintel::rules::dockerfile
