// SEC006 stripe-key: Stripe live-mode secret (`sk_live_`) and restricted (`rk_live_`) keys, and
// the `_prod_` variants. Test-mode keys (`sk_test_`) move no money and publishable keys
// (`pk_live_`) are public by design: neither is reported.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_stripe_key {

constexpr PeerId kPeers[] = {{"gitleaks", "stripe-access-token"},
                             {"checkov", "CKV_SECRET_17"},
                             {"detect-secrets", "StripeDetector"}};
constexpr std::string_view kReferences[] = {
    "https://docs.stripe.com/keys",
    "https://docs.stripe.com/keys-best-practices",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC006", out, committed_message);
}

}  // namespace impl_stripe_key

extern const Rule stripe_key{
    .meta = {.id = "SEC006",
             .slug = "stripe-key",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Stripe live secret or restricted key committed",
             .what = "Reports Stripe live-mode secret keys (`sk_live_…`) and restricted keys "
             "(`rk_live_…`), and their `_prod_` variants. Test-mode keys (`sk_test_`) and "
             "publishable keys (`pk_live_`) are not reported.",
             .why = "A live secret key has full access to the Stripe account: it can create charges, "
             "issue refunds and payouts, and read customer and payment data.",
             .fix = "Roll the key in the Stripe dashboard (Developers > API keys), review the request "
             "logs for its use, and keep the new key in a secret manager. Give each service a "
             "restricted key with only the permissions it needs.",
             .bad = "STRIPE_SECRET_KEY=sk_live_VHSH9ABbWei2gC944gztFaDn\n",
             .good = "STRIPE_SECRET_KEY=sk_test_4eC39HqLyjWDarjtT1zdp7dc\n",
             .peers = impl_stripe_key::kPeers,
             .references = impl_stripe_key::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_stripe_key::check,
};

}  // namespace lintel::rules::secrets
