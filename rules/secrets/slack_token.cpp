// SEC005 slack-token: Slack API tokens and incoming webhook URLs.
//
// Tokens need the numeric team/user groups Slack puts after the prefix (`xoxb-<digits>-…`), so
// `xoxb-your-token` is not one; webhooks need the 43-56 character `services/T…/B…/…` path.
// Slack's documented placeholder (`T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX`) fails the
// placeholder filter.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_slack_token {

constexpr PeerId kPeers[] = {{"gitleaks", "slack-bot-token"},
                             {"gitleaks", "slack-user-token"},
                             {"gitleaks", "slack-app-token"},
                             {"gitleaks", "slack-webhook-url"},
                             {"checkov", "CKV_SECRET_14"},
                             {"detect-secrets", "SlackDetector"}};
constexpr std::string_view kReferences[] = {
    "https://api.slack.com/authentication/token-types",
    "https://api.slack.com/messaging/webhooks",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC005", out, committed_message);
}

}  // namespace impl_slack_token

extern const Rule slack_token{
    .meta = {.id = "SEC005",
             .slug = "slack-token",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Slack token or webhook URL committed",
             .what = "Reports Slack bot, user, workspace and legacy tokens (`xoxb-`, `xoxp-`, `xoxa-`, "
             "`xoxo-`, `xoxs-`, `xoxr-`, `xoxe-`), configuration tokens (`xoxe.xoxp-`), app-level "
             "tokens (`xapp-`) and incoming webhook URLs (`hooks.slack.com/services/…`, "
             "`/workflows/…`, `/triggers/…`). Slack's documented placeholder webhook is not "
             "reported.",
             .why = "A bot or user token reads and posts messages and files and lists members with its "
             "scopes. A webhook URL lets anyone post into the channel as your integration, a "
             "convenient phishing vector.",
             .fix = "Revoke the token or regenerate the webhook URL in the Slack app's settings, and load "
             "the new one from a secret store or a CI secret.",
             .bad = "slack:\n"
             "  webhook: https://hooks.slack.com/services/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\n",
             .good = "slack:\n"
             "  webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\n",
             .peers = impl_slack_token::kPeers,
             .references = impl_slack_token::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_slack_token::check,
};

}  // namespace lintel::rules::secrets
