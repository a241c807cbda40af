// SEC006 stripe-key: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `sk_live_`, `rk_live_`
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule stripe_key{
    .meta = {.id = "SEC006",
             .slug = "stripe-key",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = check,
};

}  // namespace lintel::rules::secrets
