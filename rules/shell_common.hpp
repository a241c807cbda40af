// Shell-script predicates shared by rules of several formats (Dockerfile RUN, workflow `run:`).
// They read the shell command model only; the command-word helpers (wrappers seen through,
// option parsing) come from rules/dockerfile/commands.hpp, which is format-neutral apart from
// its name.
//
// find_download_executions: a script that executes what it downloads, unverified (DF022, GHA010):
// - a pipeline in which a downloader (curl, wget, or FreeBSD's fetch) comes before a program that
//   reads its program text from stdin: `curl -fsSL u | sh`, `wget -qO- u | sudo -E bash -`,
//   `curl u | tee x | sh`. Wrappers are seen through (`sudo`, `env`, `nice`, …).
// - a shell or `eval`/`source` whose program is a substitution containing a downloader:
//   `sh -c "$(curl -fsSL u)"`, `bash <(curl -fsSL u)`, `eval "$(wget -qO- u)"`,
//   `. <(curl u)`. The model keeps the substitution as one word and its commands as nested
//   commands, so the downloader is found by its span lying inside that word.
//
// "Reads its program from stdin": shells (sh, bash, dash, zsh, ash, ksh, mksh) and the common
// interpreters (python*, perl, ruby, node, php) when they get no inline program (`-c`, `-e`, …)
// and no script file operand, or an explicit `-` / `-s`. So `curl u | python3 -c 'import json…'`
// and `curl u | bash -c 'cat > f'` are data processing, not reported; `curl u | python3` (the
// get-pip.py idiom) is. wget is reported whatever its options: `wget u | sh` without `-O-` pipes
// nothing, but the intent is the same and the fix too.
// Known gaps (the shell model does not show them): commands inside `sudo sh -c '…'` strings,
// and a downloader inside one `sh -c` string piped into a shell outside it.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "analyzer/model/shell.hpp"
#include "rules/dockerfile/commands.hpp"

namespace lintel::rules::shell {

using dockerfile::CommandView;
using dockerfile::effective_command;

// One place where a script runs a download it did not verify.
struct DownloadExecution {
  const model::ShellWord* runner = nullptr;  // the interpreter's command word (report here)
  std::string_view runner_program;           // its base name: `sh`, `bash`, `python3`, `eval`
  std::string_view downloader;               // `curl`, `wget` or `fetch`
  bool substitution = false;  // `sh -c "$(curl …)"` form rather than a pipe
};

namespace detail {

[[nodiscard]] inline bool is_downloader(std::string_view program) {
  return program == "curl" || program == "wget" || program == "fetch";
}

// How an interpreter takes its program: option letters that give it inline or from a file
// (`-c`, `-e`, `-m`), long options that do, and short options whose value is the next word.
struct Interpreter {
  std::string_view code_letters;
  std::string_view code_long;       // space-separated names without `--`
  std::string_view value_letters;   // options taking a value that is not a program
  bool dash_s_reads_stdin = false;  // shells: `-s` reads the program from stdin
};

inline constexpr Interpreter kShell{"c", "", "oO", true};
inline constexpr Interpreter kPython{"cm", "", "WX", false};
inline constexpr Interpreter kPerl{"eE", "", "", false};
inline constexpr Interpreter kRuby{"e", "", "", false};
inline constexpr Interpreter kNode{"ep", "eval print", "r", false};
inline constexpr Interpreter kPhp{"rfFRBE", "", "dc", false};

using dockerfile::is_shell_program;

[[nodiscard]] inline const Interpreter* interpreter_of(std::string_view program) {
  if (is_shell_program(program)) return &kShell;
  if (program.starts_with("python")) return &kPython;  // python, python3, python3.12
  if (program == "perl") return &kPerl;
  if (program == "ruby") return &kRuby;
  if (program == "node" || program == "nodejs") return &kNode;
  if (program.starts_with("php")) return &kPhp;
  return nullptr;
}

// Whether the interpreter, given `args`, runs the program text it reads on stdin.
[[nodiscard]] inline bool reads_program_from_stdin(const Interpreter& in,
                                                   std::span<const model::ShellWord> args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i].value;
    if (!args[i].is_literal) return false;  // `$SCRIPT`, `<(…)`: a file, handled elsewhere
    if (a == "-") return true;
    if (a == "--") return i + 1 == args.size();
    if (a.starts_with("--")) {
      const std::string_view name = a.substr(2, a.find('=') - 2);
      if (dockerfile::detail::contains(in.code_long, name)) return false;
      continue;
    }
    if (a.size() > 1 && (a[0] == '-' || (a[0] == '+' && in.dash_s_reads_stdin))) {
      for (std::size_t k = 1; k < a.size(); ++k) {
        if (in.code_letters.find(a[k]) != std::string_view::npos) return false;
        if (in.dash_s_reads_stdin && a[k] == 's' && a[0] == '-') return true;
        if (in.value_letters.find(a[k]) != std::string_view::npos) {
          if (k + 1 == a.size()) ++i;
          break;
        }
      }
      continue;
    }
    // A script file operand: stdin is data, unless the file is stdin itself.
    return a == "/dev/stdin" || a == "/dev/fd/0" || a == "/proc/self/fd/0";
  }
  return true;
}

