// SEC008 npm-pypi-token: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `npm_…`, `pypi-AgE…`
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule npm_pypi_token{
    .meta = {.id = "SEC008",
             .slug = "npm-pypi-token",
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
