// The compose model: values, spans, interpolation, `.env`, extends and include.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "parsers/compose/interpolate.hpp"
#include "parsers/compose/parser.hpp"
#include "parsers/compose/syntax.hpp"

using namespace lintel;
using model::ComposeDoc;
using model::ComposeService;

namespace t_compose_model_test {

struct Parsed {
  SourceFile source;
  parsers::ParseResult<ComposeDoc> result;
};

// Files other than the one parsed, by the path the reader is asked for.
using Files = std::map<std::string, std::string>;

std::unique_ptr<Parsed> parse(std::string path, std::string text, const Files& files = {}) {
  auto p = std::make_unique<Parsed>(Parsed{SourceFile(std::move(path), std::move(text)), {}});
  const parsers::FileReader reader = [files](const std::string& want) -> std::optional<std::string> {
    const auto it = files.find(want);
    if (it == files.end()) return std::nullopt;
    return it->second;
  };
  p->result = parsers::parse_compose(p->source, reader);
  return p;
}

const ComposeService& service(const Parsed& p, std::string_view name) {
  const ComposeService* s = p.result.doc.service(name);
  REQUIRE(s != nullptr);
  return *s;
}

std::string_view text_at(const Parsed& p, Span span) { return p.source.slice(span); }

constexpr char U = model::kUnknownChar;

TEST_CASE("interpolation operators", "[compose-model]") {
  using parsers::compose::interpolate;
  const parsers::compose::Env env{{"SET", "v"}, {"EMPTY", ""}};
  const auto resolved = [&](std::string_view text) { return interpolate(text, env).resolved; };

  CHECK(resolved("${SET}") == "v");
  CHECK(resolved("$SET/x") == "v/x");
  CHECK(resolved("a$$b") == "a$b");
  CHECK(resolved("$${SET}") == "${SET}");
  CHECK(resolved("${UNSET:-d}") == "d");
  CHECK(resolved("${EMPTY:-d}") == "d");
  CHECK(resolved("${EMPTY-d}") == "");
  CHECK(resolved("${UNSET-d}") == "d");
  CHECK(resolved("${SET:-d}") == "v");
  CHECK(resolved("${SET:?err}") == "v");
  CHECK(resolved("${SET:+alt}") == "alt");
  CHECK(resolved("${EMPTY:+alt}") == "");
  CHECK(resolved("${EMPTY+alt}") == "alt");
  CHECK(resolved("${UNSET:-${SET}}") == "v");
  CHECK(resolved("${UNSET:-${ALSO_UNSET:-deep}}") == "deep");
  CHECK(resolved("cost: 5$") == "cost: 5$");

  // Unknown stays unknown, and the partial text shows where.
  CHECK_FALSE(resolved("${UNSET}").has_value());
  CHECK_FALSE(resolved("$UNSET").has_value());
  CHECK_FALSE(resolved("${UNSET:?required}").has_value());
  CHECK_FALSE(resolved("${UNSET?required}").has_value());
  CHECK_FALSE(resolved("${UNSET:+alt}").has_value());
  CHECK(interpolate("${REGISTRY}/app:${SET}", env).partial == std::string(1, U) + "/app:v");

  const auto refs = interpolate("${A}${B:-}", env);
  CHECK(refs.interpolated);
  CHECK(refs.only_references);
  CHECK_FALSE(interpolate("${A:-literal}", env).only_references);
  CHECK_FALSE(interpolate("x${A}", env).only_references);
  CHECK_FALSE(interpolate("plain", env).interpolated);

  // Deeply nested defaults end without recursing forever.
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "${X:-";
  deep += "d";
  deep += std::string(5000, '}');
  CHECK_NOTHROW(interpolate(deep, env));
  // Unclosed `${` everywhere: linear, kept as text.
  std::string unclosed;
  for (int i = 0; i < 100000; ++i) unclosed += "${";
  CHECK(interpolate(unclosed, env).resolved == unclosed);
}

TEST_CASE(".env files", "[compose-model]") {
  const auto env = parsers::compose::parse_dotenv(
      "# comment\n"
      "PLAIN=value\n"
      "export EXPORTED=1\n"
      "SPACED = padded  # trailing comment\n"
      "SINGLE='lit ${PLAIN} # not a comment'\n"
      "DOUBLE=\"a\\nb\"\n"
      "MULTI=\"line1\n"
      "line2\"\n"
      "REF=${PLAIN}-x\n"
      "UNKNOWN=${NOT_DEFINED}\n"
      "EMPTY=\n"
      "not an assignment\n"
      "WINDOWS=crlf\r\n");
  CHECK(env.at("PLAIN") == "value");
  CHECK(env.at("EXPORTED") == "1");
  CHECK(env.at("SPACED") == "padded");
  CHECK(env.at("SINGLE") == "lit ${PLAIN} # not a comment");
  CHECK(env.at("DOUBLE") == "a\nb");
  CHECK(env.at("MULTI") == "line1\nline2");
  CHECK(env.at("REF") == "value-x");
  CHECK_FALSE(env.contains("UNKNOWN"));
  CHECK(env.at("EMPTY").empty());
  CHECK(env.at("WINDOWS") == "crlf");

  // An unterminated quote ends the file: Compose rejects it, lintel keeps what came before.
  const auto cut = parsers::compose::parse_dotenv("A=1\nB=\"open\nC=3\n");
  CHECK(cut.at("A") == "1");
  CHECK_FALSE(cut.contains("B"));
  CHECK_FALSE(cut.contains("C"));
}

TEST_CASE("short port and volume syntax", "[compose-model]") {
  model::ComposePort p;
  parsers::compose::parse_port_short("127.0.0.1:8080-8081:80-81/UDP", p);
  CHECK(p.host_ip == "127.0.0.1");
  CHECK(p.published == "8080-8081");
  CHECK(p.target == "80-81");
  CHECK(p.protocol == "udp");
  CHECK(p.host_first == 8080u);
  CHECK(p.host_last == 8081u);
  CHECK(p.binds_fixed_host_ports());

  model::ComposePort v6;
  parsers::compose::parse_port_short("[::1]:9000:9001", v6);
  CHECK(v6.host_ip == "::1");
  CHECK(v6.host_first == 9000u);
  CHECK(v6.target_first == 9001u);

  model::ComposePort container_only;
  parsers::compose::parse_port_short("3000", container_only);
  CHECK(container_only.published.empty());
  CHECK_FALSE(container_only.binds_fixed_host_ports());

  model::ComposePort ephemeral;
  parsers::compose::parse_port_short("127.0.0.1::80", ephemeral);
  CHECK(ephemeral.host_ip == "127.0.0.1");
  CHECK_FALSE(ephemeral.host_first.has_value());

  model::ComposePort picked;
  parsers::compose::parse_port_short("8000-8010:80", picked);
  CHECK_FALSE(picked.binds_fixed_host_ports());

  model::ComposeVolume bind;
  parsers::compose::parse_volume_short("./data:/data:ro,z", bind);
  CHECK(bind.type == model::VolumeType::bind);
  CHECK(bind.source == "./data");
  CHECK(bind.target == "/data");
  CHECK(bind.read_only);

  model::ComposeVolume named;
  parsers::compose::parse_volume_short("db-data:/var/lib/postgresql/data", named);
  CHECK(named.type == model::VolumeType::volume);
  CHECK(named.source == "db-data");

  model::ComposeVolume windows;
  parsers::compose::parse_volume_short("C:\\data:/data", windows);
  CHECK(windows.type == model::VolumeType::bind);
  CHECK(windows.source == "C:\\data");
  CHECK(windows.target == "/data");

  model::ComposeVolume anonymous;
  parsers::compose::parse_volume_short("/cache", anonymous);
  CHECK(anonymous.source.empty());
  CHECK(anonymous.target == "/cache");

  CHECK(parsers::compose::is_remote_context("https://github.com/a/b.git#main"));
  CHECK(parsers::compose::is_remote_context("git@github.com:a/b.git"));
  CHECK_FALSE(parsers::compose::is_remote_context("./app"));
}

TEST_CASE("services: image, build, user, healthcheck, limits, flags", "[compose-model]") {
  const auto p = parse("proj/compose.yaml",
                       "version: '3.8'\n"
                       "services:\n"
                       "  web:\n"
                       "    image: ghcr.io/org/web:${TAG:-1.2}@sha256:abc\n"
                       "    user: \"1000:1000\"\n"
                       "    privileged: yes\n"
                       "    read_only: \"${RO}\"\n"
                       "    network_mode: host\n"
                       "    container_name: web\n"
                       "    mem_limit: 512m\n"
                       "    deploy:\n"
                       "      resources:\n"
                       "        limits: {memory: 1G, cpus: '0.5'}\n"
                       "    healthcheck:\n"
                       "      test: [\"NONE\"]\n"
                       "    cap_add: [SYS_ADMIN]\n"
                       "    security_opt:\n"
                       "      - no-new-privileges:true\n"
                       "  api:\n"
                       "    build: ./api\n"
                       "  worker:\n"
                       "    build:\n"
                       "      context: ${CTX:-services}/worker\n"
                       "      dockerfile: docker/Worker.Dockerfile\n"
                       "      target: prod\n"
                       "    healthcheck:\n"
                       "      disable: true\n"
                       "  remote:\n"
                       "    build: https://github.com/a/b.git\n");
  const ComposeDoc& doc = p->result.doc;
  CHECK(p->result.diagnostics.empty());
  REQUIRE(doc.services.size() == 4);
  CHECK(doc.services[0].name.value == "web");
  CHECK(doc.services[3].name.value == "remote");
  REQUIRE(doc.version);
  CHECK(doc.version->resolved == "3.8");
  CHECK(text_at(*p, doc.version->key) == "version");
  CHECK(text_at(*p, doc.version->text.span) == "'3.8'");

  const ComposeService& web = service(*p, "web");
  CHECK(text_at(*p, web.name.span) == "web");
  REQUIRE(web.image);
  CHECK(web.image->registry == "ghcr.io");
  CHECK(web.image->name == "org/web");
  CHECK(web.image->tag == "1.2");
  CHECK(web.image->digest == "sha256:abc");
  CHECK(text_at(*p, web.image->ref.text.span) == "ghcr.io/org/web:${TAG:-1.2}@sha256:abc");
  REQUIRE(web.user);
  CHECK(web.user->resolved == "1000:1000");
  REQUIRE(web.privileged);
  CHECK(web.privileged->is_true());
  REQUIRE(web.read_only);
  CHECK_FALSE(web.read_only->value.has_value());
  CHECK(web.read_only->raw.unresolved());
  CHECK(web.network_mode->is("host"));
  CHECK(web.container_name->is("web"));
  CHECK(web.mem_limit->is("512m"));
  CHECK(web.memory_limit->is("1G"));
  CHECK(web.cpus_limit->is("0.5"));
  REQUIRE(web.healthcheck);
  CHECK(web.healthcheck->test_is_list);
  CHECK(web.healthcheck->disabled());
  CHECK(text_at(*p, web.healthcheck->disabling_value()->text.span) == "\"NONE\"");
  REQUIRE(web.cap_add.size() == 1);
  CHECK(text_at(*p, web.cap_add[0].text.span) == "SYS_ADMIN");
  REQUIRE(web.security_opt.size() == 1);
  CHECK(web.security_opt[0].is("no-new-privileges:true"));

  const ComposeService& api = service(*p, "api");
  REQUIRE(api.build);
  CHECK(api.build->short_form);
  CHECK(api.build->dockerfile_path == "api/Dockerfile");
  CHECK(text_at(*p, api.build->span) == "build");
  CHECK(api.is_fragment() == false);

  const ComposeService& worker = service(*p, "worker");
  REQUIRE(worker.build);
  CHECK(worker.build->dockerfile_path == "services/worker/docker/Worker.Dockerfile");
  CHECK(worker.build->target->is("prod"));
  REQUIRE(worker.healthcheck);
  CHECK(worker.healthcheck->disabled());
  CHECK(text_at(*p, worker.healthcheck->disabling_value()->pair_span()) == "disable: true");

  const ComposeService& remote = service(*p, "remote");
  CHECK(remote.build->remote_context);
  CHECK_FALSE(remote.build->dockerfile_path.has_value());
}

TEST_CASE("environment in map and list forms", "[compose-model]") {
  const auto p = parse("compose.yaml",
                       "services:\n"
                       "  a:\n"
                       "    image: x:1\n"
                       "    environment:\n"
                       "      PASSWORD: hunter2\n"
                       "      PASSED:\n"
                       "      REF: ${FROM_SHELL}\n"
                       "  b:\n"
                       "    image: x:1\n"
                       "    environment:\n"
                       "      - TOKEN=abc=def\n"
                       "      - ONLY_KEY\n"
                       "      - \"QUOTED=q\"\n"
                       "      - EMPTY=\n");
  const ComposeService& a = service(*p, "a");
  REQUIRE(a.environment.size() == 3);
  CHECK(a.environment[0].key.value == "PASSWORD");
  CHECK(text_at(*p, a.environment[0].key.span) == "PASSWORD");
  CHECK(a.environment[0].value->is("hunter2"));
  CHECK(text_at(*p, a.environment[0].span) == "PASSWORD: hunter2");
  CHECK_FALSE(a.environment[1].value.has_value());
  CHECK(a.environment[2].value->only_references);
  CHECK(a.environment[2].value->unresolved());

  const ComposeService& b = service(*p, "b");
  REQUIRE(b.environment.size() == 4);
  CHECK(b.environment[0].list_form);
  CHECK(b.environment[0].key.value == "TOKEN");
  CHECK(text_at(*p, b.environment[0].key.span) == "TOKEN");
  CHECK(b.environment[0].value->is("abc=def"));
  CHECK(text_at(*p, b.environment[0].value->text.span) == "abc=def");
  CHECK(b.environment[1].key.value == "ONLY_KEY");
  CHECK_FALSE(b.environment[1].value.has_value());
  CHECK(text_at(*p, b.environment[2].key.span) == "QUOTED");
  CHECK(b.environment[3].value->is(""));
  CHECK(b.env("TOKEN") == &b.environment[0]);
}

TEST_CASE("ports and volumes in short and long syntax", "[compose-model]") {
  const auto p = parse("compose.yaml",
                       "services:\n"
                       "  a:\n"
                       "    image: x:1\n"
                       "    ports:\n"
                       "      - \"127.0.0.1:8080:80\"\n"
                       "      - 9000-9001:9000-9001/udp\n"
                       "      - target: 443\n"
                       "        published: \"${HTTPS_PORT:-8443}\"\n"
                       "        host_ip: 0.0.0.0\n"
                       "        protocol: TCP\n"
                       "      - target: 5432\n"
                       "    volumes:\n"
                       "      - /var/run/docker.sock:/var/run/docker.sock:ro\n"
                       "      - data:/data\n"
                       "      - type: bind\n"
                       "        source: ./conf\n"
                       "        target: /etc/conf\n"
                       "        read_only: true\n"
                       "      - type: volume\n"
                       "        source: ${VOL}\n"
                       "        target: /v\n");
  const ComposeService& a = service(*p, "a");
  REQUIRE(a.ports.size() == 4);
  CHECK(text_at(*p, a.ports[0].span) == "\"127.0.0.1:8080:80\"");
  CHECK(a.ports[0].host_ip == "127.0.0.1");
  CHECK(a.ports[0].host_first == 8080u);
  CHECK(a.ports[1].protocol == "udp");
  CHECK(a.ports[1].host_last == 9001u);
  CHECK(a.ports[2].long_syntax);
  CHECK(a.ports[2].host_first == 8443u);
  CHECK(a.ports[2].host_ip == "0.0.0.0");
  CHECK(a.ports[2].protocol == "tcp");
  CHECK(a.ports[2].target_first == 443u);
  CHECK(a.ports[3].published.empty());
  CHECK_FALSE(a.ports[3].binds_fixed_host_ports());

  REQUIRE(a.volumes.size() == 4);
  CHECK(a.volumes[0].type == model::VolumeType::bind);
  CHECK(a.volumes[0].source == "/var/run/docker.sock");
  CHECK(a.volumes[0].read_only);
  CHECK(a.volumes[1].type == model::VolumeType::volume);
  CHECK(a.volumes[2].long_syntax);
  CHECK(a.volumes[2].type == model::VolumeType::bind);
  CHECK(a.volumes[2].read_only);
  CHECK(text_at(*p, a.volumes[2].span).starts_with("type: bind"));
  CHECK(a.volumes[3].unresolved);
}

TEST_CASE("depends_on, secrets, profiles", "[compose-model]") {
  const auto p = parse("compose.yaml",
                       "services:\n"
                       "  a:\n"
                       "    image: x:1\n"
                       "    depends_on: [db, cache]\n"
                       "    secrets:\n"
                       "      - db_password\n"
                       "      - source: api_key\n"
                       "        target: key\n"
                       "    profiles: [dev]\n"
                       "  b:\n"
                       "    image: x:1\n"
                       "    depends_on:\n"
                       "      db:\n"
                       "        condition: service_healthy\n");
  const ComposeService& a = service(*p, "a");
  REQUIRE(a.depends_on.size() == 2);
  CHECK(a.depends_on[0].service.value == "db");
  CHECK(text_at(*p, a.depends_on[1].service.span) == "cache");
  CHECK_FALSE(a.depends_on[0].condition.has_value());
  REQUIRE(a.secrets.size() == 2);
  CHECK(a.secrets[1].source.is("api_key"));
  CHECK(a.secrets[1].target->is("key"));
  REQUIRE(a.profiles.size() == 1);

  const ComposeService& b = service(*p, "b");
  REQUIRE(b.depends_on.size() == 1);
  CHECK(b.depends_on[0].long_syntax);
  CHECK(b.depends_on[0].condition->is("service_healthy"));
  CHECK(text_at(*p, b.depends_on[0].service.span) == "db");
}

TEST_CASE("anchors and merge keys come resolved", "[compose-model]") {
  const auto p = parse("compose.yaml",
                       "x-common: &common\n"
                       "  image: nginx:latest\n"
                       "  environment:\n"
                       "    A: '1'\n"
                       "services:\n"
                       "  a:\n"
                       "    <<: *common\n"
                       "  b:\n"
                       "    <<: *common\n"
                       "    image: nginx:1.27\n");
  const ComposeService& a = service(*p, "a");
  REQUIRE(a.image);
  CHECK(a.image->tag == "latest");
  // Inherited pairs keep the span where they are written.
  CHECK(p->source.position(a.image->ref.text.span.begin).line == 2);
  REQUIRE(a.environment.size() == 1);
  const ComposeService& b = service(*p, "b");
  CHECK(b.image->tag == "1.27");
  CHECK(b.environment.size() == 1);
}

TEST_CASE("values from .env beside the file", "[compose-model]") {
  const auto p = parse("dir/compose.yaml",
                       "services:\n"
                       "  a:\n"
                       "    image: app:${TAG}\n"
                       "    user: ${RUN_AS:-root}\n",
                       {{"dir/.env", "TAG=latest\nRUN_AS=app\n"}});
  const ComposeService& a = service(*p, "a");
  CHECK(a.image->tag == "latest");
  CHECK(a.image->ref.interpolated);
  CHECK(a.user->is("app"));

  const auto no_env = parse("compose.yaml", "services:\n  a:\n    image: app:${TAG}\n");
  const ComposeService& b = service(*no_env, "a");
  REQUIRE(b.image->tag);
  CHECK_FALSE(model::is_known(*b.image->tag));
  CHECK(b.image->ref.unresolved());
}

TEST_CASE("extends in the same file and from another file", "[compose-model]") {
  const auto p = parse("app/compose.yaml",
                       "services:\n"
                       "  base:\n"
                       "    image: example/base:1.0\n"
                       "    environment:\n"
                       "      A: base\n"
                       "      B: base\n"
                       "    ports: ['8080:80']\n"
                       "    cap_add: [NET_ADMIN]\n"
                       "  child:\n"
                       "    extends: base\n"
                       "    environment:\n"
                       "      B: child\n"
                       "    cap_add: [SYS_PTRACE]\n"
                       "  remote:\n"
                       "    extends:\n"
                       "      file: ../shared/common.yml\n"
                       "      service: web\n"
                       "    user: app\n"
                       "  cycle-a:\n"
                       "    extends: cycle-b\n"
                       "  cycle-b:\n"
                       "    extends: cycle-a\n"
                       "  lost:\n"
                       "    extends: {file: missing.yml, service: x}\n",
                       {{"shared/common.yml",
                         "services:\n"
                         "  web:\n"
                         "    build: ./web\n"
                         "    privileged: true\n"
                         "    user: root\n"}});
  const ComposeService& child = service(*p, "child");
  REQUIRE(child.extends);
  CHECK(child.extends->resolved);
  CHECK(child.image->ref.is("example/base:1.0"));
  REQUIRE(child.environment.size() == 2);
  CHECK(child.env("B")->value->is("child"));
  CHECK(child.env("A")->value->is("base"));
  CHECK(child.ports.size() == 1);
  CHECK(child.cap_add.size() == 2);

  const ComposeService& remote = service(*p, "remote");
  REQUIRE(remote.extends);
  CHECK(remote.extends->resolved);
  REQUIRE(remote.privileged);
  CHECK(remote.privileged->is_true());
  // A value from the other file reports at the local `extends` key.
  CHECK(remote.privileged->raw.external);
  CHECK(text_at(*p, remote.privileged->raw.text.span) == "extends");
  CHECK(remote.user->is("app"));
  CHECK_FALSE(remote.user->external);
  // The build context is relative to the file that declares it.
  REQUIRE(remote.build);
  CHECK(remote.build->dockerfile_path == "../shared/web/Dockerfile");
  CHECK(p->result.doc.related.size() == 1);

  const ComposeService& cycle = service(*p, "cycle-a");
  REQUIRE(cycle.extends);
  CHECK_FALSE(cycle.extends->resolved);
  const ComposeService& lost = service(*p, "lost");
  CHECK_FALSE(lost.extends->resolved);
  CHECK(lost.is_fragment());
}

TEST_CASE("include adds services to the project", "[compose-model]") {
  const auto p = parse("compose.yaml",
                       "include:\n"
                       "  - infra/db.yml\n"
                       "  - path: [infra/cache.yml]\n"
                       "    env_file: infra/cache.env\n"
                       "  - compose.yaml\n"
                       "services:\n"
                       "  app:\n"
                       "    image: app:1\n",
                       {{"infra/db.yml",
                         "include: [../compose.yaml, db.yml]\n"
                         "services:\n  db:\n    image: postgres:${PG:-16}\n"},
                        {"infra/.env", "PG=15\n"},
                        {"infra/cache.yml", "services:\n  cache:\n    image: redis:${REDIS}\n"},
                        {"infra/cache.env", "REDIS=7.4\n"}});
  const ComposeDoc& doc = p->result.doc;
  REQUIRE(doc.services.size() == 3);
  CHECK_FALSE(doc.services[0].included);
  const ComposeService& db = service(*p, "db");
  CHECK(db.included);
  CHECK(db.image->tag == "15");
  CHECK(text_at(*p, db.name.span) == "infra/db.yml");
  const ComposeService& cache = service(*p, "cache");
  CHECK(cache.included);
  CHECK(cache.image->tag == "7.4");
}

TEST_CASE("malformed compose files do not crash", "[compose-model]") {
  const char* inputs[] = {
      "",
      "services:\n",
      "services: [a, b]\n",
      "services:\n  a: 3\n  b:\n    ports: {x: 1}\n    environment: 5\n    build: [1]\n",
      "services:\n  a:\n    extends: {file: compose.yaml, service: a}\n",
      "services:\n  a:\n    image: [\n",
      "- just\n- a list\n",
      "include: [compose.yaml]\nservices:\n  a:\n    image: ${\n",
  };
  for (const char* text : inputs) {
    INFO(text);
    CHECK_NOTHROW(parse("compose.yaml", text, {{"compose.yaml", text}}));
  }
}

}  // namespace t_compose_model_test
