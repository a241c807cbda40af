// TF017 missing-tags: a taggable AWS resource with no tags.
//
// Judged only in modules that configure the AWS provider (a `provider "aws"` block): a child
// module inherits its caller's provider and its `default_tags`, which lintel cannot see, so it
// stays silent there. When any `provider "aws"` of the module has a `default_tags` block,
// nothing is reported. Otherwise a resource of the curated list below without a `tags` argument
// (or with a known empty map) is reported at its type and name.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_missing_tags {

constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html",
    "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/guides/resource-tagging",
};
constexpr std::string_view kTags[] = {"best-practice"};
constexpr std::string_view kTaggable[] = {
    "aws_instance", "aws_s3_bucket", "aws_db_instance", "aws_rds_cluster", "aws_vpc", "aws_subnet",
    "aws_security_group", "aws_lb", "aws_alb", "aws_ecs_cluster", "aws_ecs_service", "aws_eks_cluster",
    "aws_lambda_function", "aws_dynamodb_table", "aws_ebs_volume", "aws_efs_file_system", "aws_kms_key",
    "aws_sqs_queue", "aws_sns_topic", "aws_elasticache_cluster", "aws_elasticache_replication_group",
    "aws_cloudfront_distribution", "aws_launch_template", "aws_autoscaling_group", "aws_nat_gateway",
    "aws_internet_gateway", "aws_route_table", "aws_eip", "aws_iam_role", "aws_ecr_repository",
    "aws_cloudwatch_log_group", "aws_secretsmanager_secret", "aws_redshift_cluster", "aws_kinesis_stream",
    "aws_api_gateway_rest_api", "aws_lb_target_group", "aws_opensearch_domain", "aws_elasticsearch_domain"};

bool default_tags(const TerraformDoc& doc, bool& has_aws_provider) {
  for (const model::BlockRef& r : doc.module->all_blocks()) {
    if (r.block->type.value != "provider" || r.block->label(0) != "aws") continue;
    has_aws_provider = true;
    if (r.block->child("default_tags") != nullptr) return true;
  }
  return false;
}

void check(const TerraformDoc& doc, Reporter& out) {
  bool has_aws_provider = false;
  if (default_tags(doc, has_aws_provider) || !has_aws_provider) return;
  for (const Block& b : doc.blocks()) {
    if (b.type.value != "resource" || b.labels.size() < 2) continue;
    if (std::find(std::begin(kTaggable), std::end(kTaggable), b.labels[0].value) == std::end(kTaggable)) continue;
    const Attribute* a = b.attr("tags");
    if (a == nullptr) {
      if (b.label(0) == "aws_autoscaling_group" && (b.child("tag") != nullptr || b.attr("tag") != nullptr)) continue;
      out.report(b.head(), fmt::format("{} has no tags and the aws provider sets no default_tags", resource_name(b)));
      continue;
    }
    const Value v = doc.eval(a->expr);
    if (v.is_map() && v.entries.empty()) {
      out.report(a->expr.span, fmt::format("{} has empty tags and the aws provider sets no default_tags",
                                           resource_name(b)));
    }
  }
}

}  // namespace impl_missing_tags

extern const Rule missing_tags{
    .meta = {.id = "TF017",
             .slug = "missing-tags",
             .severity = Severity::info,
             .format = Format::terraform,
             .summary = "Taggable AWS resource has no tags",
             .what = "Reports taggable AWS resources (instances, buckets, databases, VPCs, "
                     "subnets, security groups, load balancers, clusters, functions, tables, …) "
                     "without `tags`, in modules that configure `provider \"aws\"` without "
                     "`default_tags`. Child modules (no provider block) are not judged.",
             .why = "Tags identify the owner, environment and cost center of a resource; "
                    "untagged resources are orphaned in cost reports, incident response and "
                    "clean-up, and tag-based IAM conditions do not apply to them.",
             .fix = "Add `default_tags { tags = { … } }` to the aws provider, or `tags` to the "
                    "resource.",
             .bad = "provider \"aws\" {\n"
                    "  region = \"us-east-1\"\n"
                    "}\n"
                    "\n"
                    "resource \"aws_vpc\" \"main\" {\n"
                    "  cidr_block = \"10.0.0.0/16\"\n"
                    "}\n",
             .good = "provider \"aws\" {\n"
                     "  region = \"us-east-1\"\n"
                     "  default_tags {\n"
                     "    tags = { team = \"platform\" }\n"
                     "  }\n"
                     "}\n"
                     "\n"
                     "resource \"aws_vpc\" \"main\" {\n"
                     "  cidr_block = \"10.0.0.0/16\"\n"
                     "}\n",
             .references = impl_missing_tags::kReferences,
             .tags = impl_missing_tags::kTags},
    .check = for_format<model::TerraformDoc, impl_missing_tags::check>,
};

}  // namespace lintel::rules::terraform
