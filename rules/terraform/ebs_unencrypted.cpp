// TF009 ebs-unencrypted: EBS volumes and block devices not encrypted.
//
// - `aws_ebs_volume` without `encrypted = true` (skipped when created from a `snapshot_id`,
//   whose encryption it inherits);
// - `root_block_device` / `ebs_block_device` blocks of `aws_instance` and
//   `aws_launch_configuration` without `encrypted = true`;
// - `block_device_mappings { ebs {} }` of `aws_launch_template` without `encrypted = true`.
// An instance without any block device block is not reported: its volumes come from the AMI.
// Nothing is reported when the module enables account-level encryption by default
// (`aws_ebs_encryption_by_default` with `enabled = true`).
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_ebs_unencrypted {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_3"}, {"checkov", "CKV_AWS_8"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
    "https://cwe.mitre.org/data/definitions/311.html",
};
constexpr std::string_view kTags[] = {"security"};

bool encryption_by_default(const TerraformDoc& doc) {
  for (const auto& [name, ref] : doc.module->resources) {
    if (!name.starts_with("aws_ebs_encryption_by_default.")) continue;
    const Attribute* a = ref.block->attr("enabled");
    if (a == nullptr) return true;  // default true
    const auto on = doc.module->eval(a->expr, ref.file).as_bool();
    if (!on || *on) return true;
  }
  return false;
}

void check(const TerraformDoc& doc, Reporter& out) {
  if (encryption_by_default(doc)) return;
  for_each_resource(doc, {"aws_ebs_volume"}, [&](const Block& b) {
    if (b.attr("snapshot_id") != nullptr) return;
    require_true(doc, b, "encrypted", "volume is not encrypted", out);
  });
  for_each_resource(doc, {"aws_instance", "aws_launch_configuration"}, [&](const Block& b) {
    for (const Block& d : b.blocks) {
      if (d.type.value != "root_block_device" && d.type.value != "ebs_block_device") continue;
      if (d.attr("snapshot_id") != nullptr) continue;
      const Attribute* a = d.attr("encrypted");
      if (a == nullptr) {
        out.report(d.type.span, fmt::format("{} {} is not encrypted: `encrypted` is not set", resource_name(b),
                                            d.type.value));
        continue;
      }
      const auto on = doc.eval(a->expr).as_bool();
      if (on && !*on) {
        out.report(a->expr.span, fmt::format("{} {} is not encrypted: `encrypted = false`", resource_name(b),
                                             d.type.value));
      }
    }
  });
  for_each_resource(doc, {"aws_launch_template"}, [&](const Block& b) {
    for (const Block* m : b.children("block_device_mappings")) {
      for (const Block* ebs : m->children("ebs")) {
        if (ebs->attr("snapshot_id") != nullptr) continue;
        const Attribute* a = ebs->attr("encrypted");
        if (a == nullptr) {
          out.report(ebs->type.span,
                     fmt::format("{} block device is not encrypted: `encrypted` is not set", resource_name(b)));
          continue;
        }
        const auto on = doc.eval(a->expr).as_bool();
        if (on && !*on) {
          out.report(a->expr.span,
                     fmt::format("{} block device is not encrypted: `encrypted = false`", resource_name(b)));
        }
      }
    }
  });
}

}  // namespace impl_ebs_unencrypted

extern const Rule ebs_unencrypted{
    .meta = {.id = "TF009",
             .slug = "ebs-unencrypted",
             .severity = Severity::error,
             .format = Format::terraform,
             .summary = "EBS volume or instance block device is not encrypted",
             .what = "Reports `aws_ebs_volume` resources, `root_block_device`/`ebs_block_device` "
                     "blocks of instances and launch configurations, and launch template "
                     "`block_device_mappings { ebs {} }` without `encrypted = true`. Volumes "
                     "restored from a snapshot, and modules that enable "
                     "`aws_ebs_encryption_by_default`, are skipped.",
             .why = "Unencrypted volumes and their snapshots expose data to anyone who can copy "
                    "or share a snapshot; encryption cannot be added to an existing volume "
                    "without replacing it.",
             .fix = "Set `encrypted = true` (and `kms_key_id` for a customer managed key), or "
                    "enable EBS encryption by default for the account and region with "
                    "`aws_ebs_encryption_by_default`.",
             .bad = "resource \"aws_ebs_volume\" \"data\" {\n"
                    "  availability_zone = \"us-east-1a\"\n"
                    "  size              = 40\n"
                    "}\n",
             .good = "resource \"aws_ebs_volume\" \"data\" {\n"
                     "  availability_zone = \"us-east-1a\"\n"
                     "  size              = 40\n"
                     "  encrypted         = true\n"
                     "}\n",
             .peers = impl_ebs_unencrypted::kPeers,
             .references = impl_ebs_unencrypted::kReferences,
             .tags = impl_ebs_unencrypted::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::TerraformDoc, impl_ebs_unencrypted::check>,
};

}  // namespace lintel::rules::terraform
