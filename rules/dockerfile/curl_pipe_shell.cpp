// DF022 curl-pipe-shell: a RUN that executes a downloaded script without saving or checking it.
//
// Reported shapes, in every RUN script (shell form, heredoc bodies, `ONBUILD RUN`, `sh -c`
// strings):
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
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr std::string_view kReferences[] = {
    "https://cwe.mitre.org/data/definitions/494.html",
    "https://docs.docker.com/reference/dockerfile/#add---checksum",
    "https://docs.docker.com/build/building/best-practices/#using-pipes",
};
constexpr std::string_view kTags[] = {"security", "supply-chain"};

bool is_downloader(std::string_view program) {
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

constexpr Interpreter kShell{"c", "", "oO", true};
constexpr Interpreter kPython{"cm", "", "WX", false};
constexpr Interpreter kPerl{"eE", "", "", false};
constexpr Interpreter kRuby{"e", "", "", false};
constexpr Interpreter kNode{"ep", "eval print", "r", false};
constexpr Interpreter kPhp{"rfFRBE", "", "dc", false};

bool is_shell_program(std::string_view program) {
  constexpr std::string_view kShells[] = {"sh", "bash", "dash", "zsh", "ash", "ksh", "mksh"};
  for (const std::string_view s : kShells)
    if (program == s) return true;
  return false;
}

const Interpreter* interpreter_of(std::string_view program) {
  if (is_shell_program(program)) return &kShell;
  if (program.starts_with("python")) return &kPython;  // python, python3, python3.12
  if (program == "perl") return &kPerl;
  if (program == "ruby") return &kRuby;
  if (program == "node" || program == "nodejs") return &kNode;
  if (program.starts_with("php")) return &kPhp;
  return nullptr;
}

// Whether the interpreter, given `args`, runs the program text it reads on stdin.
bool reads_program_from_stdin(const Interpreter& in, std::span<const model::ShellWord> args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i].value;
    if (!args[i].is_literal) return false;  // `$SCRIPT`, `<(…)`: a file, handled elsewhere
    if (a == "-") return true;
    if (a == "--") return i + 1 == args.size();
    if (a.starts_with("--")) {
      const std::string_view name = a.substr(2, a.find('=') - 2);
      if (detail::contains(in.code_long, name)) return false;
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
std::vector<const model::ShellWord*> program_words(const CommandView& view) {
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

void report_pipe(const model::ShellScript& script, const model::ShellPipeline& pipeline,
                 Reporter& out) {
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
    if (base_name(cmd.name.value) == "xargs") continue;
    const Interpreter* in = interpreter_of(program);
    if (in == nullptr || !reads_program_from_stdin(*in, view->args)) continue;
    out.report(view->name->span,
               fmt::format("output of \"{}\" is piped into \"{}\", which runs it unverified",
                           *downloader, program));
    return;  // one finding per pipeline
  }
}

// A word that is one substitution as a whole (`"$(curl …)"`, `<(curl …)`, `` `curl …` ``): its
// output is the program. `sh -c "x=$(curl …); …"` only uses the download as data.
bool is_substitution(const model::ShellWord& word) {
  const std::string_view v = word.value;
  return !word.is_literal && (v.starts_with("$(") || v.starts_with("<(") || v.starts_with('`'));
}

void report_substitution(const model::ShellScript& script, const model::ShellCommand& cmd,
                         Reporter& out) {
  const auto view = effective_command(cmd);
  if (!view) return;
  for (const model::ShellWord* word : program_words(*view)) {
    if (!is_substitution(*word)) continue;
    for (const model::ShellCommand& inner : script.commands) {
      if (inner.depth <= cmd.depth || !word->span.contains(inner.span)) continue;
      const auto inner_view = effective_command(inner);
      if (!inner_view || !is_downloader(inner_view->program())) continue;
      out.report(view->name->span,
                 fmt::format("\"{}\" runs a script downloaded by \"{}\" without verifying it",
                             view->program(), inner_view->program()));
      return;
    }
  }
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const RunRef& run : run_instructions(doc)) {
    for (const model::ShellScript& script : run.run->scripts) {
      for (const model::ShellPipeline& pipeline : script.pipelines)
        if (pipeline.has_pipe()) report_pipe(script, pipeline, out);
      for (const model::ShellCommand& cmd : script.commands) report_substitution(script, cmd, out);
    }
  }
}

}  // namespace

extern const Rule curl_pipe_shell{
    .meta = {.id = "DF022",
             .slug = "curl-pipe-shell",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "RUN pipes a download straight into a shell",
             .what = "Reports a `RUN` that executes a script as it downloads it: `curl …` or "
                     "`wget -O- …` piped into `sh`, `bash`, `sudo -E bash -` or another shell, "
                     "or into `python`, `perl`, `ruby`, `node` or `php` reading their program "
                     "from stdin; and the substitution forms `sh -c \"$(curl …)\"`, "
                     "`bash <(curl …)` and `eval \"$(wget -qO- …)\"`. Interpreters given an "
                     "inline program (`python3 -c …`, `bash -c …`) or a script file only process "
                     "the download as data and are not reported. Heredoc scripts, `ONBUILD RUN` "
                     "and `sh -c` strings are checked too.",
             .why = "The downloaded script runs with the build's privileges before anyone can see "
                    "it. Whoever controls the server, a mirror, a DNS answer or a proxy controls "
                    "what runs, and a script that changes upstream changes the image without any "
                    "change to the Dockerfile, so builds are neither reproducible nor reviewable. "
                    "A connection that drops halfway may even execute a truncated script.",
             .fix = "Download the script to a file, verify it against a pinned checksum (or a "
                    "signature), then run it: `ADD --checksum=sha256:… https://… /tmp/install.sh` "
                    "followed by `RUN sh /tmp/install.sh`, or `curl -fsSLo /tmp/i.sh https://…`, "
                    "`sha256sum -c` against a checksum kept in the repository, then "
                    "`sh /tmp/i.sh`. Better still, install the tool from a distribution package "
                    "or a pinned release archive.",
             .bad = "FROM debian:12\n"
                    "RUN curl -fsSL https://example.com/install.sh | sh\n",
             .good = "FROM debian:12\n"
                     "ADD --checksum=sha256:"
                     "24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d "
                     "https://example.com/install.sh /tmp/install.sh\n"
                     "RUN sh /tmp/install.sh\n",
             .references = kReferences,
             .tags = kTags,
             .security_severity = "5.0"},
    .check = for_format<model::DockerfileDoc, check>,
};

}  // namespace lintel::rules::dockerfile
