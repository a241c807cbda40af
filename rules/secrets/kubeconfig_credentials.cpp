// SEC016 kubeconfig-credentials: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): kubeconfig with `client-key-data`, `token` or `password`
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule kubeconfig_credentials{
    .meta = {.id = "SEC016",
             .slug = "kubeconfig-credentials",
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
