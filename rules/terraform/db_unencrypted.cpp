// TF004 db-unencrypted: RDS storage not encrypted at rest.
//
// `aws_db_instance` and `aws_rds_cluster` without `storage_encrypted = true` (the default is
// false). Skipped: Aurora instances (`engine = "aurora*"`, encrypted by their cluster), read
// replicas (`replicate_source_db`) and restores from a snapshot (`snapshot_identifier`), which
// inherit encryption from their source, and Serverless v1 clusters (`engine_mode =
// "serverless"`), which are always encrypted.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_db_unencrypted {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_16"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html",
    "https://cwe.mitre.org/data/definitions/311.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_db_instance", "aws_rds_cluster"}, [&](const Block& b) {
    if (db_inherits_settings(doc, b) || b.attr("snapshot_identifier") != nullptr) return;
    if (const auto mode = string_attr(doc, b, "engine_mode"); mode && *mode == "serverless") return;
    require_true(doc, b, "storage_encrypted", "storage is not encrypted", out);
  });
}

}  // namespace impl_db_unencrypted

extern const Rule db_unencrypted{
    .meta = {.id = "TF004",
             .slug = "db-unencrypted",
             .severity = Severity::error,
             .format = Format::terraform,
             .summary = "RDS database storage is not encrypted",
             .what = "Reports `aws_db_instance` and `aws_rds_cluster` resources without "
                     "`storage_encrypted = true`. Aurora cluster members, read replicas, snapshot "
                     "restores and Serverless v1 clusters are skipped: their encryption comes "
                     "from elsewhere.",
             .why = "Unencrypted database storage, snapshots and backups expose the data to "
                    "anyone who gets hold of a snapshot or the underlying volume; encryption "
                    "cannot be turned on later without a snapshot-and-restore migration.",
             .fix = "Set `storage_encrypted = true` (and `kms_key_id` for a customer managed key) "
                    "when the database is created.",
             .bad = "resource \"aws_db_instance\" \"main\" {\n"
                    "  engine            = \"postgres\"\n"
                    "  instance_class    = \"db.t3.micro\"\n"
                    "  allocated_storage = 20\n"
                    "}\n",
             .good = "resource \"aws_db_instance\" \"main\" {\n"
                     "  engine            = \"postgres\"\n"
                     "  instance_class    = \"db.t3.micro\"\n"
                     "  allocated_storage = 20\n"
                     "  storage_encrypted = true\n"
                     "}\n",
             .peers = impl_db_unencrypted::kPeers,
             .references = impl_db_unencrypted::kReferences,
             .tags = impl_db_unencrypted::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::TerraformDoc, impl_db_unencrypted::check>,
};

}  // namespace lintel::rules::terraform
