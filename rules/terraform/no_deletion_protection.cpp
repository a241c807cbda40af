// TF008 no-deletion-protection: a database that one `terraform destroy` can delete.
//
// `aws_db_instance` and `aws_rds_cluster` without `deletion_protection = true` (default false).
// Aurora cluster members are skipped (protection is set on the cluster).
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_no_deletion_protection {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_293"}, {"checkov", "CKV_AWS_139"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_db_instance", "aws_rds_cluster"}, [&](const Block& b) {
    if (const auto engine = string_attr(doc, b, "engine");
        b.label(0) == "aws_db_instance" && engine && engine->starts_with("aurora")) {
      return;
    }
    require_true(doc, b, "deletion_protection", "has no deletion protection", out);
  });
}

}  // namespace impl_no_deletion_protection

extern const Rule no_deletion_protection{
    .meta = {.id = "TF008",
             .slug = "no-deletion-protection",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "Database has no deletion protection",
             .what = "Reports `aws_db_instance` and `aws_rds_cluster` resources without "
                     "`deletion_protection = true`. Aurora cluster members are skipped.",
             .why = "Without deletion protection, a refactoring that renames the resource, a "
                    "mistaken `terraform destroy` or an API call deletes the database; "
                    "protection forces a deliberate two-step change.",
             .fix = "Set `deletion_protection = true` on production databases.",
             .bad = "resource \"aws_rds_cluster\" \"main\" {\n"
                    "  engine = \"aurora-postgresql\"\n"
                    "}\n",
             .good = "resource \"aws_rds_cluster\" \"main\" {\n"
                     "  engine              = \"aurora-postgresql\"\n"
                     "  deletion_protection = true\n"
                     "}\n",
             .peers = impl_no_deletion_protection::kPeers,
             .references = impl_no_deletion_protection::kReferences,
             .tags = impl_no_deletion_protection::kTags},
    .check = for_format<model::TerraformDoc, impl_no_deletion_protection::check>,
};

}  // namespace lintel::rules::terraform
