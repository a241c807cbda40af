// SEC008 npm-pypi-token: package registry publish tokens.
//
// npm tokens (`npm_` + 36) use GitHub's format, CRC-32 included: a wrong checksum is not an npm
// token. `.npmrc` auth (`//registry.npmjs.org/:_authToken=…`) is reported when the value is a
// literal (npm's legacy tokens are UUIDs, so no look-alike filter applies there), not
// `${NPM_TOKEN}`. PyPI tokens are macaroons whose first bytes are fixed: `pypi-AgEIcHlwaS5vcmc`
// (pypi.org) or `pypi-AgENdGVzdC5weXBpLm9yZw` (test.pypi.org).
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_npm_pypi_token {

constexpr PeerId kPeers[] = {{"gitleaks", "npm-access-token"},
                             {"gitleaks", "pypi-upload-token"},
                             {"checkov", "CKV_SECRET_12"},
                             {"detect-secrets", "NpmDetector"},
                             {"detect-secrets", "PypiTokenDetector"}};
constexpr std::string_view kReferences[] = {
    "https://docs.npmjs.com/about-access-tokens",
    "https://github.blog/2021-09-23-announcing-npms-new-access-token-format/",
    "https://pypi.org/help/#apitoken",
    "https://docs.pypi.org/trusted-publishers/",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC008", out, committed_message);
}

}  // namespace impl_npm_pypi_token

extern const Rule npm_pypi_token{
    .meta = {.id = "SEC008",
             .slug = "npm-pypi-token",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "npm or PyPI publish token committed",
             .what = "Reports npm access tokens (`npm_…`, checked against their CRC-32 checksum), literal "
             "registry tokens in `.npmrc` (`//registry.npmjs.org/:_authToken=…`, but not "
             "`${NPM_TOKEN}`) and PyPI upload tokens (`pypi-AgEIcHlwaS5vcmc…`, and "
             "test.pypi.org's).",
             .why = "A publish token lets anyone release a new version of your packages: a supply-chain "
             "attack on everyone who installs them, with your name on it.",
             .fix = "Revoke the token on npmjs.com or pypi.org and check the packages' recent releases. "
             "Publish from CI with trusted publishing (OIDC) or a granular, short-lived token "
             "stored as a CI secret, and reference it as `${NPM_TOKEN}` in `.npmrc`.",
             .bad = "//registry.npmjs.org/:_authToken=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\n",
             .good = "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n",
             .peers = impl_npm_pypi_token::kPeers,
             .references = impl_npm_pypi_token::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_npm_pypi_token::check,
};

}  // namespace lintel::rules::secrets
