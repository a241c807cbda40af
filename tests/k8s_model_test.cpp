// The Kubernetes model: objects, pod specs wherever they live, containers and their effective
// security context, with the spans rules report at.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "analyzer/engine/engine.hpp"
#include "analyzer/model/k8s.hpp"
#include "parsers/k8s/parser.hpp"
#include "rules/registry.hpp"

using lintel::SourceFile;
using lintel::Span;
using lintel::model::K8sContainer;
using lintel::model::K8sContainerKind;
using lintel::model::K8sDoc;
using lintel::model::K8sLevel;
using lintel::model::K8sObject;
using lintel::parsers::parse_k8s;

namespace t_k8s_model_test {

std::string_view at(const SourceFile& f, Span s) { return f.slice(s); }

K8sDoc parse(const SourceFile& f) {
  auto result = parse_k8s(f);
  INFO("diagnostics: " << result.diagnostics.size());
  CHECK(result.diagnostics.empty());
  return std::move(result.doc);
}

const K8sContainer& container(const K8sObject& obj, std::size_t i) {
  REQUIRE(obj.pod.has_value());
  REQUIRE(i < obj.pod->containers.size());
  return obj.pod->containers[i];
}

TEST_CASE("k8s: objects of a multi-document file with metadata and spans", "[k8s-model]") {
  const SourceFile f("m.yaml",
                     "apiVersion: v1\n"
                     "kind: ConfigMap\n"
                     "metadata:\n"
                     "  name: settings\n"
                     "  namespace: shop\n"
                     "  annotations:\n"
                     "    team: web\n"
                     "---\n"
                     "# an empty document and a document without kind are not objects\n"
                     "---\n"
                     "foo: bar\n"
                     "---\n"
                     "apiVersion: batch/v1\n"
                     "kind: Job\n"
                     "metadata:\n"
                     "  generateName: pi-\n");
  const K8sDoc doc = parse(f);
  REQUIRE(doc.objects.size() == 2);
  const K8sObject& cm = doc.objects[0];
  CHECK(cm.kind.value == "ConfigMap");
  CHECK(at(f, cm.kind.span) == "ConfigMap");
  REQUIRE(cm.api_version);
  CHECK(cm.api_version->value == "v1");
  REQUIRE(cm.name);
  CHECK(at(f, cm.name->span) == "settings");
  REQUIRE(cm.namespace_);
  CHECK(cm.namespace_->value == "shop");
  REQUIRE(cm.annotations.size() == 1);
  CHECK(at(f, cm.annotations[0].key.span) == "team");
  CHECK(cm.annotations[0].value.value == "web");
  CHECK(cm.label() == "ConfigMap/settings");
  CHECK(cm.document == 0);
  CHECK_FALSE(cm.pod);
  const K8sObject& job = doc.objects[1];
  CHECK(job.document == 3);
  CHECK(job.label() == "Job/pi-*");
  CHECK(at(f, job.anchor()) == "Job");
}

TEST_CASE("k8s: List items and *List kinds become objects after their list", "[k8s-model]") {
  const SourceFile f("l.yaml",
                     "apiVersion: v1\n"
                     "kind: List\n"
                     "items:\n"
                     "  - apiVersion: v1\n"
                     "    kind: Pod\n"
                     "    metadata: {name: a}\n"
                     "    spec:\n"
                     "      containers: [{name: c, image: busybox:1.36}]\n"
                     "  - apiVersion: v1\n"
                     "    kind: PodList\n"
                     "    items:\n"
                     "      - {apiVersion: v1, kind: Pod, metadata: {name: nested}}\n"
                     "  - not an object\n");
  const K8sDoc doc = parse(f);
  REQUIRE(doc.objects.size() == 4);
  CHECK(doc.objects[0].kind.value == "List");
  CHECK_FALSE(doc.objects[0].list);
  CHECK(doc.objects[1].label() == "Pod/a");
  CHECK(doc.objects[1].list == 0u);
  REQUIRE(doc.objects[1].pod);
  CHECK(doc.objects[1].pod->containers.size() == 1);
  CHECK(doc.objects[2].kind.value == "PodList");
  CHECK(doc.objects[3].label() == "Pod/nested");
  CHECK(doc.objects[3].list == 2u);
}

TEST_CASE("k8s: pod specs are found wherever they live", "[k8s-model]") {
  const SourceFile f("p.yaml",
                     "kind: CronJob\n"
                     "metadata: {name: nightly}\n"
                     "spec:\n"
                     "  jobTemplate:\n"
                     "    spec:\n"
                     "      template:\n"
                     "        spec:\n"
                     "          restartPolicy: OnFailure\n"
                     "          containers: [{name: job, image: busybox:1.36}]\n"
                     "---\n"
                     "kind: PodTemplate\n"
                     "metadata: {name: t}\n"
                     "template:\n"
                     "  spec:\n"
                     "    containers: [{name: t, image: busybox:1.36}]\n"
                     "---\n"
                     "apiVersion: serving.knative.dev/v1\n"
                     "kind: Service\n"
                     "metadata: {name: hello}\n"
                     "spec:\n"
                     "  template:\n"
                     "    spec:\n"
                     "      containers: [{image: example/hello:1.0.0}]\n"
                     "---\n"
                     "apiVersion: v1\n"
                     "kind: Service\n"
                     "metadata: {name: web}\n"
                     "spec: {ports: [{port: 80}]}\n"
                     "---\n"
                     "kind: Deployment\n"
                     "metadata: {name: web}\n"
                     "spec:\n"
                     "  template:\n"
                     "    spec:\n"
                     "      containers: [{name: web, image: nginx:1.27.2}]\n"
                     "---\n"
                     "kind: Pod\n"
                     "metadata: {name: once}\n"
                     "spec:\n"
                     "  restartPolicy: Never\n"
                     "  containers: [{name: x, image: busybox:1.36}]\n");
  const K8sDoc doc = parse(f);
  REQUIRE(doc.objects.size() == 6);
  const K8sObject& cron = doc.objects[0];
  REQUIRE(cron.pod);
  CHECK(cron.pod->runs_to_completion);
  CHECK(container(cron, 0).name->value == "job");
  // The key holding the pod spec: the innermost `spec`.
  CHECK(cron.pod->key.begin == f.text().find("spec:\n          restartPolicy"));
  REQUIRE(doc.objects[1].pod);
  CHECK(container(doc.objects[1], 0).name->value == "t");
  const K8sObject& knative = doc.objects[2];
  REQUIRE(knative.pod);
  CHECK_FALSE(knative.pod->runs_to_completion);
  CHECK_FALSE(container(knative, 0).name);
  CHECK(lintel::model::k8s_container_label(container(knative, 0)) == "container #1");
  CHECK(at(f, container(knative, 0).anchor) == "image: example/hello:1.0.0");
  CHECK_FALSE(doc.objects[3].pod);  // a core Service has no pod template
  REQUIRE(doc.objects[4].pod);
  CHECK_FALSE(doc.objects[4].pod->runs_to_completion);
  REQUIRE(doc.objects[5].pod);
  CHECK(doc.objects[5].pod->runs_to_completion);
}

TEST_CASE("k8s: containers, init containers, sidecars and ephemeral containers", "[k8s-model]") {
  const SourceFile f("c.yaml",
                     "kind: Pod\n"
                     "metadata: {name: p}\n"
                     "spec:\n"
                     "  ephemeralContainers:\n"
                     "    - name: debug\n"
                     "      image: busybox\n"
                     "  initContainers:\n"
                     "    - name: migrate\n"
                     "      image: example/migrate:1.0\n"
                     "    - name: proxy\n"
                     "      image: example/proxy@sha256:abc\n"
                     "      restartPolicy: Always\n"
                     "      livenessProbe: {tcpSocket: {port: 1}}\n"
                     "  containers:\n"
                     "    - name: api\n"
                     "      image: registry.example.com:5000/team/api:2.1\n"
                     "      readinessProbe: {httpGet: {path: /ready, port: 8080}}\n"
                     "      livenessProbe: ~\n"
                     "      resources:\n"
                     "        limits: {cpu: '1', memory: 256Mi}\n"
                     "        requests: {memory: 128Mi}\n"
                     "      env:\n"
                     "        - name: A\n"
                     "          value: one\n"
                     "        - name: B\n"
                     "          valueFrom: {secretKeyRef: {name: s, key: k}}\n");
  const K8sDoc doc = parse(f);
  REQUIRE(doc.objects.size() == 1);
  const K8sObject& pod = doc.objects[0];
  REQUIRE(pod.pod);
  REQUIRE(pod.pod->containers.size() == 4);
  // Order: containers, initContainers, ephemeralContainers.
  const K8sContainer& api = container(pod, 0);
  const K8sContainer& migrate = container(pod, 1);
  const K8sContainer& proxy = container(pod, 2);
  const K8sContainer& debug = container(pod, 3);
  CHECK(api.kind == K8sContainerKind::container);
  CHECK(migrate.kind == K8sContainerKind::init);
  CHECK_FALSE(migrate.sidecar);
  CHECK_FALSE(migrate.is_long_running());
  CHECK(proxy.sidecar);
  CHECK(proxy.is_long_running());
  CHECK(proxy.index == 1);
  CHECK(debug.kind == K8sContainerKind::ephemeral);
  CHECK_FALSE(debug.is_long_running());
  CHECK(lintel::model::k8s_container_label(debug) == "ephemeral container \"debug\"");

  REQUIRE(api.image);
  CHECK(api.image->registry == "registry.example.com:5000");
  CHECK(api.image->name == "team/api");
  CHECK(api.image->tag == "2.1");
  CHECK(at(f, api.image->text.span) == "registry.example.com:5000/team/api:2.1");
  CHECK(proxy.image->digest == "sha256:abc");
  CHECK_FALSE(proxy.image->tag);
  CHECK_FALSE(debug.image->tag);
  CHECK(at(f, api.anchor) == "name: api");

  CHECK(api.readiness_probe);
  CHECK_FALSE(api.liveness_probe);  // `~` is no probe
  CHECK(proxy.liveness_probe);
  REQUIRE(api.resources.limits_cpu);
  CHECK(api.resources.limits_cpu->value == "1");
  CHECK(api.resources.limits_memory->value == "256Mi");
  CHECK(api.resources.requests_memory);
  CHECK_FALSE(api.resources.requests_cpu);
  CHECK(at(f, *api.resources.limits_key) == "limits");

  REQUIRE(api.env.size() == 2);
  CHECK(api.env[0].name.value == "A");
  REQUIRE(api.env[0].value);
  CHECK(at(f, api.env[0].value->span) == "one");
  CHECK_FALSE(api.env[1].value);
  CHECK(api.env[1].value_from);
}

TEST_CASE("k8s: effective security context merges the container over the pod", "[k8s-model]") {
  const SourceFile f("s.yaml",
                     "kind: Deployment\n"
                     "metadata: {name: web}\n"
                     "spec:\n"
                     "  template:\n"
                     "    metadata:\n"
                     "      annotations:\n"
                     "        seccomp.security.alpha.kubernetes.io/pod: runtime/default\n"
                     "    spec:\n"
                     "      securityContext:\n"
                     "        runAsNonRoot: true\n"
                     "        runAsUser: 1000\n"
                     "        privileged: true\n"  // not a pod-level field: ignored
                     "      containers:\n"
                     "        - name: root\n"
                     "          image: a:1\n"
                     "          securityContext:\n"
                     "            runAsUser: 0\n"
                     "            allowPrivilegeEscalation: no\n"
                     "            readOnlyRootFilesystem: \"true\"\n"
                     "            capabilities:\n"
                     "              drop: [ALL]\n"
                     "              add: [NET_ADMIN]\n"
                     "            seccompProfile: {type: Localhost}\n"
                     "        - name: inherits\n"
                     "          image: a:1\n"
                     "---\n"
                     "kind: Pod\n"
                     "metadata: {name: p}\n"
                     "spec:\n"
                     "  containers:\n"
                     "    - name: nonroot\n"
                     "      image: a:1\n"
                     "      securityContext:\n"
                     "        runAsNonRoot: true\n"
                     "        runAsUser: ${UID}\n");
  const K8sDoc doc = parse(f);
  REQUIRE(doc.objects.size() == 2);
  const K8sObject& web = doc.objects[0];
  REQUIRE(web.pod);
  CHECK_FALSE(web.pod->security_context.privileged);
  REQUIRE(web.pod->seccomp_annotation);
  CHECK(web.pod->seccomp_annotation->type.value == "RuntimeDefault");

  // The container overrides runAsUser to 0 and keeps the pod's runAsNonRoot.
  const auto& root = container(web, 0).effective;
  REQUIRE(root.run_as_user);
  CHECK(root.run_as_user->value == 0);
  CHECK(root.run_as_user->level == K8sLevel::container);
  CHECK(at(f, root.run_as_user->span) == "0");
  CHECK(at(f, root.run_as_user->key) == "runAsUser");
  REQUIRE(root.run_as_non_root);
  CHECK(root.run_as_non_root->value == true);
  CHECK(root.run_as_non_root->level == K8sLevel::pod);
  // YAML 1.1 booleans, as the API server reads them; a quoted "true" is not a boolean.
  CHECK(root.allow_privilege_escalation->value == false);
  REQUIRE(root.read_only_root_filesystem);
  CHECK_FALSE(root.read_only_root_filesystem->value);
  CHECK(root.read_only_root_filesystem->text == "true");
  REQUIRE(root.capabilities);
  REQUIRE(root.capabilities->drop.size() == 1);
  CHECK(root.capabilities->add[0].value == "NET_ADMIN");
  CHECK(at(f, root.capabilities->add[0].span) == "NET_ADMIN");
  // A seccompProfile field wins over the legacy annotation.
  REQUIRE(root.seccomp);
  CHECK_FALSE(root.seccomp->from_annotation);
  CHECK(root.seccomp->type.value == "Localhost");

  const auto& inherits = container(web, 1).effective;
  CHECK(inherits.run_as_user->value == 1000);
  CHECK(inherits.run_as_user->level == K8sLevel::pod);
  CHECK_FALSE(inherits.privileged);
  REQUIRE(inherits.seccomp);
  CHECK(inherits.seccomp->from_annotation);
  CHECK(inherits.seccomp->type.level == K8sLevel::pod);
  CHECK(at(f, inherits.seccomp->type.span) == "runtime/default");
  CHECK_FALSE(container(web, 1).security_context.key);

  // The pod says nothing; the container says non-root; an envsubst UID is unknown.
  const auto& nonroot = container(doc.objects[1], 0);
  CHECK(at(f, *nonroot.security_context.key) == "securityContext");
  CHECK(nonroot.effective.run_as_non_root->value == true);
  CHECK(nonroot.effective.run_as_non_root->level == K8sLevel::container);
  REQUIRE(nonroot.effective.run_as_user);
  CHECK_FALSE(nonroot.effective.run_as_user->value);
}

TEST_CASE("k8s: pod-level fields, volumes, RBAC rules, Secrets, replicas", "[k8s-model]") {
  const SourceFile f("o.yaml",
                     "kind: DaemonSet\n"
                     "metadata: {name: agent}\n"
                     "spec:\n"
                     "  replicas: 2\n"
                     "  template:\n"
                     "    spec:\n"
                     "      hostNetwork: yes\n"
                     "      hostPID: false\n"
                     "      automountServiceAccountToken: false\n"
                     "      serviceAccountName: agent\n"
                     "      os: {name: linux}\n"
                     "      volumes:\n"
                     "        - name: sock\n"
                     "          hostPath: {path: /var/run/docker.sock}\n"
                     "        - name: tmp\n"
                     "          emptyDir: {}\n"
                     "      containers: [{name: a, image: a:1}]\n"
                     "---\n"
                     "kind: ClusterRole\n"
                     "metadata: {name: r}\n"
                     "rules:\n"
                     "  - apiGroups: ['*']\n"
                     "    resources: [pods]\n"
                     "    verbs: [get, '*']\n"
                     "---\n"
                     "kind: Secret\n"
                     "metadata: {name: s}\n"
                     "data: {a: YQ==}\n"
                     "stringData:\n"
                     "  b: plain\n"
                     "  c:\n");
  const K8sDoc doc = parse(f);
  REQUIRE(doc.objects.size() == 3);
  const K8sObject& ds = doc.objects[0];
  REQUIRE(ds.pod);
  CHECK(ds.pod->host_network->value == true);
  CHECK(ds.pod->host_pid->value == false);
  CHECK_FALSE(ds.pod->host_ipc);
  CHECK(ds.pod->automount_service_account_token->value == false);
  CHECK(ds.pod->service_account_name->value == "agent");
  CHECK_FALSE(ds.pod->is_windows());
  REQUIRE(ds.pod->volumes.size() == 2);
  REQUIRE(ds.pod->volumes[0].host_path);
  CHECK(ds.pod->volumes[0].host_path->value == "/var/run/docker.sock");
  CHECK(at(f, ds.pod->volumes[0].host_path->span) == "/var/run/docker.sock");
  CHECK(at(f, ds.pod->volumes[0].host_path->key) == "hostPath");
  CHECK_FALSE(ds.pod->volumes[1].host_path);
  CHECK(ds.replicas->value == 2);
  CHECK(ds.namespaced);

  const K8sObject& role = doc.objects[1];
  CHECK_FALSE(role.namespaced);
  REQUIRE(role.rules.size() == 1);
  CHECK(role.rules[0].api_groups[0].value == "*");
  CHECK(role.rules[0].verbs.size() == 2);
  CHECK(at(f, role.rules[0].verbs[1].span) == "'*'");

  const K8sObject& secret = doc.objects[2];
  REQUIRE(secret.secret_entries.size() == 3);
  CHECK_FALSE(secret.secret_entries[0].string_data);
  CHECK(secret.secret_entries[1].string_data);
  CHECK(secret.secret_entries[1].value.value == "plain");
  CHECK(secret.secret_entries[2].value.value.empty());
  CHECK(at(f, *secret.data_key) == "data");
  CHECK(at(f, *secret.string_data_key) == "stringData");
  CHECK_FALSE(secret.sops);
}

TEST_CASE("k8s: anchors, aliases and merge keys resolve into containers", "[k8s-model]") {
  const SourceFile f("a.yaml",
                     "kind: Deployment\n"
                     "metadata: {name: web}\n"
                     "spec:\n"
                     "  template:\n"
                     "    spec:\n"
                     "      securityContext: &ctx\n"
                     "        runAsNonRoot: true\n"
                     "      containers:\n"
                     "        - &base\n"
                     "          name: a\n"
                     "          image: nginx:1.27.2\n"
                     "        - <<: *base\n"
                     "          name: b\n"
                     "        - name: c\n"
                     "          image: nginx:1.27.2\n"
                     "          securityContext: *ctx\n");
  const K8sDoc doc = parse(f);
  REQUIRE(doc.objects.size() == 1);
  const K8sObject& web = doc.objects[0];
  const K8sContainer& b = container(web, 1);
  CHECK(b.name->value == "b");
  REQUIRE(b.image);
  // An inherited value keeps the span where it is written.
  CHECK(b.image->text.span == container(web, 0).image->text.span);
  const K8sContainer& c = container(web, 2);
  REQUIRE(c.security_context.run_as_non_root);
  CHECK(c.effective.run_as_non_root->level == K8sLevel::container);
}

TEST_CASE("k8s: hostile and malformed input gives a partial model, never a crash", "[k8s-model]") {
  // Deeply nested Lists stop at a bound.
  std::string nested;
  for (int i = 0; i < 40; ++i) nested += "{kind: List, items: [";
  nested += "{kind: Pod, metadata: {name: deep}}";
  for (int i = 0; i < 40; ++i) nested += "]}";
  const SourceFile deep("d.yaml", nested + "\n");
  const auto deep_doc = parse_k8s(deep).doc;
  CHECK(deep_doc.objects.size() <= 10);

  const SourceFile broken("b.yaml",
                          "kind: Pod\n"
                          "metadata: {name: p}\n"
                          "spec:\n"
                          "  containers:\n"
                          "    - name: a\n"
                          "      image: [unclosed\n");
  const auto result = parse_k8s(broken);
  CHECK_FALSE(result.diagnostics.empty());
  for (const auto& obj : result.doc.objects) CHECK_FALSE(obj.complete);

  // Wrong types everywhere.
  const SourceFile odd("o.yaml",
                       "kind: Pod\n"
                       "metadata: [x]\n"
                       "spec:\n"
                       "  securityContext: nope\n"
                       "  volumes: {a: b}\n"
                       "  containers:\n"
                       "    - name: [x]\n"
                       "      image: {a: b}\n"
                       "      securityContext: [1]\n"
                       "      resources: 3\n"
                       "      env: x\n"
                       "    - 42\n");
  const auto odd_doc = parse_k8s(odd).doc;
  REQUIRE(odd_doc.objects.size() == 1);
  REQUIRE(odd_doc.objects[0].pod);
  REQUIRE(odd_doc.objects[0].pod->containers.size() == 1);
  const K8sContainer& c = odd_doc.objects[0].pod->containers[0];
  CHECK_FALSE(c.name);
  REQUIRE(c.image);
  CHECK(c.image->unresolved);
  CHECK_FALSE(c.security_context.known);
  CHECK_FALSE(c.resources.limits_known);
  CHECK_FALSE(odd_doc.objects[0].pod->security_context.known);
}

TEST_CASE("k8s: Helm chart templates are skipped with a notice, not parse errors", "[k8s-model]") {
  // Not valid YAML until rendered: the engine skips it instead of reporting LNT001.
  const SourceFile tpl("chart/deploy.yaml",
                       "apiVersion: apps/v1\n"
                       "kind: Deployment\n"
                       "metadata:\n"
                       "  name: {{ include \"app.fullname\" . }}\n"
                       "spec:\n"
                       "  template:\n"
                       "    spec:\n"
                       "      containers:\n"
                       "        {{- toYaml .Values.containers | nindent 8 }}\n");
  const auto rules = lintel::rules::all_rules();
  std::vector<std::string> ids;
  for (const auto* r : rules) ids.emplace_back(r->meta.id.view());
  const lintel::engine::Engine engine(rules, ids, {});
  const auto report = engine.lint(tpl, lintel::FileKind::kubernetes);
  CHECK(report.findings.empty());
  REQUIRE_FALSE(report.notifications.empty());
  CHECK(report.notifications[0].message.find("template") != std::string::npos);
}

}  // namespace t_k8s_model_test
