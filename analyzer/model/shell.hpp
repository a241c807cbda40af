// The shell command model: what a POSIX shell script does, as commands with words. Built by
// parsers/shell from tree-sitter-bash, for Dockerfile RUN (shell form and heredocs) and, later,
// workflow `run:` steps. Spans are byte spans into the SourceFile the script came from.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/source.hpp"

namespace lintel::model {

struct ShellWord {
  // The word as the shell sees it after quote removal: `"a b"` is `a b`, `'x'` is `x`, `a\ b` is
  // `a b`. Parameter expansions and command substitutions stay as written (`$HOME`, `$(id -u)`).
  std::string value;
  Span span;
  // True when the word contains no expansion or substitution, so `value` is exactly its text.
  bool is_literal = true;
};

struct ShellCommand {
  ShellWord name;                       // the command word (after prefix assignments)
  std::vector<ShellWord> args;          // the words after the name, redirections excluded
  std::vector<ShellWord> assignments;   // prefix assignments `FOO=bar cmd`, value "FOO=bar"
  Span span;                            // the whole simple command
  std::uint32_t pipeline = 0;           // index into ShellScript::pipelines
  // pipe_position is the stage the command runs in, not an index into ShellPipeline::commands:
  // the commands directly inside a compound stage (`{ a; b; } | c`, `(a; b) | c`) share that
  // stage's position (a and b are 0, c is 1). A pipeline nested inside a stage has its own entry.
  std::uint32_t pipe_position = 0;      // 0 = first command of its pipeline
  // 0 at the top level; 1 + the container's depth for commands inside `sh -c "…"` strings,
  // `$(…)` substitutions, subshells and function bodies.
  std::uint32_t depth = 0;
  // The command really run through the wrappers in front of it (follow_wrappers below), found
  // once by the parser (parse_shell and command_script call resolve_wrappers): 0 the name
  // itself, i the word args[i - 1], kRunsNone when it cannot be known. kRunsUnresolved (a
  // command built by hand): follow_wrappers walks.
  std::int32_t runs = kRunsUnresolved;
  // With `runs`: where the base name of that command's word starts (9 in `/usr/bin/apt-get`).
  std::uint32_t runs_base = 0;

  static constexpr std::int32_t kRunsUnresolved = -2;
  static constexpr std::int32_t kRunsNone = -1;
};

struct ShellPipeline {
  std::vector<std::uint32_t> commands;  // indices into ShellScript::commands, in pipe order
  Span span;
  [[nodiscard]] bool has_pipe() const { return commands.size() > 1; }
};

// A nesting limit the parse stopped at: the commands beyond it are missing from the script.
// The parsers that hold shell scripts (Dockerfile, Actions) report it as a diagnostic.
struct ShellLimit {
  Span span;            // the command or node at which the limit was reached
  std::string message;  // names the limit
};

struct ShellScript {
  std::vector<ShellCommand> commands;   // every simple command, in source order, nested included
  std::vector<ShellPipeline> pipelines; // every command belongs to exactly one pipeline
  std::vector<Span> errors;             // regions tree-sitter could not parse (rules still run)
  std::vector<ShellLimit> limits;       // at most one per limit and script
  Span span;
};

// ---------------------------------------------------------------------------------------------
// Commands that run another command: the knowledge shared by parsers/shell (to find the shell
// behind `sudo sh -c '…'`) and the rules (to see `apt-get` in `sudo env X=1 apt-get install`).

// How a wrapper's own options look: short letters taking a value, space-separated long names
// (without `--`) taking a value, whether `NAME=value` words are skipped, how many operands come
// before the command (`timeout DURATION cmd`), and short letters meaning "run no command".
struct WrapperSyntax {
  std::string_view name;
  std::string_view short_with_value;
  std::string_view long_with_value;
  bool skips_assignments = false;
  int leading_operands = 0;
  std::string_view no_command_flags = "";
};

// sudo, doas, env, command, exec, nice, nohup, time, timeout and xargs. Not here: `su -c`, whose
// operand is a command string rather than a command (parsers/shell expands it like `sh -c`), and
// `gosu`/`su-exec USER`, rare in builds.
inline constexpr WrapperSyntax kWrappers[] = {
    {"sudo", "ugpCDrtTURh", "user group prompt close-from chdir role type command-timeout "
                            "other-user chroot host", true, 0, "vlKVe"},
    {"doas", "uC", "", false, 0, ""},
    {"env", "uC", "unset chdir", true, 0, "S"},  // -S: the command is inside the string
    {"command", "", "", false, 0, "vV"},
    {"exec", "a", "", false, 0, ""},
    {"nice", "n", "adjustment", false, 0, ""},
    {"nohup", "", "", false, 0, ""},
    {"time", "fo", "format output", false, 0, ""},
    {"timeout", "sk", "signal kill-after", false, 1, ""},
    {"xargs", "adEILnPs", "arg-file delimiter eof replace max-lines max-args max-procs "
                          "max-chars process-slot-var", false, 0, ""},
};

// How many wrappers deep a command is followed (`sudo env nice apt-get`); a bound, not a limit
// real commands reach.
inline constexpr int kMaxWrapperDepth = 8;

// `NAME=value`, as `env` and `sudo` read it: a name of letters, digits and `_`, not starting with
// a digit, then `=`.
[[nodiscard]] inline bool is_assignment_word(std::string_view w) {
  const auto eq = w.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  for (const char c : w.substr(0, eq))
    if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
      return false;
  return !(w[0] >= '0' && w[0] <= '9');
}

// Whether the space-separated list `set` contains the word `w`.
[[nodiscard]] inline bool list_contains(std::string_view set, std::string_view w) {
  std::size_t start = 0;
  while (start <= set.size()) {
    const auto end = std::min(set.find(' ', start), set.size());
    if (set.substr(start, end - start) == w) return true;
    start = end + 1;
  }
  return false;
}

// The wrapper named `program` (a base name: `sudo`, not `/usr/bin/sudo`), or null.
[[nodiscard]] inline const WrapperSyntax* wrapper_syntax(std::string_view program) {
  for (const WrapperSyntax& w : kWrappers)
    if (w.name == program) return &w;
  return nullptr;
}

// The index in `args` of the command a wrapper runs, or nullopt when it runs none (or cannot be
// known: `sudo -v`, `command -v x`, `env` alone, an option that is an expansion).
[[nodiscard]] inline std::optional<std::size_t> wrapped_command_index(
    const WrapperSyntax& syn, std::span<const ShellWord> args) {
  int operands = syn.leading_operands;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i].value;
    if (!args[i].is_literal && a.starts_with('-')) return std::nullopt;
    if (a == "--") {
      i += static_cast<std::size_t>(operands);
      return i + 1 < args.size() ? std::optional<std::size_t>(i + 1) : std::nullopt;
    }
    if (a.size() > 2 && a.starts_with("--")) {
      const std::string_view body = a.substr(2);
      if (body.find('=') == std::string_view::npos && list_contains(syn.long_with_value, body))
        ++i;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      for (std::size_t k = 1; k < a.size(); ++k) {
        if (syn.no_command_flags.find(a[k]) != std::string_view::npos) return std::nullopt;
        if (syn.short_with_value.find(a[k]) != std::string_view::npos) {
          if (k + 1 == a.size()) ++i;  // the value is the next word
          break;
        }
      }
      continue;
    }
    if (syn.skips_assignments && is_assignment_word(a)) continue;
    if (operands > 0) {
      --operands;
      continue;
    }
    return i;
  }
  return std::nullopt;
}

