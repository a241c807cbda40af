// DF025 shell-form-cmd: CMD or ENTRYPOINT written in shell form.
//
// The model says whether an instruction is in exec (JSON array) form. Everything else is shell
// form, including a malformed array such as `CMD [nginx]` (unquoted strings), which BuildKit also
// runs through `/bin/sh -c`: reporting it catches the typo. CMD and ENTRYPOINT wrapped in ONBUILD
// are checked too, since they become the child image's start command. An instruction with no
// argument at all is a parse problem, not this rule's.
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace impl_shell_form_cmd {

constexpr PeerId kPeers[] = {{"hadolint", "DL3025"}, {"kics", "b86987e1"}};
constexpr std::string_view kReferences[] = {
    "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
    "https://docs.docker.com/build/building/best-practices/#entrypoint",
    "https://github.com/hadolint/hadolint/wiki/DL3025",
};
constexpr std::string_view kTags[] = {"best-practice"};

constexpr std::size_t kMaxQuoted = 60;

// The command as quoted in the message, shortened when long.
std::string shown(std::string_view command) {
  if (command.size() <= kMaxQuoted) return std::string(command);
  std::size_t cut = kMaxQuoted;
  while (cut > 0 && (static_cast<unsigned char>(command[cut]) & 0xC0) == 0x80) --cut;
  return std::string(command.substr(0, cut)) + "…";
}

void check_one(const Instruction& ins, Reporter& out) {
  if (ins.kind != InstructionKind::cmd && ins.kind != InstructionKind::entrypoint) return;
  if (ins.exec_form || ins.args.value.empty()) return;
  const std::string_view keyword = ins.kind == InstructionKind::cmd ? "CMD" : "ENTRYPOINT";
  out.report(ins.args.span,
             fmt::format("{} \"{}\" is in shell form: it runs under \"/bin/sh -c\", which does not "
                         "pass signals on to the process",
                         keyword, shown(ins.args.value)));
}

void check(const model::DockerfileDoc& doc, Reporter& out) {
  for_each_instruction(doc, [&out](const Instruction& ins) { check_one(ins, out); });
}

}  // namespace impl_shell_form_cmd

extern const Rule shell_form_cmd{
    .meta = {.id = "DF025",
             .slug = "shell-form-cmd",
             .severity = Severity::info,
             .format = Format::dockerfile,
             .summary = "CMD or ENTRYPOINT uses the shell form",
             .what = "Reports `CMD` and `ENTRYPOINT` instructions (also inside `ONBUILD`) written "
                     "in shell form (`CMD nginx -g 'daemon off;'`) instead of exec form, a JSON "
                     "array of strings. A malformed array such as `CMD [nginx]` is shell form "
                     "too and is reported.",
             .why = "In shell form the command runs as a child of `/bin/sh -c`, which becomes "
                    "PID 1. The shell does not forward `SIGTERM` from `docker stop` or Kubernetes, "
                    "so the application never gets a chance to shut down cleanly and is killed "
                    "after the grace period. A shell-form `ENTRYPOINT` also ignores `CMD` and "
                    "`docker run` arguments.",
             .fix = "Write the instruction as a JSON array with double-quoted strings: "
                    "`CMD [\"nginx\", \"-g\", \"daemon off;\"]`. If you need shell features such as "
                    "variable expansion, put them in a script that ends with `exec \"$@\"`, or "
                    "use `exec` in the command so the application replaces the shell.",
             .bad = "FROM nginx:1.27\n"
                    "CMD nginx -g 'daemon off;'\n",
             .good = "FROM nginx:1.27\n"
                     "CMD [\"nginx\", \"-g\", \"daemon off;\"]\n",
             .peers = impl_shell_form_cmd::kPeers,
             .references = impl_shell_form_cmd::kReferences,
             .tags = impl_shell_form_cmd::kTags},
    .check = for_format<model::DockerfileDoc, impl_shell_form_cmd::check>,
};

}  // namespace lintel::rules::dockerfile
