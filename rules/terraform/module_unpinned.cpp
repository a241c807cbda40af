// TF015 module-unpinned: a module call whose source can change under it.
//
// - Git sources (`git::…`, `git@…`, `github.com/…`, `bitbucket.org/…`) and Mercurial sources
//   (`hg::…`) without a `ref=` query parameter.
// - Registry sources (`namespace/name/provider`, or with a registry host in front) without a
//   `version` argument.
// Local paths (`./`, `../`), archives over HTTP(S), S3 and GCS sources are not judged. Unknown
// sources stay silent.
#include "rules/terraform/common.hpp"

#include <re2/re2.h>

namespace lintel::rules::terraform {
namespace impl_module_unpinned {

constexpr PeerId kPeers[] = {{"checkov", "CKV_TF_1"}, {"tflint", "terraform_module_pinned_source"}};
constexpr std::string_view kReferences[] = {
    "https://developer.hashicorp.com/terraform/language/modules/sources",
    "https://developer.hashicorp.com/terraform/language/modules/syntax#version",
};
constexpr std::string_view kTags[] = {"supply-chain"};

bool is_git(std::string_view s) {
  return s.starts_with("git::") || s.starts_with("git@") || s.starts_with("github.com/") ||
         s.starts_with("bitbucket.org/") || s.starts_with("hg::");
}

bool is_registry(std::string_view s) {
  static const RE2 re(R"(^([a-zA-Z0-9.-]+\.[a-zA-Z]+/)?[a-zA-Z0-9_-]+/[a-zA-Z0-9_-]+/[a-zA-Z0-9_-]+(//.*)?$)");
  return RE2::FullMatch(s, re);
}

void check(const TerraformDoc& doc, Reporter& out) {
  for (const Block& b : doc.blocks()) {
    if (b.type.value != "module") continue;
    const Attribute* a = b.attr("source");
    if (a == nullptr) continue;
    const auto src = doc.eval(a->expr).as_string();
    if (!src || src->starts_with("./") || src->starts_with("../")) continue;
    if (is_git(*src)) {
      if (src->find("?ref=") == std::string::npos && src->find("&ref=") == std::string::npos) {
        out.report(a->expr.span, fmt::format("module \"{}\" uses the git source \"{}\" without `?ref=`",
                                             b.label(0), *src));
      }
      continue;
    }
    if (is_registry(*src) && b.attr("version") == nullptr) {
      out.report(a->expr.span, fmt::format("module \"{}\" uses the registry source \"{}\" without `version`",
                                           b.label(0), *src));
    }
  }
}

}  // namespace impl_module_unpinned

extern const Rule module_unpinned{
    .meta = {.id = "TF015",
             .slug = "module-unpinned",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "Module source is not pinned to a version",
             .what = "Reports `module` calls with a git source without `?ref=`, and registry "
                     "sources without a `version` argument. Local paths are not judged.",
             .why = "An unpinned module follows the default branch or latest release: every "
                    "`terraform init` can pull different, unreviewed code that runs with your "
                    "cloud credentials.",
             .fix = "Pin git sources with `?ref=` (a tag, or better a commit SHA) and give "
                    "registry modules a `version` constraint.",
             .bad = "module \"vpc\" {\n"
                    "  source = \"terraform-aws-modules/vpc/aws\"\n"
                    "}\n",
             .good = "module \"vpc\" {\n"
                     "  source  = \"terraform-aws-modules/vpc/aws\"\n"
                     "  version = \"5.8.1\"\n"
                     "}\n",
             .peers = impl_module_unpinned::kPeers,
             .references = impl_module_unpinned::kReferences,
             .tags = impl_module_unpinned::kTags},
    .check = for_format<model::TerraformDoc, impl_module_unpinned::check>,
};

}  // namespace lintel::rules::terraform
