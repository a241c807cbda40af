// TF022 azure-storage-tls: an Azure storage account that accepts plain HTTP or old TLS.
//
// `azurerm_storage_account` with `enable_https_traffic_only = false` (provider v3) or
// `https_traffic_only_enabled = false` (v4), both defaulting to true; or with `min_tls_version`
// `TLS1_0`/`TLS1_1`. A missing `min_tls_version` passes: the provider's default has been
// `TLS1_2` since v3. Unknown values stay silent.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_azure_storage_tls {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AZURE_3"}, {"checkov", "CKV_AZURE_44"}};
constexpr std::string_view kReferences[] = {
    "https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer",
    "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version",
    "https://cwe.mitre.org/data/definitions/319.html",
};
constexpr std::string_view kTags[] = {"security"};

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"azurerm_storage_account"}, [&](const Block& b) {
    for (std::string_view name : {"enable_https_traffic_only", "https_traffic_only_enabled"}) {
      const Attribute* a = b.attr(name);
      if (a == nullptr) continue;
      const auto on = doc.eval(a->expr).as_bool();
      if (on && !*on) {
        out.report(a->expr.span, fmt::format("storage account {} accepts plain HTTP (`{} = false`)",
                                             resource_name(b), name));
      }
    }
    const Attribute* t = b.attr("min_tls_version");
    if (t == nullptr) return;
    const auto v = doc.eval(t->expr).as_string();
    if (v && (*v == "TLS1_0" || *v == "TLS1_1")) {
      out.report(t->expr.span, fmt::format("storage account {} accepts TLS below 1.2 (`min_tls_version = \"{}\"`)",
                                           resource_name(b), *v));
    }
  });
}

}  // namespace impl_azure_storage_tls

extern const Rule azure_storage_tls{
    .meta = {.id = "TF022",
             .slug = "azure-storage-tls",
             .severity = Severity::warning,
             .format = Format::terraform,
             .summary = "Azure storage account allows HTTP or TLS below 1.2",
             .what = "Reports `azurerm_storage_account` resources with "
                     "`enable_https_traffic_only`/`https_traffic_only_enabled` set to false, or "
                     "`min_tls_version` of `TLS1_0` or `TLS1_1`.",
             .why = "Plain HTTP exposes storage keys, SAS tokens and data in transit; TLS 1.0 "
                    "and 1.1 are deprecated and Azure is retiring them.",
             .fix = "Leave HTTPS-only on (the default) and set `min_tls_version = \"TLS1_2\"`.",
             .bad = "resource \"azurerm_storage_account\" \"data\" {\n"
                    "  name                     = \"mydata\"\n"
                    "  resource_group_name      = \"rg\"\n"
                    "  location                 = \"westeurope\"\n"
                    "  account_tier             = \"Standard\"\n"
                    "  account_replication_type = \"LRS\"\n"
                    "  min_tls_version          = \"TLS1_0\"\n"
                    "}\n",
             .good = "resource \"azurerm_storage_account\" \"data\" {\n"
                     "  name                     = \"mydata\"\n"
                     "  resource_group_name      = \"rg\"\n"
                     "  location                 = \"westeurope\"\n"
                     "  account_tier             = \"Standard\"\n"
                     "  account_replication_type = \"LRS\"\n"
                     "  min_tls_version          = \"TLS1_2\"\n"
                     "}\n",
             .peers = impl_azure_storage_tls::kPeers,
             .references = impl_azure_storage_tls::kReferences,
             .tags = impl_azure_storage_tls::kTags,
             .security_severity = "5.0"},
    .check = for_format<model::TerraformDoc, impl_azure_storage_tls::check>,
};

}  // namespace lintel::rules::terraform
