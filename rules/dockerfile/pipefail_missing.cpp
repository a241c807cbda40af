// DF023 pipefail-missing: a RUN pipeline whose failures the shell ignores.
//
// A shell-form RUN (also `ONBUILD RUN` and heredoc scripts) that contains a pipeline with a real
// pipe (`a | b`) is reported when the stage's current `SHELL` has no `-o pipefail`. The state is
// tracked in source order:
// - each `FROM` starts with the default shell (`/bin/sh -c`, no pipefail), except that a stage
//   built `FROM` an earlier stage inherits that stage's final SHELL, as the image config does
//   (hadolint DL4006 resets at every FROM, a false positive on `FROM base` chains);
// - `SHELL [...]` sets it: pipefail when some word is an option cluster containing `o`
//   (`-o`, `-eo`, `-euxo`) followed later by the word `pipefail`. Unlike hadolint, which
//   accepts this only for bash, zsh and ash, any shell counts (`/bin/sh -o pipefail -c` is valid
//   in busybox ash and recent dash; where unsupported, the build fails loudly anyway);
// - a non-POSIX `SHELL` (pwsh, powershell, cmd; any directory, `.exe` or case) disables the rule
//   until the next SHELL or FROM, because those shells have no pipefail.
// Deliberate divergence: a `set -o pipefail` (also `set -eo pipefail`, `set -euxo pipefail`)
// earlier in the same script protects the pipelines after it, since the RUN's shell then does
// fail; hadolint only looks at SHELL.
// Exec-form RUN is skipped, even `["sh", "-c", "a | b"]`: SHELL does not apply to it. A command
// substitution's or `sh -c` string's pipelines count like top-level ones.
// One finding per RUN, at its first unprotected pipeline.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_pipefail_missing {

constexpr PeerId kPeers[] = {{"hadolint", "DL4006"}, {"kics", "efbf148a"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#using-pipes",
    "https://docs.docker.com/reference/dockerfile/#shell",
    "https://github.com/hadolint/hadolint/wiki/DL4006",
};
constexpr std::string_view kTags[] = {"best-practice", "correctness"};

enum class ShellState : std::uint8_t { no_pipefail, pipefail, non_posix };

// `C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe` -> `powershell`.
std::string program_of(std::string_view word) {
  const auto sep = word.find_last_of("/\\");
  std::string name = ascii_lower(sep == std::string_view::npos ? word : word.substr(sep + 1));
  if (name.ends_with(".exe")) name.resize(name.size() - 4);
  return name;
}

bool is_option_cluster_with_o(std::string_view w) {
  return w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find('o') != std::string_view::npos;
}

template <class Words, class ValueOf>
bool sets_pipefail(const Words& words, ValueOf value_of) {
  bool seen_o = false;
  for (const auto& w : words) {
    const std::string_view v = value_of(w);
    if (seen_o && v == "pipefail") return true;
    if (is_option_cluster_with_o(v)) seen_o = true;
  }
  return false;
}

ShellState state_of_shell(const model::Instruction& shell) {
  if (shell.words.empty()) return ShellState::no_pipefail;
  const std::string program = program_of(shell.words.front().value);
  if (program == "pwsh" || program == "powershell" || program == "cmd")
    return ShellState::non_posix;
  const bool pipefail = sets_pipefail(
      shell.words, [](const Scalar<std::string>& w) -> std::string_view { return w.value; });
  return pipefail ? ShellState::pipefail : ShellState::no_pipefail;
}

bool is_set_pipefail(const model::ShellCommand& cmd) {
  if (!cmd.name.is_literal || cmd.name.value != "set") return false;
  return sets_pipefail(cmd.args,
                       [](const model::ShellWord& w) -> std::string_view { return w.value; });
}

bool has_real_pipe(const model::ShellScript& script, const model::ShellPipeline& p) {
  for (const std::uint32_t i : p.commands)
    if (script.commands[i].pipe_position > 0) return true;
  return false;
}

// The first pipeline of `script` that runs before any `set -o pipefail`, or null.
const model::ShellPipeline* unprotected_pipeline(const model::ShellScript& script) {
  std::optional<std::uint32_t> set_at;  // where the first `set -o pipefail` ends
  for (const model::ShellCommand& cmd : script.commands) {
    if (is_set_pipefail(cmd)) {
      set_at = cmd.span.end;
      break;
    }
  }
  for (const model::ShellPipeline& p : script.pipelines) {
    if (!p.has_pipe() || !has_real_pipe(script, p)) continue;
    if (set_at && p.span.begin >= *set_at) continue;
    return &p;
  }
  return nullptr;
}

// Names the stages of the pipeline by their first command: `curl | tar`, `a | b | c | …`.
std::string pipeline_label(const model::ShellScript& script, const model::ShellPipeline& p) {
  std::string out;
  std::optional<std::uint32_t> last_position;
  int stages = 0;
  for (const std::uint32_t i : p.commands) {
    const model::ShellCommand& cmd = script.commands[i];
    if (last_position == cmd.pipe_position) continue;
    last_position = cmd.pipe_position;
    if (++stages > 3) return out + " | …";
    if (!out.empty()) out += " | ";
    out += cmd.name.value;
  }
  return out;
}

void check_run(const model::Instruction& run, Reporter& out) {
  // `RUN ["sh", "-c", "a | b"]` bypasses SHELL: a SHELL with pipefail cannot fix it, and the
  // shell is the author's explicit choice.
  if (run.exec_form) return;
  for (const model::ShellScript& script : run.scripts) {
    if (const model::ShellPipeline* p = unprotected_pipeline(script)) {
      out.report(p->span, fmt::format("pipeline \"{}\" hides failures of all but its last "
                                      "command: the shell has no -o pipefail",
                                      pipeline_label(script, *p)));
      return;  // one finding per RUN
    }
  }
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  std::vector<ShellState> final_state(doc.stages.size(), ShellState::no_pipefail);
  ShellState state = ShellState::no_pipefail;
  int stage = -1;
  for (const model::Instruction& ins : doc.instructions) {
    if (ins.stage != stage && ins.stage >= 0 &&
        static_cast<std::size_t>(ins.stage) < doc.stages.size()) {
      if (stage >= 0) final_state[static_cast<std::size_t>(stage)] = state;
      stage = ins.stage;
      const int parent = doc.stages[static_cast<std::size_t>(stage)].image.stage_ref;
      state = parent >= 0 && parent < stage ? final_state[static_cast<std::size_t>(parent)]
                                            : ShellState::no_pipefail;
    }
    if (ins.kind == model::InstructionKind::shell) state = state_of_shell(ins);
    if (state != ShellState::no_pipefail) continue;
    if (ins.kind == model::InstructionKind::run) check_run(ins, out);
    if (ins.kind == model::InstructionKind::onbuild && !ins.onbuild.empty() &&
        ins.onbuild.front().kind == model::InstructionKind::run)
      check_run(ins.onbuild.front(), out);
  }
}

}  // namespace impl_pipefail_missing

