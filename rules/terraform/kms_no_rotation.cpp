// TF018 kms-no-rotation: a symmetric KMS key without automatic rotation.
//
// `aws_kms_key` without `enable_key_rotation = true` (default false). Keys whose
// `customer_master_key_spec` / `key_spec` is known and not `SYMMETRIC_DEFAULT` (asymmetric and
// HMAC keys, which KMS cannot rotate) are skipped.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_kms_no_rotation {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_7"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
    "CIS AWS Foundations Benchmark 3.6: Ensure rotation for customer-created symmetric CMKs is enabled",
};
constexpr std::string_view kTags[] = {"security"};

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_kms_key"}, [&](const Block& b) {
    for (std::string_view spec_attr : {"customer_master_key_spec", "key_spec"}) {
      if (b.attr(spec_attr) == nullptr) continue;
      const auto spec = string_attr(doc, b, spec_attr);
      if (!spec || *spec != "SYMMETRIC_DEFAULT") return;
    }
    require_true(doc, b, "enable_key_rotation", "does not rotate its key material", out);
  });
}

}  // namespace impl_kms_no_rotation

extern const Rule kms_no_rotation{
    .meta = {.id = "TF018",
             .slug = "kms-no-rotation",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "KMS key has no automatic rotation",
             .what = "Reports symmetric `aws_kms_key` resources without "
                     "`enable_key_rotation = true`. Asymmetric and HMAC keys are skipped.",
             .why = "Rotation limits how much data one key version protects and how long a "
                    "leaked key version stays useful; CIS and most compliance frameworks "
                    "require it.",
             .fix = "Set `enable_key_rotation = true` (optionally `rotation_period_in_days`).",
             .bad = "resource \"aws_kms_key\" \"data\" {\n"
                    "  description = \"data key\"\n"
                    "}\n",
             .good = "resource \"aws_kms_key\" \"data\" {\n"
                     "  description         = \"data key\"\n"
                     "  enable_key_rotation = true\n"
                     "}\n",
             .peers = impl_kms_no_rotation::kPeers,
             .references = impl_kms_no_rotation::kReferences,
             .tags = impl_kms_no_rotation::kTags,
             .security_severity = "3.0"},
    .check = for_format<model::TerraformDoc, impl_kms_no_rotation::check>,
};

}  // namespace lintel::rules::terraform
