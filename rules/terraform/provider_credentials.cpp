// TF001 provider-credentials: credentials written into a `provider` block.
//
// Checks the attributes `access_key`, `secret_key`, `token`, `password`, `client_secret` (and
// `client_certificate_password`) of every provider block, at the top level of the block and one
// level of nested blocks (`assume_role {}` has none, but some providers nest credentials). A
// value is reported when it is known statically and non-empty: a literal, or a variable default
// / tfvars value / local that resolves to one, since all of them are committed with the code.
// Values from the environment or unknown expressions are what the fix asks for, and stay silent;
// so do obvious placeholders (`mock_access_key`, `dummy`, `fake`, `<key>`), used by tests that
// run the provider without an account.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_provider_credentials {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_41"}};
constexpr std::string_view kReferences[] = {
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs#authentication-and-configuration",
    "https://cwe.mitre.org/data/definitions/798.html",
};
constexpr std::string_view kTags[] = {"security"};
constexpr std::string_view kSecretAttrs[] = {"access_key", "secret_key", "token", "password",
                                             "client_secret", "client_certificate_password"};

// Test and mock configurations (`access_key = "mock_access_key"` for provider-less tests).
bool is_placeholder(std::string_view value) {
  const std::string v = lower(value);
  for (std::string_view p : {"mock", "dummy", "fake", "placeholder", "changeme"}) {
    if (v.find(p) != std::string::npos) return true;
  }
  return v.starts_with("<") || v.starts_with("${");
}

void check_block(const TerraformDoc& doc, const Block& provider, const Block& b, Reporter& out) {
  for (std::string_view name : kSecretAttrs) {
    const Attribute* a = b.attr(name);
    if (a == nullptr) continue;
    const Value v = doc.eval(a->expr);
    if (!v.is_string() || v.string.empty() || is_placeholder(v.string)) continue;
    const bool literal = a->expr.kind == Expr::Kind::literal ||
                         (a->expr.kind == Expr::Kind::templ && a->expr.children.size() == 1 &&
                          a->expr.children[0].kind == Expr::Kind::literal);
    out.report(a->expr.span,
               fmt::format("provider \"{}\" has a {} credential in `{}`", provider.label(0),
                           literal ? "literal" : "hard-coded (statically known)", name));
  }
}

void check(const TerraformDoc& doc, Reporter& out) {
  for (const Block& b : doc.blocks()) {
    if (b.type.value != "provider") continue;
    check_block(doc, b, b, out);
    for (const Block& nested : b.blocks) check_block(doc, b, nested, out);
  }
}

}  // namespace impl_provider_credentials

extern const Rule provider_credentials{
    .meta = {.id = "TF001",
             .slug = "provider-credentials",
             .severity = Severity::error,
             .format = Format::terraform,
             .summary = "Provider block contains literal credentials",
             .what = "Reports `access_key`, `secret_key`, `token`, `password` and `client_secret` "
                     "in `provider` blocks whose value is known statically: a literal, or a "
                     "variable default, tfvars value or local that resolves to one.",
             .why = "Credentials in Terraform code end up in version control, in CI logs and in "
                    "every clone of the repository; leaked cloud keys are abused within minutes.",
             .fix = "Remove the credentials from the code and let the provider read them from "
                    "its standard sources: environment variables (`AWS_ACCESS_KEY_ID`), a shared "
                    "profile, instance or workload identity, or OIDC in CI. Rotate the leaked key.",
             .bad = "provider \"aws\" {\n"
                    "  region     = \"us-east-1\"\n"
                    "  access_key = \"AKIAIOSFODNN7EXAMPLE\"\n"
                    "  secret_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"\n"
                    "}\n",
             .good = "provider \"aws\" {\n"
                     "  region = \"us-east-1\"\n"
                     "}\n",
             .peers = impl_provider_credentials::kPeers,
             .references = impl_provider_credentials::kReferences,
             .tags = impl_provider_credentials::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::TerraformDoc, impl_provider_credentials::check>,
};

}  // namespace lintel::rules::terraform
