// The shell command model: what a POSIX shell script does, as commands with words. Built by
// parsers/shell from tree-sitter-bash, for Dockerfile RUN (shell form and heredocs) and, later,
// workflow `run:` steps. Spans are byte spans into the SourceFile the script came from.
#pragma once

#include <cstdint>
#include <string>
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
};

struct ShellPipeline {
  std::vector<std::uint32_t> commands;  // indices into ShellScript::commands, in pipe order
  Span span;
  [[nodiscard]] bool has_pipe() const { return commands.size() > 1; }
};

struct ShellScript {
  std::vector<ShellCommand> commands;   // every simple command, in source order, nested included
  std::vector<ShellPipeline> pipelines; // every command belongs to exactly one pipeline
  std::vector<Span> errors;             // regions tree-sitter could not parse (rules still run)
  Span span;
};

}  // namespace lintel::model
