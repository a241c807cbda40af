// GHA006 persist-credentials: `actions/checkout` that leaves the job token in `.git/config`.
//
// actions/checkout keeps the token it fetched with (in `.git/config` before v6, under
// `$RUNNER_TEMP` with an include from `.git/config` since v6) unless `persist-credentials: false`.
// Reported: every checkout step without that input. Not reported: `persist-credentials: true`
// (or `"true"`), written on purpose by jobs that push, and an expression value, which cannot be
// known; zizmor reports those only in its auditor and pedantic personas. zizmor grades by the
// checkout version and by a later `upload-artifact` of the workspace; lintel keeps one severity
// (info) and leaves the grading to the reader.
#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_persist_credentials {

constexpr PeerId kPeers[] = {{"zizmor", "artipacked"}, {"kics", "c9d0e1f2"}};
constexpr std::string_view kReferences[] = {
    "https://github.com/actions/checkout#usage",
    "https://unit42.paloaltonetworks.com/github-repo-artifacts-leak-tokens/",
    "https://cwe.mitre.org/data/definitions/522.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const WorkflowDoc& doc, Reporter& out) {
  for (const StepRef& ref : all_steps(doc)) {
    if (!is_checkout(*ref.step)) continue;
    if (ref.step->with.find("persist-credentials") != nullptr) continue;
    out.report(ref.step->uses->text.span,
               fmt::format("actions/checkout in {} keeps the job token in the repository's git "
                           "config: set persist-credentials: false",
                           step_label(ref)));
  }
}

}  // namespace impl_persist_credentials

extern const Rule persist_credentials{
    .meta = {.id = "GHA006",
             .slug = "persist-credentials",
             .severity = Severity::info,
             .format = Format::actions,
             .summary = "actions/checkout keeps the job token in the git config",
             .what = "Reports an `actions/checkout` step that does not set "
                     "`persist-credentials: false`. Without it, checkout stores the token it used "
                     "so that later git commands are authenticated. Steps that set the input "
                     "explicitly (`true` for jobs that push, or an expression) are not reported.",
             .why = "Every later step, including third-party actions and build scripts, can read "
                    "the stored token, and it leaks when the workspace is uploaded as an artifact "
                    "(the \"ArtiPACKED\" research found such tokens in public artifacts) or baked "
                    "into an image. Most jobs never push and do not need it.",
             .fix = "Add `with: {persist-credentials: false}` to the checkout step. Jobs that push "
                    "can pass the token to the push command only, or set "
                    "`persist-credentials: true` deliberately.",
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
                     "      - uses: actions/checkout@v4\n"
                     "        with:\n"
                     "          persist-credentials: false\n",
             .peers = impl_persist_credentials::kPeers,
             .references = impl_persist_credentials::kReferences,
             .tags = impl_persist_credentials::kTags,
             .security_severity = "3.0"},
    .check = for_format<WorkflowDoc, impl_persist_credentials::check>,
};

}  // namespace lintel::rules::gha
