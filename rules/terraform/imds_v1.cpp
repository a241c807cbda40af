// TF019 imds-v1: an instance that still accepts IMDSv1 requests.
//
// `aws_instance`, `aws_launch_template` and `aws_launch_configuration` must have
// `metadata_options { http_tokens = "required" }`. Reported at `http_tokens` when it is
// `optional`, at `metadata_options` when it has no `http_tokens`, and at the resource when
// the block is missing. A `metadata_options` with `http_endpoint = "disabled"` passes (no
// metadata service at all). Unknown values, and `dynamic "metadata_options"` blocks, stay
// silent. An `aws_instance` with a `launch_template` block and no `metadata_options` of its
// own is skipped: it takes the template's options, and the template is checked itself.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_imds_v1 {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_79"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
    "https://cwe.mitre.org/data/definitions/918.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_instance", "aws_launch_template", "aws_launch_configuration"}, [&](const Block& b) {
    const Block* m = b.child("metadata_options");
    if (m == nullptr && has_dynamic(b, "metadata_options")) return;  // generated: unknown
    // An instance launched from a template inherits the template's metadata options; the
    // template is judged on its own.
    if (m == nullptr && b.label(0) == "aws_instance" && b.child("launch_template") != nullptr) return;
    if (m == nullptr) {
      out.report(b.head(), fmt::format("{} allows IMDSv1: no `metadata_options {{ http_tokens = \"required\" }}`",
                                       resource_name(b)));
      return;
    }
    if (const auto endpoint = string_attr(doc, *m, "http_endpoint"); endpoint && *endpoint == "disabled") return;
    const Attribute* t = m->attr("http_tokens");
    if (t == nullptr) {
      out.report(m->type.span, fmt::format("{} allows IMDSv1: `http_tokens` is not set (default \"optional\")",
                                           resource_name(b)));
      return;
    }
    const auto tokens = doc.eval(t->expr).as_string();
    if (tokens && *tokens != "required") {
      out.report(t->expr.span, fmt::format("{} allows IMDSv1: `http_tokens = \"{}\"`", resource_name(b), *tokens));
    }
  });
}

}  // namespace impl_imds_v1

extern const Rule imds_v1{
    .meta = {.id = "TF019",
             .slug = "imds-v1",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "Instance metadata service allows IMDSv1",
             .what = "Reports `aws_instance`, `aws_launch_template` and `aws_launch_configuration` "
                     "resources without `metadata_options { http_tokens = \"required\" }`. An instance "
                     "launched from a `launch_template` without its own `metadata_options` is "
                     "left to the template's check.",
             .why = "IMDSv1 answers plain GET requests, so any server-side request forgery in an "
                    "application on the instance can read the instance role's credentials; "
                    "IMDSv2's session tokens block that.",
             .fix = "Add `metadata_options { http_tokens = \"required\" }` (and "
                    "`http_put_response_hop_limit = 1` unless containers need more).",
             .bad = "resource \"aws_instance\" \"web\" {\n"
                    "  ami           = \"ami-0123456789abcdef0\"\n"
                    "  instance_type = \"t3.micro\"\n"
                    "}\n",
             .good = "resource \"aws_instance\" \"web\" {\n"
                     "  ami           = \"ami-0123456789abcdef0\"\n"
                     "  instance_type = \"t3.micro\"\n"
                     "  metadata_options {\n"
                     "    http_tokens = \"required\"\n"
                     "  }\n"
                     "}\n",
             .peers = impl_imds_v1::kPeers,
             .references = impl_imds_v1::kReferences,
             .tags = impl_imds_v1::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::TerraformDoc, impl_imds_v1::check>,
};

}  // namespace lintel::rules::terraform
