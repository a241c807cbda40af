// GHA010 curl-pipe-shell: a `run:` script that executes what it downloads, unverified.
//
// The same semantics as DF022 (rules/shell_common.hpp): a downloader (curl, wget, fetch) piped
// into a shell or an interpreter reading its program from stdin (`curl -fsSL u | bash`,
// `wget -qO- u | sudo -E sh -`, `curl u | python3`), and the substitution forms
// (`bash -c "$(curl -fsSL u)"`, `bash <(curl u)`, `eval "$(wget -qO- u)"`). Interpreters given an
// inline program or a script file are not reported.
// Only steps whose shell is POSIX are parsed (the step's `shell`, else `defaults.run.shell`,
// else bash, or pwsh on Windows runners); PowerShell's `iwr … | iex` is not covered. Each
// `${{ … }}` is an unknown word to the shell model, so `curl ${{ inputs.url }} | sh` is still a
// download piped into a shell.
#include "rules/gha/common.hpp"
#include "rules/shell_common.hpp"

namespace lintel::rules::gha {
namespace impl_curl_pipe_shell {

constexpr std::string_view kReferences[] = {
    "https://cwe.mitre.org/data/definitions/494.html",
    "https://docs.github.com/actions/security-for-github-actions/security-guides/"
    "security-hardening-for-github-actions",
};
constexpr std::string_view kTags[] = {"security", "supply-chain"};

void check(const WorkflowDoc& doc, Reporter& out) {
  for (const StepRef& ref : all_steps(doc)) {
    if (!ref.step->script) continue;
    for (const shell::DownloadExecution& hit : shell::find_download_executions(*ref.step->script)) {
      out.report(hit.runner->span,
                 hit.substitution
                     ? fmt::format("\"{}\" in the run script of {} runs a script downloaded by "
                                   "\"{}\" without verifying it",
                                   hit.runner_program, step_label(ref), hit.downloader)
                     : fmt::format("output of \"{}\" is piped into \"{}\" in the run script of {}, "
                                   "which runs it unverified",
                                   hit.downloader, hit.runner_program, step_label(ref)));
    }
  }
}

}  // namespace impl_curl_pipe_shell

extern const Rule curl_pipe_shell{
    .meta = {.id = "GHA010",
             .slug = "curl-pipe-shell",
             .severity = Severity::warning,
             .format = Format::actions,
             .summary = "run: pipes a download straight into a shell",
             .what = "Reports a `run:` script (in a workflow or a composite action) that executes "
                     "a script as it downloads it: `curl …` or `wget -O- …` piped into `sh`, "
                     "`bash`, `sudo bash` or another shell, or into `python`, `perl`, `ruby`, "
                     "`node` or `php` reading their program from stdin; and the substitution "
                     "forms `bash -c \"$(curl …)\"`, `bash <(curl …)` and "
                     "`eval \"$(wget -qO- …)\"`. Interpreters given an inline program or a "
                     "script file are not reported. Steps run by PowerShell or cmd are not "
                     "checked.",
             .why = "The script runs on the runner, next to the job's token and secrets, before "
                    "anyone has seen it. Whoever controls the server, a mirror or the network "
                    "path decides what runs, and a change upstream changes the build without a "
                    "change to the workflow.",
             .fix = "Use a pinned action or a package from the runner's package manager, or "
                    "download the script to a file, check it against a checksum kept in the "
                    "repository (`sha256sum -c`), then run it.",
             .bad = "on: push\n"
                    "jobs:\n"
                    "  build:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    steps:\n"
                    "      - run: curl -fsSL https://example.com/install.sh | bash\n",
             .good = "on: push\n"
                     "jobs:\n"
                     "  build:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    steps:\n"
                     "      - run: |\n"
                     "          curl -fsSLo install.sh https://example.com/install.sh\n"
                     "          echo \"4f2a3b1c7d9e0f5a6b8c2d4e1f3a5b7c9d0e2f4a6b8c1d3e5f7a9b0c2d4e6f8a  "
                     "install.sh\" | sha256sum -c\n"
                     "          bash install.sh\n",
             .references = impl_curl_pipe_shell::kReferences,
             .tags = impl_curl_pipe_shell::kTags,
             .security_severity = "5.0"},
    .check = for_format<WorkflowDoc, impl_curl_pipe_shell::check>,
};

}  // namespace lintel::rules::gha
