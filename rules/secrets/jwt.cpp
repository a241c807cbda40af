// SEC011 jwt: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): signed JSON Web Tokens
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule jwt{
    .meta = {.id = "SEC011",
             .slug = "jwt",
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
