// TF003 s3-public: an S3 bucket made public by its ACL or an incomplete public access block.
//
// - `acl` of `aws_s3_bucket` (provider < 4) or `aws_s3_bucket_acl` that is `public-read`,
//   `public-read-write` or `authenticated-read` (anyone with an AWS account), or an
//   `aws_s3_bucket_acl` `access_control_policy` grant to the `AllUsers` /
//   `AuthenticatedUsers` group URI (the same ACL written out).
// - `aws_s3_bucket_public_access_block` with any of `block_public_acls`,
//   `block_public_policy`, `ignore_public_acls`, `restrict_public_buckets` set to false, or
//   missing (the provider's default is false). The bucket is named through the block's
//   `bucket = aws_s3_bucket.x.id` reference when it resolves to a resource of the module.
// - `aws_s3_account_public_access_block` (the account-wide settings), the same way.
// Unknown values stay silent.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_s3_public {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_20"}, {"checkov", "CKV_AWS_53"}, {"checkov", "CKV_AWS_54"},
                             {"checkov", "CKV_AWS_55"}, {"checkov", "CKV_AWS_56"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl",
    "https://cwe.mitre.org/data/definitions/284.html",
};
constexpr std::string_view kTags[] = {"security"};
constexpr std::string_view kSettings[] = {"block_public_acls", "block_public_policy", "ignore_public_acls",
                                          "restrict_public_buckets"};

bool public_acl(std::string_view acl) {
  return acl == "public-read" || acl == "public-read-write" || acl == "authenticated-read";
}

std::string bucket_of(const TerraformDoc& doc, const Block& b) {
  if (const Attribute* a = b.attr("bucket")) {
    if (const model::BlockRef* r = doc.module->referenced_resource(a->expr)) return resource_name(*r->block);
    if (auto v = doc.eval(a->expr).as_string()) return "\"" + *v + "\"";
  }
  return resource_name(b);
}

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_s3_bucket", "aws_s3_bucket_acl"}, [&](const Block& b) {
    const Attribute* a = b.attr("acl");
    if (a == nullptr) return;
    const Value v = doc.eval(a->expr);
    if (!v.is_string() || !public_acl(v.string)) return;
    const std::string bucket = b.label(0) == "aws_s3_bucket" ? resource_name(b) : bucket_of(doc, b);
    out.report(a->expr.span, fmt::format("bucket {} has the public ACL \"{}\"", bucket, v.string));
  });
  // Explicit grants: `access_control_policy { grant { grantee { uri = ".../AllUsers" } } }`.
  for_each_resource(doc, {"aws_s3_bucket_acl"}, [&](const Block& b) {
    for (const Block* acp : b.children("access_control_policy")) {
      for (const Block* grant : acp->children("grant")) {
        for (const Block* grantee : grant->children("grantee")) {
          const Attribute* u = grantee->attr("uri");
          if (u == nullptr) continue;
          const auto uri = doc.eval(u->expr).as_string();
          if (!uri) continue;
          for (std::string_view group : {"AllUsers", "AuthenticatedUsers"}) {
            if (*uri != fmt::format("http://acs.amazonaws.com/groups/global/{}", group)) continue;
            const auto perm = string_attr(doc, *grant, "permission");
            out.report(u->expr.span, fmt::format("bucket {} grants {} to the {} group", bucket_of(doc, b),
                                                 perm ? *perm : std::string("access"), group));
          }
        }
      }
    }
  });
  for_each_resource(doc, {"aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block"},
                    [&](const Block& b) {
    const bool account = b.label(0) == "aws_s3_account_public_access_block";
    const std::string owner = account ? "account public access block " + resource_name(b)
                                      : "public access block of bucket " + bucket_of(doc, b);
    std::string missing;
    for (std::string_view name : kSettings) {
      const Attribute* a = b.attr(name);
      if (a == nullptr) {
        missing += missing.empty() ? "" : ", ";
        missing += name;
        continue;
      }
      const auto v = doc.eval(a->expr).as_bool();
      if (v && !*v) {
        out.report(a->expr.span, fmt::format("{} sets `{} = false`", owner, name));
      }
    }
    if (!missing.empty()) {
      out.report(b.head(), fmt::format("{} does not set {} (default false)", owner, missing));
    }
  });
}

}  // namespace impl_s3_public

extern const Rule s3_public{
    .meta = {.id = "TF003",
             .slug = "s3-public",
             .severity = Severity::error,
             .format = Format::terraform,
             .summary = "S3 bucket is public through its ACL or public access block",
             .what = "Reports an S3 bucket ACL of `public-read`, `public-read-write` or "
                     "`authenticated-read` (on `aws_s3_bucket` or `aws_s3_bucket_acl`), an "
                     "`access_control_policy` grant to the AllUsers or AuthenticatedUsers group, "
                     "and an "
                     "`aws_s3_bucket_public_access_block` or `aws_s3_account_public_access_block` "
                     "that sets any of its four settings to false or leaves one out (the default "
                     "is false).",
             .why = "Public buckets are the most common source of cloud data leaks; the public "
                    "access block is the guard rail that stops a later ACL or policy change from "
                    "exposing the data.",
             .fix = "Use a private ACL (or none, with `BucketOwnerEnforced` object ownership) and "
                    "set all four public access block settings to true; serve public content "
                    "through CloudFront with origin access control instead.",
             .bad = "resource \"aws_s3_bucket\" \"data\" {\n"
                    "  bucket = \"my-data\"\n"
                    "}\n"
                    "\n"
                    "resource \"aws_s3_bucket_acl\" \"data\" {\n"
                    "  bucket = aws_s3_bucket.data.id\n"
                    "  acl    = \"public-read\"\n"
                    "}\n",
             .good = "resource \"aws_s3_bucket\" \"data\" {\n"
                     "  bucket = \"my-data\"\n"
                     "}\n"
                     "\n"
                     "resource \"aws_s3_bucket_public_access_block\" \"data\" {\n"
                     "  bucket                  = aws_s3_bucket.data.id\n"
                     "  block_public_acls       = true\n"
                     "  block_public_policy     = true\n"
                     "  ignore_public_acls      = true\n"
                     "  restrict_public_buckets = true\n"
                     "}\n",
             .peers = impl_s3_public::kPeers,
             .references = impl_s3_public::kReferences,
             .tags = impl_s3_public::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::TerraformDoc, impl_s3_public::check>,
};

}  // namespace lintel::rules::terraform
