// SEC010 azure-connection-string: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `AccountKey=` / `SharedAccessKey=` in connection strings
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule azure_connection_string{
    .meta = {.id = "SEC010",
             .slug = "azure-connection-string",
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
