// SEC010 azure-connection-string: the key inside an Azure connection string: `AccountKey=`
// (Storage) and `SharedAccessKey=` (Service Bus, Event Hubs, IoT Hub, Relay), a base64 value of
// at least 20 characters and 3.5 bits of entropy. The storage emulator's documented key for
// `devstoreaccount1` (Azurite) is public and is not reported.
#include "rules/secrets/common.hpp"

namespace lintel::rules::secrets {
namespace impl_azure_connection_string {

constexpr PeerId kPeers[] = {{"checkov", "CKV_SECRET_3"},
                             {"detect-secrets", "AzureStorageKeyDetector"}};
constexpr std::string_view kReferences[] = {
    "https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage",
    "https://learn.microsoft.com/en-us/azure/storage/common/storage-use-azurite",
    kHardcodedCredentials,
};

void check(const Document& doc, const RuleContext&, Reporter& out) {
  report_candidates(doc, "SEC010", out, committed_message);
}

}  // namespace impl_azure_connection_string

extern const Rule azure_connection_string{
    .meta = {.id = "SEC010",
             .slug = "azure-connection-string",
             .severity = Severity::error,
             .format = Format::secrets,
             .summary = "Azure storage or shared access key committed in a connection string",
             .what = "Reports the key in an Azure connection string: `AccountKey=` (Storage accounts) and "
             "`SharedAccessKey=` (Service Bus, Event Hubs, IoT Hub, Relay). The storage emulator's "
             "documented `devstoreaccount1` key (Azurite) is public and not reported.",
             .why = "A storage account key grants full access to every blob, queue, table and file share "
             "of the account; a shared access key with Manage or Send rights controls the "
             "messaging namespace.",
             .fix = "Rotate the key (Access keys > Rotate key), then move the connection string to Key "
             "Vault or an app setting that references Key Vault, or switch to a managed identity, "
             "which needs no key at all.",
             .bad = "AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName=lintelprod;AccountKey=LuuwLICWfOEDgx4UA8B5DOwOhnce8FfkCLeEqZoR9eoXp/R6pH5oJCa1k0yD2CRHr63+ObprzYRbjq0bc14rgJ==;EndpointSuffix=core.windows.net\n",
             .good = "AZURE_STORAGE=DefaultEndpointsProtocol=https;AccountName=lintelprod;EndpointSuffix=core.windows.net\n",
             .peers = impl_azure_connection_string::kPeers,
             .references = impl_azure_connection_string::kReferences,
             .tags = kSecretTags,
             .security_severity = "8.0",
},
    .check = impl_azure_connection_string::check,
};

}  // namespace lintel::rules::secrets
