// GHA004 write-all-permissions: `permissions: write-all` on a workflow or a job.
//
// Only the shorthand is reported. A map granting `write` to every scope one by one is as broad
// but is written on purpose, scope by scope; an expression value cannot be known.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_write_all_permissions {

constexpr PeerId kPeers[] = {
    {"checkov", "CKV2_GHA_1"}, {"zizmor", "excessive-permissions"}, {"kics", "a7b8c9d0"}};
constexpr std::string_view kReferences[] = {
    "https://docs.github.com/actions/writing-workflows/choosing-what-your-workflow-does/"
    "controlling-permissions-for-github_token",
    "https://cwe.mitre.org/data/definitions/250.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const WorkflowDoc& doc, Reporter& out) {
  if (doc.permissions && doc.permissions->is_write_all())
    out.report(doc.permissions->shorthand->span,
               "workflow permissions are \"write-all\": every job's token can write to every "
               "scope");
  for (const mg::Job& job : doc.jobs)
    if (job.permissions && job.permissions->is_write_all())
      out.report(job.permissions->shorthand->span,
                 fmt::format("{} permissions are \"write-all\": its token can write to every scope",
                             job_label(job)));
}

}  // namespace impl_write_all_permissions

extern const Rule write_all_permissions{
    .meta = {.id = "GHA004",
             .slug = "write-all-permissions",
             .severity = Severity::error,
             .format = Format::actions,
             .summary = "Workflow or job grants the token write-all permissions",
             .what = "Reports `permissions: write-all` at the top of a workflow or on a job, which "
                     "gives the `GITHUB_TOKEN` write access to every scope: contents, packages, "
                     "pull requests, issues, actions, deployments, security events and more.",
             .why = "A token that can write everywhere turns any compromised step or injected "
                    "command into a repository takeover: pushing code or workflow changes, "
                    "publishing packages, editing releases. Least privilege limits what a single "
                    "bad dependency can do.",
             .fix = "List only the scopes the job needs, e.g. `permissions: {contents: write}` "
                    "for a release job, and keep the workflow default at `contents: read`.",
             .bad = "on: push\n"
                    "permissions: write-all\n"
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
             .peers = impl_write_all_permissions::kPeers,
             .references = impl_write_all_permissions::kReferences,
             .tags = impl_write_all_permissions::kTags,
             .security_severity = "8.0"},
    .check = for_format<WorkflowDoc, impl_write_all_permissions::check>,
};

}  // namespace lintel::rules::gha
