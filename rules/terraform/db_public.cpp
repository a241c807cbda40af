// TF007 db-public: a database reachable from the internet.
//
// `publicly_accessible = true` (known statically) on `aws_db_instance`,
// `aws_rds_cluster_instance` and `aws_redshift_cluster`. The default is false, so a missing
// attribute passes.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_db_public {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_17"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
    "https://cwe.mitre.org/data/definitions/284.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_db_instance", "aws_rds_cluster_instance", "aws_redshift_cluster"},
                    [&](const Block& b) {
                      const Attribute* a = b.attr("publicly_accessible");
                      if (a == nullptr) return;
                      const auto on = doc.eval(a->expr).as_bool();
                      if (on && *on) {
                        out.report(a->expr.span, fmt::format("{} is publicly accessible (`publicly_accessible = true`)",
                                                             resource_name(b)));
                      }
                    });
}

}  // namespace impl_db_public

extern const Rule db_public{
    .meta = {.id = "TF007",
             .slug = "db-public",
             .severity = Severity::error,
             .format = Format::terraform,
             .summary = "Database is publicly accessible",
             .what = "Reports `aws_db_instance`, `aws_rds_cluster_instance` and "
                     "`aws_redshift_cluster` resources with `publicly_accessible = true`, "
                     "resolved through variables and locals.",
             .why = "A publicly accessible database gets a public IP address and DNS name; one "
                    "permissive security group rule then exposes it to credential stuffing and "
                    "exploits from the whole internet.",
             .fix = "Set `publicly_accessible = false` (the default) and reach the database "
                    "through the VPC: a bastion, VPN, or Session Manager port forwarding.",
             .bad = "resource \"aws_db_instance\" \"main\" {\n"
                    "  engine              = \"postgres\"\n"
                    "  instance_class      = \"db.t3.micro\"\n"
                    "  publicly_accessible = true\n"
                    "}\n",
             .good = "resource \"aws_db_instance\" \"main\" {\n"
                     "  engine              = \"postgres\"\n"
                     "  instance_class      = \"db.t3.micro\"\n"
                     "  publicly_accessible = false\n"
                     "}\n",
             .peers = impl_db_public::kPeers,
             .references = impl_db_public::kReferences,
             .tags = impl_db_public::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::TerraformDoc, impl_db_public::check>,
};

}  // namespace lintel::rules::terraform
