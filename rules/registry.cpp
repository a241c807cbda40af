#include "rules/registry.hpp"

#include <algorithm>

namespace lintel::rules {

namespace meta {
extern const Rule parse_error;
extern const Rule unreadable_file;
extern const Rule internal_error;
extern const Rule unused_suppression;
extern const Rule unknown_rule;
}  // namespace meta
namespace dockerfile {
extern const Rule image_latest_tag;
extern const Rule image_untagged;
extern const Rule root_user;
extern const Rule missing_healthcheck;
extern const Rule multiple_healthchecks;
extern const Rule secret_in_env_arg;
extern const Rule add_instead_of_copy;
extern const Rule add_url_unverified;
extern const Rule apt_unpinned;
extern const Rule apt_no_recommends;
extern const Rule apt_lists_kept;
extern const Rule apt_no_yes;
extern const Rule update_alone;
extern const Rule pip_unpinned;
extern const Rule pip_cache_kept;
extern const Rule npm_unpinned;
extern const Rule apk_unpinned;
extern const Rule apk_cache_kept;
extern const Rule sudo_in_run;
extern const Rule cd_in_run;
extern const Rule workdir_relative;
extern const Rule curl_pipe_shell;
extern const Rule pipefail_missing;
extern const Rule multiple_cmd;
extern const Rule shell_form_cmd;
extern const Rule expose_ssh;
extern const Rule invalid_port;
extern const Rule maintainer;
extern const Rule duplicate_stage;
extern const Rule copy_from_self;
extern const Rule useradd_no_l;
extern const Rule no_dockerignore;
extern const Rule untrusted_registry;
}  // namespace dockerfile
namespace compose {
extern const Rule image_latest_tag;
extern const Rule image_untagged;
extern const Rule missing_healthcheck;
extern const Rule root_user;
extern const Rule privileged;
extern const Rule secret_in_environment;
extern const Rule missing_resource_limits;
extern const Rule depends_on_unhealthy;
extern const Rule docker_socket;
extern const Rule host_namespace;
extern const Rule dangerous_capability;
extern const Rule no_new_privileges;
extern const Rule writable_root_fs;
extern const Rule obsolete_version;
extern const Rule duplicate_port;
extern const Rule duplicate_container_name;
}  // namespace compose
namespace k8s {
extern const Rule image_latest_tag;
extern const Rule image_untagged;
extern const Rule run_as_root;
extern const Rule missing_liveness_probe;
extern const Rule missing_readiness_probe;
extern const Rule missing_limits;
extern const Rule missing_requests;
extern const Rule privileged;
extern const Rule privilege_escalation;
extern const Rule writable_root_fs;
extern const Rule capabilities_not_dropped;
extern const Rule dangerous_capability;
extern const Rule host_namespace;
extern const Rule host_path;
extern const Rule secret_in_env;
extern const Rule default_namespace;
extern const Rule seccomp_unconfined;
extern const Rule automount_token;
extern const Rule rbac_wildcard;
extern const Rule plaintext_secret;
extern const Rule single_replica;
}  // namespace k8s
namespace gha {
extern const Rule unpinned_action;
extern const Rule template_injection;
extern const Rule missing_permissions;
extern const Rule write_all_permissions;
extern const Rule untrusted_checkout;
extern const Rule persist_credentials;
extern const Rule container_image_latest;
extern const Rule missing_timeout;
extern const Rule ungated_production;
extern const Rule curl_pipe_shell;
extern const Rule insecure_commands;
extern const Rule hardcoded_container_credentials;
}  // namespace gha
namespace secrets {
extern const Rule private_key;
extern const Rule aws_access_key;
extern const Rule github_token;
extern const Rule gitlab_token;
extern const Rule slack_token;
extern const Rule stripe_key;
extern const Rule google_api_key;
extern const Rule npm_pypi_token;
extern const Rule cloud_ai_keys;
extern const Rule azure_connection_string;
extern const Rule jwt;
extern const Rule url_credentials;
extern const Rule generic_secret_assignment;
extern const Rule dotenv_committed;
extern const Rule terraform_state;
extern const Rule kubeconfig_credentials;
}  // namespace secrets
namespace terraform {
extern const Rule provider_credentials;
extern const Rule open_ingress;
extern const Rule s3_public;
extern const Rule db_unencrypted;
extern const Rule db_backup_retention;
extern const Rule db_single_az;
extern const Rule db_public;
extern const Rule no_deletion_protection;
extern const Rule ebs_unencrypted;
extern const Rule iam_wildcard;
extern const Rule lb_plain_http;
extern const Rule cdn_plain_http;
extern const Rule state_unlocked;
extern const Rule provider_unpinned;
extern const Rule module_unpinned;
extern const Rule sensitive_variable;
extern const Rule missing_tags;
extern const Rule kms_no_rotation;
extern const Rule imds_v1;
extern const Rule eks_public_endpoint;
extern const Rule gcs_public;
extern const Rule azure_storage_tls;
}  // namespace terraform

namespace impl_registry {

// Sorted by ID; tests/registry_test.cpp checks the order.
constexpr const Rule* kRules[] = {
    &compose::image_latest_tag,
    &compose::image_untagged,
    &compose::missing_healthcheck,
    &compose::root_user,
    &compose::privileged,
    &compose::secret_in_environment,
    &compose::missing_resource_limits,
    &compose::depends_on_unhealthy,
    &compose::docker_socket,
    &compose::host_namespace,
    &compose::dangerous_capability,
    &compose::no_new_privileges,
    &compose::writable_root_fs,
    &compose::obsolete_version,
    &compose::duplicate_port,
    &compose::duplicate_container_name,
    &dockerfile::image_latest_tag,
    &dockerfile::image_untagged,
    &dockerfile::root_user,
    &dockerfile::missing_healthcheck,
    &dockerfile::multiple_healthchecks,
    &dockerfile::secret_in_env_arg,
    &dockerfile::add_instead_of_copy,
    &dockerfile::add_url_unverified,
    &dockerfile::apt_unpinned,
    &dockerfile::apt_no_recommends,
    &dockerfile::apt_lists_kept,
    &dockerfile::apt_no_yes,
    &dockerfile::update_alone,
    &dockerfile::pip_unpinned,
    &dockerfile::pip_cache_kept,
    &dockerfile::npm_unpinned,
    &dockerfile::apk_unpinned,
    &dockerfile::apk_cache_kept,
    &dockerfile::sudo_in_run,
    &dockerfile::cd_in_run,
    &dockerfile::workdir_relative,
    &dockerfile::curl_pipe_shell,
    &dockerfile::pipefail_missing,
    &dockerfile::multiple_cmd,
    &dockerfile::shell_form_cmd,
    &dockerfile::expose_ssh,
    &dockerfile::invalid_port,
    &dockerfile::maintainer,
    &dockerfile::duplicate_stage,
    &dockerfile::copy_from_self,
    &dockerfile::useradd_no_l,
    &dockerfile::no_dockerignore,
    &dockerfile::untrusted_registry,
    &gha::unpinned_action,
    &gha::template_injection,
    &gha::missing_permissions,
    &gha::write_all_permissions,
    &gha::untrusted_checkout,
    &gha::persist_credentials,
    &gha::container_image_latest,
    &gha::missing_timeout,
    &gha::ungated_production,
    &gha::curl_pipe_shell,
    &gha::insecure_commands,
    &gha::hardcoded_container_credentials,
    &k8s::image_latest_tag,
    &k8s::image_untagged,
    &k8s::run_as_root,
    &k8s::missing_liveness_probe,
    &k8s::missing_readiness_probe,
    &k8s::missing_limits,
    &k8s::missing_requests,
    &k8s::privileged,
    &k8s::privilege_escalation,
    &k8s::writable_root_fs,
    &k8s::capabilities_not_dropped,
    &k8s::dangerous_capability,
    &k8s::host_namespace,
    &k8s::host_path,
    &k8s::secret_in_env,
    &k8s::default_namespace,
    &k8s::seccomp_unconfined,
    &k8s::automount_token,
    &k8s::rbac_wildcard,
    &k8s::plaintext_secret,
    &k8s::single_replica,
    &meta::parse_error,
    &meta::unreadable_file,
    &meta::internal_error,
    &meta::unused_suppression,
    &meta::unknown_rule,
    &secrets::private_key,
    &secrets::aws_access_key,
    &secrets::github_token,
    &secrets::gitlab_token,
    &secrets::slack_token,
    &secrets::stripe_key,
    &secrets::google_api_key,
    &secrets::npm_pypi_token,
    &secrets::cloud_ai_keys,
    &secrets::azure_connection_string,
    &secrets::jwt,
    &secrets::url_credentials,
    &secrets::generic_secret_assignment,
    &secrets::dotenv_committed,
    &secrets::terraform_state,
    &secrets::kubeconfig_credentials,
    &terraform::provider_credentials,
    &terraform::open_ingress,
    &terraform::s3_public,
    &terraform::db_unencrypted,
    &terraform::db_backup_retention,
    &terraform::db_single_az,
    &terraform::db_public,
    &terraform::no_deletion_protection,
    &terraform::ebs_unencrypted,
    &terraform::iam_wildcard,
    &terraform::lb_plain_http,
    &terraform::cdn_plain_http,
    &terraform::state_unlocked,
    &terraform::provider_unpinned,
    &terraform::module_unpinned,
    &terraform::sensitive_variable,
    &terraform::missing_tags,
    &terraform::kms_no_rotation,
    &terraform::imds_v1,
    &terraform::eks_public_endpoint,
    &terraform::gcs_public,
    &terraform::azure_storage_tls,
};

}  // namespace impl_registry

std::span<const Rule* const> all_rules() { return impl_registry::kRules; }

const Rule* find_rule(std::string_view id) {
  const auto it = std::lower_bound(std::begin(impl_registry::kRules), std::end(impl_registry::kRules), id,
                                   [](const Rule* r, std::string_view v) { return r->meta.id.view() < v; });
  return it != std::end(impl_registry::kRules) && (*it)->meta.id.view() == id ? *it : nullptr;
}

}  // namespace lintel::rules
