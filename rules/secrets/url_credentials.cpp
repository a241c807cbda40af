// SEC012 url-credentials: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `scheme://user:password@host` with a literal password
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule url_credentials{
    .meta = {.id = "SEC012",
             .slug = "url-credentials",
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
