// GHA012 hardcoded-container-credentials: a registry password written into the workflow.
//
// Reported: a non-empty `credentials.password` of a job `container` or of a `services` entry that
// contains no expression. `${{ secrets.REGISTRY_TOKEN }}` (or any expression: an input, an
// env value) is how it should be done and is not reported. The message never quotes the
// password. A literal username alone is not a secret and is not reported.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_hardcoded_container_credentials {

constexpr PeerId kPeers[] = {{"zizmor", "hardcoded-container-credentials"},
                             {"actionlint", "credentials"}};
constexpr std::string_view kReferences[] = {
    "https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax"
    "#jobsjob_idcontainercredentials",
    "https://docs.github.com/actions/security-for-github-actions/security-guides/using-secrets-in-github-actions",
    "https://cwe.mitre.org/data/definitions/798.html",
};
constexpr std::string_view kTags[] = {"security"};

void check_container(const mg::Container& c, std::string_view what, Reporter& out) {
  if (!c.password || !c.password->is_scalar || c.password->has_expressions()) return;
  if (c.password->value.find_first_not_of(" \t") == std::string::npos) return;
  out.report(c.password->span,
             fmt::format("{} registry credentials have a hardcoded password", what));
}

void check(const WorkflowDoc& doc, Reporter& out) {
  for (const mg::Job& job : doc.jobs) {
    if (job.container) check_container(*job.container, fmt::format("{} container", job_label(job)), out);
    for (const mg::Service& s : job.services)
      check_container(s.container, fmt::format("{} service \"{}\"", job_label(job), s.name.value),
                      out);
  }
}

}  // namespace impl_hardcoded_container_credentials

extern const Rule hardcoded_container_credentials{
    .meta = {.id = "GHA012",
             .slug = "hardcoded-container-credentials",
             .severity = Severity::error,
             .format = Format::actions,
             .summary = "Container or service registry password written in the workflow",
             .what = "Reports a literal `password` under `credentials` of a job's `container` or "
                     "of a service. A value from an expression, such as "
                     "`${{ secrets.REGISTRY_PASSWORD }}`, is not reported.",
             .why = "Everything in a workflow file is readable by anyone who can read the "
                    "repository, and stays in its history after it is removed. A registry "
                    "password there lets anyone pull private images, and often push to them.",
             .fix = "Store the password as an encrypted secret and reference it: "
                    "`password: ${{ secrets.REGISTRY_PASSWORD }}`. Then rotate the password that "
                    "was committed.",
             .bad = "on: push\n"
                    "jobs:\n"
                    "  test:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    container:\n"
                    "      image: ghcr.io/acme/build:1.4\n"
                    "      credentials:\n"
                    "        username: ci\n"
                    "        password: hunter2hunter2\n"
                    "    steps:\n"
                    "      - run: make\n",
             .good = "on: push\n"
                     "jobs:\n"
                     "  test:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    container:\n"
                     "      image: ghcr.io/acme/build:1.4\n"
                     "      credentials:\n"
                     "        username: ci\n"
                     "        password: ${{ secrets.REGISTRY_PASSWORD }}\n"
                     "    steps:\n"
                     "      - run: make\n",
             .peers = impl_hardcoded_container_credentials::kPeers,
             .references = impl_hardcoded_container_credentials::kReferences,
             .tags = impl_hardcoded_container_credentials::kTags,
             .security_severity = "8.0"},
    .check = for_format<WorkflowDoc, impl_hardcoded_container_credentials::check>,
};

}  // namespace lintel::rules::gha
