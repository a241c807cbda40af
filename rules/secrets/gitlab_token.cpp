// SEC004 gitlab-token: GitLab tokens by their documented prefixes (glpat-, gldt-, glrt-,
// glcbt-, glft-, glimt-, gloas-, glsoat-, glffct-, glptt-, glagent-, and the GR1348941 runner
// registration prefix), with at least 3 bits of entropy per character so `glpat-xxxx…`
// placeholders stay silent.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_gitlab_token {

constexpr PeerId kPeers[] = {{"gitleaks", "gitlab-pat"},
                             {"gitleaks", "gitlab-ptt"},
                             {"gitleaks", "gitlab-runner-authentication-token"},
                             {"gitleaks", "gitlab-deploy-token"},
                             {"detect-secrets", "GitLabTokenDetector"}};
constexpr std::string_view kReferences[] = {
    "https://docs.gitlab.com/ee/security/tokens/",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC004", out, committed_message);
}

}  // namespace impl_gitlab_token

extern const Rule gitlab_token{
    .meta = {.id = "SEC004",
             .slug = "gitlab-token",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "GitLab token committed",
             .what = "Reports GitLab personal, project and group access tokens (`glpat-`), deploy tokens "
             "(`gldt-`), runner authentication and registration tokens (`glrt-`, `GR1348941`), "
             "CI/CD job tokens (`glcbt-`), feed, incoming email, OAuth application, SCIM and "
             "feature flag tokens (`glft-`, `glimt-`, `gloas-`, `glsoat-`, `glffct-`), pipeline "
             "trigger tokens (`glptt-`) and agent tokens (`glagent-`).",
             .why = "GitLab tokens authenticate to the API, the container and package registries and git "
             "over HTTPS with their owner's rights. A runner token lets anyone attach a runner "
             "that receives the project's CI jobs, including their variables.",
             .fix = "Revoke the token in GitLab (user, project or runner settings), review the audit "
             "events, and issue a new one kept as a masked CI/CD variable or in a secret manager.",
             .bad = "export GITLAB_TOKEN=glpat-6gIuaIZ-rP2lpuUunuBQ\n",
             .good = "export GITLAB_TOKEN=\"$CI_JOB_TOKEN\"\n",
             .peers = impl_gitlab_token::kPeers,
             .references = impl_gitlab_token::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_gitlab_token::check,
};

}  // namespace lintel::rules::secrets
