// SEC002 aws-access-key: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `AKIA…`/`ASIA…` key IDs, and AWS secret keys next to an AWS key name
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule aws_access_key{
    .meta = {.id = "SEC002",
             .slug = "aws-access-key",
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
