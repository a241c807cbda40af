// The Kubernetes manifest model: objects, pod specs wherever they live, containers with their
// effective security context. Built by parsers/k8s from the positioned YAML tree; rules read it
// and never walk the tree themselves.
//
// - Objects: every document whose root is a mapping with a `kind`, and the `items` of a
//   `kind: List` (or any `*List` kind), in source order, each item right after its list.
// - Pod specs: `spec` of a Pod; `spec.template.spec` of Deployment, StatefulSet, DaemonSet,
//   ReplicaSet, ReplicationController, Job and of any custom resource whose `spec.template.spec`
//   has `containers` (Argo Rollouts, Knative Services, OpenShift DeploymentConfigs…);
//   `spec.jobTemplate.spec.template.spec` of a CronJob; `template.spec` of a PodTemplate.
// - Values stay what YAML says they are, read the way the API server reads them: Kubernetes
//   decodes manifests with sigs.k8s.io/yaml, i.e. go-yaml v2 under YAML 1.1, so a boolean field
//   also accepts `yes`/`no`/`on`/`off` (and `y`/`n`), and an integer field `0644`-style octal.
//   A quoted `"true"` in a boolean field, a template (`{{ .Values.x }}`) or an envsubst
//   variable (`${UID}`) is not a value of the field's type: such a field is present with an
//   unknown value (`K8sValue::value` is nullopt), and rules stay silent on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analyzer/model/dockerfile.hpp"
#include "analyzer/model/yaml.hpp"
#include "analyzer/source.hpp"

namespace lintel::model {

// Where a setting of an effective security context was written.
enum class K8sLevel : std::uint8_t { container, pod };

// A typed field as written.
template <class T>
struct K8sValue {
  std::optional<T> value;  // nullopt: written, but not a T (template, variable, wrong type)
  std::string text;        // the scalar as written (after YAML unquoting); "" for collections
  Span span;               // the value node
  Span key;                // the key node
  K8sLevel level = K8sLevel::container;  // for effective security contexts: who set it
};

struct K8sCapabilities {
  Span key;                              // `capabilities`
  std::optional<Span> add_key;           // `add`
  std::optional<Span> drop_key;          // `drop`
  std::vector<Scalar<std::string>> add;  // the scalar items, as written (`NET_ADMIN`, `CAP_…`)
  std::vector<Scalar<std::string>> drop;
  bool add_known = true;   // false when `add` is not a sequence (a template, a variable)
  bool drop_known = true;  // same for `drop`
};

// `seccompProfile.type`, or the legacy annotation it replaced
// (`seccomp.security.alpha.kubernetes.io/pod`, `container.seccomp.security.alpha.kubernetes.io/
// <name>`): `runtime/default` and `docker/default` read as RuntimeDefault, `localhost/<file>` as
// Localhost, `unconfined` as Unconfined. Kubernetes ignores the annotations since 1.27
// (kubernetes/kubernetes#114947); they are kept, marked, so that rules can say so. For an
// annotation, `type.key` is the annotation's key and `type.span` its value.
struct K8sSeccomp {
  K8sValue<std::string> type;
  bool from_annotation = false;
};

// A securityContext as written at one level, or a container's effective one. The pod-level
// PodSecurityContext has no privileged, allowPrivilegeEscalation, readOnlyRootFilesystem or
// capabilities: those are always container-level.
struct K8sSecurityContext {
  std::optional<Span> key;  // `securityContext` (as written only; never set on effective ones)
  std::optional<K8sValue<bool>> run_as_non_root;
  std::optional<K8sValue<std::int64_t>> run_as_user;
  std::optional<K8sValue<std::int64_t>> run_as_group;
  std::optional<K8sSeccomp> seccomp;
  std::optional<K8sValue<bool>> privileged;
  std::optional<K8sValue<bool>> allow_privilege_escalation;
  std::optional<K8sValue<bool>> read_only_root_filesystem;
  std::optional<K8sCapabilities> capabilities;
  bool known = true;  // false when `securityContext` is not a mapping (a template)
};

// `resources`: each quantity is kept as text (`512Mi`, `0.5`, `"1"`).
struct K8sResources {
  std::optional<Span> key;           // `resources`
  std::optional<Span> limits_key;    // `limits`
  std::optional<Span> requests_key;  // `requests`
  std::optional<K8sValue<std::string>> limits_cpu;
  std::optional<K8sValue<std::string>> limits_memory;
  std::optional<K8sValue<std::string>> requests_cpu;
  std::optional<K8sValue<std::string>> requests_memory;
  // False when `resources`, `limits` or `requests` is neither absent, null nor a mapping (a
  // template or a variable): what it sets cannot be known.
  bool limits_known = true;
  bool requests_known = true;
};

struct K8sEnvVar {
  Scalar<std::string> name;                  // empty when the item has no scalar `name`
  std::optional<Scalar<std::string>> value;  // `value:` when it is a scalar (the literal)
  std::optional<Span> value_from;            // `valueFrom` key
  Span span;                                 // the list item
};

enum class K8sContainerKind : std::uint8_t { container, init, ephemeral };

struct K8sContainer {
  K8sContainerKind kind = K8sContainerKind::container;
  // An init container with `restartPolicy: Always`: a native sidecar (Kubernetes 1.28+) that runs
  // for the pod's whole life, like a regular container.
  bool sidecar = false;
  std::uint32_t index = 0;  // position in its list
  std::optional<Scalar<std::string>> name;
  // The image split into registry/name/tag/digest. `unresolved` when the reference holds a
  // template or variable (`{{ … }}`, `${…}`, `$(…)`) or is not a scalar: rules stay silent.
  std::optional<ImageRef> image;
  std::optional<Span> liveness_probe;  // the probe keys
  std::optional<Span> readiness_probe;
  std::optional<Span> startup_probe;
  K8sResources resources;
  std::vector<K8sEnvVar> env;
  K8sSecurityContext security_context;  // as written on the container
  // The container's own fields merged over the pod's (runAsNonRoot, runAsUser, runAsGroup,
  // seccompProfile); the container-only fields as written. Each value says its level. With no
  // seccompProfile field at either level, the legacy annotations fill `seccomp` (container
  // annotation first), marked `from_annotation`.
  K8sSecurityContext effective;
  Span span;  // the list item
  // Where findings about something the container lacks go: its `name` pair, else its `image`
  // pair, else the item.
  Span anchor;

