// GitHub Actions parser: the workflow and action model, `uses` splitting, expressions and their
// context paths with exact spans (block scalars included), run scripts, and robustness.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "analyzer/model/gha.hpp"
#include "analyzer/source.hpp"
#include "parsers/gha/expression.hpp"
#include "parsers/gha/parser.hpp"

namespace t_gha_model_test {

using lintel::Span;
using lintel::model::WorkflowDoc;
namespace mg = lintel::model::gha;
namespace ex = lintel::parsers::gha_expr;

struct Parsed {
  lintel::SourceFile file;
  lintel::parsers::ParseResult<WorkflowDoc> result;

  explicit Parsed(std::string text)
      : file(".github/workflows/ci.yml", std::move(text)),
        result(lintel::parsers::parse_workflow(file)) {}

  [[nodiscard]] const WorkflowDoc& doc() const { return result.doc; }
  [[nodiscard]] std::string_view at(Span s) const { return file.slice(s); }
  [[nodiscard]] lintel::Position pos(Span s) const { return file.position(s.begin); }
  [[nodiscard]] const mg::Job& job(std::size_t i) const { return result.doc.jobs.at(i); }
  [[nodiscard]] const mg::Step& step(std::size_t j, std::size_t s) const {
    return job(j).steps.at(s);
  }
};

std::vector<std::string> paths(const mg::Value& v) {
  std::vector<std::string> out;
  for (const mg::Expression& e : v.expressions)
    for (const mg::ContextAccess& a : e.contexts) out.push_back(a.path);
  return out;
}

const mg::ContextAccess& only_access(const mg::Value& v) {
  REQUIRE(v.expressions.size() == 1);
  REQUIRE(v.expressions[0].contexts.size() == 1);
  return v.expressions[0].contexts[0];
}

TEST_CASE("triggers in the string, list and map forms", "[gha-model]") {
  SECTION("string") {
    const Parsed p("on: push\njobs: {}\n");
    REQUIRE(p.doc().on);
    CHECK(p.at(p.doc().on->span) == "on");
    REQUIRE(p.doc().triggers.size() == 1);
    CHECK(p.doc().triggers[0].event.value == "push");
    CHECK(p.at(p.doc().triggers[0].event.span) == "push");
    CHECK(!p.doc().triggers[0].config);
    CHECK(p.doc().has_trigger("push"));
    CHECK(!p.doc().has_trigger("pull_request"));
  }
  SECTION("list") {
    const Parsed p("on: [push, 'pull_request_target']\njobs: {}\n");
    REQUIRE(p.doc().triggers.size() == 2);
    CHECK(p.doc().triggers[1].event.value == "pull_request_target");
    CHECK(p.at(p.doc().triggers[1].event.span) == "'pull_request_target'");
  }
  SECTION("map with filters, schedule and inputs") {
    const Parsed p(
        "on:\n"
        "  push:\n"
        "    branches: [main, 'release/**']\n"
        "    paths-ignore: docs/**\n"
        "  pull_request:\n"
        "    types: [opened, synchronize]\n"
        "  schedule:\n"
        "    - cron: '0 3 * * *'\n"
        "    - cron: '0 4 * * 1'\n"
        "  workflow_dispatch:\n"
        "    inputs:\n"
        "      target:\n"
        "        type: string\n"
        "  workflow_call:\n"
        "    inputs:\n"
        "      env: {type: string}\n"
        "    secrets:\n"
        "      token: {required: true}\n"
        "jobs: {}\n");
    const auto& t = p.doc().triggers;
    REQUIRE(t.size() == 5);
    const mg::TriggerFilter* branches = t[0].filter("branches");
    REQUIRE(branches);
    REQUIRE(branches->values.size() == 2);
    CHECK(branches->values[1].value == "release/**");
    REQUIRE(t[0].filter("paths-ignore"));
    CHECK(t[0].filter("paths-ignore")->values.at(0).value == "docs/**");
    REQUIRE(t[1].filter("types"));
    CHECK(t[1].filter("types")->values.size() == 2);
    REQUIRE(t[2].filter("cron"));
    CHECK(t[2].filter("cron")->values.size() == 2);
    CHECK(t[2].filter("cron")->values[1].value == "0 4 * * 1");
    REQUIRE(t[3].inputs.size() == 1);
    CHECK(t[3].inputs[0].value == "target");
    CHECK(t[4].event.value == "workflow_call");
    CHECK(t[4].inputs.at(0).value == "env");
    CHECK(t[4].secrets.at(0).value == "token");
    CHECK(p.doc().trigger("schedule") == &t[2]);
  }
}

TEST_CASE("permissions in the string and map forms", "[gha-model]") {
  const Parsed p(
      "on: push\n"
      "permissions: write-all\n"
      "jobs:\n"
      "  a:\n"
      "    permissions:\n"
      "      contents: read\n"
      "      id-token: write\n"
      "  b:\n"
      "    permissions: {}\n"
      "  c:\n"
      "    permissions: read-all\n"
      "  d:\n"
      "    runs-on: ubuntu-latest\n");
  REQUIRE(p.doc().permissions);
  CHECK(p.doc().permissions->is_write_all());
  CHECK(p.at(p.doc().permissions->key.span) == "permissions");
  CHECK(p.at(p.doc().permissions->shorthand->span) == "write-all");
  const auto& a = p.job(0).permissions;
  REQUIRE(a);
  CHECK(a->is_mapping);
  REQUIRE(a->scopes.size() == 2);
  CHECK(a->scope("id-token")->level.value == "write");
  CHECK(p.at(a->scopes[1].level.span) == "write");
  CHECK(!a->is_write_all());
  REQUIRE(p.job(1).permissions);
  CHECK(p.job(1).permissions->is_mapping);
  CHECK(p.job(1).permissions->scopes.empty());
  CHECK(p.job(2).permissions->is_read_all());
  CHECK(!p.job(3).permissions);
}

TEST_CASE("jobs: ids, runs-on, needs, environment, container, services, calls", "[gha-model]") {
  const Parsed p(
      "on: push\n"
      "env:\n"
      "  GLOBAL: 1\n"
      "defaults:\n"
      "  run:\n"
      "    shell: sh\n"
      "jobs:\n"
      "  build:\n"
      "    name: Build ${{ matrix.os }}\n"
      "    runs-on: [self-hosted, linux]\n"
      "    needs: lint\n"
      "    if: github.ref == 'refs/heads/main'\n"
      "    environment: production\n"
      "    timeout-minutes: 30\n"
      "    container: node:22\n"
      "    services:\n"
      "      db:\n"
      "        image: postgres\n"
      "        credentials:\n"
      "          username: u\n"
      "          password: ${{ secrets.PW }}\n"
      "    strategy:\n"
      "      matrix:\n"
      "        os: [a, b]\n"
      "    env:\n"
      "      JOB: x\n"
      "    steps:\n"
      "      - run: make\n"
      "  deploy:\n"
      "    runs-on:\n"
      "      group: prod-runners\n"
      "      labels: [big]\n"
      "    needs: [build, lint]\n"
      "    environment:\n"
      "      name: prod\n"
      "      url: https://example.com\n"
      "    container:\n"
      "      image: ghcr.io/acme/app:1.2@sha256:abc\n"
      "      credentials:\n"
      "        username: bot\n"
      "        password: literal\n"
      "      env:\n"
      "        A: b\n"
      "    steps: []\n"
      "  call:\n"
      "    uses: octo/ci/.github/workflows/deploy.yml@v1\n"
      "    with:\n"
      "      target: prod\n"
      "    secrets: inherit\n"
      "  call2:\n"
      "    uses: ./.github/workflows/x.yaml\n"
      "    secrets:\n"
      "      token: ${{ secrets.T }}\n");
  REQUIRE(p.doc().jobs.size() == 4);
  CHECK(p.doc().env.find("GLOBAL")->value.value == "1");
  const mg::Job& build = p.job(0);
  CHECK(build.id.value == "build");
  CHECK(p.at(build.id.span) == "build");
  CHECK(p.pos(build.id.span).line == 8);
  CHECK(build.name->value == "Build ${{ matrix.os }}");
  CHECK(paths(*build.name) == std::vector<std::string>{"matrix.os"});
  REQUIRE(build.runs_on.size() == 2);
  CHECK(build.runs_on[1].value == "linux");
  REQUIRE(build.needs.size() == 1);
  CHECK(build.needs[0].value == "lint");
  CHECK(build.condition->value == "github.ref == 'refs/heads/main'");
  REQUIRE(build.environment);
  CHECK(build.environment->name->value == "production");
  CHECK(!build.environment->url);
  CHECK(build.timeout_minutes->value == "30");
  REQUIRE(build.container);
  CHECK(build.container->image->value == "node:22");
  REQUIRE(build.container->image_ref);
  CHECK(build.container->image_ref->name == "node");
  CHECK(*build.container->image_ref->tag == "22");
  REQUIRE(build.services.size() == 1);
  CHECK(build.services[0].name.value == "db");
  CHECK(!build.services[0].container.image_ref->tag);
  CHECK(build.services[0].container.username->value == "u");
  CHECK(build.services[0].container.password->is_single_expression());
  CHECK(p.at(build.services[0].container.credentials).starts_with("username: u"));
  CHECK(build.strategy.find("matrix").find("os").size() == 2);
  CHECK(build.env.find("JOB"));
  CHECK(build.has_steps);
  CHECK(build.steps.size() == 1);
  CHECK(build.steps[0].effective_shell == "sh");  // workflow defaults.run.shell
  CHECK(!build.is_reusable_call());

  const mg::Job& deploy = p.job(1);
  REQUIRE(deploy.runs_on.size() == 2);
  CHECK(deploy.runs_on[0].value == "prod-runners");
  CHECK(deploy.needs.size() == 2);
  CHECK(deploy.environment->name->value == "prod");
  CHECK(deploy.environment->url->value == "https://example.com");
  CHECK(deploy.container->image_ref->registry == "ghcr.io");
  CHECK(*deploy.container->image_ref->digest == "sha256:abc");
  CHECK(deploy.container->password->value == "literal");
  CHECK(deploy.container->env.find("A"));
  CHECK(deploy.has_steps);
  CHECK(deploy.steps.empty());

  const mg::Job& call = p.job(2);
  REQUIRE(call.uses);
  CHECK(call.is_reusable_call());
  CHECK(call.uses->is_reusable_workflow());
  CHECK(call.uses->owner == "octo");
  CHECK(call.uses->repo == "ci");
  CHECK(call.uses->path == ".github/workflows/deploy.yml");
  CHECK(call.uses->ref->value == "v1");
  CHECK(call.with.find("target")->value.value == "prod");
  REQUIRE(call.secrets_inherit);
  CHECK(!call.has_steps);
  const mg::Job& call2 = p.job(3);
  CHECK(call2.uses->kind == mg::UsesKind::local);
  CHECK(call2.uses->is_reusable_workflow());
  CHECK(!call2.secrets_inherit);
  CHECK(call2.secrets.find("token"));
  CHECK(p.doc().job("call2") == &call2);
}

TEST_CASE("steps: uses forms, with, run, shell, env, if, working-directory", "[gha-model]") {
  const Parsed p(
      "on: push\n"
      "jobs:\n"
      "  build:\n"
      "    runs-on: windows-latest\n"
      "    defaults:\n"
      "      run:\n"
      "        working-directory: src\n"
      "    steps:\n"
      "      - id: co\n"
      "        name: Checkout\n"
      "        uses: actions/checkout@v4\n"
      "        with:\n"
      "          fetch-depth: 0\n"
      "      - uses: github/codeql-action/init@0123456789abcdef0123456789abcdef01234567\n"
      "      - uses: ./.github/actions/setup\n"
      "      - uses: docker://alpine:3.20\n"
      "      - uses: nonsense\n"
      "      - run: echo hi\n"
      "        if: success()\n"
      "        shell: bash -e {0}\n"
      "        working-directory: sub\n"
      "        env:\n"
      "          A: b\n"
      "      - run: Write-Host hi\n"
      "      - uses: actions/cache\n");
  const mg::Job& j = p.job(0);
  REQUIRE(j.steps.size() == 8);
  CHECK(j.default_working_directory->value == "src");
  const mg::Step& co = j.steps[0];
  CHECK(co.index == 0);
  CHECK(co.id->value == "co");
  CHECK(co.name->value == "Checkout");
  REQUIRE(co.uses);
  CHECK(co.uses->kind == mg::UsesKind::repository);
  CHECK(co.uses->is_action("Actions/Checkout"));
  CHECK(co.uses->action() == "actions/checkout");
  CHECK(p.at(co.uses->text.span) == "actions/checkout@v4");
  REQUIRE(co.uses->ref);
  CHECK(p.at(co.uses->ref->span) == "v4");
  CHECK(co.with.find("fetch-depth")->value.value == "0");
  const mg::Uses& init = *j.steps[1].uses;
  CHECK(init.path == "init");
  CHECK(init.action() == "github/codeql-action/init");
  CHECK(!init.is_reusable_workflow());
  CHECK(init.ref->value.size() == 40);
  CHECK(j.steps[2].uses->kind == mg::UsesKind::local);
  CHECK(j.steps[2].uses->local_path == "./.github/actions/setup");
  const mg::Uses& docker = *j.steps[3].uses;
  CHECK(docker.kind == mg::UsesKind::docker);
  REQUIRE(docker.image);
  CHECK(docker.image->name == "alpine");
  CHECK(*docker.image->tag == "3.20");
  CHECK(j.steps[4].uses->kind == mg::UsesKind::invalid);
  const mg::Step& run = j.steps[5];
  CHECK(run.run->value == "echo hi");
  CHECK(run.run->node.is_scalar());
  CHECK(run.condition->value == "success()");
  CHECK(run.shell->value == "bash -e {0}");
  CHECK(run.effective_shell == "bash");
  REQUIRE(run.script);
  REQUIRE(run.script->commands.size() == 1);
  CHECK(p.at(run.script->commands[0].name.span) == "echo");
  CHECK(run.working_directory->value == "sub");
  CHECK(run.env.find("A")->value.value == "b");
  // A Windows runner's default shell is PowerShell, which is not parsed.
  CHECK(j.steps[6].effective_shell == "pwsh");
  CHECK(!j.steps[6].script);
  CHECK(!j.steps[7].uses->ref);
}

TEST_CASE("composite, docker and JavaScript actions", "[gha-model]") {
  SECTION("composite") {
    const Parsed p(
        "name: Setup\n"
        "description: d\n"
        "inputs:\n"
        "  version:\n"
        "    required: true\n"
        "runs:\n"
        "  using: composite\n"
        "  steps:\n"
        "    - run: echo ${{ inputs.version }}\n"
        "      shell: bash\n"
        "    - uses: actions/setup-node@v4\n");
    CHECK(p.doc().is_action);
    CHECK(p.doc().jobs.empty());
    CHECK(p.doc().name->value == "Setup");
    REQUIRE(p.doc().inputs.size() == 1);
    REQUIRE(p.doc().runs);
    CHECK(p.doc().runs->is_composite());
    REQUIRE(p.doc().runs->steps.size() == 2);
    CHECK(paths(*p.doc().runs->steps[0].run) == std::vector<std::string>{"inputs.version"});
    CHECK(p.doc().runs->steps[0].script);
    CHECK(p.doc().runs->steps[1].uses->is_action("actions/setup-node"));
  }
  SECTION("docker") {
    const Parsed p(
        "name: Lint\n"
        "runs:\n"
        "  using: docker\n"
        "  image: docker://ghcr.io/acme/lint:1\n"
        "  args: [--fix]\n"
        "  env:\n"
        "    A: b\n");
    REQUIRE(p.doc().runs);
    REQUIRE(p.doc().runs->image_uses);
    CHECK(p.doc().runs->image_uses->kind == mg::UsesKind::docker);
    CHECK(*p.doc().runs->image_uses->image->tag == "1");
    CHECK(p.doc().runs->args.size() == 1);
    CHECK(p.doc().runs->env.find("A"));
  }
  SECTION("node") {
    const Parsed p("name: JS\nruns:\n  using: node20\n  main: dist/index.js\n  post: dist/post.js\n");
    CHECK(p.doc().is_action);
    CHECK(p.doc().runs->main->value == "dist/index.js");
    CHECK(p.doc().runs->post->value == "dist/post.js");
    CHECK(!p.doc().runs->is_composite());
  }
}

TEST_CASE("expressions yield normalised context paths", "[gha-model]") {
  const auto accesses = [](std::string_view text) {
    return ex::parse_expression(text).accesses;
  };
  SECTION("dot, bracket and case") {
    for (const char* text : {" github.event.issue.title ", "github.event['issue'].title",
                             "github.EVENT['Issue'].Title"}) {
      const auto a = accesses(text);
      REQUIRE(!a.empty());
      CHECK(a.back().path == "github.event.issue.title");
      CHECK(a.back().rendered);
    }
  }
  SECTION("spans inside the expression text") {
    const std::string text = " format('{0}', github.head_ref) ";
    const auto a = accesses(text);
    REQUIRE(a.size() == 1);
    CHECK(text.substr(a[0].begin, a[0].end - a[0].begin) == "github.head_ref");
    CHECK(a[0].function == "format");
    CHECK(a[0].rendered);
  }
  SECTION("what reaches the value") {
    auto a = accesses("github.event.issue.title || ''");
    CHECK(a.at(0).rendered);
    a = accesses("toJSON(github.event.issue)");
    CHECK(a.at(0).path == "github.event.issue");
    CHECK(a.at(0).function == "tojson");
    CHECK(a.at(0).rendered);
    a = accesses("contains(github.event.issue.title, 'x')");
    CHECK(!a.at(0).rendered);
    CHECK(a.at(0).function == "contains");
    a = accesses("github.head_ref == 'main' || github.base_ref");
    CHECK(!a.at(0).rendered);
    CHECK(a.at(1).rendered);
    a = accesses("github.event.issue.title && 'yes' || 'no'");
    CHECK(!a.at(0).rendered);
    a = accesses("!github.event.issue.body");
    CHECK(!a.at(0).rendered);
    a = accesses("fromJSON(steps.x.outputs.y)[github.event.issue.title]");
    REQUIRE(a.size() == 2);
    CHECK(a[0].rendered);
    CHECK(!a[1].rendered);
    a = accesses("startsWith(github.ref, 'refs/tags/') && github.event.head_commit.message");
    CHECK(!a.at(0).rendered);
    CHECK(a.at(1).rendered);
  }
  SECTION("indexes and filters") {
    CHECK(accesses("github.event.commits[0].message").at(0).path == "github.event.commits.*.message");
    CHECK(accesses("github.event.commits.*.author.name").at(0).path ==
          "github.event.commits.*.author.name");
    const auto a = accesses("matrix[inputs.key]");
    REQUIRE(a.size() == 2);
    CHECK(a[0].path == "matrix.*");
    CHECK(a[1].path == "inputs.key");
    CHECK(!a[1].rendered);
    CHECK(accesses("steps.my-step.outputs.v").at(0).path == "steps.my-step.outputs.v");
  }
  SECTION("literals are not contexts") {
    CHECK(accesses("true && null || 1.5e3 || -2 || 0xff || 'str'").empty());
    CHECK(accesses("success() && always()").empty());
  }
  SECTION("syntax errors fall back to a token scan") {
    const auto parsed = ex::parse_expression("github.event.issue.title ||| x");
    CHECK(!parsed.valid);
    REQUIRE(!parsed.accesses.empty());
    CHECK(parsed.accesses[0].path == "github.event.issue.title");
    CHECK(parsed.accesses[0].rendered);
    CHECK(!ex::parse_expression("").valid);
    CHECK(!ex::parse_expression("'unterminated").valid);
  }
  SECTION("deep nesting is bounded") {
    const std::string deep = std::string(100000, '(') + "github.sha" + std::string(100000, ')');
    const auto parsed = ex::parse_expression(deep);
    CHECK(!parsed.valid);
    const std::string nots = std::string(100000, '!') + "github.sha";
    CHECK(!ex::parse_expression(nots).valid);
  }
}

TEST_CASE("finding expressions in strings", "[gha-model]") {
  const auto ranges = ex::find_expressions("a ${{ x }} b ${{ '}}' }}${{y}} ${{ open");
  REQUIRE(ranges.size() == 3);
  CHECK(ranges[0].begin == 2);
  CHECK(ranges[0].end == 10);
  CHECK(ranges[1].begin == 13);
  CHECK(ranges[1].end == 24);
  CHECK(ranges[2].end == 30);
  CHECK(ex::find_expressions("${{ 'it''s }}' }}").size() == 1);
  CHECK(ex::find_expressions("${ { x }}").empty());
}

TEST_CASE("expression spans are exact in plain, quoted and block scalars", "[gha-model]") {
  const Parsed p(
      "on: push\n"
      "jobs:\n"
      "  j:\n"
      "    runs-on: ubuntu-latest\n"
      "    steps:\n"
      "      - run: echo ${{ github.event.issue.title }}\n"
      "      - run: |\n"
      "          set -e\n"
      "          echo \"${{ github.event['issue'].body }}\"\n"
      "      - run: >-\n"
      "          folded\n"
      "          text ${{ github.head_ref }}\n"
      "      - run: \"echo \\\"${{ github.sha }}\\\"\"\n"
      "      - run: \"first line\n"
      "          second ${{ github.ref }}\"\n");
  const auto& steps = p.job(0).steps;
  {
    const auto& a = only_access(*steps[0].run);
    CHECK(a.exact);
    CHECK(p.at(a.span) == "github.event.issue.title");
    CHECK(p.pos(a.span).column == 23);
    CHECK(p.at(steps[0].run->expressions[0].span) == "${{ github.event.issue.title }}");
  }
  {
    const auto& a = only_access(*steps[1].run);
    CHECK(a.exact);
    CHECK(a.path == "github.event.issue.body");
    CHECK(p.at(a.span) == "github.event['issue'].body");
    CHECK(p.pos(a.span).line == 9);
    CHECK(p.pos(a.span).column == 21);
  }
  {
    const auto& a = only_access(*steps[2].run);
    CHECK(a.exact);
    CHECK(p.at(a.span) == "github.head_ref");
    CHECK(p.pos(a.span).line == 12);
  }
  {
    const auto& a = only_access(*steps[3].run);
    CHECK(a.exact);
    CHECK(p.at(a.span) == "github.sha");
  }
  {
    // Content on later lines of a multi-line quoted scalar has no exact offset: the whole value.
    const auto& a = only_access(*steps[4].run);
    CHECK(a.path == "github.ref");
    CHECK(!a.exact);
    CHECK(a.span == steps[4].run->span);
  }
}

TEST_CASE("run scripts map shell spans into the file and hide expressions", "[gha-model]") {
  const Parsed p(
      "on: push\n"
      "jobs:\n"
      "  j:\n"
      "    runs-on: ubuntu-latest\n"
      "    steps:\n"
      "      - run: |\n"
      "          echo start\n"
      "          curl -fsSL ${{ inputs.url }} | sudo bash\n"
      "      - run: ${{ matrix.cmd }} --flag\n"
      "      - run: echo hi\n"
      "        shell: pwsh\n"
      "      - run: echo hi\n"
      "        shell: ${{ matrix.shell }}\n");
  const auto& steps = p.job(0).steps;
  REQUIRE(steps[0].script);
  const auto& cmds = steps[0].script->commands;
  REQUIRE(cmds.size() == 3);
  CHECK(p.at(cmds[1].name.span) == "curl");
  CHECK(p.pos(cmds[1].name.span).line == 8);
  CHECK(p.pos(cmds[1].name.span).column == 11);
  REQUIRE(cmds[1].args.size() == 2);
  CHECK(!cmds[1].args[1].is_literal);  // the expression is an unknown word
  CHECK(p.at(cmds[1].args[1].span) == "${{ inputs.url }}");
  CHECK(p.at(cmds[2].name.span) == "sudo");
  CHECK(steps[0].script->pipelines[cmds[2].pipeline].has_pipe());
  REQUIRE(steps[1].script);
  CHECK(!steps[1].script->commands.at(0).name.is_literal);
  CHECK(!steps[2].script);
  CHECK(steps[3].effective_shell.empty());
  CHECK(steps[3].script);
}

TEST_CASE("env at three levels and aliases", "[gha-model]") {
  const Parsed p(
      "on: push\n"
      "env: &shared\n"
      "  TITLE: ${{ github.event.issue.title }}\n"
      "jobs:\n"
      "  j:\n"
      "    env: *shared\n"
      "    steps:\n"
      "      - env:\n"
      "          Lower: x\n"
      "        run: echo\n");
  CHECK(p.doc().env.find("TITLE"));
  const mg::Entry* job_title = p.job(0).env.find("TITLE");
  REQUIRE(job_title);
  // Through the alias the expression maps into the anchored definition.
  const auto& a = only_access(job_title->value);
  CHECK(a.exact);
  CHECK(p.pos(a.span).line == 3);
  CHECK(p.step(0, 0).env.find_ignore_case("LOWER"));
  CHECK(!p.step(0, 0).env.find("LOWER"));
}

TEST_CASE("malformed and hostile workflows do not crash", "[gha-model]") {
  for (const char* text : {"", "---\n", "[]\n", "on\n", "jobs: 5\n", "jobs:\n  a: [1, 2]\n",
                           "jobs:\n  a:\n    steps: {x: 1}\n", "on: {push: [1]}\njobs: {a: {steps: [1, [2]]}}\n",
                           "runs: 3\n", "runs:\n  steps: [x]\n", "jobs:\n  a:\n    uses: '@'\n",
                           "jobs:\n  a:\n    steps:\n      - uses: /@\n      - uses: a/\n",
                           "jobs:\n  a:\n    steps:\n      - run: ${{\n",
                           "jobs: {a: {steps: [{run: '${{ ((( }}'}]}}\n",
                           "on: push\njobs:\n  a:\n    steps:\n      - run: [echo]\n"}) {
    INFO(text);
    const Parsed p(text);
    (void)p.doc();
  }
  std::mt19937 rng(7);
  const std::string alphabet = "${}()[]'\".*|&!=<>, \n\tabcgithubevent-_:#@/";
  for (int round = 0; round < 200; ++round) {
    std::string text = "on: push\njobs:\n  a:\n    steps:\n      - run: |\n          ";
    for (int i = 0; i < 200; ++i) text += alphabet[rng() % alphabet.size()];
    const Parsed p(text);
    (void)p.doc();
  }
}

TEST_CASE("positions stay exact deep inside long block scalars", "[gha-model]") {
  std::string text =
      "on: push\n"
      "jobs:\n"
      "  j:\n"
      "    runs-on: ubuntu-latest\n"
      "    steps:\n"
      "      - run: |\n";
  for (int i = 0; i < 3000; ++i) text += "          echo ${{ github.sha }} " + std::to_string(i) + "\n";
  text += "\n            more-indented ${{ github.ref }}\n";
  text += "      - run: >\n";
  for (int i = 0; i < 3000; ++i) text += "          folded ${{ github.sha }}\n";
  text += "\n          after an empty line ${{ github.ref }}\n";
  const Parsed p(text);
  const auto& literal = *p.step(0, 0).run;
  REQUIRE(literal.expressions.size() == 3001);
  for (const mg::Expression& e : literal.expressions) {
    REQUIRE(e.exact);
    REQUIRE(p.at(e.span) == "${{ " + e.text.substr(1, e.text.size() - 2) + " }}");
  }
  CHECK(p.pos(literal.expressions[2999].span).line == 3006);
  CHECK(p.pos(literal.expressions[2999].span).column == 16);
  CHECK(p.pos(literal.expressions[3000].span).column == 27);
  const auto& folded = *p.step(0, 1).run;
  REQUIRE(folded.expressions.size() == 3001);
  for (const mg::Expression& e : folded.expressions) {
    REQUIRE(e.exact);
    REQUIRE(p.at(e.span).starts_with("${{ github."));
  }
  CHECK(p.pos(folded.expressions[1500].span).column == 18);
  CHECK(p.pos(folded.expressions[3000].span).column == 31);
  REQUIRE(p.step(0, 0).script);
  const auto& cmds = p.step(0, 0).script->commands;
  REQUIRE(cmds.size() == 3001);
  CHECK(p.pos(cmds[2500].name.span).line == 2507);
  CHECK(p.at(cmds[3000].name.span) == "more-indented");
}

TEST_CASE("CRLF line endings keep block positions exact", "[gha-model]") {
  const Parsed p(
      "on: push\r\n"
      "jobs:\r\n"
      "  j:\r\n"
      "    steps:\r\n"
      "      - run: |\r\n"
      "          echo a\r\n"
      "          echo \"${{ github.head_ref }}\"\r\n");
  const auto& a = only_access(*p.step(0, 0).run);
  CHECK(a.exact);
  CHECK(p.at(a.span) == "github.head_ref");
  CHECK(p.pos(a.span).line == 7);
  CHECK(p.pos(a.span).column == 21);
}

}  // namespace t_gha_model_test