// `name` with the directory removed: `/usr/bin/apt-get` -> `apt-get`.
[[nodiscard]] inline std::string_view base_name(std::string_view name) {
  const auto slash = name.rfind('/');
  return slash == std::string_view::npos ? name : name.substr(slash + 1);
}

// A command word and the words after it.
struct CommandWords {
  const ShellWord* name = nullptr;
  std::span<const ShellWord> args;
};

// Follows a command through the wrappers in front of it, calling visit(const CommandWords&) for
// each literal command word from the outside in: `sudo -E env X=1 apt-get install x` visits
// sudo, env and apt-get, each with the words after it. Returns the command really run, or nullopt
// when it cannot be known: the command word is an expansion (`$SUDO apt-get`), a wrapper runs no
// command (`sudo -v`, `command -v x`, bare `env`), or the chain is deeper than kMaxWrapperDepth.
template <class Visit>
std::optional<CommandWords> follow_wrappers(CommandWords words, Visit&& visit) {
  for (int depth = 0; depth <= kMaxWrapperDepth; ++depth) {
    if (!words.name->is_literal || words.name->value.empty()) return std::nullopt;
    visit(static_cast<const CommandWords&>(words));
    const WrapperSyntax* syntax = wrapper_syntax(base_name(words.name->value));
    if (syntax == nullptr) return words;
    const auto at = wrapped_command_index(*syntax, words.args);
    if (!at) return std::nullopt;
    words = {&words.args[*at], words.args.subspan(*at + 1)};
  }
  return std::nullopt;
}

// The command `cmd` really runs (perf: a dozen rules ask for each command; the walk compares the
// name with every wrapper's, so the parser walks once and keeps the answer in `cmd.runs`).
[[nodiscard]] inline std::optional<CommandWords> follow_wrappers(const ShellCommand& cmd) {
  const std::span<const ShellWord> args = cmd.args;
  if (cmd.runs == ShellCommand::kRunsUnresolved)
    return follow_wrappers(CommandWords{&cmd.name, args}, [](const CommandWords&) {});
  if (cmd.runs < 0 || static_cast<std::size_t>(cmd.runs) > args.size()) return std::nullopt;
  if (cmd.runs == 0) return CommandWords{&cmd.name, args};
  const auto at = static_cast<std::size_t>(cmd.runs);
  return CommandWords{&args[at - 1], args.subspan(at)};
}

// Sets `cmd.runs` and `cmd.runs_base`: what follow_wrappers finds by walking, kept.
inline void resolve_wrappers(ShellCommand& cmd) {
  cmd.runs = ShellCommand::kRunsUnresolved;
  const std::optional<CommandWords> run = follow_wrappers(cmd);
  if (!run) {
    cmd.runs = ShellCommand::kRunsNone;
    return;
  }
  cmd.runs = run->name == &cmd.name ? 0 : static_cast<std::int32_t>(run->name - cmd.args.data()) + 1;
  const std::string_view value = run->name->value;
  cmd.runs_base = static_cast<std::uint32_t>(value.size() - base_name(value).size());
}

// The base name of `name`, the word follow_wrappers(cmd) found (perf: kept by resolve_wrappers).
[[nodiscard]] inline std::string_view run_program(const ShellCommand& cmd, const ShellWord& name) {
  const std::string_view value = name.value;
  if (cmd.runs < 0 || cmd.runs_base > value.size()) return base_name(value);
  return value.substr(cmd.runs_base);
}

}  // namespace lintel::model
