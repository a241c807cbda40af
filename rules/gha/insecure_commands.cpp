// GHA011 insecure-commands: `ACTIONS_ALLOW_UNSECURE_COMMANDS` turned on.
//
// The runner re-enables the deprecated `::set-env::` and `::add-path::` workflow commands when
// this variable is true in a step's environment. Reported in the workflow's, a job's and a
// step's `env` (composite action steps too), when the value is `true` in any case (or `1`, which
// the runner's boolean parsing also accepts). An expression value cannot be known and is not
// reported, except `env: ${{ matrix.NAME }}`, whose value is read from the job's matrix rows
// (and `include` entries) for NAME. Container and service `env` configure the container, not the
// runner, and are not checked.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_insecure_commands {

namespace yaml = model::yaml;

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

bool is_enabled_text(std::string_view s) {
  if (s.find("${{") != std::string_view::npos) return false;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s == "1" || mg::detail::equals_ignore_case(s, "true");
}

bool is_enabled(const mg::Value& v) { return !v.has_expressions() && is_enabled_text(v.value); }

void check_env(const mg::Map& env, std::string_view where, Reporter& out) {
  for (const mg::Entry& e : env.entries)
    if (e.key.value == kVariable && is_enabled(e.value))
      out.report(e.key.span, fmt::format("{} is \"{}\" in the env of {}, which re-enables the "
                                         "set-env and add-path workflow commands",
                                         kVariable, e.value.value, where));
}

// The matrix variable an `env: ${{ matrix.NAME }}` takes its whole mapping from: "name", or ""
// when the env is not exactly one such read.
std::string matrix_env_name(const mg::Map& env) {
  if (!env.expression || !env.expression->is_single_expression()) return "";
  const auto& contexts = env.expression->expressions.front().contexts;
  if (contexts.size() != 1 || !contexts.front().rendered) return "";
  const std::string& path = contexts.front().path;
  if (!path.starts_with("matrix.") || path.find('.', 7) != std::string::npos) return "";
  return path.substr(7);
}

// A matrix row (a mapping of variables) that turns the commands on.
void check_matrix_row(const yaml::Node& row, std::string_view where, Reporter& out) {
  if (!row.is_mapping()) return;
  for (const auto& pair : row.pairs()) {
    if (!pair.key.is_scalar() || pair.key.text() != kVariable) continue;
    if (!pair.value.is_scalar() || !is_enabled_text(pair.value.text())) continue;
    out.report(pair.key.span(),
               fmt::format("{} is \"{}\" in a matrix row that becomes the env of {}, which "
                           "re-enables the set-env and add-path workflow commands",
                           kVariable, pair.value.text(), where));
  }
}

// `env: ${{ matrix.env }}` with `matrix: {env: [{ACTIONS_ALLOW_UNSECURE_COMMANDS: true}]}`: the
// rows of the matrix variable (and of `include` entries that set it) become the env.
void check_matrix_env(const mg::Job& job, const mg::Map& env, std::string_view where,
                      Reporter& out) {
  const std::string name = matrix_env_name(env);
  if (name.empty() || !job.strategy) return;
  const yaml::Node matrix = job.strategy.find("matrix");
  if (!matrix.is_mapping()) return;
  for (const auto& pair : matrix.pairs()) {
    if (!pair.key.is_scalar()) continue;
    const std::string_view key = pair.key.text();
    if (mg::detail::equals_ignore_case(key, name)) {
      for (const yaml::Node& row : pair.value.items()) check_matrix_row(row, where, out);
    } else if (key == "include") {
      for (const yaml::Node& entry : pair.value.items())
        if (entry.is_mapping())
          for (const auto& field : entry.pairs())
            if (field.key.is_scalar() && mg::detail::equals_ignore_case(field.key.text(), name))
              check_matrix_row(field.value, where, out);
    }
  }
}

void check(const WorkflowDoc& doc, Reporter& out) {
  check_env(doc.env, "the workflow", out);
  for (const mg::Job& job : doc.jobs) {
    check_env(job.env, job_label(job), out);
    check_matrix_env(job, job.env, job_label(job), out);
  }
  for (const StepRef& ref : all_steps(doc)) {
    check_env(ref.step->env, step_label(ref), out);
    if (ref.job != nullptr) check_matrix_env(*ref.job, ref.step->env, step_label(ref), out);
  }
}

}  // namespace impl_insecure_commands

extern const Rule insecure_commands{
    .meta = {.id = "GHA011",
             .slug = "insecure-commands",
             .severity = Severity::error,
             .format = Format::actions,
             .summary = "ACTIONS_ALLOW_UNSECURE_COMMANDS re-enables set-env and add-path",
             .what = "Reports `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` in the `env` of a workflow, "
                     "a job or a step (also in composite actions), including an `env: ${{ matrix.X }}` "
                     "whose matrix rows set it.",
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
             .peers = impl_insecure_commands::kPeers,
             .references = impl_insecure_commands::kReferences,
             .tags = impl_insecure_commands::kTags,
             .security_severity = "8.0"},
    .check = for_format<WorkflowDoc, impl_insecure_commands::check>,
};

}  // namespace lintel::rules::gha
