// DF031 useradd-no-l: `useradd` with a very high UID and without `-l` / `--no-log-init`.
//
// Same condition as hadolint DL3046: the command is `useradd` (seen through sudo/env wrappers,
// in every RUN script, heredoc, `ONBUILD RUN`, `sh -c` string and exec-form RUN), it has no
// `-l` or `--no-log-init` (also inside clusters such as `-lm`), and its `-u`/`--uid` value has more
// than five digits (100000 and above). The options are read GNU-style: `-u 100000`, `-u100000`,
// `--uid 100000`, `--uid=100000`, and clusters ending in `u` (`-mu 100000`); the values of
// useradd's other value-taking options are never mistaken for flags (`-c "-l"` is a comment).
// Unlike hadolint, which measures the text of the value, a value that is not a literal number
// (`-u $UID`, `-u "${USER_ID}"`) is not reported: it cannot be known statically.
#include "rules/dockerfile/commands.hpp"
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_useradd_no_l {

constexpr PeerId kPeers[] = {{"hadolint", "DL3046"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/build/building/best-practices/#user",
    "https://github.com/hadolint/hadolint/wiki/DL3046",
    "https://github.com/golang/go/issues/13548",
};
constexpr std::string_view kTags[] = {"best-practice"};

// useradd(8): short and long options that take a value.
constexpr OptionSyntax kUseraddSyntax{
    .short_with_value = "bcdefgGkKpPRsuZ",
    .long_with_value =
        "base-dir comment home-dir expiredate inactive gid groups skel key "
        "password prefix root shell uid selinux-user selinux-range",
};

bool is_high_uid(std::string_view v) {
  if (v.empty()) return false;
  for (const char c : v)
    if (c < '0' || c > '9') return false;
  const auto first = v.find_first_not_of('0');
  return first != std::string_view::npos && v.size() - first > 5;
}

void check_command(const model::ShellCommand& cmd, Reporter& out) {
  const auto view = effective_command(cmd);
  if (!view || view->program() != "useradd") return;
  const ParsedArgs args = parse_args(view->args, kUseraddSyntax);
  if (args.has_flag('l', "no-log-init")) return;
  const Option* uid = args.find('u', "uid");
  if (uid == nullptr || !uid->value) return;
  if (uid->value_word != nullptr ? !uid->value_word->is_literal : !uid->word->is_literal) return;
  if (!is_high_uid(*uid->value)) return;
  out.report(view->name->span, fmt::format("useradd sets the high UID \"{}\" without -l: "
                                           "/var/log/lastlog and faillog grow with the UID",
                                           *uid->value));
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_run_command(
      doc, [&out](const RunRef&, const model::ShellCommand& cmd) { check_command(cmd, out); });
}

}  // namespace impl_useradd_no_l

extern const Rule useradd_no_l{
    .meta = {.id = "DF031",
             .slug = "useradd-no-l",
             .severity = Severity::warning,
             .format = Format::dockerfile,
             .summary = "useradd with a high UID and without -l bloats the image",
             .what = "Reports `useradd` in a `RUN` (also heredocs, `ONBUILD RUN`, `sh -c` "
                     "strings and behind `sudo`) that sets a UID of more than five digits with "
                     "`-u`/`--uid` and does not pass `-l`/`--no-log-init`. A UID given as a "
                     "variable (`-u $UID`) is not reported, since its value is unknown.",
             .why = "Without `-l`, `useradd` records the new user in `/var/log/lastlog` and "
                    "`/var/log/faillog`, files indexed by UID. For a UID such as 100000000 they "
                    "become sparse files of many gigabytes; image layers do not keep them "
                    "sparse, so the layer (and every pull) grows by that size, and builds can run "
                    "out of disk.",
             .fix = "Add `-l` (or `--no-log-init`) to the `useradd` command, e.g. "
                    "`useradd -l -u 100000 app`, or choose a UID of at most five digits.",
             .bad = "FROM debian:12\n"
                    "RUN useradd -u 100000 -m app\n",
             .good = "FROM debian:12\n"
                     "RUN useradd -l -u 100000 -m app\n",
             .peers = impl_useradd_no_l::kPeers,
             .references = impl_useradd_no_l::kReferences,
             .tags = impl_useradd_no_l::kTags},
    .check = for_format<model::DockerfileDoc, impl_useradd_no_l::check>,
};

}  // namespace lintel::rules::dockerfile
