// TF012 cdn-plain-http: a CloudFront cache behavior that serves plain HTTP.
//
// `viewer_protocol_policy = "allow-all"` in the `default_cache_behavior` or any
// `ordered_cache_behavior` of `aws_cloudfront_distribution`. `redirect-to-https` and
// `https-only` pass; unknown values stay silent.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_cdn_plain_http {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_34"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html",
    "https://cwe.mitre.org/data/definitions/319.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_cloudfront_distribution"}, [&](const Block& b) {
    for (const Block& c : b.blocks) {
      if (c.type.value != "default_cache_behavior" && c.type.value != "ordered_cache_behavior") continue;
      const Attribute* a = c.attr("viewer_protocol_policy");
      if (a == nullptr) continue;
      const auto v = doc.eval(a->expr).as_string();
      if (v && *v == "allow-all") {
        out.report(a->expr.span, fmt::format("distribution {} {} serves plain HTTP (`viewer_protocol_policy = "
                                             "\"allow-all\"`)", resource_name(b), c.type.value));
      }
    }
  });
}

}  // namespace impl_cdn_plain_http

extern const Rule cdn_plain_http{
    .meta = {.id = "TF012",
             .slug = "cdn-plain-http",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "CloudFront distribution allows plain HTTP",
             .what = "Reports `viewer_protocol_policy = \"allow-all\"` in the default or an "
                     "ordered cache behavior of an `aws_cloudfront_distribution`.",
             .why = "With `allow-all`, viewers can fetch the site over plain HTTP, where content "
                    "and cookies can be read and modified in transit.",
             .fix = "Use `viewer_protocol_policy = \"redirect-to-https\"` (or `\"https-only\"`).",
             .bad = "resource \"aws_cloudfront_distribution\" \"site\" {\n"
                    "  enabled = true\n"
                    "  default_cache_behavior {\n"
                    "    target_origin_id       = \"s3\"\n"
                    "    viewer_protocol_policy = \"allow-all\"\n"
                    "  }\n"
                    "}\n",
             .good = "resource \"aws_cloudfront_distribution\" \"site\" {\n"
                     "  enabled = true\n"
                     "  default_cache_behavior {\n"
                     "    target_origin_id       = \"s3\"\n"
                     "    viewer_protocol_policy = \"redirect-to-https\"\n"
                     "  }\n"
                     "}\n",
             .peers = impl_cdn_plain_http::kPeers,
             .references = impl_cdn_plain_http::kReferences,
             .tags = impl_cdn_plain_http::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::TerraformDoc, impl_cdn_plain_http::check>,
};

}  // namespace lintel::rules::terraform
