// SEC001 private-key: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): PEM/OpenSSH private key blocks
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule private_key{
    .meta = {.id = "SEC001",
             .slug = "private-key",
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
