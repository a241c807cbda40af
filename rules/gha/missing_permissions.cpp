// GHA003 missing-permissions: jobs that run with the repository's default token permissions.
//
// A workflow with no top-level `permissions` leaves each job without its own `permissions` on
// the repository or organisation default, which is read-write on older repositories and
// organisations. Reported once per such job, at its key, so that a per-job fix or suppression
// works; a workflow whose jobs all set `permissions` is fine without a top-level block.
// Not reported: action metadata files (they have no token of their own), and workflows
// triggered only by `workflow_call`: a reusable workflow's token is capped by its caller's job
// permissions, which is where this rule fires.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_missing_permissions {

constexpr PeerId kPeers[] = {{"zizmor", "excessive-permissions"}, {"checkov", "CKV2_GHA_1"}};
constexpr std::string_view kReferences[] = {
    "https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/"
    "controlling-permissions-for-github_token",
    "https://docs.github.com/actions/security-for-github-actions/security-guides/"
    "automatic-token-authentication#permissions-for-the-github_token",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

bool is_reusable_only(const WorkflowDoc& doc) {
  return !doc.triggers.empty() &&
         std::all_of(doc.triggers.begin(), doc.triggers.end(),
                     [](const mg::Trigger& t) { return t.event.value == "workflow_call"; });
}

void check(const WorkflowDoc& doc, Reporter& out) {
  if (doc.is_action || doc.permissions || is_reusable_only(doc)) return;
  for (const mg::Job& job : doc.jobs) {
    if (job.permissions) continue;
    out.report(job.id.span,
               fmt::format("{} sets no permissions and neither does the workflow, so its token "
                           "gets the repository's default permissions",
                           job_label(job)));
  }
}

}  // namespace impl_missing_permissions

extern const Rule missing_permissions{
    .meta = {.id = "GHA003",
             .slug = "missing-permissions",
             .severity = Severity::warning,
             .format = Format::actions,
             .summary = "Job token permissions left at the repository default",
             .what = "Reports each job that has no `permissions:` in a workflow that has no "
                     "top-level `permissions:` either. Such a job's `GITHUB_TOKEN` gets the "
                     "default permissions of the repository or organisation. Workflows run only "
                     "through `workflow_call` are not reported, since the calling job's "
                     "permissions cap their token.",
             .why = "The default token is read-write on many repositories (it was the default "
                    "for every repository created before February 2023 and is still an "
                    "organisation-wide setting). Any step that is compromised, or that runs "
                    "injected code, can then push commits, create releases or approve pull "
                    "requests. Declaring permissions also documents what the workflow needs and "
                    "keeps it working when the default changes.",
             .fix = "Add a top-level `permissions:` block with the least the workflow needs, "
                    "usually `contents: read`, and grant more to the jobs that need it "
                    "(`permissions: {contents: write}` on the release job). "
                    "`permissions: {}` removes every permission.",
             .bad = "on: push\n"
                    "jobs:\n"
                    "  build:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    steps:\n"
                    "      - run: make\n",
             .good = "on: push\n"
                     "permissions:\n"
                     "  contents: read\n"
                     "jobs:\n"
                     "  build:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    steps:\n"
                     "      - run: make\n",
             .peers = impl_missing_permissions::kPeers,
             .references = impl_missing_permissions::kReferences,
             .tags = impl_missing_permissions::kTags,
             .security_severity = "5.0"},
    .check = for_format<WorkflowDoc, impl_missing_permissions::check>,
};

}  // namespace lintel::rules::gha
