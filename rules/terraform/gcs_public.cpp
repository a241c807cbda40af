// TF021 gcs-public: a Cloud Storage bucket granted to everyone.
//
// `google_storage_bucket_iam_binding` (`members`), `google_storage_bucket_iam_member`
// (`member`) and `google_storage_bucket_acl` (`role_entity`, entries like `READER:allUsers`)
// that name `allUsers` or `allAuthenticatedUsers`. Reported at the member value. Unknown members
// stay silent.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_gcs_public {

constexpr PeerId kPeers[] = {{"checkov", "CKV_GCP_28"}};
constexpr std::string_view kReferences[] = {
    "https://cloud.google.com/storage/docs/access-control/making-data-public",
    "https://cloud.google.com/iam/docs/overview#all-users",
    "https://cwe.mitre.org/data/definitions/284.html",
};
constexpr std::string_view kTags[] = {"security"};

std::optional<std::string> public_member(std::string_view m) {
  for (std::string_view p : {"allUsers", "allAuthenticatedUsers"}) {
    if (m == p || m.ends_with(std::string(":") + std::string(p))) return std::string(p);
  }
  return std::nullopt;
}

void check_attr(const TerraformDoc& doc, const Block& b, std::string_view name, Reporter& out) {
  const Attribute* a = b.attr(name);
  if (a == nullptr) return;
  const Value v = doc.eval(a->expr);
  for (const Value* m : as_items(v)) {
    if (!m->is_string()) continue;
    if (const auto who = public_member(m->string)) {
      out.report(value_span(doc, *m, a->expr.span),
                 fmt::format("{} grants access to \"{}\"", resource_name(b), *who));
    }
  }
}

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"google_storage_bucket_iam_binding"}, [&](const Block& b) { check_attr(doc, b, "members", out); });
  for_each_resource(doc, {"google_storage_bucket_iam_member"}, [&](const Block& b) { check_attr(doc, b, "member", out); });
  for_each_resource(doc, {"google_storage_bucket_acl"}, [&](const Block& b) { check_attr(doc, b, "role_entity", out); });
}

}  // namespace impl_gcs_public

extern const Rule gcs_public{
    .meta = {.id = "TF021",
             .slug = "gcs-public",
             .severity = Severity::error,
             .format = Format::terraform,
             .summary = "GCS bucket is granted to allUsers or allAuthenticatedUsers",
             .what = "Reports `google_storage_bucket_iam_binding`, "
                     "`google_storage_bucket_iam_member` and `google_storage_bucket_acl` "
                     "resources that grant a role to `allUsers` or `allAuthenticatedUsers`.",
             .why = "`allUsers` is anyone on the internet and `allAuthenticatedUsers` is anyone "
                    "with any Google account: both make the bucket's data public.",
             .fix = "Grant roles to specific users, groups or service accounts, enable public "
                    "access prevention on the bucket, and serve public content through a CDN.",
             .bad = "resource \"google_storage_bucket_iam_member\" \"public\" {\n"
                    "  bucket = \"my-bucket\"\n"
                    "  role   = \"roles/storage.objectViewer\"\n"
                    "  member = \"allUsers\"\n"
                    "}\n",
             .good = "resource \"google_storage_bucket_iam_member\" \"reader\" {\n"
                     "  bucket = \"my-bucket\"\n"
                     "  role   = \"roles/storage.objectViewer\"\n"
                     "  member = \"group:readers@example.com\"\n"
                     "}\n",
             .peers = impl_gcs_public::kPeers,
             .references = impl_gcs_public::kReferences,
             .tags = impl_gcs_public::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::TerraformDoc, impl_gcs_public::check>,
};

}  // namespace lintel::rules::terraform
