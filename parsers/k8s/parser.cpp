// Kubernetes manifests: the positioned YAML tree to model::K8sDoc. See analyzer/model/k8s.hpp
// for what the model holds. The walk follows the API's field paths, never the text: a field is
// read where the API server would read it, and anything else is ignored. Lists nest at most
// kMaxListDepth deep; everything else is a fixed path, so hostile input cannot recurse.
#include "parsers/k8s/parser.hpp"

#include <array>
#include <string_view>
#include <utility>

#include "parsers/dockerfile/parser.hpp"
#include "parsers/yaml/parser.hpp"

namespace lintel::parsers {
namespace {

using model::K8sCapabilities;
using model::K8sContainer;
using model::K8sContainerKind;
using model::K8sLevel;
using model::K8sObject;
using model::K8sPodSpec;
using model::K8sSecurityContext;
using model::K8sValue;
using model::yaml::Node;
using model::yaml::Pair;
using model::yaml::Schema;

constexpr int kMaxListDepth = 8;

// Built-in kinds whose objects have no namespace.
constexpr std::string_view kClusterScoped[] = {
    "APIService",
    "CertificateSigningRequest",
    "ClusterRole",
    "ClusterRoleBinding",
    "ComponentStatus",
    "CSIDriver",
    "CSINode",
    "CustomResourceDefinition",
    "FlowSchema",
    "IngressClass",
    "MutatingWebhookConfiguration",
    "Namespace",
    "Node",
    "PersistentVolume",
    "PodSecurityPolicy",
    "PriorityClass",
    "PriorityLevelConfiguration",
    "RuntimeClass",
    "StorageClass",
    "ValidatingAdmissionPolicy",
    "ValidatingAdmissionPolicyBinding",
    "ValidatingWebhookConfiguration",
    "VolumeAttachment",
    "MutatingAdmissionPolicy",
    "MutatingAdmissionPolicyBinding",
    "ClusterTrustBundle",
    "DeviceClass",
    "IPAddress",
    "ServiceCIDR",
    "SelfSubjectReview",
    "TokenReview",
    "SubjectAccessReview",
    "SelfSubjectAccessReview",
    "SelfSubjectRulesReview",
    "ClusterIssuer",
};

// Kinds whose pod template is `spec.template.spec`.
constexpr std::string_view kTemplateWorkloads[] = {
    "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
};

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view word) {
  for (const std::string_view w : list)
    if (w == word) return true;
  return false;
}

// A value nobody can know before rendering: a Go/Helm template, an envsubst or shell variable,
// or Kubernetes' own `$(VAR)` expansion.
bool is_templated(std::string_view s) {
  return s.find("{{") != std::string_view::npos || s.find("${") != std::string_view::npos ||
         s.find("$(") != std::string_view::npos;
}

// A present, non-null value.
bool is_set(const Node& n) { return n && !n.is_null(); }

std::optional<Scalar<std::string>> read_scalar(const Node& n) {
  if (!n.is_scalar() || n.is_null()) return std::nullopt;
  return Scalar<std::string>{std::string(n.text()), n.span()};
}

template <class T>
K8sValue<T> base_value(const Pair& p, K8sLevel level) {
  K8sValue<T> v;
  if (p.value.is_scalar()) v.text = std::string(p.value.text());
  v.span = p.value.span();
  v.key = p.key.span();
  v.level = level;
  return v;
}

std::optional<Pair> find_set(const Node& map, std::string_view key) {
  auto p = map.find_pair(key);
  if (!p || !is_set(p->value)) return std::nullopt;
  return p;
}

std::optional<K8sValue<bool>> read_bool(const Node& map, std::string_view key,
                                        K8sLevel level = K8sLevel::container) {
  const auto p = find_set(map, key);
  if (!p) return std::nullopt;
  auto v = base_value<bool>(*p, level);
  v.value = p->value.as_bool(Schema::yaml11);
  return v;
}

std::optional<K8sValue<std::int64_t>> read_int(const Node& map, std::string_view key,
                                               K8sLevel level = K8sLevel::container) {
  const auto p = find_set(map, key);
  if (!p) return std::nullopt;
  auto v = base_value<std::int64_t>(*p, level);
  v.value = p->value.as_int(Schema::yaml11);
  return v;
}

std::optional<K8sValue<std::string>> read_string(const Node& map, std::string_view key,
                                                 K8sLevel level = K8sLevel::container) {
  const auto p = find_set(map, key);
  if (!p) return std::nullopt;
  auto v = base_value<std::string>(*p, level);
  if (p->value.is_scalar() && !is_templated(v.text)) v.value = v.text;
  return v;
}

// The scalar items of a sequence; false when the node is set but not a sequence.
bool read_strings(const Node& n, std::vector<Scalar<std::string>>& out) {
  if (!is_set(n)) return true;
  if (!n.is_sequence()) return false;
  for (const Node item : n.items())
    if (auto s = read_scalar(item)) out.push_back(std::move(*s));
  return true;
}

// --- security contexts ---

K8sCapabilities read_capabilities(const Pair& p) {
  K8sCapabilities caps;
  caps.key = p.key.span();
  if (const auto add = p.value.find_pair("add")) {
    caps.add_key = add->key.span();
    caps.add_known = read_strings(add->value, caps.add);
  }
  if (const auto drop = p.value.find_pair("drop")) {
    caps.drop_key = drop->key.span();
    caps.drop_known = read_strings(drop->value, caps.drop);
  }
  if (!p.value.is_mapping()) caps.add_known = caps.drop_known = false;
  return caps;
}

std::optional<model::K8sSeccomp> read_seccomp(const Node& sc, K8sLevel level) {
  const auto p = find_set(sc, "seccompProfile");
  if (!p) return std::nullopt;
  model::K8sSeccomp out;
  if (const auto type = read_string(p->value, "type", level)) {
    out.type = *type;
  } else {
    out.type = base_value<std::string>(*p, level);  // no type: unknown
  }
  return out;
}

// The legacy annotation value (`runtime/default`, `localhost/x`, `unconfined`) as a type.
model::K8sSeccomp seccomp_from_annotation(const model::K8sAnnotation& a, K8sLevel level) {
  model::K8sSeccomp out;
  out.from_annotation = true;
  out.type.text = a.value.value;
  out.type.span = a.value.span;
  out.type.key = a.key.span;
  out.type.level = level;
  const std::string_view v = a.value.value;
  if (v == "runtime/default" || v == "docker/default")
    out.type.value = "RuntimeDefault";
  else if (v.starts_with("localhost/"))
    out.type.value = "Localhost";
  else if (v == "unconfined")
    out.type.value = "Unconfined";
  else if (!is_templated(v))
    out.type.value = std::string(v);
  return out;
}

K8sSecurityContext read_security_context(const Node& owner, K8sLevel level) {
  K8sSecurityContext sc;
  const auto p = find_set(owner, "securityContext");
  if (!p) return sc;
  sc.key = p->key.span();
  const Node n = p->value;
  if (!n.is_mapping()) {
    sc.known = false;
    return sc;
  }
  sc.run_as_non_root = read_bool(n, "runAsNonRoot", level);
  sc.run_as_user = read_int(n, "runAsUser", level);
  sc.run_as_group = read_int(n, "runAsGroup", level);
  sc.seccomp = read_seccomp(n, level);
  if (level == K8sLevel::container) {
    sc.privileged = read_bool(n, "privileged");
    sc.allow_privilege_escalation = read_bool(n, "allowPrivilegeEscalation");
    sc.read_only_root_filesystem = read_bool(n, "readOnlyRootFilesystem");
    if (const auto caps = find_set(n, "capabilities")) sc.capabilities = read_capabilities(*caps);
  }
  return sc;
}

// The container's fields over the pod's: a field the container sets (even to an unknown value)
// hides the pod's. Seccomp fields at either level win over the legacy annotations, which
// Kubernetes ignores since 1.27 but which are kept (marked) for rules to mention.
K8sSecurityContext effective_context(const K8sSecurityContext& pod,
                                     const K8sSecurityContext& container,
                                     const std::optional<model::K8sSeccomp>& container_annotation,
                                     const std::optional<model::K8sSeccomp>& pod_annotation) {
  K8sSecurityContext out = container;
  out.key.reset();
  if (!out.run_as_non_root) out.run_as_non_root = pod.run_as_non_root;
  if (!out.run_as_user) out.run_as_user = pod.run_as_user;
  if (!out.run_as_group) out.run_as_group = pod.run_as_group;
  if (!out.seccomp) out.seccomp = pod.seccomp;
  if (!out.seccomp) out.seccomp = container_annotation;
  if (!out.seccomp) out.seccomp = pod_annotation;
  out.known = container.known && pod.known;
  return out;
}

// --- containers ---

model::ImageRef read_image(const Node& n) {
  model::ImageRef image;
  image.text = {std::string(n.text()), n.span()};
  image.resolved = image.text.value;
  image.unresolved = !n.is_scalar() || image.text.value.empty() || is_templated(image.text.value);
  if (!image.unresolved) split_image_ref(image.text.value, image);
  return image;
}

Span pair_span(const Pair& p) { return p.key.span().cover(p.value.span()); }

void read_resources(const Node& container, model::K8sResources& out) {
  const auto p = find_set(container, "resources");
  if (!p) return;
  out.key = p->key.span();
  if (!p->value.is_mapping()) {
    out.limits_known = out.requests_known = false;
    return;
  }
  const auto section = [&](std::string_view name, bool& known, std::optional<Span>& key,
                           std::optional<K8sValue<std::string>>& cpu,
                           std::optional<K8sValue<std::string>>& memory) {
    const auto pair = find_set(p->value, name);
    if (!pair) return;
    key = pair->key.span();
    const Node n = pair->value;
    if (!n.is_mapping()) {
      known = false;
      return;
    }
    cpu = read_string(n, "cpu");
    memory = read_string(n, "memory");
  };
  section("limits", out.limits_known, out.limits_key, out.limits_cpu, out.limits_memory);
  section("requests", out.requests_known, out.requests_key, out.requests_cpu, out.requests_memory);
}

void read_env(const Node& container, std::vector<model::K8sEnvVar>& out) {
  for (const Node item : container.find("env").items()) {
    if (!item.is_mapping()) continue;
    model::K8sEnvVar var;
    var.span = item.span();
    if (auto name = read_scalar(item.find("name"))) var.name = std::move(*name);
    if (const auto value = item.find_pair("value"); value && value->value.is_scalar())
      var.value = Scalar<std::string>{std::string(value->value.text()), value->value.span()};
    if (const auto from = find_set(item, "valueFrom")) var.value_from = from->key.span();
    out.push_back(std::move(var));
  }
}

std::optional<Span> probe(const Node& container, std::string_view key) {
  const auto p = find_set(container, key);
  if (!p) return std::nullopt;
  return p->key.span();
}

// The legacy per-container seccomp annotation for `name`, if any.
const model::K8sAnnotation* container_seccomp_annotation(
    const std::vector<model::K8sAnnotation>& annotations, std::string_view name) {
  constexpr std::string_view kPrefix = "container.seccomp.security.alpha.kubernetes.io/";
  for (const auto& a : annotations) {
    const std::string_view k = a.key.value;
    if (k.size() == kPrefix.size() + name.size() && k.starts_with(kPrefix) && k.ends_with(name))
      return &a;
  }
  return nullptr;
}

K8sContainer read_container(const Node& item, K8sContainerKind kind, std::uint32_t index,
                            const K8sPodSpec& pod,
                            const std::vector<model::K8sAnnotation>& annotations) {
  K8sContainer c;
  c.kind = kind;
  c.index = index;
  c.span = item.span();
  c.anchor = item.span();
  if (const auto image = item.find_pair("image"); image && is_set(image->value)) {
    c.image = read_image(image->value);
    c.anchor = pair_span(*image);
  }
  if (const auto name = item.find_pair("name")) {
    c.name = read_scalar(name->value);
    if (c.name) c.anchor = pair_span(*name);
  }
  if (kind == K8sContainerKind::init) {
    const auto policy = read_string(item, "restartPolicy");
    c.sidecar = policy && policy->value == "Always";
  }
  c.liveness_probe = probe(item, "livenessProbe");
  c.readiness_probe = probe(item, "readinessProbe");
  c.startup_probe = probe(item, "startupProbe");
  read_resources(item, c.resources);
  read_env(item, c.env);
  c.security_context = read_security_context(item, K8sLevel::container);
  std::optional<model::K8sSeccomp> annotation;
  if (c.name) {
    if (const auto* a = container_seccomp_annotation(annotations, c.name->value))
      annotation = seccomp_from_annotation(*a, K8sLevel::container);
  }
  c.effective = effective_context(pod.security_context, c.security_context, annotation,
                                  pod.seccomp_annotation);
  return c;
}

// --- pod specs ---

std::vector<model::K8sAnnotation> read_annotations(const Node& metadata) {
  std::vector<model::K8sAnnotation> out;
  for (const Pair& p : metadata.find("annotations").pairs()) {
    if (!p.key.is_scalar()) continue;
    model::K8sAnnotation a;
    a.key = {std::string(p.key.text()), p.key.span()};
    a.value = {p.value.is_scalar() ? std::string(p.value.text()) : std::string(), p.value.span()};
    out.push_back(std::move(a));
  }
  return out;
}

void read_volumes(const Node& spec, std::vector<model::K8sVolume>& out) {
  for (const Node item : spec.find("volumes").items()) {
    if (!item.is_mapping()) continue;
    model::K8sVolume v;
    v.span = item.span();
    v.name = read_scalar(item.find("name"));
    if (const auto host = find_set(item, "hostPath")) {
      if (auto path = read_string(host->value, "path")) {
        path->key = host->key.span();
        v.host_path = std::move(*path);
      } else {
        v.host_path = base_value<std::string>(*host, K8sLevel::pod);
      }
      v.host_path->level = K8sLevel::pod;
    }
    out.push_back(std::move(v));
  }
}

bool is_batch_kind(std::string_view kind) {
  return kind == "Job" || kind == "CronJob" || kind.ends_with("Job");
}

// `spec_pair` holds the pod spec; `template_meta` is the pod template's metadata (the object's
// own for a Pod), whose annotations may carry legacy seccomp profiles.
K8sPodSpec read_pod_spec(const Pair& spec_pair, const Node& template_meta, std::string_view kind) {
  const Node spec = spec_pair.value;
  K8sPodSpec pod;
  pod.key = spec_pair.key.span();
  pod.span = spec.span();
  pod.restart_policy = read_string(spec, "restartPolicy", K8sLevel::pod);
  const bool completes = pod.restart_policy && (pod.restart_policy->value == "Never" ||
                                                pod.restart_policy->value == "OnFailure");
  pod.runs_to_completion = is_batch_kind(kind) || completes;
  pod.host_network = read_bool(spec, "hostNetwork", K8sLevel::pod);
  pod.host_pid = read_bool(spec, "hostPID", K8sLevel::pod);
  pod.host_ipc = read_bool(spec, "hostIPC", K8sLevel::pod);
  pod.automount_service_account_token =
      read_bool(spec, "automountServiceAccountToken", K8sLevel::pod);
  pod.service_account_name = read_string(spec, "serviceAccountName", K8sLevel::pod);
  if (!pod.service_account_name)
    pod.service_account_name = read_string(spec, "serviceAccount", K8sLevel::pod);
  pod.os_name = read_string(spec.find("os"), "name", K8sLevel::pod);
  pod.security_context = read_security_context(spec, K8sLevel::pod);
  const std::vector<model::K8sAnnotation> annotations = read_annotations(template_meta);
  for (const auto& a : annotations) {
    if (a.key.value == "seccomp.security.alpha.kubernetes.io/pod")
      pod.seccomp_annotation = seccomp_from_annotation(a, K8sLevel::pod);
  }
  read_volumes(spec, pod.volumes);
  constexpr std::array<std::pair<std::string_view, K8sContainerKind>, 3> kLists{{
      {"containers", K8sContainerKind::container},
      {"initContainers", K8sContainerKind::init},
      {"ephemeralContainers", K8sContainerKind::ephemeral},
  }};
  for (const auto& [key, container_kind] : kLists) {
    std::uint32_t index = 0;
    for (const Node item : spec.find(key).items()) {
      if (item.is_mapping())
        pod.containers.push_back(read_container(item, container_kind, index, pod, annotations));
      ++index;
    }
  }
  return pod;
}

// The pair holding the object's pod spec and the pod template's metadata, if it has one.
std::optional<std::pair<Pair, Node>> locate_pod_spec(const Node& object, std::string_view kind) {
  const auto from_template = [](const Node& template_node) -> std::optional<std::pair<Pair, Node>> {
    const auto spec = template_node.find_pair("spec");
    if (!spec || !spec->value.is_mapping()) return std::nullopt;
    return std::pair{*spec, template_node.find("metadata")};
  };
  const Node spec = object.find("spec");
  if (kind == "Pod") return from_template(object);
  if (kind == "PodTemplate") return from_template(object.find("template"));
  if (kind == "CronJob")
    return from_template(spec.find("jobTemplate").find("spec").find("template"));
  if (contains(kTemplateWorkloads, kind)) return from_template(spec.find("template"));
  // Any other kind: a pod template only when it has containers.
  auto found = from_template(spec.find("template"));
  if (found && found->first.value.find("containers").is_sequence()) return found;
  return std::nullopt;
}

// --- objects ---

class Builder {
 public:
  explicit Builder(model::K8sDoc& doc) : doc_(doc) {}

