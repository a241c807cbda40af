// DF014 pip-unpinned: `pip install` of a requirement without a version.
//
// Commands: `pip`, `pip3`, `pip3.12`, `python -m pip`, `python3 -m pip` with the `install`
// subcommand, anywhere in a RUN script (heredocs, `ONBUILD RUN`, `sh -c`, behind `sudo`/`env`).
// The requirements are the operands after `install`; option values are not (`-r file`,
// `-c file`, `-e path`, `-i URL`, `--target dir`, …), so `pip install -r requirements.txt`
// has nothing to judge. A requirement passes when it has a version operator (`==`, `~=`, `>=`,
// `<=`, `!=`, `<`, `>`, `===`; extras as in `pkg[extra]==1` are fine) or is not an index name:
// a path or URL (contains `/`, or is `.`/`..`), a local archive (`.whl`, `.tar.gz`, `.tgz`,
// `.zip`, `.tar.bz2`), a direct reference (`name @ https://…`). A VCS URL (`git+https://…`)
// passes only with a ref after its repository (`…/repo.git@v1.2`).
// Divergences from hadolint DL3013: hadolint skips the whole command when `-r`/`.` appear
// anywhere; here the other operands are still judged (`pip install -r req.txt flask` reports
// flask). With a constraints file (`-c`/`--constraint`, `PIP_CONSTRAINT`) nothing is reported,
// as in hadolint: the versions come from that file. `pip install --upgrade pip` is reported,
// as hadolint does: the pip version is part of a reproducible build too.
// A word that is a whole expansion (`$PACKAGES`) is skipped.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_pip_unpinned {

constexpr PeerId kPeers[] = {{"hadolint", "DL3013"}, {"kics", "02d9c71f"}};
constexpr std::string_view kReferences[] = {
    "https://pip.pypa.io/en/stable/topics/repeatable-installs/",
    "https://github.com/hadolint/hadolint/wiki/DL3013",
    "https://cwe.mitre.org/data/definitions/1357.html",
};
constexpr std::string_view kTags[] = {"supply-chain", "best-practice"};

bool is_vcs(std::string_view req) {
  for (const std::string_view scheme : {"git+", "hg+", "svn+", "bzr+", "git://"})
    if (req.starts_with(scheme)) return true;
  return false;
}

bool is_archive(std::string_view req) {
  for (const std::string_view ext : {".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz"})
    if (req.ends_with(ext)) return true;
  return false;
}

bool is_pinned(std::string_view req) {
  if (is_vcs(req)) {
    // The ref follows the repository path: `git+https://host/org/repo.git@v1.2#egg=x`.
    std::string_view tail = req.substr(req.rfind('/') + 1);
    tail = tail.substr(0, tail.find('#'));
    return tail.find('@') != std::string_view::npos;
  }
  if (req.find_first_of("=<>") != std::string_view::npos) return true;
  if (req.find('@') != std::string_view::npos) return true;  // `name @ url`, PEP 508
  return req == "." || req == ".." || req.find('/') != std::string_view::npos || is_archive(req);
}

bool has_constraints(const model::ShellCommand& cmd, const ParsedArgs& args) {
  if (args.has_flag('c', "constraint")) return true;
  for (const model::ShellWord& a : cmd.assignments)
    if (a.value.starts_with("PIP_CONSTRAINT=")) return true;
  return false;
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_run_command(doc, [&](const RunRef&, const model::ShellCommand& cmd) {
    const auto view = effective_command(cmd);
    if (!view) return;
    const auto pip_args = pip_arguments(*view);
    if (!pip_args) return;
    const ParsedArgs args = parse_args(*pip_args, kPipSyntax);
    if (args.subcommand() != "install" || has_constraints(cmd, args)) return;
    for (const model::ShellWord* req : args.after_subcommand()) {
      if (is_opaque_word(*req) || is_pinned(req->value)) continue;
      out.report(req->span, fmt::format("pip package \"{}\" is installed without a pinned version",
                                        req->value));
    }
  });
}

}  // namespace impl_pip_unpinned

extern const Rule pip_unpinned{
    .meta = {.id = "DF014",
             .slug = "pip-unpinned",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "pip install of a package without a pinned version",
             .what = "Reports each requirement of a `pip install` (also `pip3`, `python -m pip`) "
                     "in a `RUN` instruction that has no version specifier such as `==1.2.3`, "
                     "`~=1.2` or `>=1.2,<2`. Requirement files (`-r`), constraint files (`-c`), "
                     "local paths and `.`, wheels and archives, URLs, and VCS references with a "
                     "ref (`git+https://…/repo.git@v1.2`) are not reported. "
                     "`pip install --upgrade pip` is reported: pip itself is a dependency too.",
             .why = "An unpinned requirement installs whatever the index serves on build day. "
                    "Rebuilding the same Dockerfile can then pull a new major version that "
                    "breaks the application, or a compromised release, and two images built "
                    "from one commit stop being the same.",
             .fix = "Pin each package (`pip install --no-cache-dir flask==3.0.3`), or list "
                    "pinned versions in a requirements or constraints file and install with "
                    "`pip install --no-cache-dir -r requirements.txt`. Tools such as pip-tools "
                    "or `pip freeze` produce such files.",
             .bad = "FROM python:3.12-slim\n"
                    "RUN pip install --no-cache-dir flask\n",
             .good = "FROM python:3.12-slim\n"
                     "RUN pip install --no-cache-dir flask==3.0.3\n",
             .peers = impl_pip_unpinned::kPeers,
             .references = impl_pip_unpinned::kReferences,
             .tags = impl_pip_unpinned::kTags},
    .check = for_format<model::DockerfileDoc, impl_pip_unpinned::check>,
};

}  // namespace lintel::rules::dockerfile
