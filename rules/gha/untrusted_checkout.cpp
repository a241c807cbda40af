// GHA005 untrusted-checkout: a privileged workflow that checks out a pull request's code.
//
// `pull_request_target`, `workflow_run` and `issue_comment` workflows run in the base
// repository's context, with its secrets and a token that may write, even when a fork's pull
// request triggered them. Checking out the pull request's head (or its merge commit) puts the
// attacker's files in the workspace, where the next build, test or install step runs them.
// Reported: an `actions/checkout` step whose `ref:` or `repository:` expression reads the
// pull request's head (`github.event.pull_request.head.*`, `github.head_ref`,
// `…pull_request.merge_commit_sha`), the `workflow_run` head (`head_sha`, `head_branch`,
// `head_commit`, `head_repository`, `pull_requests.*.head`), or builds a pull request ref
// (`refs/pull/${{ github.event.number }}/merge`), in a workflow with one of those triggers.
// A checkout without such a ref checks out the trusted base and is not reported; nor are the
// same refs under `pull_request` (no secrets for forks there).
// Known gaps: checkouts done in `run:` (`gh pr checkout`, `git fetch origin pull/…`) and
// refs passed through step outputs; gating by labels or author association is not credited
// (it is easy to get wrong, and zizmor and KICS do not credit it either).
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_untrusted_checkout {

constexpr PeerId kPeers[] = {{"zizmor", "dangerous-triggers"}, {"kics", "d3a8b4c1"}};
constexpr std::string_view kReferences[] = {
    "https://securitylab.github.com/resources/github-actions-preventing-pwn-requests/",
    "https://docs.github.com/actions/reference/workflows-and-actions/events-that-trigger-workflows"
    "#pull_request_target",
    "https://cwe.mitre.org/data/definitions/829.html",
};
constexpr std::string_view kTags[] = {"security"};

constexpr std::string_view kPrivilegedTriggers[] = {"pull_request_target", "workflow_run",
                                                    "issue_comment"};

// Contexts naming the untrusted head (a commit, branch or fork) of the triggering change.
constexpr std::string_view kUntrustedHeads[] = {
    "github.head_ref",
    "github.event.pull_request.head",
    "github.event.pull_request.merge_commit_sha",
    "github.event.workflow_run.head_sha",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.head_commit",
    "github.event.workflow_run.head_repository",
    "github.event.workflow_run.pull_requests.*.head",
};

bool is_untrusted_head(const mg::ContextAccess& access) {
  if (!access.rendered) return false;
  for (const std::string_view head : kUntrustedHeads)
    if (path_under(access.path, head)) return true;
  return false;
}

// `refs/pull/${{ … }}/merge`, `pull/${{ … }}/head`: an expression right after `pull/`.
bool builds_pull_ref(const mg::Value& value, const mg::Expression& e) {
  return e.begin >= 5 && std::string_view(value.value).substr(e.begin - 5, 5) == "pull/";
}

// Reports the first untrusted reference in `value`; returns whether it did.
bool check_input(const mg::Value& value, const StepRef& ref, std::string_view trigger,
                 Reporter& out) {
  for (const mg::Expression& e : value.expressions) {
    if (builds_pull_ref(value, e)) {
      out.report(e.span, fmt::format("actions/checkout in {} checks out a pull request ref, "
                                     "untrusted code, in a workflow triggered by {}",
                                     step_label(ref), trigger));
      return true;
    }
    for (const mg::ContextAccess& access : e.contexts) {
      if (!is_untrusted_head(access)) continue;
      out.report(access.span,
                 fmt::format("actions/checkout in {} checks out \"{}\", untrusted code, in a "
                             "workflow triggered by {}",
                             step_label(ref), access.text, trigger));
      return true;
    }
  }
  return false;
}

// One finding per checkout: its `ref`, else its `repository` (a fork's default branch).
void check(const WorkflowDoc& doc, Reporter& out) {
  const mg::Trigger* trigger = nullptr;
  for (const std::string_view event : kPrivilegedTriggers)
    if ((trigger = doc.trigger(event)) != nullptr) break;
  if (trigger == nullptr) return;
  for (const StepRef& ref : all_steps(doc)) {
    if (!is_checkout(*ref.step)) continue;
    for (const std::string_view input : {"ref", "repository"}) {
      const mg::Entry* entry = ref.step->with.find(input);
      if (entry != nullptr && check_input(entry->value, ref, trigger->event.value, out)) break;
    }
  }
}

}  // namespace impl_untrusted_checkout

extern const Rule untrusted_checkout{
    .meta = {.id = "GHA005",
             .slug = "untrusted-checkout",
             .severity = Severity::error,
             .format = Format::actions,
             .summary = "Privileged workflow checks out pull request code",
             .what = "Reports an `actions/checkout` step in a workflow triggered by "
                     "`pull_request_target`, `workflow_run` or `issue_comment` whose `ref:` or "
                     "`repository:` names the pull request's code: "
                     "`github.event.pull_request.head.sha`/`.ref`/`.repo.full_name`, "
                     "`github.head_ref`, `github.event.pull_request.merge_commit_sha`, the "
                     "`workflow_run` head (`head_sha`, `head_branch`, `head_repository`), or a "
                     "`refs/pull/${{ … }}/merge` ref. A checkout of the default ref (the trusted "
                     "base branch) is not reported.",
             .why = "These triggers run with the base repository's secrets and a token that can "
                    "write, even for a pull request from a fork. Once the fork's code is in the "
                    "workspace, any later step that builds, tests or installs it (a `package.json` "
                    "script, a Makefile, a test) runs the attacker's code with those privileges: "
                    "the \"pwn request\" that has compromised many projects.",
             .fix = "Use the `pull_request` trigger to build and test pull requests: it runs "
                    "without secrets for forks. If a privileged step is needed (commenting, "
                    "labelling), split the workflow: build in `pull_request`, upload the results "
                    "as an artifact, and handle them in a `workflow_run` workflow that never "
                    "executes them. If the head must be checked out, do not run anything from it "
                    "and set `persist-credentials: false`.",
             .bad = "on: pull_request_target\n"
                    "jobs:\n"
                    "  test:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    steps:\n"
                    "      - uses: actions/checkout@v4\n"
                    "        with:\n"
                    "          ref: ${{ github.event.pull_request.head.sha }}\n"
                    "      - run: npm test\n",
             .good = "on: pull_request\n"
                     "jobs:\n"
                     "  test:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    steps:\n"
                     "      - uses: actions/checkout@v4\n"
                     "      - run: npm test\n",
             .peers = impl_untrusted_checkout::kPeers,
             .references = impl_untrusted_checkout::kReferences,
             .tags = impl_untrusted_checkout::kTags,
             .security_severity = "8.0"},
    .check = for_format<WorkflowDoc, impl_untrusted_checkout::check>,
};

}  // namespace lintel::rules::gha