  void add(const Node& node, std::uint32_t document, bool complete,
           std::optional<std::uint32_t> list, int depth) {
    if (!node.is_mapping()) return;
    auto kind = read_scalar(node.find("kind"));
    if (!kind || kind->value.empty()) return;
    K8sObject obj;
    obj.kind = std::move(*kind);
    obj.api_version = read_scalar(node.find("apiVersion"));
    obj.node = node;
    obj.span = node.span();
    obj.document = document;
    obj.list = list;
    obj.complete = complete;
    read_metadata(node.find("metadata"), obj);
    obj.namespaced = !contains(kClusterScoped, obj.kind.value);
    read_kind_specific(node, obj);
    const auto index = static_cast<std::uint32_t>(doc_.objects.size());
    const Node items = node.find("items");
    const bool is_list = obj.kind.value.ends_with("List") && items.is_sequence();
    doc_.objects.push_back(std::move(obj));
    if (!is_list || depth >= kMaxListDepth) return;
    for (const Node item : items.items()) add(item, document, complete, index, depth + 1);
  }

 private:
  static void read_metadata(const Node& meta, K8sObject& obj) {
    obj.name = read_scalar(meta.find("name"));
    obj.generate_name = read_scalar(meta.find("generateName"));
    obj.namespace_ = read_scalar(meta.find("namespace"));
    obj.annotations = read_annotations(meta);
  }

