// Helpers over the shell model for Dockerfile rules that look at the commands a RUN executes.
//
// Everything here reads model values (ShellWord::value, Flag values); nothing re-parses text.
//
//   for (const RunRef& run : run_instructions(doc))            // RUN + ONBUILD RUN, source order
//     for (const model::ShellScript& script : run.run->scripts) // shell form, then heredoc bodies
//       for (const model::ShellCommand& cmd : script.commands)  // nested `sh -c`, `$(…)` included
//         if (const auto view = effective_command(cmd); view && view->program() == "apt-get") {
//           const ParsedArgs args = parse_args(view->args, kAptSyntax);
//           if (args.subcommand() == "install" && !args.has_flag('y', "yes")) …
//         }
//
// What the model gives (parsers/shell, parsers/dockerfile): an exec-form RUN has a script too
// (`["apt-get", "install", …]` is one command; the string of `["/bin/sh", "-c", "…"]` is parsed),
// and the `-c` strings of `sh -c`, `sudo sh -c`, `env X=1 bash -c` and `su -c` are parsed into
// nested commands, each command appearing once.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "analyzer/model/dockerfile.hpp"

namespace lintel::rules::dockerfile {

// ---------------------------------------------------------------------------------------------
// RUN instructions

// A RUN instruction as the build runs it. For `ONBUILD RUN …` (hadolint checks those too),
// `run` is the wrapped instruction and `top` the ONBUILD; otherwise both are the RUN.
struct RunRef {
  const model::Instruction* run = nullptr;
  const model::Instruction* top = nullptr;  // the entry of doc.instructions
  std::uint32_t index = 0;                  // index of `top` in doc.instructions
  [[nodiscard]] bool is_onbuild() const { return run != top; }
};

// The RUN instruction `doc.instructions[i]` is or wraps (ONBUILD RUN), if any.
[[nodiscard]] inline std::optional<RunRef> run_at(const model::DockerfileDoc& doc, std::uint32_t i) {
  const model::Instruction& ins = doc.instructions[i];
  if (ins.kind == model::InstructionKind::run) return RunRef{.run = &ins, .top = &ins, .index = i};
  if (ins.kind == model::InstructionKind::onbuild && !ins.onbuild.empty() &&
      ins.onbuild.front().kind == model::InstructionKind::run)
    return RunRef{.run = &ins.onbuild.front(), .top = &ins, .index = i};
  return std::nullopt;
}

// Every RUN of the document, including ONBUILD-wrapped ones, in source order. Lowercase `run` is
// the same instruction (the model's `kind` is case-insensitive).
[[nodiscard]] inline std::vector<RunRef> run_instructions(const model::DockerfileDoc& doc) {
  std::vector<RunRef> out;
  for (std::uint32_t i = 0; i < doc.instructions.size(); ++i)
    if (const auto run = run_at(doc, i)) out.push_back(*run);
  return out;
}

// Calls fn(const RunRef&, const model::ShellCommand&) for every simple command of every RUN
// script (shell form and heredoc bodies; nested `sh -c`/`$(…)` commands included). No list of
// the RUNs is built (perf: a vector per rule per file).
template <class Fn>
void for_each_run_command(const model::DockerfileDoc& doc, Fn&& fn) {
  for (std::uint32_t i = 0; i < doc.instructions.size(); ++i) {
    const auto run = run_at(doc, i);
    if (!run) continue;
    for (const model::ShellScript& script : run->run->scripts)
      for (const model::ShellCommand& cmd : script.commands) fn(*run, cmd);
  }
}

// ---------------------------------------------------------------------------------------------
// The command a simple command really runs

// `name` with the directory removed: `/usr/bin/apt-get` -> `apt-get`.
using model::base_name;

// The POSIX shells, by base name: sh, bash, dash, zsh, ash, ksh, mksh.
[[nodiscard]] inline bool is_shell_program(std::string_view program) {
  constexpr std::string_view kShells[] = {"sh", "bash", "dash", "zsh", "ash", "ksh", "mksh"};
  for (const std::string_view s : kShells)
    if (program == s) return true;
  return false;
}

// A command seen through the wrappers that run their operand as a command.
struct CommandView {
  const model::ShellCommand* command = nullptr;  // the simple command as parsed
  const model::ShellWord* name = nullptr;        // the effective command word (`apt-get`)
  std::span<const model::ShellWord> args;        // the words after `name`
  // True when a wrapper was skipped (`sudo apt-get …`); `command->name` is then the wrapper.
  [[nodiscard]] bool is_wrapped() const { return name != &command->name; }
  std::string_view base;  // program(), found with the command (effective_command)
  // The base name of the effective command word, e.g. `apt-get` for `/usr/bin/apt-get`.
  [[nodiscard]] std::string_view program() const { return base; }
};

namespace detail {

// The wrapper table lives in the model (analyzer/model/shell.hpp), shared with parsers/shell.
using model::is_assignment_word;
using model::WrapperSyntax;
using model::kWrappers;
using model::wrapper_syntax;
using model::wrapped_command_index;

// Whether the space-separated list `set` contains the word `w`.
[[nodiscard]] inline bool contains(std::string_view set, std::string_view w) {
  return model::list_contains(set, w);
}

}  // namespace detail

// The command `cmd` really runs, seen through these wrappers (nested ones too, e.g.
// `sudo env X=1 apt-get`): sudo, doas, env, command, exec, nice, nohup, time, timeout, xargs.
// xargs is included because `… | xargs apt-get install -y` is an apt-get install whose visible
// arguments still matter (its stdin items are unknown and so never reported).
// Not seen through: `gosu`/`su-exec USER` (rare in RUN), and `sh -c`/`su -c` strings (the
// parser already expands those into nested commands). Returns nullopt when the command word is an
// expansion (`$SUDO …`) or when a wrapper runs nothing (`sudo -v`, `command -v apt-get`, bare
// `env`). The wrapper table and the walk are model::follow_wrappers (analyzer/model/shell.hpp).
[[nodiscard]] inline std::optional<CommandView> effective_command(const model::ShellCommand& cmd) {
  const auto run = model::follow_wrappers(cmd);
  if (!run) return std::nullopt;
  return CommandView{.command = &cmd, .name = run->name, .args = run->args,
                     .base = model::run_program(cmd, *run->name)};
}

// ---------------------------------------------------------------------------------------------
// Options and operands

// What must be known of a command's option syntax to tell option values from operands: short
// letters whose option takes a value (`-o X`, `-oX`) and space-separated long option names
// without dashes that take one (`--target-release X`; `--name=X` is always understood).
struct OptionSyntax {
  std::string_view short_with_value{};
  std::string_view long_with_value{};
};

// One option as written. A word `-yq` gives two Options (y and q) sharing `word`.
struct Option {
  const model::ShellWord* word = nullptr;   // the word holding the option
  char short_name = 0;                      // set for short options, 0 for long ones
  std::string_view long_name{};             // set for long options, without `--` or `=value`
  std::optional<std::string_view> value{};  // `--n=v`, `-ov`, `-o v`, `-q=2` (value `2`)
  const model::ShellWord* value_word = nullptr;  // the next word when the value is separate
};

// A command's arguments split GNU-style: options may appear anywhere (getopt permutes) until
// `--`; everything else is an operand. Words that are expansions starting with `-` (`$OPTS` is
// not, `-$X` is) are kept as operands with `is_literal == false`, so callers can skip them.
struct ParsedArgs {
  std::vector<Option> options;
  std::vector<const model::ShellWord*> operands;  // in order