  [[nodiscard]] bool is_long_running() const {
    return kind == K8sContainerKind::container || (kind == K8sContainerKind::init && sidecar);
  }
};

struct K8sVolume {
  std::optional<Scalar<std::string>> name;
  std::optional<K8sValue<std::string>> host_path;  // `hostPath.path`; its key is `hostPath`
  Span span;                                       // the list item
};

struct K8sPodSpec {
  Span key;   // the key holding the pod spec (`spec`); where pod-level absences are reported
  Span span;  // the pod spec mapping
  // The pod runs to completion rather than for ever: a Job or CronJob (or a custom kind named
  // `*Job`), or any pod whose restartPolicy is Never or OnFailure. Its containers need no probes.
  bool runs_to_completion = false;
  std::optional<K8sValue<std::string>> restart_policy;
  std::optional<K8sValue<bool>> host_network;
  std::optional<K8sValue<bool>> host_pid;
  std::optional<K8sValue<bool>> host_ipc;
  std::optional<K8sValue<bool>> automount_service_account_token;
  // `serviceAccountName`, else the deprecated `serviceAccount`.
  std::optional<K8sValue<std::string>> service_account_name;
  std::optional<K8sValue<std::string>> os_name;  // `os.name`: linux, windows
  K8sSecurityContext security_context;           // pod level, as written
  // The legacy pod-level seccomp annotation on the pod template's metadata.
  std::optional<K8sSeccomp> seccomp_annotation;
  std::vector<K8sVolume> volumes;
  // containers, then initContainers, then ephemeralContainers, each in source order.
  std::vector<K8sContainer> containers;

