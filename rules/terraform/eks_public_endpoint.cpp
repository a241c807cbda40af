// TF020 eks-public-endpoint: an EKS API endpoint reachable from the whole internet.
//
// `aws_eks_cluster` `vpc_config`: the endpoint is public when `endpoint_public_access` is true
// or missing (the default is true), and open to everyone when `public_access_cidrs` is missing
// (default `["0.0.0.0/0"]`) or contains `0.0.0.0/0`. Reported at the CIDR when it is written,
// else at `endpoint_public_access` or `vpc_config`. Unknown values stay silent.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_eks_public_endpoint {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_39"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
    "https://cwe.mitre.org/data/definitions/284.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_eks_cluster"}, [&](const Block& b) {
    const Block* vpc = b.child("vpc_config");
    if (vpc == nullptr) return;
    const auto pub = bool_attr(doc, *vpc, "endpoint_public_access", true);
    if (!pub || !*pub) return;
    const Attribute* cidrs = vpc->attr("public_access_cidrs");
    if (cidrs == nullptr) {
      const Attribute* pa = vpc->attr("endpoint_public_access");
      out.report(pa != nullptr ? pa->expr.span : vpc->type.span,
                 fmt::format("cluster {} has a public API endpoint open to 0.0.0.0/0 (no `public_access_cidrs`)",
                             resource_name(b)));
      return;
    }
    const Value v = doc.eval(cidrs->expr);
    if (!v.is_list()) return;
    for (const Value& c : v.items) {
      if (c.is_string() && c.string == "0.0.0.0/0") {
        out.report(value_span(doc, c, cidrs->expr.span),
                   fmt::format("cluster {} has a public API endpoint open to \"0.0.0.0/0\"", resource_name(b)));
        return;
      }
    }
  });
}

}  // namespace impl_eks_public_endpoint

extern const Rule eks_public_endpoint{
    .meta = {.id = "TF020",
             .slug = "eks-public-endpoint",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "EKS cluster API endpoint is public to the internet",
             .what = "Reports `aws_eks_cluster` resources whose `vpc_config` leaves "
                     "`endpoint_public_access` on (the default) with `public_access_cidrs` "
                     "missing (default `0.0.0.0/0`) or containing `0.0.0.0/0`.",
             .why = "A public Kubernetes API is exposed to credential attacks and to every "
                    "future API server vulnerability; restricting it to known networks or "
                    "making it private removes that exposure.",
             .fix = "Set `endpoint_public_access = false` with `endpoint_private_access = true`, "
                    "or restrict `public_access_cidrs` to your office/VPN/CI ranges.",
             .bad = "resource \"aws_eks_cluster\" \"main\" {\n"
                    "  name     = \"main\"\n"
                    "  role_arn = aws_iam_role.eks.arn\n"
                    "  vpc_config {\n"
                    "    subnet_ids = [\"subnet-1\", \"subnet-2\"]\n"
                    "  }\n"
                    "}\n",
             .good = "resource \"aws_eks_cluster\" \"main\" {\n"
                     "  name     = \"main\"\n"
                     "  role_arn = aws_iam_role.eks.arn\n"
                     "  vpc_config {\n"
                     "    subnet_ids              = [\"subnet-1\", \"subnet-2\"]\n"
                     "    endpoint_private_access = true\n"
                     "    endpoint_public_access  = false\n"
                     "  }\n"
                     "}\n",
             .peers = impl_eks_public_endpoint::kPeers,
             .references = impl_eks_public_endpoint::kReferences,
             .tags = impl_eks_public_endpoint::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::TerraformDoc, impl_eks_public_endpoint::check>,
};

}  // namespace lintel::rules::terraform
