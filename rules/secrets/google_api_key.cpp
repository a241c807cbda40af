// SEC007 google-api-key: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `AIza…` keys, and service-account JSON with a private key
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule google_api_key{
    .meta = {.id = "SEC007",
             .slug = "google-api-key",
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