// The program word of a shell or `eval`/`source`/`.`: the `-c` operand or the first operand of
// a shell, every argument of eval, the file of source. Empty when there is none.
[[nodiscard]] inline std::vector<const model::ShellWord*> program_words(const CommandView& view) {
  std::vector<const model::ShellWord*> out;
  const std::string_view program = view.program();
  if (program == "eval") {
    for (const model::ShellWord& w : view.args) out.push_back(&w);
    return out;
  }
  if (program == "source" || program == ".") {
    if (!view.args.empty()) out.push_back(&view.args.front());
    return out;
  }
  if (!is_shell_program(program)) return out;
  for (std::size_t i = 0; i < view.args.size(); ++i) {
    const model::ShellWord& w = view.args[i];
    const std::string_view a = w.value;
    if (a == "--") continue;
    if (w.is_literal && a.size() > 1 && (a[0] == '-' || a[0] == '+')) {
      if (a.back() == 'o' || a.back() == 'O') ++i;  // `-o pipefail`, `+O extglob`
      continue;
    }
    out.push_back(&w);  // the `-c` string, or the script operand (`bash <(curl …)`)
    return out;
  }
  return out;
}

// The first stage after a downloader that runs its program from stdin (one per pipeline).
[[nodiscard]] inline std::optional<DownloadExecution> pipe_execution(
    const model::ShellScript& script, const model::ShellPipeline& pipeline) {
  std::optional<std::string_view> downloader;  // the first downloader's program
  std::uint32_t downloader_position = 0;
  for (const std::uint32_t index : pipeline.commands) {
    const model::ShellCommand& cmd = script.commands[index];
    const auto view = effective_command(cmd);
    if (!view) continue;
    const std::string_view program = view->program();
    if (is_downloader(program)) {
      if (!downloader) {
        downloader = program;
        downloader_position = cmd.pipe_position;
      }
      continue;
    }
    if (!downloader || cmd.pipe_position <= downloader_position) continue;
    // `… | xargs sh` gives sh the items as arguments and no program on stdin.
    if (dockerfile::base_name(cmd.name.value) == "xargs") continue;
    const Interpreter* in = interpreter_of(program);
    if (in == nullptr || !reads_program_from_stdin(*in, view->args)) continue;
    return DownloadExecution{view->name, program, *downloader, false};
  }
  return std::nullopt;
}

// A word that is one substitution as a whole (`"$(curl …)"`, `<(curl …)`, `` `curl …` ``): its
// output is the program. `sh -c "x=$(curl …); …"` only uses the download as data.
[[nodiscard]] inline bool is_substitution(const model::ShellWord& word) {
  const std::string_view v = word.value;
  return !word.is_literal && (v.starts_with("$(") || v.starts_with("<(") || v.starts_with('`'));
}

[[nodiscard]] inline std::optional<DownloadExecution> substitution_execution(
    const model::ShellScript& script, const model::ShellCommand& cmd) {
  const auto view = effective_command(cmd);
  if (!view) return std::nullopt;
  for (const model::ShellWord* word : program_words(*view)) {
    if (!is_substitution(*word)) continue;
    for (const model::ShellCommand& inner : script.commands) {
      if (inner.depth <= cmd.depth || !word->span.contains(inner.span)) continue;
      const auto inner_view = effective_command(inner);
      if (!inner_view || !is_downloader(inner_view->program())) continue;
      return DownloadExecution{view->name, view->program(), inner_view->program(), true};
    }
  }
  return std::nullopt;
}

}  // namespace detail

// Every place `script` runs a download unverified: the pipelines first (one per pipeline), then
// the substitution forms, each in source order.
[[nodiscard]] inline std::vector<DownloadExecution> find_download_executions(
    const model::ShellScript& script) {
  std::vector<DownloadExecution> out;
  for (const model::ShellPipeline& pipeline : script.pipelines)
    if (pipeline.has_pipe())
      if (auto hit = detail::pipe_execution(script, pipeline)) out.push_back(*hit);
  for (const model::ShellCommand& cmd : script.commands)
    if (auto hit = detail::substitution_execution(script, cmd)) out.push_back(*hit);
  return out;
}

}  // namespace lintel::rules::shell
