// SEC002 aws-access-key: AWS access key IDs anywhere, and secret access keys next to an AWS
// key name.
//
// Key IDs are self-identifying: `AKIA` (long-term), `ASIA` (STS), `ABIA`, `ACCA` or `A3T?` and 16
// base32 characters, word-bounded. A secret access key is 40 characters of base64 with no
// prefix, so it is only reported when the name it is assigned to says what it is
// (`aws_secret_access_key`, `AWS_SECRET_ACCESS_KEY`, `SecretAccessKey`, `aws_secret_key`) and
// its entropy is at least 4 bits per character. AWS's documented example pair
// (`AKIAIOSFODNN7EXAMPLE` / `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`) and placeholders are
// not reported.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_aws_access_key {

constexpr PeerId kPeers[] = {{"gitleaks", "aws-access-token"},
                             {"checkov", "CKV_SECRET_2"},
                             {"detect-secrets", "AWSKeyDetector"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC002", out, committed_message);
}

}  // namespace impl_aws_access_key

extern const Rule aws_access_key{
    .meta = {.id = "SEC002",
             .slug = "aws-access-key",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "AWS access key ID or secret access key committed",
             .what = "Reports AWS access key IDs (`AKIA…` long-term keys, `ASIA…` temporary STS keys, and "
             "the `ABIA`, `ACCA` and `A3T` prefixes: 20 characters) anywhere in a file, and "
             "40-character secret access keys assigned to a name that says so "
             "(`aws_secret_access_key`, `AWS_SECRET_ACCESS_KEY`, `SecretAccessKey`, "
             "`aws_secret_key`). AWS's documented example keys (`AKIAIOSFODNN7EXAMPLE`) and "
             "placeholders are not reported.",
             .why = "An access key signs AWS API requests as its IAM user or role: with the secret key "
             "anyone can read data, start instances for crypto mining or delete resources. Keys "
             "pushed to public repositories are harvested by bots within minutes.",
             .fix = "Deactivate and delete the key in IAM, review CloudTrail for its use, and create a "
             "new one only if still needed. Prefer short-lived credentials (IAM roles, OIDC "
             "federation for CI, IAM Identity Center) to long-term keys, and keep any key in a "
             "secret store, never in a committed file.",
             .bad = "[default]\n"
             "aws_access_key_id = AKIAAD4KCQ7SLFUQXM23\n"
             "aws_secret_access_key = 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\n",
             .good = "[default]\n"
             "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
             "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
             .peers = impl_aws_access_key::kPeers,
             .references = impl_aws_access_key::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_aws_access_key::check,
};

}  // namespace lintel::rules::secrets