  [[nodiscard]] bool is_windows() const {
    return os_name && os_name->value && *os_name->value == "windows";
  }
};

struct K8sAnnotation {
  Scalar<std::string> key;
  Scalar<std::string> value;  // text of a scalar value; "" (value span) otherwise
};

// One rule of a Role or ClusterRole.
struct K8sPolicyRule {
  std::vector<Scalar<std::string>> api_groups;
  std::vector<Scalar<std::string>> resources;
  std::vector<Scalar<std::string>> verbs;
  std::vector<Scalar<std::string>> non_resource_urls;
  Span span;  // the list item
};

// One entry of a Secret's `data` or `stringData`. The value is kept for rules that judge it
// (empty, templated, encrypted): never print it.
struct K8sSecretEntry {
  Scalar<std::string> key;
  Scalar<std::string> value;  // "" for a null or non-scalar value
  bool string_data = false;   // from `stringData` (plain text), not `data` (base64)
};

struct K8sObject {
  std::optional<Scalar<std::string>> api_version;
  Scalar<std::string> kind;
  std::optional<Scalar<std::string>> name;           // metadata.name
  std::optional<Scalar<std::string>> generate_name;  // metadata.generateName
  std::optional<Scalar<std::string>> namespace_;     // metadata.namespace
  std::vector<K8sAnnotation> annotations;            // metadata.annotations
  // False for the kinds of cluster-scoped built-in objects (Namespace, ClusterRole, Node…).
  bool namespaced = true;
  Span span;                          // the object's mapping
  yaml::Node node;                    // the object's mapping
  std::uint32_t document = 0;         // index into K8sDoc::yaml.documents()
  std::optional<std::uint32_t> list;  // index of the enclosing List object in K8sDoc::objects
  // False when a parse error cut the object's document short: what it lacks may be missing
  // only because the parser stopped, so "missing X" rules skip it.
  bool complete = true;

  std::optional<K8sPodSpec> pod;
  std::optional<K8sValue<std::int64_t>> replicas;  // spec.replicas
  std::vector<K8sPolicyRule> rules;                // Role / ClusterRole `rules`
  // Secret: `data` then `stringData` entries; the section keys; and whether the object carries
  // SOPS metadata (a top-level `sops` key: its values are ciphertext, not plain text).
  std::vector<K8sSecretEntry> secret_entries;
  std::optional<Span> data_key;
  std::optional<Span> string_data_key;
  bool sops = false;
  // ServiceAccount: `automountServiceAccountToken`.
  std::optional<K8sValue<bool>> automount_service_account_token;
  // HorizontalPodAutoscaler: `spec.scaleTargetRef` kind and name.
  std::optional<Scalar<std::string>> scale_target_kind;
  std::optional<Scalar<std::string>> scale_target_name;

  // `Deployment/web`; `Job/pi-*` for a generateName; `Deployment` when unnamed.
  [[nodiscard]] std::string label() const {
    std::string out = kind.value;
    if (name && !name->value.empty()) {
      out += '/';
      out += name->value;
    } else if (generate_name && !generate_name->value.empty()) {
      out += '/';
      out += generate_name->value;
      out += '*';
    }
    return out;
  }
  // Where findings about the whole object go: its name, else its kind.
  [[nodiscard]] Span anchor() const { return name ? name->span : kind.span; }
};

struct K8sDoc {
  yaml::Stream yaml;  // the tree the model was built from
  std::vector<K8sObject> objects;
};

// `container "api"`, `init container "setup"`, `ephemeral container "debug"`; an unnamed
// container is named by its position (`container #2`).
[[nodiscard]] inline std::string k8s_container_label(const K8sContainer& c) {
  std::string out;
  if (c.kind == K8sContainerKind::init)
    out = "init container ";
  else if (c.kind == K8sContainerKind::ephemeral)
    out = "ephemeral container ";
  else
    out = "container ";
  if (c.name && !c.name->value.empty()) {
    out += '"';
    out += c.name->value;
    out += '"';
  } else {
    out += '#';
    out += std::to_string(c.index + 1);
  }
  return out;
}

}  // namespace lintel::model
