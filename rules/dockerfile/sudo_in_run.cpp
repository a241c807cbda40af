// DF019 sudo-in-run: `sudo` used as a command in a RUN script.
//
// Every RUN script is looked at (shell form, exec form, heredoc bodies, `ONBUILD RUN`), and every
// simple command in it, including those nested in `sh -c "…"` strings (also behind wrappers:
// `sudo sh -c '…'`), `$(…)` and subshells, which the shell model flattens. A command counts when
// its command word is `sudo` (any directory: `/usr/bin/sudo`) or when a wrapper runs it
// (`env X=1 sudo …`, `nice sudo …`). `sudo` as an argument (`apt-get install sudo`) is not a
// command and is not reported.
// Like hadolint DL3004, every use is reported, whatever the user: the build already runs as the
// stage's USER, and a `sudo` that works at build time means the image ships a sudo setup.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_sudo_in_run {

constexpr PeerId kPeers[] = {{"hadolint", "DL3004"},
                             {"checkov", "CKV2_DOCKER_1"},
                             {"kics", "8ada6e80"},
                             {"trivy", "DS-0010"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#user",
    "https://github.com/hadolint/hadolint/wiki/DL3004",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security", "best-practice"};

// The `sudo` word that `cmd` runs, directly or through wrappers such as env, nice or timeout
// (even one that runs nothing itself, `sudo -v`); null when it runs no sudo.
const model::ShellWord* sudo_word(const model::ShellCommand& cmd) {
  const model::ShellWord* sudo = nullptr;
  (void)model::follow_wrappers(model::CommandWords{&cmd.name, cmd.args},
                               [&sudo](const model::CommandWords& words) {
                                 if (sudo == nullptr && base_name(words.name->value) == "sudo")
                                   sudo = words.name;
                               });
  return sudo;
}

void report(const model::ShellWord& word, Reporter& out) {
  out.report(word.span,
             fmt::format("RUN calls \"{}\": commands already run as the stage's USER", word.value));
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_run_command(doc, [&out](const RunRef&, const model::ShellCommand& cmd) {
    if (const model::ShellWord* word = sudo_word(cmd)) report(*word, out);
  });
}

}  // namespace impl_sudo_in_run

extern const Rule sudo_in_run{
    .meta = {.id = "DF019",
             .slug = "sudo-in-run",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "RUN uses sudo",
             .what =
                 "Reports `sudo` run as a command in a `RUN` instruction: in the shell form, "
                 "in exec form, in heredoc scripts, in `ONBUILD RUN`, inside `sh -c \"…\"` "
                 "strings and command substitutions, and behind wrappers such as `env` or `nice`. "
                 "A package named `sudo` (`apt-get install sudo`) is not a command and is not "
                 "reported.",
             .why = "A `RUN` already executes as the stage's current `USER`, so `sudo` is never "
                    "needed to get root during a build: switch with `USER root` instead. `sudo` "
                    "behaves differently with and without a TTY, may prompt for a password, and "
                    "its presence means the image ships a sudoers setup that lets the runtime "
                    "user become root again, which undoes the point of running as non-root.",
             .fix = "Remove `sudo` from the command. Put the steps that need root under "
                    "`USER root` and switch back to the unprivileged user with a later `USER` "
                    "instruction. To drop privileges in an entrypoint script, use `gosu` or "
                    "`su-exec` rather than `sudo`.",
             .bad = "FROM debian:12\n"
                    "USER app\n"
                    "RUN sudo apt-get update\n",
             .good = "FROM debian:12\n"
                     "USER root\n"
                     "RUN apt-get update\n"
                     "USER app\n",
             .peers = impl_sudo_in_run::kPeers,
             .references = impl_sudo_in_run::kReferences,
             .tags = impl_sudo_in_run::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::DockerfileDoc, impl_sudo_in_run::check>,
};

}  // namespace lintel::rules::dockerfile
