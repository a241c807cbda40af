// SEC007 google-api-key: Google API keys (`AIza` + 35), OAuth client secrets (`GOCSPX-` + 28)
// and the private key of a service-account key file. The last is found by SEC001's key-block
// reader: a `"private_key": "-----BEGIN PRIVATE KEY-----\n…"` in a file that also has
// `"type": "service_account"` is attributed to this rule instead, reported at the BEGIN marker.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_google_api_key {

constexpr PeerId kPeers[] = {{"gitleaks", "gcp-api-key"}};
constexpr std::string_view kReferences[] = {
    "https://cloud.google.com/docs/authentication/api-keys",
    "https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC007", out, [](const model::SecretCandidate& c) {
    if (!c.context.empty())  // a key block: name its BEGIN line, as SEC001 does
      return fmt::format("{} \"{}\" is committed", c.description, c.context);
    return committed_message(c);
  });
}

}  // namespace impl_google_api_key

extern const Rule google_api_key{
    .meta = {.id = "SEC007",
             .slug = "google-api-key",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Google API key, OAuth client secret or service account key committed",
             .what = "Reports Google API keys (`AIza` followed by 35 characters), OAuth client secrets "
             "(`GOCSPX-…`) and the private key of a Google Cloud service-account key file (JSON "
             "with `\"type\": \"service_account\"` and a `private_key`).",
             .why = "An unrestricted API key bills its project for every API it can call (Maps and Gemini "
             "keys are abused within hours); a service-account key authenticates as the service "
             "account with all its IAM roles until someone deletes the key, and most are never "
             "rotated.",
             .fix = "Delete or regenerate the key in the Google Cloud console (APIs & Services > "
             "Credentials, or IAM > Service accounts > Keys) and check its usage. Restrict API "
             "keys to the APIs and referrers that need them; replace service-account keys with "
             "workload identity federation or attached service accounts.",
             .bad = "const mapsKey = \"AIzalWq7Io1TbViulz-dR6512f1sKqN-rtQey7t\";\n",
             .good = "const mapsKey = process.env.MAPS_API_KEY;\n",
             .peers = impl_google_api_key::kPeers,
             .references = impl_google_api_key::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_google_api_key::check,
};

}  // namespace lintel::rules::secrets
