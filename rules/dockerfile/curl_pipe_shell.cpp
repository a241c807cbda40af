// DF022 curl-pipe-shell: a RUN that executes a downloaded script without saving or checking it.
//
// Reported shapes (rules/shell_common.hpp, shared with GHA010), in every RUN script (shell form,
// exec form, heredoc bodies including `cat <<EOF | sh`, `ONBUILD RUN`, `sh -c` strings, also
// behind wrappers: `sudo sh -c '…'`, `su -c '…'`):
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
// Known gap: a downloader inside one `sh -c` string piped into a shell outside it
// (`sh -c 'curl u' | sh`): the string's commands form pipelines of their own in the model.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"
#include "rules/shell_common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_curl_pipe_shell {

constexpr std::string_view kReferences[] = {
    "https://cwe.mitre.org/data/definitions/494.html",
    "https://docs.docker.com/reference/dockerfile/#add---checksum",
    "https://docs.docker.com/build/building/best-practices/#using-pipes",
};
constexpr std::string_view kTags[] = {"security", "supply-chain"};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for (const RunRef& run : run_instructions(doc)) {
    for (const model::ShellScript& script : run.run->scripts) {
      for (const shell::DownloadExecution& hit : shell::find_download_executions(script)) {
        out.report(hit.runner->span,
                   hit.substitution
                       ? fmt::format("\"{}\" runs a script downloaded by \"{}\" without verifying it",
                                     hit.runner_program, hit.downloader)
                       : fmt::format("output of \"{}\" is piped into \"{}\", which runs it unverified",
                                     hit.downloader, hit.runner_program));
      }
    }
  }
}

}  // namespace impl_curl_pipe_shell

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
             .references = impl_curl_pipe_shell::kReferences,
             .tags = impl_curl_pipe_shell::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::DockerfileDoc, impl_curl_pipe_shell::check>,
};

}  // namespace lintel::rules::dockerfile
