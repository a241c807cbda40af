// TF006 db-single-az: an RDS instance without a standby in another availability zone.
//
// `aws_db_instance` without `multi_az = true` (default false). Aurora cluster members are
// skipped: Aurora replicates storage across zones by design, and `multi_az` does not apply.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_db_single_az {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_157"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_db_instance"}, [&](const Block& b) {
    if (const auto engine = string_attr(doc, b, "engine"); engine && engine->starts_with("aurora")) return;
    require_true(doc, b, "multi_az", "runs in a single availability zone", out);
  });
}

}  // namespace impl_db_single_az

extern const Rule db_single_az{
    .meta = {.id = "TF006",
             .slug = "db-single-az",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "RDS instance is not Multi-AZ",
             .what = "Reports `aws_db_instance` resources without `multi_az = true`. Aurora "
                     "cluster members are skipped.",
             .why = "A single-AZ database goes down with its availability zone and during "
                    "maintenance; Multi-AZ keeps a synchronous standby that takes over "
                    "automatically.",
             .fix = "Set `multi_az = true` for production databases.",
             .bad = "resource \"aws_db_instance\" \"main\" {\n"
                    "  engine         = \"postgres\"\n"
                    "  instance_class = \"db.t3.micro\"\n"
                    "}\n",
             .good = "resource \"aws_db_instance\" \"main\" {\n"
                     "  engine         = \"postgres\"\n"
                     "  instance_class = \"db.t3.micro\"\n"
                     "  multi_az       = true\n"
                     "}\n",
             .peers = impl_db_single_az::kPeers,
             .references = impl_db_single_az::kReferences,
             .tags = impl_db_single_az::kTags},
    .check = for_format<model::TerraformDoc, impl_db_single_az::check>,
};

}  // namespace lintel::rules::terraform
