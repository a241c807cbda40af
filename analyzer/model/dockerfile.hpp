// The Dockerfile model (Dockerfile reference: https://docs.docker.com/reference/dockerfile/).
// Built by parsers/dockerfile; rules read it and never the text. Every value carries its span.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/model/shell.hpp"
#include "analyzer/source.hpp"

namespace lintel::model {

enum class InstructionKind : std::uint8_t {
  from, run, cmd, label, maintainer, expose, env, add, copy, entrypoint, volume, user, workdir,
  arg, onbuild, stopsignal, healthcheck, shell, unknown
};

// `--name=value` or `--name` before an instruction's arguments. `name` has no leading dashes.
struct Flag {
  Scalar<std::string> name;
  std::optional<Scalar<std::string>> value;
  Span span;
};

// A `key=value` (or legacy `key value`) pair of ENV, ARG or LABEL. `ARG NAME` has no value.
struct KeyValue {
  Scalar<std::string> key;
  std::optional<Scalar<std::string>> value;  // quotes removed, escapes resolved, not expanded
  Span span;
};

struct Heredoc {
  Scalar<std::string> delimiter;  // without quotes or `-`
  Scalar<std::string> body;       // the lines between the marker and the delimiter line
                                  // (value: CRs dropped and, for `<<-`, leading tabs removed;
                                  // span: the raw lines, final newline included)
  bool strip_tabs = false;        // `<<-EOF`
  bool quoted = false;            // `<<'EOF'` / `<<"EOF"`: no expansion in the body
};

// An image reference split OCI-style: [registry/]name[:tag][@digest]. The tag is taken from the
// last path component only, so `registry:5000/app` has a registry port, not a tag.
struct ImageRef {
  Scalar<std::string> text;       // as written, e.g. `${BASE}:3.12`
  std::string resolved;           // after substituting known ARGs; equals text.value if none
  bool unresolved = false;        // a variable in it has no known value
  std::string registry;           // empty when none is given (Docker Hub)
  std::string name;               // e.g. `library/python` is kept as written: `python`
  std::optional<std::string> tag;
  std::optional<std::string> digest;  // `sha256:…`
  bool is_scratch = false;
  int stage_ref = -1;             // index of the earlier stage this names, or -1
};

struct UserSpec {
  Scalar<std::string> user;                  // as written (may be `$UID`)
  std::optional<Scalar<std::string>> group;
  std::string resolved_user;                 // after variable substitution
  bool unresolved = false;
};

struct PortSpec {
  Scalar<std::string> text;               // `80/tcp`, `8000-8010`, `$PORT`
  std::optional<std::uint64_t> first;     // nullopt when not a number (variables); a number too
                                          // large saturates at UINT64_MAX (still out of range)
  std::optional<std::uint64_t> last;      // = first unless a range
  std::string protocol;                   // `tcp` unless given
  bool has_variable = false;
};

struct Instruction {
  InstructionKind kind = InstructionKind::unknown;
  Scalar<std::string> keyword;    // upper-cased value; span of the keyword as written
  Span span;                      // the whole instruction, continuations and heredocs included
  std::vector<Flag> flags;
  // The arguments after the flags, with line continuations and comment lines removed; the span
  // covers them in the source.
  Scalar<std::string> args;
  // `args` with known ARG/ENV values substituted; `unresolved` when some variable is unknown.
  // Unknown references stay as written. Quotes are kept. Exec-form RUN/CMD/ENTRYPOINT/SHELL and
  // ONBUILD are not substituted (expanded == args); CMD/ENTRYPOINT/HEALTHCHECK see ENV only.
  std::string expanded;
  bool unresolved = false;
  bool exec_form = false;         // JSON array form: `["a", "b"]`
  // Exec form: the array's strings. Shell form: the whitespace-separated words, quotes removed.
  // HEALTHCHECK: words[0] is the upper-cased type (`CMD`/`NONE`), then the command's words.
  std::vector<Scalar<std::string>> words;
  std::vector<KeyValue> pairs;    // ENV, ARG, LABEL
  std::vector<Heredoc> heredocs;
  // RUN: the shell-form script, then one script per heredoc body, in order. Also CMD and
  // ENTRYPOINT in shell form.
  // Shell-form RUN: scripts.size() == 1 + heredocs.size(). scripts[0] is the command line with
  // heredoc markers blanked; scripts[1 + i] is heredocs[i]'s body, empty (no commands, span = the
  // body) when the shell does not run it (`RUN python3 <<EOF`, `cat <<EOF >f`, a `#!` line for
  // another interpreter); a body fed to a shell's stdin (`sh <<EOF`, `cat <<EOF | sh`) is run.
  // Every script is empty in a stage whose SHELL is not POSIX (pwsh, cmd).
  // Shell-form CMD, ENTRYPOINT and HEALTHCHECK CMD: one script. Exec form `["sh", "-c", s]`
  // (any POSIX shell): one script for s; its spans are the whole string literal when escapes in
  // the JSON string made byte offsets inexact. Any other exec-form RUN (`["apt-get", "install",
  // "curl"]`, no shell): one script of one command made of the JSON strings (name = words[0],
  // spans = the string literals), with a wrapped `-c` string (`["sudo", "sh", "-c", s]`) nested.
  std::vector<ShellScript> scripts;
  // COPY `--from=<image>` when the value names an image rather than a stage: it contains `:`,
  // `/` or `@` (stage names and indexes contain none). Resolved with the instruction's ARGs and
  // ENV like `expanded`; text = the flag value, span = the value's span.
  std::optional<ImageRef> from_image;
  // RUN `--mount=…,from=<image>` values that name an image (same test), one per such mount, in
  // order; the span is the `from=` value's when the flag value has no quotes, else the value's.
  std::vector<ImageRef> mount_images;
  std::optional<UserSpec> user;   // USER
  std::vector<PortSpec> ports;    // EXPOSE
  std::vector<Instruction> onbuild;  // ONBUILD: the wrapped instruction (zero or one)
  int stage = -1;                 // index into DockerfileDoc::stages; -1 before the first FROM

  [[nodiscard]] const Flag* flag(std::string_view name) const {
    for (const Flag& f : flags)
      if (f.name.value == name) return &f;
    return nullptr;
  }
};

struct Stage {
  std::uint32_t index = 0;
  std::uint32_t from = 0;                    // index of its FROM in DockerfileDoc::instructions
  ImageRef image;
  std::optional<Scalar<std::string>> name;   // `AS name`, as written
  std::vector<std::uint32_t> instructions;   // indices of the stage's instructions after FROM
};

struct Directive {
  Scalar<std::string> name;   // lower-cased: `syntax`, `escape`, `check`
  Scalar<std::string> value;
};

struct DockerfileDoc {
  std::vector<Directive> directives;
  char escape = '\\';
  std::vector<Instruction> instructions;   // in source order
  std::vector<Stage> stages;
  std::vector<std::uint32_t> global_args;  // ARG instructions before the first FROM

  [[nodiscard]] const Stage* final_stage() const {
    return stages.empty() ? nullptr : &stages.back();
  }
  [[nodiscard]] const Instruction& from_of(const Stage& s) const { return instructions[s.from]; }
};

}  // namespace lintel::model
