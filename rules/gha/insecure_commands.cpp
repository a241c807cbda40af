// GHA011 insecure-commands: `ACTIONS_ALLOW_UNSECURE_COMMANDS` turned on.
//
// The runner re-enables the deprecated `::set-env::` and `::add-path::` workflow commands when
// this variable is true in a step's environment. Reported in the workflow's, a job's and a
// step's `env` (composite action steps too), when the value is `true` in any case (or `1`, which
// the runner's boolean parsing also accepts). An expression value cannot be known and is not
// reported. Container and service `env` configure the container, not the runner, and are not
// checked.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace {

constexpr PeerId kPeers[] = {
    {"zizmor", "insecure-commands"}, {"checkov", "CKV_GHA_1"}, {"kics", "60fd272d"}};
constexpr std::string_view kReferences[] = {
    "https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-"
    "commands/",
    "https://github.com/actions/toolkit/security/advisories/GHSA-mfwh-5m23-j46w",
    "https://cwe.mitre.org/data/definitions/78.html",
};
constexpr std::string_view kTags[] = {"security"};

constexpr std::string_view kVariable = "ACTIONS_ALLOW_UNSECURE_COMMANDS";

bool is_enabled(const mg::Value& v) {
  if (v.has_expressions()) return false;
  std::string_view s = v.value;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s == "1" || mg::detail::equals_ignore_case(s, "true");
}

void check_env(const mg::Map& env, std::string_view where, Reporter& out) {
  for (const mg::Entry& e : env.entries)
    if (e.key.value == kVariable && is_enabled(e.value))
      out.report(e.key.span, fmt::format("{} is \"{}\" in the env of {}, which re-enables the "
                                         "set-env and add-path workflow commands",
                                         kVariable, e.value.value, where));
}

void check(const WorkflowDoc& doc, Reporter& out) {
  check_env(doc.env, "the workflow", out);
  for (const mg::Job& job : doc.jobs) check_env(job.env, job_label(job), out);
  for (const StepRef& ref : all_steps(doc)) check_env(ref.step->env, step_label(ref), out);
}

}  // namespace

extern const Rule insecure_commands{
    .meta = {.id = "GHA011",
             .slug = "insecure-commands",
             .severity = Severity::error,
             .format = Format::actions,
             .summary = "ACTIONS_ALLOW_UNSECURE_COMMANDS re-enables set-env and add-path",
             .what = "Reports `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` in the `env` of a workflow, "
                     "a job or a step (also in composite actions).",
             .why = "The `::set-env::` and `::add-path::` workflow commands were disabled in 2020 "
                    "because any process that can print to the log can use them: a test printing "
                    "an issue title, or a dependency, can set `LD_PRELOAD`, `NODE_OPTIONS` or "
                    "`PATH` for every later step and so run its own code with the job's secrets "
                    "(CVE-2020-15228).",
             .fix = "Remove the variable and write to the files GitHub provides instead: "
                    "`echo \"NAME=value\" >> \"$GITHUB_ENV\"` and "
                    "`echo \"/some/dir\" >> \"$GITHUB_PATH\"`. Update or replace actions that "
                    "still print the old commands.",
             .bad = "on: push\n"
                    "jobs:\n"
                    "  build:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    env:\n"
                    "      ACTIONS_ALLOW_UNSECURE_COMMANDS: true\n"
                    "    steps:\n"
                    "      - run: make\n",
             .good = "on: push\n"
                     "jobs:\n"
                     "  build:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    steps:\n"
                     "      - run: echo \"BUILD_DIR=out\" >> \"$GITHUB_ENV\"\n"
                     "      - run: make\n",
             .peers = kPeers,
             .references = kReferences,
             .tags = kTags,
             .security_severity = "8.0"},
    .check = for_format<WorkflowDoc, check>,
};

}  // namespace lintel::rules::gha
