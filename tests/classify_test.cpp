// File classification by name and by YAML content (issue #2's table).
#include <catch2/catch.hpp>

#include "analyzer/engine/classify.hpp"

using namespace lintel;
using engine::classify_by_name;
using engine::classify_yaml_content;

TEST_CASE("classification by name", "[classify]") {
  struct Case {
    const char* path;
    std::optional<FileKind> kind;
  };
  const Case cases[] = {
      {"Dockerfile", FileKind::dockerfile},
      {"app/Dockerfile", FileKind::dockerfile},
      {"dockerfile", FileKind::dockerfile},
      {"Containerfile", FileKind::dockerfile},
      {"Dockerfile.dev", FileKind::dockerfile},
      {"Dockerfile.alpine-3.19", FileKind::dockerfile},
      {"api.Dockerfile", FileKind::dockerfile},
      {"api.dockerfile", FileKind::dockerfile},
      {"Dockerfile.template", FileKind::text},
      {"Dockerfile.j2", FileKind::text},
      {"Dockerfile.tmpl", FileKind::text},
      {"Dockerfile.in", FileKind::text},
      {"Dockerfile.dockerignore", FileKind::text},
      {"analyzer/model/dockerfile.hpp", FileKind::text},
      {"src/dockerfile.go", FileKind::text},
      {"docs/Dockerfile.md", FileKind::text},
      {"dockerfile.py", FileKind::text},
      {"docker-compose.yml", FileKind::compose},
      {"docker-compose.prod.yaml", FileKind::compose},
      {"compose.yaml", FileKind::compose},
      {"compose.override.yml", FileKind::compose},
      {"docker-compose.yml.j2", FileKind::text},
      {".github/workflows/ci.yml", FileKind::workflow},
      {"repo/.github/workflows/release.yaml", FileKind::workflow},
      {"action.yml", FileKind::action},
      {".github/actions/setup/action.yaml", FileKind::action},
      {"main.tf", FileKind::terraform},
      {"prod.tfvars", FileKind::terraform_vars},
      {"Chart.yaml", FileKind::text},
      {"values.yaml", FileKind::text},
      {"README.md", FileKind::text},
      {"deploy/web.yaml", std::nullopt},
      {"stack.yml", std::nullopt},
  };
  for (const Case& c : cases) {
    INFO(c.path);
    CHECK(classify_by_name(c.path) == c.kind);
  }
}

TEST_CASE("classification of YAML by content", "[classify]") {
  CHECK(classify_yaml_content("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n") ==
        FileKind::kubernetes);
  CHECK(classify_yaml_content("services:\n  web:\n    image: nginx:1.25\n") == FileKind::compose);
  CHECK(classify_yaml_content("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n") ==
        FileKind::workflow);
  CHECK(classify_yaml_content("name: x\nruns:\n  using: composite\n  steps: []\n") ==
        FileKind::action);
  CHECK(classify_yaml_content("name: just data\nitems: [1, 2]\n") == FileKind::text);
  CHECK(classify_yaml_content("services:\n  - a\n  - b\n") == FileKind::text);
}
