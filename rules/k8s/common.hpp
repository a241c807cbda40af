// Predicates and walkers shared by the Kubernetes rules.
#pragma once

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {

using model::K8sContainer;
using model::K8sDoc;
using model::K8sLevel;
using model::K8sObject;
using model::K8sPodSpec;
using model::K8sValue;

// Calls fn(object, pod) for every object that holds a pod spec.
template <class Fn>
void for_each_pod(const K8sDoc& doc, Fn&& fn) {
  for (const K8sObject& obj : doc.objects)
    if (obj.pod) fn(obj, *obj.pod);
}

// Calls fn(object, pod, container) for every container, init container and ephemeral container.
template <class Fn>
void for_each_container(const K8sDoc& doc, Fn&& fn) {
  for_each_pod(doc, [&](const K8sObject& obj, const K8sPodSpec& pod) {
    for (const K8sContainer& c : pod.containers) fn(obj, pod, c);
  });
}

// `Deployment/web container "api"`: the subject of a container finding.
[[nodiscard]] inline std::string subject(const K8sObject& obj, const K8sContainer& c) {
  return fmt::format("{} {}", obj.label(), model::k8s_container_label(c));
}

// Whether "missing X" rules may judge this container. A container with no `image` is not a
// complete container (the API requires one in practice): it is a kustomize strategic-merge
// patch, a Helm post-renderer fragment or an overlay that only changes a few fields, and what it
// does not say is said by the manifest it patches. A document cut short by a parse error is not
// judged either.
[[nodiscard]] inline bool is_judgeable(const K8sObject& obj, const K8sContainer& c) {
  return obj.complete && c.image.has_value();
}

// Whether "missing X" rules may judge a pod spec: complete, with at least one container that
// names an image (a pod spec without one is a patch or an overlay fragment).
[[nodiscard]] inline bool is_judgeable(const K8sObject& obj, const K8sPodSpec& pod) {
  if (!obj.complete) return false;
  for (const K8sContainer& c : pod.containers)
    if (c.image) return true;
  return false;
}

// Where findings about a container's missing security setting go: the `securityContext` key
// when the container has one, else the container.
[[nodiscard]] inline Span security_anchor(const K8sContainer& c) {
  return c.security_context.key ? *c.security_context.key : c.anchor;
}

[[nodiscard]] inline bool is_true(const std::optional<K8sValue<bool>>& v) {
  return v && v->value == true;
}
[[nodiscard]] inline bool is_false(const std::optional<K8sValue<bool>>& v) {
  return v && v->value == false;
}
// Written with a value nobody can know statically (a template, a variable, a quoted string).
template <class T>
[[nodiscard]] bool is_unknown(const std::optional<K8sValue<T>>& v) {
  return v && !v->value;
}

// " (set on the pod)" for a value inherited from the pod's securityContext, "" otherwise.
template <class T>
[[nodiscard]] std::string_view where_set(const K8sValue<T>& v) {
  return v.level == K8sLevel::pod ? " (set on the pod)" : "";
}

// ASCII upper-casing: capability names, enum values.
[[nodiscard]] inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

// A capability name as the runtime reads it: upper-cased, without the `CAP_` prefix (containerd
// and CRI-O accept both `NET_ADMIN` and `CAP_NET_ADMIN`, in any case).
[[nodiscard]] inline std::string capability_name(std::string_view s) {
  std::string out = ascii_upper(s);
  if (out.starts_with("CAP_")) out.erase(0, 4);
  return out;
}

// A value only known once rendered: Go/Helm templates, envsubst and Kubernetes `$(VAR)`.
[[nodiscard]] inline bool is_templated(std::string_view s) {
  return s.find("{{") != std::string_view::npos || s.find("${") != std::string_view::npos ||
         s.find("$(") != std::string_view::npos;
}

// --- resources (K8S006, K8S007) ---

// What a `limits` or `requests` section lacks: "cpu", "memory", "cpu or memory", or "" when
// both are set (to any value, templated ones included).
[[nodiscard]] inline std::string_view missing_quantities(
    const std::optional<K8sValue<std::string>>& cpu,
    const std::optional<K8sValue<std::string>>& memory) {
  if (!cpu && !memory) return "cpu or memory";
  if (!cpu) return "cpu";
  if (!memory) return "memory";
  return "";
}

// Whether a container can carry `resources` and is complete enough to judge: ephemeral
// containers may not set them.
[[nodiscard]] inline bool takes_resources(const K8sObject& obj, const K8sContainer& c) {
  return c.kind != model::K8sContainerKind::ephemeral && is_judgeable(obj, c);
}

// Where a missing quantity is reported: the section's key, else `resources`, else the container.
[[nodiscard]] inline Span resources_anchor(const K8sContainer& c,
                                           const std::optional<Span>& section) {
  if (section) return *section;
  if (c.resources.key) return *c.resources.key;
  return c.anchor;
}

// --- secrets (K8S015) ---

// Whether an environment variable name says it holds a secret. The name is split into
// lower-cased words on `_`, `-`, `.` and camelCase boundaries (`DB_PASSWORD`, `dbPassword`),
// and a word must match whole, so `TOKENIZERS_PARALLELISM` is not a secret. Secret words:
// password, passwd, pwd, pword, passphrase, secret(s), token, auth, credential(s), apikey,
// privatekey, accesskey, secretkey, and `key` right after api, private, access, secret, client,
// ssh, signing or encryption, and `pass` or `pw` as the last word (`DB_PASS`). Not secrets: names with a `public` word, names whose last word
// says they describe a secret rather than hold it (`*_FILE`, `*_PATH`, `*_URL`, `*_USER`,
// `*_ID`, `*_ENABLED`…), and `PWD` alone.
[[nodiscard]] bool names_secret(std::string_view name);

// A name split into lower-cased words on `_`, `-`, `.` and camelCase boundaries:
// `DB_PASSWORD` and `dbPassword` are {db, password}; `enableOCI` is {enable, oci}.
[[nodiscard]] std::vector<std::string> name_words(std::string_view name);

}  // namespace lintel::rules::k8s
