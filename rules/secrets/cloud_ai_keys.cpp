// SEC009 cloud-ai-keys: API keys of AI model providers, by documented prefixes: OpenAI
// (`sk-proj-`, `sk-svcacct-`, `sk-admin-` and legacy `sk-` keys, all carrying the `T3BlbkFJ`
// marker, base64 of "OpenAI"), Anthropic (`sk-ant-api03-` / `sk-ant-admin01-` + 93 + `AA`),
// Hugging Face (`hf_` + 34 letters), Groq (`gsk_`), Replicate (`r8_`), xAI (`xai-`) and
// Perplexity (`pplx-`). Bare `sk-` + hex keys (DeepSeek and others) are too ambiguous to report.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_cloud_ai_keys {

constexpr PeerId kPeers[] = {{"gitleaks", "openai-api-key"},
                             {"gitleaks", "anthropic-api-key"},
                             {"gitleaks", "huggingface-access-token"}};
constexpr std::string_view kReferences[] = {
    "https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety",
    "https://huggingface.co/docs/hub/security-tokens",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC009", out, committed_message);
}

}  // namespace impl_cloud_ai_keys

extern const Rule cloud_ai_keys{
    .meta = {.id = "SEC009",
             .slug = "cloud-ai-keys",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "OpenAI, Anthropic or other AI provider API key committed",
             .what = "Reports API keys of AI model providers by their documented prefixes: OpenAI "
             "(`sk-proj-`, `sk-svcacct-`, `sk-admin-` and legacy `sk-` keys with the `T3BlbkFJ` "
             "marker), Anthropic (`sk-ant-api03-`, `sk-ant-admin01-`), Hugging Face (`hf_`), Groq "
             "(`gsk_`), Replicate (`r8_`), xAI (`xai-`) and Perplexity (`pplx-`).",
             .why = "These keys bill usage to your account: leaked keys are used for free inference "
             "within hours of being pushed, and admin keys can create more keys or read "
             "organization data.",
             .fix = "Revoke the key in the provider's console, check the usage dashboard for unexpected "
             "spend, and load a new key from the environment or a secret manager.",
             .bad = "OPENAI_API_KEY=sk-proj-2bIZPpqWcK2pIrzoGQsHr2UXT3BlbkFJH0FKh8daK5PrIyd9YDInGbhR\n",
             .good = "OPENAI_API_KEY=\n",
             .peers = impl_cloud_ai_keys::kPeers,
             .references = impl_cloud_ai_keys::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_cloud_ai_keys::check,
};

}  // namespace lintel::rules::secrets
