// DF012 apt-no-yes: `apt-get install` that would stop at apt's confirmation prompt.
//
// An `apt-get install` / `apt install` anywhere in a RUN script (heredocs, `ONBUILD RUN`,
// `sh -c`, behind `sudo`) passes when it answers the prompt itself: `-y`, `--yes`,
// `--assume-yes` (also in a cluster such as `-yq`), `-o APT::Get::Assume-Yes=true`, or quiet
// level 2, which apt documents as implying `-y`: `-qq`, `-q -q`, `-q=2`, `--quiet=2`.
// Divergence from hadolint DL3014: a single `-q` does not count (hadolint accepts any `-q`,
// but apt still prompts at quiet level 1). `yes | apt-get install …` also passes.
// DEBIAN_FRONTEND=noninteractive does not answer apt's own prompt and is not accepted.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_apt_no_yes {

constexpr PeerId kPeers[] = {{"hadolint", "DL3014"}, {"kics", "77783205"}, {"trivy", "DS-0021"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#apt-get",
    "https://manpages.debian.org/bookworm/apt/apt-get.8.en.html",
    "https://github.com/hadolint/hadolint/wiki/DL3014",
};
constexpr std::string_view kTags[] = {"best-practice"};

bool is_true(std::string_view v) {
  return v == "1" || v == "true" || v == "yes" || v == "True" || v == "TRUE" || v == "Yes" ||
         v == "YES";
}

// Quiet level 2 or more: `-qq`, `-q -q`, `-q=2`, `--quiet=2`.
bool is_quiet_enough(const ParsedArgs& args) {
  int level = 0;
  for (const Option* o : args.find_all('q', "quiet")) {
    if (!o->value) {
      ++level;
    } else if (!o->value->empty() && o->value->find_first_not_of("0123456789") ==
                                          std::string_view::npos) {
      level = std::max(level, o->value->size() > 1 ? 2 : (*o->value)[0] - '0');
    }
  }
  return level >= 2;
}

bool sets_assume_yes(const ParsedArgs& args) {
  for (const Option* o : args.find_all('o', "option")) {
    if (!o->value) continue;
    const std::string_view v = *o->value;
    const auto eq = v.find('=');
    if (eq != std::string_view::npos && v.substr(0, eq) == "APT::Get::Assume-Yes" &&
        is_true(v.substr(eq + 1)))
      return true;
  }
  return false;
}

bool answers_prompt(const ParsedArgs& args) {
  return args.has_flag('y', "yes") || args.has_flag(0, "assume-yes") || is_quiet_enough(args) ||
         sets_assume_yes(args);
}

// `yes | apt-get install …`: the previous stage of the pipeline is `yes`.
bool fed_by_yes(const model::ShellScript& script, const model::ShellCommand& cmd) {
  if (cmd.pipe_position == 0 || cmd.pipeline >= script.pipelines.size()) return false;
  for (const std::uint32_t i : script.pipelines[cmd.pipeline].commands) {
    if (i >= script.commands.size()) continue;
    const model::ShellCommand& prev = script.commands[i];
    if (prev.pipe_position + 1 == cmd.pipe_position && prev.name.value == "yes") return true;
  }
  return false;
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const RunRef& run : run_instructions(doc)) {
    for (const model::ShellScript& script : run.run->scripts) {
      for (const model::ShellCommand& cmd : script.commands) {
        const auto view = effective_command(cmd);
        if (!view || !is_apt(view->program())) continue;
        const ParsedArgs args = parse_args(view->args, kAptSyntax);
        if (args.subcommand() != "install" || answers_prompt(args) || fed_by_yes(script, cmd))
          continue;
        out.report(command_span(*view, *args.operands.front()),
                   fmt::format("\"{} install\" has no -y and will wait for a confirmation",
                               view->name->value));
      }
    }
  }
}

}  // namespace impl_apt_no_yes

extern const Rule apt_no_yes{
    .meta = {.id = "DF012",
             .slug = "apt-no-yes",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "apt-get install without -y",
             .what = "Reports `apt-get install` and `apt install` commands in `RUN` instructions "
                     "(also in heredoc scripts, `ONBUILD RUN`, `sh -c` strings and behind `sudo`) "
                     "that do not answer apt's confirmation prompt: no `-y`, `--yes`, "
                     "`--assume-yes` (alone or combined, as in `-yq`), `-qq` (which implies "
                     "`-y`) or `-o APT::Get::Assume-Yes=true`.",
             .why = "A build has no one to type \"Y\". Without `-y`, apt asks for confirmation "
                    "as soon as the install pulls in extra packages, reads end-of-file, and "
                    "aborts: the build fails, or works only until a dependency changes.",
             .fix = "Add `-y` to every `apt-get install` in a `RUN` instruction, e.g. "
                    "`apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5`.",
             .bad = "FROM debian:12\n"
                    "RUN apt-get update \\\n"
                    "    && apt-get install --no-install-recommends curl=7.88.1-10+deb12u5 \\\n"
                    "    && rm -rf /var/lib/apt/lists/*\n",
             .good = "FROM debian:12\n"
                     "RUN apt-get update \\\n"
                     "    && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \\\n"
                     "    && rm -rf /var/lib/apt/lists/*\n",
             .peers = impl_apt_no_yes::kPeers,
             .references = impl_apt_no_yes::kReferences,
             .tags = impl_apt_no_yes::kTags},
    .check = for_format<model::DockerfileDoc, impl_apt_no_yes::check>,
};

}  // namespace lintel::rules::dockerfile
