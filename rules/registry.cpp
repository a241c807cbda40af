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

namespace {

// Sorted by ID; tests/registry_test.cpp checks the order.
constexpr const Rule* kRules[] = {
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
    &meta::parse_error,
    &meta::unreadable_file,
    &meta::internal_error,
    &meta::unused_suppression,
    &meta::unknown_rule,
};

}  // namespace

std::span<const Rule* const> all_rules() { return kRules; }

const Rule* find_rule(std::string_view id) {
  const auto it = std::lower_bound(std::begin(kRules), std::end(kRules), id,
                                   [](const Rule* r, std::string_view v) { return r->meta.id.view() < v; });
  return it != std::end(kRules) && (*it)->meta.id.view() == id ? *it : nullptr;
}

}  // namespace lintel::rules
