// SEC003 github-token: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule github_token{
    .meta = {.id = "SEC003",
             .slug = "github-token",
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
