// TF005 db-backup-retention: RDS automated backups missing or kept too briefly.
//
// `aws_db_instance` and `aws_rds_cluster` whose `backup_retention_period` is missing (AWS then
// keeps 1 day for clusters and instances created through the API) or below the minimum, the
// option `min-retention-days` (default 30). `0` disables backups and is reported the same way.
// Aurora cluster members and read replicas are skipped (the cluster / source owns backups).
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_db_backup_retention {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_133"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
};
constexpr std::string_view kTags[] = {"reliability"};
constexpr RuleOption kOptions[] = {
    {"min-retention-days", "30", "the smallest accepted `backup_retention_period`, in days"}};

void check(const TerraformDoc& doc, const RuleContext& ctx, Reporter& out) {
  const std::int64_t min = ctx.options.integer("TF005", "min-retention-days", 30);
  for_each_resource(doc, {"aws_db_instance", "aws_rds_cluster"}, [&](const Block& b) {
    if (db_inherits_settings(doc, b)) return;
    const Attribute* a = b.attr("backup_retention_period");
    if (a == nullptr) {
      out.report(b.head(), fmt::format("{} does not set `backup_retention_period` (AWS keeps 1 day; "
                                       "the minimum is {} days)", resource_name(b), min));
      return;
    }
    const auto days = doc.eval(a->expr).as_number();
    if (!days || *days >= static_cast<double>(min)) return;
    if (*days == 0) {
      out.report(a->expr.span, fmt::format("{} disables automated backups (`backup_retention_period = 0`)",
                                           resource_name(b)));
      return;
    }
    out.report(a->expr.span, fmt::format("{} keeps backups for {} days, below the minimum of {}",
                                         resource_name(b), static_cast<long long>(*days), min));
  });
}

}  // namespace impl_db_backup_retention

extern const Rule db_backup_retention{
    .meta = {.id = "TF005",
             .slug = "db-backup-retention",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "RDS backup retention missing or below the minimum",
             .what = "Reports `aws_db_instance` and `aws_rds_cluster` resources whose "
                     "`backup_retention_period` is missing, 0, or below the option "
                     "`min-retention-days` (default 30). Aurora cluster members and read "
                     "replicas are skipped.",
             .why = "Automated backups are the only way to restore a database to a point in "
                    "time; AWS keeps one day by default, which is rarely enough to notice a "
                    "corruption or a bad migration.",
             .fix = "Set `backup_retention_period` to the retention your recovery objectives "
                    "need (up to 35 days), or lower the option for non-production modules.",
             .bad = "resource \"aws_db_instance\" \"main\" {\n"
                    "  engine                  = \"postgres\"\n"
                    "  instance_class          = \"db.t3.micro\"\n"
                    "  backup_retention_period = 7\n"
                    "}\n",
             .good = "resource \"aws_db_instance\" \"main\" {\n"
                     "  engine                  = \"postgres\"\n"
                     "  instance_class          = \"db.t3.micro\"\n"
                     "  backup_retention_period = 30\n"
                     "}\n",
             .peers = impl_db_backup_retention::kPeers,
             .references = impl_db_backup_retention::kReferences,
             .options = impl_db_backup_retention::kOptions,
             .tags = impl_db_backup_retention::kTags},
    .check = for_format<model::TerraformDoc, impl_db_backup_retention::check>,
};

}  // namespace lintel::rules::terraform