  static void read_secret(const Node& node, K8sObject& obj) {
    obj.sops = node.find("sops").is_mapping();
    const auto section = [&](std::string_view key, bool string_data,
                             std::optional<Span>& key_span) {
      const auto p = find_set(node, key);
      if (!p) return;
      key_span = p->key.span();
      for (const Pair& entry : p->value.pairs()) {
        if (!entry.key.is_scalar()) continue;
        model::K8sSecretEntry e;
        e.key = {std::string(entry.key.text()), entry.key.span()};
        const bool scalar = entry.value.is_scalar() && !entry.value.is_null();
        e.value = {scalar ? std::string(entry.value.text()) : std::string(), entry.value.span()};
        e.string_data = string_data;
        obj.secret_entries.push_back(std::move(e));
      }
    };
    section("data", false, obj.data_key);
    section("stringData", true, obj.string_data_key);
  }

  static void read_rules(const Node& node, K8sObject& obj) {
    for (const Node item : node.find("rules").items()) {
      if (!item.is_mapping()) continue;
      model::K8sPolicyRule rule;
      rule.span = item.span();
      (void)read_strings(item.find("apiGroups"), rule.api_groups);
      (void)read_strings(item.find("resources"), rule.resources);
      (void)read_strings(item.find("verbs"), rule.verbs);
      (void)read_strings(item.find("nonResourceURLs"), rule.non_resource_urls);
      obj.rules.push_back(std::move(rule));
    }
  }