extern const Rule pipefail_missing{
    .meta = {.id = "DF023",
             .slug = "pipefail-missing",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "RUN uses a pipe but the shell does not set -o pipefail",
             .what = "Reports a `RUN` (also `ONBUILD RUN` and heredoc scripts) containing a "
                     "pipeline `a | b` while the stage's shell has no `-o pipefail`: the default "
                     "`/bin/sh -c`, or a `SHELL` without it. The `SHELL` is tracked per stage; "
                     "a stage built from an earlier stage inherits its `SHELL`. Not reported: a "
                     "non-POSIX `SHELL` (`pwsh`, `powershell`, `cmd`), exec-form `RUN`, and "
                     "pipelines after a `set -o pipefail` in the same script.",
             .why = "A pipeline's exit status is that of its last command. In "
                    "`RUN curl -fsSL https://… | tar -xz`, a failed download still lets `tar` "
                    "succeed on empty input, the step passes, and the image is built without the "
                    "files, which surfaces later as a confusing runtime error. With `pipefail` "
                    "the step fails where the problem is.",
             .fix = "Declare a shell with pipefail before the `RUN` instructions of each stage: "
                    "`SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (on Alpine, "
                    "`SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]`). Alternatively start "
                    "the script with `set -o pipefail &&` when the shell supports it.",
             .bad = "FROM debian:12\n"
                    "RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt\n",
             .good = "FROM debian:12\n"
                     "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
                     "RUN curl -fsSL https://example.com/app.tar.gz | tar -xz -C /opt\n",
             .peers = impl_pipefail_missing::kPeers,
             .references = impl_pipefail_missing::kReferences,
             .tags = impl_pipefail_missing::kTags},
    .check = for_format<model::DockerfileDoc, impl_pipefail_missing::check>,
};

}  // namespace lintel::rules::dockerfile
