// SEC003 github-token: GitHub tokens by their documented prefixes.
//
// Classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36 base62 characters) end in a
// base62 CRC-32 of their 30 random characters. A token whose checksum does not match was not
// issued by GitHub (a typo, a truncated or made-up string) and is not reported here; assigned
// to a secret-named key it can still be reported by SEC013, as any high-entropy value.
// Fine-grained tokens (`github_pat_` + 22 + `_` + 59) are matched by shape and entropy.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_github_token {

constexpr PeerId kPeers[] = {{"gitleaks", "github-pat"},
                             {"gitleaks", "github-fine-grained-pat"},
                             {"gitleaks", "github-oauth"},
                             {"gitleaks", "github-app-token"},
                             {"gitleaks", "github-refresh-token"},
                             {"detect-secrets", "GitHubTokenDetector"}};
constexpr std::string_view kReferences[] = {
    "https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/",
    "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC003", out, committed_message);
}

}  // namespace impl_github_token

extern const Rule github_token{
    .meta = {.id = "SEC003",
             .slug = "github-token",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "GitHub token committed",
             .what = "Reports GitHub personal access tokens (classic `ghp_` and fine-grained "
             "`github_pat_`), OAuth tokens (`gho_`), GitHub App user and installation tokens "
             "(`ghu_`, `ghs_`) and refresh tokens (`ghr_`). Classic tokens end in a CRC-32 "
             "checksum of their random part; a string with the right shape but a wrong checksum "
             "was not issued by GitHub and is not reported by this rule.",
             .why = "A token acts as its owner with its scopes: it can read private repositories, push "
             "code, edit workflows and reach the secrets of every repository it can administer. "
             "GitHub revokes tokens it finds in public repositories, breaking whatever used them; "
             "in a private repository nothing does.",
             .fix = "Revoke the token (Settings > Developer settings, or the app's settings), check the "
             "security log for its use, and create a new one with the fewest scopes and a short "
             "expiry. In workflows use the built-in GITHUB_TOKEN or a repository secret; locally "
             "use a credential helper or `gh auth login`.",
             .bad = "GITHUB_TOKEN=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\n",
             .good = "GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}\n",
             .peers = impl_github_token::kPeers,
             .references = impl_github_token::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_github_token::check,
};

}  // namespace lintel::rules::secrets
