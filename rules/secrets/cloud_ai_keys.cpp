// SEC009 cloud-ai-keys: TODO(#5) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): OpenAI, Anthropic and similar prefixed keys
#include "analyzer/rule.hpp"

namespace lintel::rules::secrets {
namespace {


void check(const Document& doc, const RuleContext& ctx, Reporter& out) {
  (void)doc;
  (void)ctx;
  (void)out;
}

}  // namespace

extern const Rule cloud_ai_keys{
    .meta = {.id = "SEC009",
             .slug = "cloud-ai-keys",
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
