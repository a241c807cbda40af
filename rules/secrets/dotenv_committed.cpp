// SEC014 dotenv-committed: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): a `.env` file (not `.env.example`/`.sample`/`.template`) with non-empty values
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule dotenv_committed{
    .meta = {.id = "SEC014",
             .slug = "dotenv-committed",
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
