// DF019 sudo-in-run: `sudo` used as a command in a RUN script.
//
// Every RUN script is looked at (shell form, heredoc bodies, `ONBUILD RUN`), and every simple
// command in it, including those nested in `sh -c "…"` strings, `$(…)` and subshells, which the
// shell model flattens. A command counts when its command word is `sudo` (any directory:
// `/usr/bin/sudo`) or when a wrapper runs it (`env X=1 sudo …`, `nice sudo …`). An exec-form
// `RUN ["sudo", …]` has no shell script in the model; its JSON strings are read as the command.
// `sudo` as an argument (`apt-get install sudo`) is not a command and is not reported.
// Like hadolint DL3004, every use is reported, whatever the user: the build already runs as the
// stage's USER, and a `sudo` that works at build time means the image ships a sudo setup.
// Known gap: commands inside `sudo sh -c '…'` are not visible to the model (the wrapped `sh -c`
// string is not expanded), which only hides nested sudo calls, never the outer one.
#include <algorithm>

#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

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

// The `sudo` word that `cmd` runs, directly or through wrappers such as env, nice or timeout;
// null when it runs no sudo. Wrapper options are skipped with the shared wrapper syntax table.
const model::ShellWord* sudo_word(const model::ShellCommand& cmd) {
  const model::ShellWord* name = &cmd.name;
  std::span<const model::ShellWord> args = cmd.args;
  for (int guard = 0; guard < 8; ++guard) {
    if (!name->is_literal) return nullptr;
    const std::string_view program = base_name(name->value);
    if (program == "sudo") return name;
    const detail::WrapperSyntax* syntax = detail::wrapper_syntax(program);
    if (syntax == nullptr) return nullptr;
    const auto at = detail::wrapped_command_index(*syntax, args);
    if (!at) return nullptr;
    name = &args[*at];
    args = args.subspan(*at + 1);
  }
  return nullptr;
}

// `RUN ["sudo", "make"]` runs no shell, so the model has no script for it: its JSON strings are
// the command and its arguments. Nullopt for shell form, and for `["sh", "-c", …]`, whose script
// the model already has. (A candidate for rules/dockerfile/commands.hpp.)
std::optional<model::ShellCommand> exec_form_command(const model::Instruction& run) {
  if (!run.exec_form || !run.scripts.empty() || run.words.empty()) return std::nullopt;
  model::ShellCommand cmd;
  cmd.name = {run.words.front().value, run.words.front().span, true};
  for (std::size_t i = 1; i < run.words.size(); ++i)
    cmd.args.push_back({run.words[i].value, run.words[i].span, true});
  cmd.span = run.args.span;
  return cmd;
}

void report(const model::ShellWord& word, Reporter& out) {
  out.report(word.span,
             fmt::format("RUN calls \"{}\": commands already run as the stage's USER", word.value));
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const RunRef& run : run_instructions(doc)) {
    std::vector<const model::ShellWord*> words;
    if (const auto cmd = exec_form_command(*run.run)) {
      if (const model::ShellWord* word = sudo_word(*cmd)) report(*word, out);
    }
    for (const model::ShellScript& script : run.run->scripts)
      for (const model::ShellCommand& cmd : script.commands)
        if (const model::ShellWord* word = sudo_word(cmd)) words.push_back(word);
    // A `$(sudo …)` inside a `sh -c` string with expansions is seen twice: at its own span, and
    // at the span of the whole string where the string is parsed again. Keep the precise one.
    for (const model::ShellWord* word : words) {
      const bool covers_another = std::any_of(words.begin(), words.end(), [&](const auto* w) {
        return w->span != word->span && word->span.contains(w->span);
      });
      if (!covers_another) report(*word, out);
    }
  }
}

}  // namespace

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
             .peers = kPeers,
             .references = kReferences,
             .tags = kTags,
             .security_severity = "5.0"},
    .check = for_format<model::DockerfileDoc, check>,
};

}  // namespace lintel::rules::dockerfile
