// SEC015 terraform-state: a committed Terraform state file (`*.tfstate`, `*.tfstate.backup`)
// that holds state (its JSON has `terraform_version` or `lineage`); an empty placeholder file
// holds nothing. Reported once, at the file's first line.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_terraform_state {

constexpr std::string_view kReferences[] = {
    "https://developer.hashicorp.com/terraform/language/state/sensitive-data",
    "https://developer.hashicorp.com/terraform/language/state/remote",
    "https://cwe.mitre.org/data/definitions/312.html",
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  if (doc.secrets == nullptr || !model::is_tfstate_name(doc.source.path())) return;
  if (!doc.secrets->terraform_state || !doc.secrets->first_line) return;
  out.report(*doc.secrets->first_line,
             fmt::format("Terraform state file \"{}\" is committed", file_name(doc)));
}

}  // namespace impl_terraform_state

extern const Rule terraform_state{
    .meta = {.id = "SEC015",
             .slug = "terraform-state",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Terraform state file committed",
             .what = "Reports a committed Terraform state file (`*.tfstate` or `*.tfstate.backup`) that "
             "holds state. The finding points at the file's first line.",
             .why = "State records every attribute of every managed resource in plain text, including "
             "generated passwords, private keys, access keys and connection strings that Terraform "
             "only hides in its CLI output. It also maps the infrastructure for an attacker, and a "
             "stale committed copy can be applied over the real state.",
             .fix = "Delete the file from the repository and its history, add `*.tfstate` and "
             "`*.tfstate.*` to .gitignore, keep state in an encrypted remote backend with access "
             "control and locking (S3, GCS, azurerm, HCP Terraform), and rotate the secrets the "
             "committed state contained.",
             .bad = "{\n"
             "  \"version\": 4,\n"
             "  \"terraform_version\": \"1.8.5\",\n"
             "  \"serial\": 12,\n"
             "  \"lineage\": \"4f3c0a5e-9d1b-4c59-a0d2-7b8e6f1c2d3a\",\n"
             "  \"outputs\": {},\n"
             "  \"resources\": []\n"
             "}\n",
             .good = "\n",
             .references = impl_terraform_state::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
             .example_path = "terraform.tfstate",
},
    .check = impl_terraform_state::check,
};

}  // namespace lintel::rules::secrets
