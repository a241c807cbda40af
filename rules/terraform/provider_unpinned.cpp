// TF014 provider-unpinned: a `required_providers` entry without a version constraint.
//
// Each attribute of `terraform { required_providers { … } }`: an object without a `version`
// key is reported at the provider's name. The legacy form `aws = "~> 5.0"` (a string) is a
// constraint and passes. Values that are not known objects are not judged.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_provider_unpinned {

constexpr PeerId kPeers[] = {{"tflint", "terraform_required_providers"}};
constexpr std::string_view kReferences[] = {
    "https://developer.hashicorp.com/terraform/language/providers/requirements#version-constraints",
};
constexpr std::string_view kTags[] = {"supply-chain"};

void check(const TerraformDoc& doc, Reporter& out) {
  for (const Block& t : doc.blocks()) {
    if (t.type.value != "terraform") continue;
    for (const Block* rp : t.children("required_providers")) {
      for (const Attribute& a : rp->attributes) {
        if (a.expr.kind != Expr::Kind::object) continue;
        bool has_version = false;
        for (std::size_t i = 0; i + 1 < a.expr.children.size(); i += 2) {
          const Expr& k = a.expr.children[i];
          std::string key(k.identifier());
          if (key.empty()) {
            if (auto s = doc.eval(k).as_string()) key = *s;
          }
          if (key == "version") has_version = true;
        }
        if (!has_version) {
          out.report(a.name.span, fmt::format("required provider \"{}\" has no version constraint", a.name.value));
        }
      }
    }
  }
}

}  // namespace impl_provider_unpinned

extern const Rule provider_unpinned{
    .meta = {.id = "TF014",
             .slug = "provider-unpinned",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "Required provider has no version constraint",
             .what = "Reports entries of `terraform { required_providers {} }` that give a "
                     "`source` but no `version`.",
             .why = "Without a constraint, `terraform init` on a new machine installs the latest "
                    "provider release, whose breaking changes or regressions then reach "
                    "production unreviewed.",
             .fix = "Add a `version` constraint such as `\"~> 5.0\"`, and commit "
                    "`.terraform.lock.hcl`.",
             .bad = "terraform {\n"
                    "  required_providers {\n"
                    "    aws = {\n"
                    "      source = \"hashicorp/aws\"\n"
                    "    }\n"
                    "  }\n"
                    "}\n",
             .good = "terraform {\n"
                     "  required_providers {\n"
                     "    aws = {\n"
                     "      source  = \"hashicorp/aws\"\n"
                     "      version = \"~> 5.0\"\n"
                     "    }\n"
                     "  }\n"
                     "}\n",
             .peers = impl_provider_unpinned::kPeers,
             .references = impl_provider_unpinned::kReferences,
             .tags = impl_provider_unpinned::kTags},
    .check = for_format<model::TerraformDoc, impl_provider_unpinned::check>,
};

}  // namespace lintel::rules::terraform
