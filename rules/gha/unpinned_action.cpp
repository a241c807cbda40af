// GHA001 unpinned-action: a `uses:` that does not name an immutable commit.
//
// Reported: step actions and reusable-workflow calls (`owner/repo/.github/workflows/x.yml@ref`)
// whose ref is not a full 40-hex commit SHA (a tag, a branch, a short SHA, or no ref at all), and
// `docker://` images without an `@sha256:` digest (a tag moves like a branch; zizmor's default
// hash-pin policy treats them the same way), in workflows and in composite and docker actions.
// Not reported: local actions and workflows (`./path`: they come with the repository's own
// commit), and `uses:` values that are not references at all (an expression, which GitHub
// rejects, or a malformed value: actionlint's business).
// A 40-hex ref could still be a branch named like a SHA (zizmor's online `impostor-commit` and
// `ref-confusion` audits go further); that needs the network and is out of scope.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_unpinned_action {

constexpr PeerId kPeers[] = {{"zizmor", "unpinned-uses"}, {"kics", "555ab8f9"}};
constexpr std::string_view kReferences[] = {
    "https://docs.github.com/actions/security-for-github-actions/security-guides/"
    "security-hardening-for-github-actions#using-third-party-actions",
    "https://cwe.mitre.org/data/definitions/829.html",
};
constexpr std::string_view kTags[] = {"security", "supply-chain"};

bool is_hex(std::string_view ref) {
  for (const char c : ref)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
  return !ref.empty();
}

bool is_full_sha(std::string_view ref) { return ref.size() == 40 && is_hex(ref); }

// What looks like an abbreviated commit (git abbreviates to at least 4, usually 7, digits).
bool is_short_sha(std::string_view ref) { return ref.size() >= 7 && ref.size() < 40 && is_hex(ref); }

void check_uses(const mg::Uses& uses, std::string_view where, Reporter& out) {
  switch (uses.kind) {
    case mg::UsesKind::repository: {
      if (uses.ref && is_full_sha(uses.ref->value)) return;
      const std::string_view what = uses.is_reusable_workflow() ? "reusable workflow" : "action";
      if (!uses.ref) {
        out.report(uses.text.span, fmt::format("{} \"{}\" in {} has no ref and follows the default "
                                               "branch",
                                               what, uses.text.value, where));
        return;
      }
      const std::string_view kind = is_short_sha(uses.ref->value) ? "a short SHA" : "a mutable ref";
      out.report(uses.text.span,
                 fmt::format("{} \"{}\" in {} is pinned to {}, not a full commit SHA", what,
                             uses.text.value, where, kind));
      return;
    }
    case mg::UsesKind::docker:
      if (uses.image && uses.image->digest) return;
      out.report(uses.text.span,
                 fmt::format("docker image \"{}\" in {} is not pinned to a digest",
                             uses.text.value, where));
      return;
    case mg::UsesKind::local:
    case mg::UsesKind::invalid:
      return;
  }
}

void check(const WorkflowDoc& doc, Reporter& out) {
  for (const mg::Job& job : doc.jobs)
    if (job.uses) check_uses(*job.uses, job_label(job), out);
  for (const StepRef& ref : all_steps(doc))
    if (ref.step->uses) check_uses(*ref.step->uses, step_label(ref), out);
  if (doc.runs && doc.runs->image_uses) check_uses(*doc.runs->image_uses, "the action's runs", out);
}

}  // namespace impl_unpinned_action

extern const Rule unpinned_action{
    .meta = {.id = "GHA001",
             .slug = "unpinned-action",
             .severity = Severity::warning,
             .format = Format::actions,
             .summary = "Action or reusable workflow not pinned to a full commit SHA",
             .what = "Reports a `uses:` whose reference can move: an action or reusable workflow "
                     "(`owner/repo[/path]@ref`) whose ref is a tag, a branch, a short SHA or "
                     "missing, instead of a full 40-character commit SHA; and a `docker://` image "
                     "without an `@sha256:` digest. Steps of workflows and composite actions, "
                     "job-level reusable-workflow calls and a docker action's `runs.image` are "
                     "checked. Local actions and workflows (`./…`) are part of the repository and "
                     "are not reported.",
             .why = "Tags and branches are mutable: whoever controls the action's repository (its "
                    "owner, or an attacker who took over an account or token) can point `v4` at "
                    "new code, which then runs in every workflow that uses it, with its secrets "
                    "and token. This is how the tj-actions/changed-files compromise of 2025 "
                    "reached thousands of repositories. A full commit SHA is the only reference "
                    "GitHub cannot resolve to different code later; a short SHA can become "
                    "ambiguous and is rejected for that reason.",
             .fix = "Replace the ref with the full commit SHA it currently points to and keep the "
                    "version in a comment (`uses: actions/checkout@<sha> # v4.2.2`). Dependabot "
                    "and Renovate update SHA pins and their comments. For `docker://` images, "
                    "append the digest: `docker://alpine:3.20@sha256:…`.",
             .bad = "on: push\n"
                    "jobs:\n"
                    "  build:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    steps:\n"
                    "      - uses: actions/checkout@v4\n",
             .good = "on: push\n"
                     "jobs:\n"
                     "  build:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    steps:\n"
                     "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n",
             .peers = impl_unpinned_action::kPeers,
             .references = impl_unpinned_action::kReferences,
             .tags = impl_unpinned_action::kTags,
             .security_severity = "5.0"},
    .check = for_format<WorkflowDoc, impl_unpinned_action::check>,
};

}  // namespace lintel::rules::gha
