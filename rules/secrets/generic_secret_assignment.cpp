// SEC013 generic-secret-assignment: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `password`/`secret`/`token`/`api_key` = high-entropy literal, in any format
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule generic_secret_assignment{
    .meta = {.id = "SEC013",
             .slug = "generic-secret-assignment",
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
