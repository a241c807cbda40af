// SEC015 terraform-state: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): a committed `*.tfstate` file (state holds secrets in plain text)
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule terraform_state{
    .meta = {.id = "SEC015",
             .slug = "terraform-state",
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