  static void read_kind_specific(const Node& node, K8sObject& obj) {
    const std::string& kind = obj.kind.value;
    const Node spec = node.find("spec");
    if (auto located = locate_pod_spec(node, kind))
      obj.pod = read_pod_spec(located->first, located->second, kind);
    obj.replicas = read_int(spec, "replicas");
    if (kind == "Role" || kind == "ClusterRole") read_rules(node, obj);
    if (kind == "Secret") read_secret(node, obj);
    if (kind == "ServiceAccount")
      obj.automount_service_account_token = read_bool(node, "automountServiceAccountToken");
    if (kind == "HorizontalPodAutoscaler") {
      const Node target = spec.find("scaleTargetRef");
      obj.scale_target_kind = read_scalar(target.find("kind"));
      obj.scale_target_name = read_scalar(target.find("name"));
    }
  }

  model::K8sDoc& doc_;
};

}  // namespace

ParseResult<model::K8sDoc> parse_k8s(const SourceFile& file) {
  auto yaml = parse_yaml(file);
  ParseResult<model::K8sDoc> out;
  out.doc.yaml = std::move(yaml.doc);
  out.diagnostics = std::move(yaml.diagnostics);
  Builder builder(out.doc);
  std::uint32_t index = 0;
  for (const auto& document : out.doc.yaml.documents()) {
    builder.add(document.root, index, document.complete, std::nullopt, 0);
    ++index;
  }
  return out;
}

}  // namespace lintel::parsers
