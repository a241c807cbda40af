// DF020 cd-in-run: `cd` used in a RUN script to change the working directory.
//
// Every RUN script is looked at (shell form, heredoc bodies, `ONBUILD RUN`). A command counts
// when its command word is `cd` and it runs in the RUN's own shell: at the top level of the
// script, or inside `sh -c "…"` strings that are themselves at that level (`sh -c "cd /x && make"`
// is the same as `cd /x && make`, and so is `sudo sh -c "…"`).
//
// Deliberate divergence from hadolint DL3003, which reports every `cd`: a `cd` inside a subshell
// `(cd vendor && make)` or a command substitution `$(cd "$d" && pwd)` is not reported. Its
// directory change ends with the subshell, so it cannot leak into later commands, and WORKDIR
// cannot express "build there, then come back" without two extra instructions; it is the
// idiomatic way to do exactly what this rule asks for (keep directory changes scoped).
// The model gives subshells and `sh -c` strings the same nesting depth, so a nested `cd` is
// attributed to a `sh -c` only when its span lies inside the `-c` string of a shell command one
// level up, recursively; function bodies count as scoped too (they are rare in RUN).
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_cd_in_run {

constexpr PeerId kPeers[] = {{"hadolint", "DL3003"}, {"kics", "f4a6bcd3"}, {"trivy", "DS-0013"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#workdir",
    "https://docs.docker.com/build/building/best-practices/#workdir",
    "https://github.com/hadolint/hadolint/wiki/DL3003",
};
constexpr std::string_view kTags[] = {"best-practice", "maintainability"};

// Whether `cmd` is a shell run with `-c` (behind wrappers too: `sudo sh -c`) whose script word
// holds `inner`: the `sh -c` strings the parser expands.
bool runs_inner_via_dash_c(const model::ShellCommand& cmd, const model::ShellCommand& inner) {
  const auto view = effective_command(cmd);
  if (!view || !is_shell_program(view->program())) return false;
  bool dash_c = false;
  for (const model::ShellWord& w : view->args) {
    const std::string_view a = w.value;
    if (!dash_c) {
      if (w.is_literal && a.size() > 1 && a[0] == '-' && a[1] != '-' &&
          a.find('c') != std::string_view::npos)
        dash_c = true;
      continue;
    }
    if (w.is_literal && a.size() > 1 && a[0] == '-') continue;  // more options: `sh -c -e`
    // The parser maps the string's commands to exact spans only when the word is literal; for a
    // word with expansions they all get the word's span, while a command strictly inside it
    // comes from a `$(…)` the outer shell expands (the parser keeps that one copy only).
    return w.is_literal ? w.span.contains(inner.span) : w.span == inner.span;
  }
  return false;
}

// Whether `cmd` runs in the RUN's own shell rather than in a subshell, a substitution or a
// function: depth 0, or nested only through `sh -c` strings that run in the RUN's own shell.
bool runs_in_run_shell(const model::ShellScript& script, const model::ShellCommand& cmd) {
  const model::ShellCommand* current = &cmd;
  for (int guard = 0; guard < 16 && current->depth > 0; ++guard) {
    const model::ShellCommand* parent = nullptr;
    for (const model::ShellCommand& c : script.commands) {
      if (c.depth + 1 == current->depth && runs_inner_via_dash_c(c, *current)) {
        parent = &c;
        break;
      }
    }
    if (parent == nullptr) return false;
    current = parent;
  }
  return current->depth == 0;
}

// The directory operand of `cd` (`cd -P /x` -> `/x`), `~` when there is none.
std::string cd_target(const model::ShellCommand& cmd) {
  for (const model::ShellWord& w : cmd.args) {
    const std::string_view a = w.value;
    if (w.is_literal && a.size() > 1 && a[0] == '-') continue;  // -L, -P, --
    return w.value;
  }
  return "~";
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const RunRef& run : run_instructions(doc)) {
    for (const model::ShellScript& script : run.run->scripts) {
      for (const model::ShellCommand& cmd : script.commands) {
        if (!cmd.name.is_literal || cmd.name.value != "cd") continue;
        if (!runs_in_run_shell(script, cmd)) continue;
        out.report(cmd.span, fmt::format("RUN changes directory with \"cd {}\" instead of WORKDIR",
                                         cd_target(cmd)));
      }
    }
  }
}

}  // namespace impl_cd_in_run

extern const Rule cd_in_run{
    .meta = {.id = "DF020",
             .slug = "cd-in-run",
             .severity = Severity::info,
             .format = Format::dockerfile,
             .summary = "RUN changes directory with cd instead of WORKDIR",
             .what = "Reports a `cd` command in a `RUN` instruction: in the shell form, in heredoc "
                     "scripts, in `ONBUILD RUN` and inside `sh -c \"…\"` strings. A `cd` inside a "
                     "subshell `(cd dir && make)` or a command substitution `$(cd dir && pwd)` is "
                     "not reported, because its effect ends with the subshell (hadolint DL3003 "
                     "reports those too).",
             .why = "Each `RUN` starts in the `WORKDIR`, so a `cd` lasts only until the end of "
                    "its `RUN`. Paths in later instructions then silently depend on where an "
                    "earlier shell command happened to be, which makes the Dockerfile hard to "
                    "read and easy to break. `WORKDIR` states the directory once, creates it if "
                    "needed, and applies to every following `RUN`, `CMD`, `COPY` and "
                    "`ENTRYPOINT`.",
             .fix = "Replace `cd dir && …` with a `WORKDIR dir` instruction before the `RUN` "
                    "(an absolute path). When only one command must run elsewhere, scope the "
                    "change with a subshell `(cd dir && make)` or use the tool's own option, "
                    "such as `make -C dir` or `git -C dir`.",
             .bad = "FROM alpine:3.20\n"
                    "RUN cd /src && make\n",
             .good = "FROM alpine:3.20\n"
                     "WORKDIR /src\n"
                     "RUN make\n",
             .peers = impl_cd_in_run::kPeers,
             .references = impl_cd_in_run::kReferences,
             .tags = impl_cd_in_run::kTags},
    .check = for_format<model::DockerfileDoc, impl_cd_in_run::check>,
};

}  // namespace lintel::rules::dockerfile