  // The first operand (`install` in `apt-get -y install x`), or empty.
  [[nodiscard]] std::string_view subcommand() const {
    return operands.empty() ? std::string_view{} : std::string_view(operands.front()->value);
  }
  // The operands after the subcommand (the packages of `apt-get install a b`).
  [[nodiscard]] std::span<const model::ShellWord* const> after_subcommand() const {
    if (operands.empty()) return {};
    return std::span<const model::ShellWord* const>(operands).subspan(1);
  }
  // The first option named `short_name` (pass 0 to skip) or `long_name` (pass "" to skip).
  [[nodiscard]] const Option* find(char short_name, std::string_view long_name) const {
    for (const Option& o : options) {
      if (short_name != 0 && o.short_name == short_name) return &o;
      if (!long_name.empty() && o.short_name == 0 && o.long_name == long_name) return &o;
    }
    return nullptr;
  }
  [[nodiscard]] bool has_flag(char short_name, std::string_view long_name) const {
    return find(short_name, long_name) != nullptr;
  }
  // Every occurrence, e.g. all `-o` values of apt-get.
  [[nodiscard]] std::vector<const Option*> find_all(char short_name,
                                                    std::string_view long_name) const {
    std::vector<const Option*> out;
    for (const Option& o : options)
      if ((short_name != 0 && o.short_name == short_name) ||
          (!long_name.empty() && o.short_name == 0 && o.long_name == long_name))
        out.push_back(&o);
    return out;
  }
};

[[nodiscard]] inline ParsedArgs parse_args(std::span<const model::ShellWord> args,
                                           const OptionSyntax& syntax = {}) {
  ParsedArgs out;
  // One allocation each (perf: grown one push at a time, they were a tenth of the rules' mallocs).
  out.options.reserve(args.size());
  out.operands.reserve(args.size());
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const model::ShellWord& w = args[i];
    const std::string_view a = w.value;
    const bool looks_like_option = !options_done && w.is_literal && a.size() > 1 && a[0] == '-';
    if (!looks_like_option) {
      out.operands.push_back(&w);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    const model::ShellWord* next = i + 1 < args.size() ? &args[i + 1] : nullptr;
    if (a.starts_with("--")) {
      Option o{.word = &w, .long_name = a.substr(2)};
      if (const auto eq = o.long_name.find('='); eq != std::string_view::npos) {
        o.value = o.long_name.substr(eq + 1);
        o.long_name = o.long_name.substr(0, eq);
      } else if (next != nullptr && detail::contains(syntax.long_with_value, o.long_name)) {
        o.value = std::string_view(next->value);
        o.value_word = next;
        ++i;
      }
      out.options.push_back(o);
      continue;
    }
    for (std::size_t k = 1; k < a.size(); ++k) {
      Option o{.word = &w, .short_name = a[k]};
      if (k + 1 < a.size() && a[k + 1] == '=') {  // `-q=2`
        o.value = a.substr(k + 2);
        out.options.push_back(o);
        break;
      }
      if (syntax.short_with_value.find(a[k]) != std::string_view::npos) {
        if (k + 1 < a.size()) {
          o.value = a.substr(k + 1);
        } else if (next != nullptr) {
          o.value = std::string_view(next->value);
          o.value_word = next;
          ++i;
        }
        out.options.push_back(o);
        break;
      }
      out.options.push_back(o);
    }
  }
  return out;
}

// Shorthand for `parse_args(args, syntax).has_flag(short_name, long_name)`: `-y`, `-qy`,
// `--yes` and `--yes=…` all count for has_flag(view.args, 'y', "yes").
[[nodiscard]] inline bool has_flag(std::span<const model::ShellWord> args, char short_name,
                                   std::string_view long_name, const OptionSyntax& syntax = {}) {
  return parse_args(args, syntax).has_flag(short_name, long_name);
}

// True for a word whose real value is only known at run time: one expansion as a whole (`$PKGS`,
// `${PKG}`, `"$@"`), which may stand for any number of words, pinned or not, or an xargs/find
// placeholder (`{}` in `xargs -I{} apt-get install {}`). Rules that judge operands skip it.
[[nodiscard]] inline bool is_opaque_word(const model::ShellWord& w) {
  return (!w.is_literal && w.value.starts_with('$')) ||
         w.value.find("{}") != std::string_view::npos;
}

// The span from the effective command word through `last` (e.g. `apt-get -y install`), for
// findings about a command as a whole.
[[nodiscard]] inline Span command_span(const CommandView& view, const model::ShellWord& last) {
  return {view.name->span.begin, std::max(view.name->span.end, last.span.end)};
}

// ---------------------------------------------------------------------------------------------
// Package managers (shared by the DF009-DF018 rules)

// apt-get and apt: options taking a value (`-o Opt=val`, `-t release`, `-c file`, `-a arch`).
inline constexpr OptionSyntax kAptSyntax{
    .short_with_value = "otca",
    .long_with_value = "option target-release default-release config-file host-architecture"};

[[nodiscard]] inline bool is_apt(std::string_view program) {
  return program == "apt-get" || program == "apt";
}

// apk: `--virtual NAME`/`-t NAME` and `--repository URL`/`-X URL` name no package.
inline constexpr OptionSyntax kApkSyntax{
    .short_with_value = "tXp",
    .long_with_value = "virtual repository root arch keys-dir cache-dir repositories-file wait "
                       "cache-max-age timeout"};

// pip install: options whose value is a file, URL or setting rather than a requirement.
inline constexpr OptionSyntax kPipSyntax{
    .short_with_value = "rceifbtC",
    .long_with_value = "requirement constraint editable index-url extra-index-url find-links "
                       "target prefix root src platform python-version implementation abi no-binary "
                       "only-binary progress-bar proxy trusted-host upgrade-strategy cert "
                       "client-cert cache-dir log timeout retries exists-action report "
                       "config-settings global-option build-option build python"};

// The words after `pip` for `pip …`, `pip3 …`, `pip3.12 …`, `python -m pip …` and
// `python3.12 -m pip …`, or nullopt for any other command. pipx and pipenv are not pip.
[[nodiscard]] inline std::optional<std::span<const model::ShellWord>> pip_arguments(
    const CommandView& view) {
  const auto versioned = [](std::string_view name, std::string_view stem) {
    if (!name.starts_with(stem)) return false;
    for (const char c : name.substr(stem.size()))
      if (!((c >= '0' && c <= '9') || c == '.')) return false;
    return true;
  };
  const std::string_view program = view.program();
  if (versioned(program, "pip")) return view.args;
  if (!versioned(program, "python")) return std::nullopt;
  for (std::size_t i = 0; i < view.args.size(); ++i) {
    const std::string_view a = view.args[i].value;
    if (a == "-m") {
      if (i + 1 < view.args.size() && view.args[i + 1].value == "pip")
        return view.args.subspan(i + 2);
      return std::nullopt;
    }
    if (a == "-W" || a == "-X") {
      ++i;
      continue;
    }
    if (!a.starts_with('-') || a == "-c" || a == "-") return std::nullopt;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Instruction flags

// The value of `key` in a comma-separated `k=v,k=v` flag value such as `--mount=type=cache,…`.
[[nodiscard]] inline std::optional<std::string_view> flag_field(std::string_view value,
                                                                std::string_view key) {
  std::size_t start = 0;
  while (start <= value.size()) {
    const auto end = std::min(value.find(',', start), value.size());
    const std::string_view item = value.substr(start, end - start);
    const auto eq = item.find('=');
    if (eq != std::string_view::npos && item.substr(0, eq) == key) return item.substr(eq + 1);
    if (eq == std::string_view::npos && item == key) return std::string_view{};
    start = end + 1;
  }
  return std::nullopt;
}

// Calls fn(std::string_view target) for each `--mount=type=cache` or `type=tmpfs` of `run`
// (`target=`, `dst=` and `destination=` are synonyms in BuildKit).
template <class Fn>
void for_each_cache_mount(const model::Instruction& run, Fn&& fn) {
  for (const model::Flag& f : run.flags) {
    if (f.name.value != "mount" || !f.value) continue;
    const std::string_view v = f.value->value;
    const auto type = flag_field(v, "type");
    if (!type || (*type != "cache" && *type != "tmpfs")) continue;
    for (const std::string_view key : {"target", "dst", "destination"})
      if (const auto t = flag_field(v, key)) fn(*t);
  }
}

}  // namespace lintel::rules::dockerfile
