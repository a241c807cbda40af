// SEC011 jwt: signed JSON Web Tokens.
//
// Three base64url segments; the header must decode to JSON with an `alg` other than `none`,
// the payload to a JSON object, and the signature must be at least 16 characters. Unsigned
// tokens (`alg: none`) prove nothing and carry no secret, so they are not reported (accepting
// them is a server bug, not a leak). jwt.io's example token (subject "John Doe") is
// documentation.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_jwt {

constexpr PeerId kPeers[] = {{"gitleaks", "jwt"},
                             {"checkov", "CKV_SECRET_9"},
                             {"detect-secrets", "JwtTokenDetector"}};
constexpr std::string_view kReferences[] = {
    "https://datatracker.ietf.org/doc/html/rfc7519",
    "https://datatracker.ietf.org/doc/html/rfc8725",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC011", out, committed_message);
}

}  // namespace impl_jwt

extern const Rule jwt{
    .meta = {.id = "SEC011",
             .slug = "jwt",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Signed JSON Web Token committed",
             .what = "Reports JSON Web Tokens (three base64url segments) whose header decodes to JSON with "
             "an `alg` other than `none` and whose payload decodes to a JSON object. Unsigned "
             "tokens (`alg: none`) and jwt.io's documented example token are not reported.",
             .why = "A signed token is a bearer credential: whoever holds it is its subject until it "
             "expires, and tokens issued to service accounts and CI often never expire.",
             .fix = "Revoke the token, or rotate the signing key if the issuer cannot revoke single "
             "tokens, and obtain tokens at runtime instead of committing them.",
             .bad = "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtbGludGVsLWZpeHR1cmUiLCJpYXQiOjE3MTc2MDAwMDAsInNjb3BlIjoiZGVwbG95In0.oc16GJm-WkV0tnWZ21XeoGC_KinN9UH-bSpFuog9avC\n",
             .good = "Authorization: Bearer ${API_TOKEN}\n",
             .peers = impl_jwt::kPeers,
             .references = impl_jwt::kReferences,
             .tags = kSecretTags,
             .security_severity = "5.0",
},
    .check = impl_jwt::check,
};

}  // namespace lintel::rules::secrets
