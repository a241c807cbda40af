// GHA008 missing-timeout: a job that can hang for six hours.
//
// Reported: jobs with `steps` and no job-level `timeout-minutes`, at the job key. Step-level
// timeouts do not bound the job (setup, post steps and services still run). Not reported:
// reusable-workflow calls (`uses:` jobs take no `timeout-minutes`; the called jobs set their own)
// and action metadata files.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_missing_timeout {

constexpr std::string_view kReferences[] = {
    "https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax"
    "#jobsjob_idtimeout-minutes",
    "https://docs.github.com/actions/reference/limits",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const WorkflowDoc& doc, Reporter& out) {
  for (const mg::Job& job : doc.jobs) {
    if (job.is_reusable_call() || !job.has_steps || job.timeout_minutes) continue;
    out.report(job.id.span,
               fmt::format("{} has no timeout-minutes and can run for the default 360 minutes",
                           job_label(job)));
  }
}

}  // namespace impl_missing_timeout

extern const Rule missing_timeout{
    .meta = {.id = "GHA008",
             .slug = "missing-timeout",
             .severity = Severity::info,
             .format = Format::actions,
             .summary = "Job has no timeout-minutes",
             .what = "Reports a job that runs steps but sets no `timeout-minutes`. Jobs that call "
                     "a reusable workflow (`uses:`) are not reported: the called workflow's jobs "
                     "carry their own timeouts.",
             .why = "Without a timeout a job that hangs (a test waiting on a network call, a "
                    "prompt nobody answers) runs for GitHub's maximum of 360 minutes, holding a "
                    "runner and the concurrency group, and on paid or self-hosted runners costing "
                    "money, before anyone notices.",
             .fix = "Set `timeout-minutes` on the job to a few times its usual duration, e.g. "
                    "`timeout-minutes: 15`.",
             .bad = "on: push\n"
                    "jobs:\n"
                    "  build:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    steps:\n"
                    "      - run: make\n",
             .good = "on: push\n"
                     "jobs:\n"
                     "  build:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    timeout-minutes: 15\n"
                     "    steps:\n"
                     "      - run: make\n",
             .references = impl_missing_timeout::kReferences,
             .tags = impl_missing_timeout::kTags},
    .check = for_format<WorkflowDoc, impl_missing_timeout::check>,
};

}  // namespace lintel::rules::gha
