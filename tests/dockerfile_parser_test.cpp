// Dockerfile parser: structure, spans, BuildKit semantics, variables, heredocs, scripts, and
// robustness against arbitrary bytes.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "analyzer/model/dockerfile.hpp"
#include "analyzer/source.hpp"
#include "parsers/dockerfile/expand.hpp"
#include "parsers/dockerfile/lines.hpp"
#include "parsers/dockerfile/parser.hpp"
#include "parsers/dockerfile/scripts.hpp"
#include "parsers/dockerfile/words.hpp"
#include "parsers/shell/parser.hpp"

namespace t_dockerfile_parser_test {

using lintel::Span;
using lintel::model::DockerfileDoc;
using lintel::model::ImageRef;
using lintel::model::Instruction;
using lintel::model::InstructionKind;
using lintel::model::ShellScript;

struct Parsed {
  lintel::SourceFile file;
  lintel::parsers::ParseResult<DockerfileDoc> result;

  explicit Parsed(std::string text, const std::map<std::string, std::string>* build_args = nullptr)
      : file("Dockerfile", std::move(text)),
        result(lintel::parsers::parse_dockerfile(file, build_args)) {}

  [[nodiscard]] const DockerfileDoc& doc() const { return result.doc; }
  [[nodiscard]] const Instruction& ins(std::size_t i) const {
    return result.doc.instructions.at(i);
  }
  [[nodiscard]] std::string_view at(Span s) const { return file.slice(s); }
  [[nodiscard]] std::vector<std::string> messages() const {
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics) out.push_back(d.message);
    return out;
  }
};

std::vector<std::string> values(const std::vector<lintel::Scalar<std::string>>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(w.value);
  return out;
}

std::vector<std::string> command_names(const ShellScript& script) {
  std::vector<std::string> out;
  for (const auto& c : script.commands) out.push_back(c.name.value);
  return out;
}

ImageRef split(std::string_view ref) {
  ImageRef image;
  lintel::parsers::split_image_ref(ref, image);
  return image;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80           ? 1
                    : (b >> 5) == 0x6  ? 2
                    : (b >> 4) == 0xE  ? 3
                    : (b >> 3) == 0x1E ? 4
                                       : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

TEST_CASE("instructions are case-insensitive; keyword upper-cased, span as written",
          "[dockerfile-parser]") {
  const Parsed p("from alpine:3.19\nRun echo hi  \n\tcOpY a b\n");
  REQUIRE(p.doc().instructions.size() == 3);
  CHECK(p.result.diagnostics.empty());
  CHECK(p.ins(0).kind == InstructionKind::from);
  CHECK(p.ins(0).keyword.value == "FROM");
  CHECK(p.at(p.ins(0).keyword.span) == "from");
  CHECK(p.ins(1).kind == InstructionKind::run);
  CHECK(p.ins(1).keyword.value == "RUN");
  CHECK(p.at(p.ins(1).keyword.span) == "Run");
  CHECK(p.ins(1).args.value == "echo hi");
  CHECK(p.at(p.ins(1).args.span) == "echo hi");
  CHECK(p.at(p.ins(1).span) == "Run echo hi");
  CHECK(p.ins(2).kind == InstructionKind::copy);
  CHECK(p.at(p.ins(2).keyword.span) == "cOpY");
  CHECK(values(p.ins(2).words) == std::vector<std::string>{"a", "b"});
  CHECK(p.at(p.ins(2).words[1].span) == "b");
}

TEST_CASE("parser directives only at the top, keys case-insensitive", "[dockerfile-parser]") {
  SECTION("syntax, escape and check") {
    const Parsed p("# syntax=docker/dockerfile:1.7\n#ESCAPE = `\n#  check=skip=all \nFROM x\n");
    REQUIRE(p.doc().directives.size() == 3);
    CHECK(p.doc().directives[0].name.value == "syntax");
    CHECK(p.doc().directives[0].value.value == "docker/dockerfile:1.7");
    CHECK(p.at(p.doc().directives[0].value.span) == "docker/dockerfile:1.7");
    CHECK(p.doc().directives[1].name.value == "escape");
    CHECK(p.at(p.doc().directives[1].name.span) == "ESCAPE");
    CHECK(p.doc().directives[1].value.value == "`");
    CHECK(p.doc().directives[2].name.value == "check");
    CHECK(p.doc().directives[2].value.value == "skip=all");
    CHECK(p.doc().escape == '`');
    CHECK(p.result.diagnostics.empty());
  }
  SECTION("after a comment, a blank line or an instruction they are plain comments") {
    const Parsed a("# a comment\n# escape=`\nFROM x\n");
    CHECK(a.doc().directives.empty());
    CHECK(a.doc().escape == '\\');
    const Parsed b("\n# escape=`\nFROM x\n");
    CHECK(b.doc().directives.empty());
    const Parsed c("FROM x\n# syntax=foo\n");
    CHECK(c.doc().directives.empty());
    const Parsed d("# unknown=1\n# escape=`\nFROM x\n");
    CHECK(d.doc().directives.empty());
    CHECK(d.doc().escape == '\\');
  }
  SECTION("invalid and repeated directives are errors") {
    const Parsed p("# escape=x\n# syntax=a\n# syntax=b\nFROM x\n");
    CHECK(p.messages() ==
          std::vector<std::string>{"invalid escape token 'x' does not match ` or \\",
                                   "only one syntax parser directive can be used"});
    CHECK(p.doc().escape == '\\');
  }
  SECTION("a byte-order mark before the first directive") {
    const Parsed p("\xEF\xBB\xBF# syntax=a\nFROM x\n");
    REQUIRE(p.doc().directives.size() == 1);
    CHECK(p.at(p.doc().directives[0].value.span) == "a");
  }
}

TEST_CASE("line continuations drop comment and blank lines", "[dockerfile-parser]") {
  const std::string text =
      "FROM alpine\n"
      "RUN apk add \\\n"
      "    # the web server\n"
      "    nginx \\  \n"
      "\n"
      "  # another\n"
      "    curl\n"
      "USER app\n";
  const Parsed p(text);
  REQUIRE(p.doc().instructions.size() == 3);
  const Instruction& run = p.ins(1);
  CHECK(run.args.value == "apk add     nginx     curl");
  CHECK(p.at(run.args.span) ==
        "apk add \\\n    # the web server\n    nginx \\  \n\n  # another\n    curl");
  CHECK(p.at(run.span) == "RUN " + std::string(p.at(run.args.span)));
  CHECK(values(run.words) == std::vector<std::string>{"apk", "add", "nginx", "curl"});
  CHECK(p.at(run.words[2].span) == "nginx");
  CHECK(p.at(run.words[3].span) == "curl");
  CHECK(p.ins(2).kind == InstructionKind::user);
  CHECK(p.result.diagnostics.empty());
}

TEST_CASE("an escaped escape character does not continue the line", "[dockerfile-parser]") {
  const Parsed p("FROM x\nRUN echo foo \\\\\nRUN echo bar\n");
  REQUIRE(p.doc().instructions.size() == 3);
  CHECK(p.ins(1).args.value == "echo foo \\\\");
  CHECK(p.ins(2).args.value == "echo bar");
}

TEST_CASE("an empty line inside a continuation joins the next instruction (BuildKit)",
          "[dockerfile-parser]") {
  const Parsed p("FROM x\nRUN echo hi \\\n\nRUN echo bye\n");
  REQUIRE(p.doc().instructions.size() == 2);
  CHECK(p.ins(1).args.value == "echo hi RUN echo bye");
}

TEST_CASE("the escape directive switches to backtick", "[dockerfile-parser]") {
  const std::string text =
      "# escape=`\n"
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
      "COPY C:\\src\\app C:\\app\\\n"
      "RUN dir `\n"
      "    C:\\app\n";
  const Parsed p(text);
  REQUIRE(p.doc().instructions.size() == 3);
  CHECK(p.doc().escape == '`');
  CHECK(values(p.ins(1).words) == std::vector<std::string>{"C:\\src\\app", "C:\\app\\"});
  CHECK(p.ins(2).args.value == "dir     C:\\app");
  CHECK(p.at(p.ins(2).args.span) == "dir `\n    C:\\app");
  CHECK(p.doc().stages.at(0).image.registry == "mcr.microsoft.com");
}

TEST_CASE("flags before the arguments, with spans", "[dockerfile-parser]") {
  const Parsed p(
      "FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n"
      "COPY --from=build --chown=app:app --link src/ /app/\n"
      "RUN --mount=type=cache,target=/root/.cache \\\n"
      "    --network=none pip install -r req.txt\n"
      "RUN --mount=\"type=secret,id=tok\" -- --not-a-flag\n");
  REQUIRE(p.doc().instructions.size() == 4);
  const Instruction& from = p.ins(0);
  REQUIRE(from.flags.size() == 1);
  CHECK(from.flags[0].name.value == "platform");
  CHECK(from.flags[0].value->value == "$BUILDPLATFORM");
  CHECK(p.at(from.flags[0].span) == "--platform=$BUILDPLATFORM");
  CHECK(p.at(from.flags[0].name.span) == "platform");
  CHECK(p.at(from.flags[0].value->span) == "$BUILDPLATFORM");
  CHECK(from.args.value == "golang:1.22 AS build");

  const Instruction& copy = p.ins(1);
  REQUIRE(copy.flags.size() == 3);
  CHECK(copy.flag("from")->value->value == "build");
  CHECK(copy.flag("chown")->value->value == "app:app");
  CHECK(p.at(copy.flag("chown")->value->span) == "app:app");
  CHECK(copy.flag("link") != nullptr);
  CHECK_FALSE(copy.flag("link")->value.has_value());
  CHECK(p.at(copy.flag("link")->span) == "--link");
  CHECK(values(copy.words) == std::vector<std::string>{"src/", "/app/"});

  const Instruction& run = p.ins(2);
  REQUIRE(run.flags.size() == 2);
  CHECK(run.flags[0].value->value == "type=cache,target=/root/.cache");
  CHECK(run.flags[1].name.value == "network");
  CHECK(p.at(run.flags[1].span) == "--network=none");
  CHECK(run.args.value == "pip install -r req.txt");

  const Instruction& secret = p.ins(3);
  REQUIRE(secret.flags.size() == 1);
  CHECK(secret.flags[0].value->value == "type=secret,id=tok");
  CHECK(p.at(secret.flags[0].value->span) == "\"type=secret,id=tok\"");
  CHECK(secret.args.value == "--not-a-flag");
}

TEST_CASE("JSON exec form versus shell form", "[dockerfile-parser]") {
  SECTION("exec form with spans of each string literal and JSON escapes") {
    const Parsed p(
        "FROM x\nCMD [ \"nginx\", \"-g\",\"daemon off;\" ]\nENTRYPOINT [\"a\\\"b\", "
        "\"\\u00e9\\n\"]\n");
    const Instruction& cmd = p.ins(1);
    CHECK(cmd.exec_form);
    CHECK(values(cmd.words) == std::vector<std::string>{"nginx", "-g", "daemon off;"});
    CHECK(p.at(cmd.words[0].span) == "\"nginx\"");
    CHECK(p.at(cmd.words[2].span) == "\"daemon off;\"");
    CHECK(cmd.scripts.empty());
    CHECK(cmd.expanded == cmd.args.value);
    const Instruction& ep = p.ins(2);
    CHECK(ep.exec_form);
    CHECK(values(ep.words) == std::vector<std::string>{"a\"b", "\xC3\xA9\n"});
    CHECK(p.at(ep.words[0].span) == "\"a\\\"b\"");
  }
  SECTION("exec form across a continuation") {
    const Parsed p("FROM x\nCMD [\"a\", \\\n     \"b\"]\n");
    CHECK(p.ins(1).exec_form);
    CHECK(values(p.ins(1).words) == std::vector<std::string>{"a", "b"});
    CHECK(p.at(p.ins(1).words[1].span) == "\"b\"");
  }
  SECTION("invalid JSON falls back to shell form, no error") {
    const Parsed p("FROM x\nCMD [\"a\", ]\nRUN [\"unterminated\nCMD ['single']\n");
    CHECK(p.result.diagnostics.empty());
    CHECK_FALSE(p.ins(1).exec_form);
    CHECK(values(p.ins(1).words) == std::vector<std::string>{"[a,", "]"});
    CHECK_FALSE(p.ins(2).exec_form);
    CHECK_FALSE(p.ins(3).exec_form);
    CHECK(values(p.ins(3).words) == std::vector<std::string>{"[single]"});
  }
  SECTION("text after the array is ignored, as Go's json.Decoder does") {
    const Parsed p("FROM x\nCMD [\"a\"] trailing\n");
    CHECK(p.ins(1).exec_form);
    CHECK(values(p.ins(1).words) == std::vector<std::string>{"a"});
  }
  SECTION("valid JSON with a non-string element is an error") {
    const Parsed p("FROM x\nCMD [\"a\", 1]\n");
    CHECK(p.messages() == std::vector<std::string>{
                              "when using JSON array syntax, arrays must be comprised of strings "
                              "only"});
    CHECK(p.at(p.result.diagnostics[0].span) == "[\"a\", 1]");
  }
  SECTION("shell-form words honour quotes and escapes") {
    const Parsed p("FROM x\nCOPY \"my file\" 'it''s' a\\ b /dst/\n");
    CHECK(values(p.ins(1).words) == std::vector<std::string>{"my file", "its", "a b", "/dst/"});
    CHECK(p.at(p.ins(1).words[0].span) == "\"my file\"");
    CHECK(p.at(p.ins(1).words[2].span) == "a\\ b");
  }
}

TEST_CASE("ENV, LABEL and ARG pairs", "[dockerfile-parser]") {
  const Parsed p(
      "ARG A B=2 C=\"x y\"\n"
      "FROM x\n"
      "ENV K1=v1 K2=\"two words\" K3= K4=a\\ b\n"
      "ENV LEGACY hello   \"big\" world\n"
      "LABEL org.opencontainers.image.title=\"App\" \"quoted key\"=v\n");
  CHECK(p.result.diagnostics.empty());
  const auto& arg = p.ins(0).pairs;
  REQUIRE(arg.size() == 3);
  CHECK(arg[0].key.value == "A");
  CHECK_FALSE(arg[0].value.has_value());
  CHECK(arg[1].value->value == "2");
  CHECK(arg[2].value->value == "x y");
  CHECK(p.at(arg[2].value->span) == "\"x y\"");
  CHECK(p.at(arg[2].span) == "C=\"x y\"");

  const auto& env = p.ins(2).pairs;
  REQUIRE(env.size() == 4);
  CHECK(env[0].key.value == "K1");
  CHECK(p.at(env[0].key.span) == "K1");
  CHECK(env[0].value->value == "v1");
  CHECK(p.at(env[0].value->span) == "v1");
  CHECK(env[1].value->value == "two words");
  CHECK(env[2].value->value.empty());
  CHECK(env[3].value->value == "a b");

  const auto& legacy = p.ins(3).pairs;
  REQUIRE(legacy.size() == 1);
  CHECK(legacy[0].key.value == "LEGACY");
  CHECK(legacy[0].value->value == "hello   big world");
  CHECK(p.at(legacy[0].value->span) == "hello   \"big\" world");

  const auto& label = p.ins(4).pairs;
  REQUIRE(label.size() == 2);
  CHECK(label[0].key.value == "org.opencontainers.image.title");
  CHECK(label[0].value->value == "App");
  CHECK(label[1].key.value == "quoted key");
}

TEST_CASE("ENV and LABEL syntax errors BuildKit rejects", "[dockerfile-parser]") {
  const Parsed p("FROM x\nENV A=1 B\nENV ONLY\nLABEL\nARG =x\n");
  CHECK(p.messages() == std::vector<std::string>{
                            "can't find = in \"B\": ENV must be of the form name=value",
                            "ENV must have two arguments", "LABEL requires at least one argument",
                            "ARG names can not be blank"});
  CHECK(p.at(p.result.diagnostics[0].span) == "B");
}

TEST_CASE("ARG scoping across stages and ENV", "[dockerfile-parser]") {
  const Parsed p(
      "ARG BASE=alpine\n"             // 0
      "ARG VERSION=1.0\n"             // 1
      "ARG NOVALUE\n"                 // 2
      "FROM ${BASE}:3.19 AS build\n"  // 3
      "ARG VERSION\n"                 // 4
      "RUN echo $VERSION $BASE\n"     // 5
      "ARG LOCAL=x\n"                 // 6
      "ENV E=$LOCAL-y F=$E\n"         // 7
      "RUN echo $E/$F/${LOCAL}\n"     // 8
      "FROM build AS second\n"        // 9
      "RUN echo $E $LOCAL\n"          // 10
      "FROM alpine\n"                 // 11
      "RUN echo $E '$E' \\$E\n"       // 12
      "ARG NOVALUE\n"                 // 13
      "RUN echo $NOVALUE\n");         // 14
  CHECK(p.result.diagnostics.empty());
  CHECK(p.doc().global_args == std::vector<std::uint32_t>{0, 1, 2});
  REQUIRE(p.doc().stages.size() == 3);
  CHECK(p.doc().stages[0].image.resolved == "alpine:3.19");
  CHECK_FALSE(p.doc().stages[0].image.unresolved);
  CHECK(p.doc().stages[0].image.text.value == "${BASE}:3.19");

  CHECK(p.ins(5).expanded == "echo 1.0 $BASE");  // BASE was not re-imported into the stage
  CHECK(p.ins(5).unresolved);
  CHECK(p.ins(8).expanded == "echo x-y/$F/x");  // F took E's (unknown) value before the ENV
  CHECK(p.ins(8).unresolved);

  CHECK(p.doc().stages[1].image.stage_ref == 0);
  CHECK(p.ins(10).expanded == "echo x-y $LOCAL");  // ENV comes with the base stage, ARGs do not
  CHECK(p.ins(10).unresolved);

  CHECK(p.ins(12).expanded == "echo $E '$E' \\$E");
  CHECK(p.ins(12).unresolved);
  CHECK(p.ins(14).expanded == "echo $NOVALUE");
  CHECK(p.ins(14).unresolved);
  CHECK(p.ins(12).stage == 2);
  CHECK(p.ins(0).stage == -1);
}

TEST_CASE("variable forms follow BuildKit's shell lexer", "[dockerfile-parser]") {
  const Parsed p(
      "ARG SET=v\n"
      "ARG EMPTY=\"\"\n"
      "FROM ${REG:-docker.io}/library/python:${PY:-3.12}\n"
      "ARG SET\n"
      "ARG EMPTY\n"
      "ARG VERSION=v1.2.3\n"
      "WORKDIR /${SET:+alt}/${UNSET:-d}/${UNSET-d2}/${EMPTY:-e}/${EMPTY-e}/${SET:+a}\n"
      "WORKDIR /${UNKNOWN:+alt}\n"
      "WORKDIR /${VERSION#v}/${VERSION%.*}/${VERSION%%.*}/${VERSION/./-}/${VERSION//./-}\n"
      "WORKDIR /${UNSET:-${SET}}/$$/${bad\n");
  const ImageRef& image = p.doc().stages.at(0).image;
  CHECK(image.resolved == "docker.io/library/python:3.12");
  CHECK_FALSE(image.unresolved);
  CHECK(image.registry == "docker.io");
  CHECK(image.name == "library/python");
  CHECK(image.tag == "3.12");
  CHECK(p.ins(6).expanded == "/alt/d/d2/e//a");
  CHECK_FALSE(p.ins(6).unresolved);
  CHECK(p.ins(7).expanded == "/${UNKNOWN:+alt}");
  CHECK(p.ins(7).unresolved);
  CHECK(p.ins(8).expanded == "/1.2.3/v1.2/v1/v1-2.3/v1-2-3");
  CHECK_FALSE(p.ins(8).unresolved);
  CHECK(p.ins(9).expanded == "/v/$$/${bad");
  CHECK(p.ins(9).unresolved);
}

TEST_CASE("build args from config override ARG defaults", "[dockerfile-parser]") {
  const std::map<std::string, std::string> build_args{{"TAG", "3.20"}, {"UNDECLARED", "x"}};
  const Parsed p("ARG TAG=3.19\nFROM alpine:$TAG\nARG TAG\nRUN echo $TAG $UNDECLARED\n",
                 &build_args);
  CHECK(p.doc().stages.at(0).image.resolved == "alpine:3.20");
  CHECK(p.ins(3).expanded == "echo 3.20 $UNDECLARED");
}

TEST_CASE("image references split OCI-style", "[dockerfile-parser]") {
  const ImageRef full = split("reg:5000/a/b:1.2@sha256:abc");
  CHECK(full.registry == "reg:5000");
  CHECK(full.name == "a/b");
  CHECK(full.tag == "1.2");
  CHECK(full.digest == "sha256:abc");

  const ImageRef python = split("python:3.12-slim");
  CHECK(python.registry.empty());
  CHECK(python.name == "python");
  CHECK(python.tag == "3.12-slim");
  CHECK_FALSE(python.digest);

  const ImageRef port = split("reg:5000/img");
  CHECK(port.registry == "reg:5000");
  CHECK(port.name == "img");
  CHECK_FALSE(port.tag);

  const ImageRef both = split("img:tag@sha256:0123");
  CHECK(both.name == "img");
  CHECK(both.tag == "tag");
  CHECK(both.digest == "sha256:0123");

  CHECK(split("localhost/app").registry == "localhost");
  CHECK(split("library/python:3").registry.empty());
  CHECK(split("library/python:3").name == "library/python");
  CHECK(split("ghcr.io/org/app").registry == "ghcr.io");
  CHECK(split("ghcr.io/org/app").name == "org/app");
}

TEST_CASE("FROM: scratch, unresolved variables and stage references", "[dockerfile-parser]") {
  const Parsed p(
      "ARG BASE\n"
      "FROM golang:1.22 AS Builder\n"
      "FROM builder AS test\n"
      "FROM $BASE\n"
      "FROM SCRATCH\n"
      "FROM later\n"
      "FROM alpine AS later\n");
  CHECK(p.result.diagnostics.empty());
  const auto& stages = p.doc().stages;
  REQUIRE(stages.size() == 6);
  CHECK(stages[0].name->value == "Builder");
  CHECK(p.at(stages[0].name->span) == "Builder");
  CHECK(stages[0].image.stage_ref == -1);
  CHECK(stages[1].image.stage_ref == 0);
  CHECK(stages[2].image.resolved == "$BASE");
  CHECK(stages[2].image.unresolved);
  CHECK(stages[2].image.stage_ref == -1);
  CHECK(stages[3].image.is_scratch);
  CHECK(stages[4].image.stage_ref == -1);  // only earlier stages count
  CHECK(stages[4].image.name == "later");
  CHECK(stages[1].index == 1);
  CHECK(stages[1].from == 2);
  CHECK(p.at(stages[1].image.text.span) == "builder");
}

TEST_CASE("stages own the instructions after their FROM", "[dockerfile-parser]") {
  const Parsed p("ARG X\nFROM a\nRUN one\nUSER u\nFROM b\nCMD two\n");
  REQUIRE(p.doc().stages.size() == 2);
  CHECK(p.doc().stages[0].instructions == std::vector<std::uint32_t>{2, 3});
  CHECK(p.doc().stages[1].instructions == std::vector<std::uint32_t>{5});
  CHECK(p.doc().stages[1].from == 4);
  CHECK(p.ins(3).stage == 0);
  CHECK(p.ins(4).stage == 1);
  CHECK(p.doc().final_stage() == &p.doc().stages[1]);
}

TEST_CASE("USER splits user and group", "[dockerfile-parser]") {
  const Parsed p(
      "FROM x\n"
      "USER 0:0\n"
      "USER ${APP_USER:-app}:grp\n"
      "USER $UID\n"
      "ARG U=svc:svc\n"
      "USER $U\n");
  const auto& root = *p.ins(1).user;
  CHECK(root.user.value == "0");
  CHECK(root.group->value == "0");
  CHECK(p.at(root.group->span) == "0");
  CHECK(root.resolved_user == "0");
  CHECK_FALSE(root.unresolved);
  const auto& dflt = *p.ins(2).user;
  CHECK(dflt.user.value == "${APP_USER:-app}");
  CHECK(p.at(dflt.user.span) == "${APP_USER:-app}");
  CHECK(dflt.group->value == "grp");
  CHECK(dflt.resolved_user == "app");
  const auto& uid = *p.ins(3).user;
  CHECK(uid.user.value == "$UID");
  CHECK_FALSE(uid.group);
  CHECK(uid.unresolved);
  CHECK(p.ins(5).user->resolved_user == "svc");
}

TEST_CASE("EXPOSE ports, ranges, protocols and variables", "[dockerfile-parser]") {
  const Parsed p(
      "FROM x\n"
      "ARG P2=9090\n"
      "EXPOSE 80 443/tcp 53/UDP 8000-8010 $PORT ${P2} 99999999999999999999999 http\n");
  const auto& ports = p.ins(2).ports;
  REQUIRE(ports.size() == 8);
  CHECK(ports[0].first == 80u);
  CHECK(ports[0].last == 80u);
  CHECK(ports[0].protocol == "tcp");
  CHECK(p.at(ports[1].text.span) == "443/tcp");
  CHECK(ports[2].protocol == "udp");
  CHECK(ports[2].first == 53u);
  CHECK(ports[3].first == 8000u);
  CHECK(ports[3].last == 8010u);
  CHECK(ports[4].text.value == "$PORT");
  CHECK(ports[4].has_variable);
  CHECK_FALSE(ports[4].first);
  CHECK(ports[5].has_variable);
  CHECK(ports[5].first == 9090u);
  CHECK(ports[6].first == ~std::uint64_t{0});  // saturated: still out of range, never wrapped
  CHECK_FALSE(ports[6].has_variable);
  CHECK_FALSE(ports[7].first);
}

TEST_CASE("heredocs", "[dockerfile-parser]") {
  SECTION("RUN <<EOF: body span exact, instruction ends after the delimiter") {
    const std::string text =
        "FROM x\n"
        "RUN <<EOF\n"
        "apt-get update\n"
        "apt-get install -y curl\n"
        "EOF\n"
        "USER app\n";
    const Parsed p(text);
    CHECK(p.result.diagnostics.empty());
    REQUIRE(p.doc().instructions.size() == 3);
    const Instruction& run = p.ins(1);
    REQUIRE(run.heredocs.size() == 1);
    const auto& h = run.heredocs[0];
    CHECK(h.delimiter.value == "EOF");
    CHECK(p.at(h.delimiter.span) == "EOF");
    CHECK(h.body.value == "apt-get update\napt-get install -y curl\n");
    CHECK(p.at(h.body.span) == "apt-get update\napt-get install -y curl\n");
    CHECK_FALSE(h.strip_tabs);
    CHECK_FALSE(h.quoted);
    CHECK(p.at(run.span) == "RUN <<EOF\napt-get update\napt-get install -y curl\nEOF");
    CHECK(run.args.value == "<<EOF");
    CHECK(p.ins(2).kind == InstructionKind::user);
  }
  SECTION("several per instruction, <<- strips tabs, quoted delimiters") {
    const std::string text =
        "FROM x\n"
        "RUN <<A <<-\"B\" cat - /dev/fd/3 3<<'C'\n"
        "a\n"
        "A\n"
        "\t\tb\n"
        "\tB\n"
        "c\n"
        "C\n"
        "FROM y\n";
    const Parsed p(text);
    CHECK(p.result.diagnostics.empty());
    REQUIRE(p.doc().instructions.size() == 3);
    const auto& hs = p.ins(1).heredocs;
    REQUIRE(hs.size() == 3);
    CHECK(hs[0].delimiter.value == "A");
    CHECK(hs[0].body.value == "a\n");
    CHECK(hs[1].delimiter.value == "B");
    CHECK(p.at(hs[1].delimiter.span) == "\"B\"");
    CHECK(hs[1].strip_tabs);
    CHECK(hs[1].quoted);
    CHECK(hs[1].body.value == "b\n");
    CHECK(p.at(hs[1].body.span) == "\t\tb\n");
    CHECK(hs[2].delimiter.value == "C");
    CHECK(hs[2].quoted);
    CHECK(p.at(hs[2].body.span) == "c\n");
    CHECK(p.ins(2).kind == InstructionKind::from);
  }
  SECTION("COPY <<EOF /dest") {
    const Parsed p("FROM x\nCOPY <<EOF /etc/app.conf\nkey = value\nEOF\n");
    const Instruction& copy = p.ins(1);
    CHECK(values(copy.words) == std::vector<std::string>{"<<EOF", "/etc/app.conf"});
    REQUIRE(copy.heredocs.size() == 1);
    CHECK(copy.heredocs[0].body.value == "key = value\n");
    CHECK(copy.scripts.empty());
  }
  SECTION("unterminated: a diagnostic at the marker, the body runs to the end") {
    const Parsed p("FROM x\nRUN cat <<EOF > /f\nline\nFROM y\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.at(p.result.diagnostics[0].span) == "<<EOF");
    CHECK(p.result.diagnostics[0].message ==
          "unterminated heredoc: no line \"EOF\" before the end of the file");
    REQUIRE(p.doc().instructions.size() == 2);
    CHECK(p.at(p.ins(1).heredocs.at(0).body.span) == "line\nFROM y\n");
  }
  SECTION("not in exec form or other instructions, nor inside quotes") {
    const Parsed p("FROM x\nRUN [\"echo\", \"<<EOF\"]\nRUN echo '<<EOF'\nENV A=<<EOF\nUSER app\n");
    REQUIRE(p.doc().instructions.size() == 5);
    for (std::size_t i = 1; i < 4; ++i) CHECK(p.ins(i).heredocs.empty());
  }
  SECTION("the delimiter must match exactly (trailing space does not end it)") {
    const Parsed p("FROM x\nRUN <<EOF\nEOF \nEOF\n");
    CHECK(p.ins(1).heredocs.at(0).body.value == "EOF \n");
  }
}

TEST_CASE("ONBUILD holds the fully parsed trigger", "[dockerfile-parser]") {
  const Parsed p(
      "FROM x\n"
      "ONBUILD RUN apt-get install -y curl\n"
      "onbuild COPY --chown=a <<EOF /x\nbody\nEOF\n"
      "ONBUILD ONBUILD RUN x\n"
      "ONBUILD FROM y\n");
  const Instruction& on = p.ins(1);
  CHECK(on.kind == InstructionKind::onbuild);
  CHECK(on.args.value == "RUN apt-get install -y curl");
  REQUIRE(on.onbuild.size() == 1);
  const Instruction& run = on.onbuild[0];
  CHECK(run.kind == InstructionKind::run);
  CHECK(p.at(run.keyword.span) == "RUN");
  CHECK(values(run.words) == std::vector<std::string>{"apt-get", "install", "-y", "curl"});
  CHECK(p.at(run.span) == "RUN apt-get install -y curl");
  CHECK(run.stage == 0);
  REQUIRE(run.scripts.size() == 1);
  CHECK(command_names(run.scripts[0]) == std::vector<std::string>{"apt-get"});

  const Instruction& copy = p.ins(2).onbuild.at(0);
  CHECK(copy.kind == InstructionKind::copy);
  CHECK(copy.flag("chown")->value->value == "a");
  REQUIRE(copy.heredocs.size() == 1);
  CHECK(copy.heredocs[0].body.value == "body\n");
  CHECK(p.at(p.ins(2).span) == "onbuild COPY --chown=a <<EOF /x\nbody\nEOF");

  CHECK(p.messages() ==
        std::vector<std::string>{"chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
                                 "FROM isn't allowed as an ONBUILD trigger"});
}

TEST_CASE("HEALTHCHECK type, flags and command", "[dockerfile-parser]") {
  const Parsed p(
      "FROM x\n"
      "HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1\n"
      "HEALTHCHECK none\n"
      "HEALTHCHECK CMD [\"/bin/check\"]\n"
      "HEALTHCHECK PING x\n");
  const Instruction& hc = p.ins(1);
  CHECK(hc.flag("interval")->value->value == "30s");
  CHECK(hc.words.at(0).value == "CMD");
  CHECK(hc.words.at(1).value == "curl");
  REQUIRE(hc.scripts.size() == 1);
  CHECK(p.at(hc.scripts[0].span) == "curl -f http://localhost/ || exit 1");
  CHECK(command_names(hc.scripts[0]) == std::vector<std::string>{"curl", "exit"});
  CHECK(p.ins(2).words.at(0).value == "NONE");
  CHECK(p.ins(3).exec_form);
  CHECK(values(p.ins(3).words) == std::vector<std::string>{"CMD", "/bin/check"});
  CHECK(p.messages() == std::vector<std::string>{"unknown type \"PING\" in HEALTHCHECK (try CMD)"});
}

TEST_CASE("diagnostics for what BuildKit rejects, and only that", "[dockerfile-parser]") {
  SECTION("unknown instruction") {
    const Parsed p("FROM x\nfrobnicate --now\n");
    REQUIRE(p.result.diagnostics.size() == 1);
    CHECK(p.result.diagnostics[0].message == "unknown instruction \"FROBNICATE\"");
    CHECK(p.at(p.result.diagnostics[0].span) == "frobnicate");
    CHECK(p.ins(1).kind == InstructionKind::unknown);
    CHECK(p.ins(1).keyword.value == "FROBNICATE");
  }
  SECTION("only ARG before the first FROM") {
    const Parsed p("ARG A=1\nRUN echo\nFROM x\n");
    CHECK(p.messages() ==
          std::vector<std::string>{"RUN before the first FROM: only ARG may come before it"});
    CHECK(p.at(p.result.diagnostics[0].span) == "RUN");
    CHECK(p.ins(1).stage == -1);
  }
  SECTION("FROM without an image, wrong argument counts, bad stage names") {
    const Parsed p("FROM\nFROM a b\nFROM a AS 1st\nFROM a as ok.name-1\n");
    CHECK(p.messages() ==
          std::vector<std::string>{
              "FROM requires an image", "FROM requires either one or three arguments",
              "invalid name for build stage: \"1st\", name can't start with a number or contain "
              "symbols"});
    CHECK(p.doc().stages.size() == 4);
  }
  SECTION("valid files give none") {
    const Parsed p(
        "# syntax=docker/dockerfile:1\n"
        "ARG X\n"
        "FROM a AS b\n"
        "RUN echo [ not json\n"
        "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"
        "ENV legacy form\n"
        "STOPSIGNAL SIGTERM\n"
        "VOLUME /data\n"
        "MAINTAINER me\n");
    CHECK(p.result.diagnostics.empty());
    const Parsed empty("");
    CHECK(empty.result.diagnostics.empty());
    CHECK(empty.doc().instructions.empty());
  }
}

TEST_CASE("CRLF line endings work everywhere", "[dockerfile-parser]") {
  const std::string text =
      "# syntax=docker/dockerfile:1\r\n"
      "FROM alpine:3.19 AS base\r\n"
      "ENV A=1 \\\r\n"
      "    B=2\r\n"
      "RUN <<EOF\r\n"
      "echo hi\r\n"
      "EOF\r\n"
      "USER app\r\n";
  const Parsed p(text);
  CHECK(p.result.diagnostics.empty());
  REQUIRE(p.doc().instructions.size() == 4);
  CHECK(p.doc().directives.at(0).value.value == "docker/dockerfile:1");
  CHECK(p.doc().stages.at(0).name->value == "base");
  CHECK(p.doc().stages.at(0).image.tag == "3.19");
  const auto& env = p.ins(1).pairs;
  REQUIRE(env.size() == 2);
  CHECK(env[1].value->value == "2");
  CHECK(p.ins(1).args.value == "A=1     B=2");
  const auto& h = p.ins(2).heredocs.at(0);
  CHECK(h.delimiter.value == "EOF");
  CHECK(h.body.value == "echo hi\n");
  CHECK(p.at(h.body.span) == "echo hi\r\n");
  CHECK(p.ins(3).user->user.value == "app");
  CHECK(p.at(p.ins(3).span) == "USER app");
}

TEST_CASE("RUN scripts map to source spans", "[dockerfile-parser]") {
  // The shell parser landed (parsers/shell); these check the offsets the Dockerfile parser
  // hands it.
  REQUIRE_FALSE(lintel::parsers::parse_shell("true").commands.empty());

  SECTION("across a continuation with a comment line") {
    const std::string text =
        "FROM debian\n"
        "RUN apt-get update && \\\n"
        "    # install the tools\n"
        "    apt-get install -y \\\n"
        "      curl\n";
    const Parsed p(text);
    const Instruction& run = p.ins(1);
    REQUIRE(run.scripts.size() == 1);
    const ShellScript& s = run.scripts[0];
    CHECK(s.errors.empty());
    REQUIRE(s.commands.size() == 2);
    CHECK(p.at(s.commands[0].name.span) == "apt-get");
    CHECK(s.commands[0].args.at(0).value == "update");
    CHECK(p.at(s.commands[1].name.span) == "apt-get");
    REQUIRE(s.commands[1].args.size() == 3);
    CHECK(s.commands[1].args[2].value == "curl");
    CHECK(p.at(s.commands[1].args[2].span) == "curl");
    CHECK(p.at(s.commands[1].args[1].span) == "-y");
  }
  SECTION("with a backtick escape") {
    const Parsed p("# escape=`\nFROM x\nRUN echo a `\n  && echo b\n");
    const ShellScript& s = p.ins(1).scripts.at(0);
    CHECK(s.errors.empty());
    REQUIRE(s.commands.size() == 2);
    CHECK(p.at(s.commands[1].args.at(0).span) == "b");
  }
  SECTION("CMD and ENTRYPOINT in shell form; CRLF") {
    const Parsed p(
        "FROM x\r\nCMD gunicorn app:app \\\r\n  --bind 0.0.0.0:80\r\nENTRYPOINT exec run\r\n");
    const ShellScript& cmd = p.ins(1).scripts.at(0);
    CHECK(cmd.errors.empty());
    REQUIRE(cmd.commands.size() == 1);
    CHECK(p.at(cmd.commands[0].args.back().span) == "0.0.0.0:80");
    CHECK(command_names(p.ins(2).scripts.at(0)) == std::vector<std::string>{"exec"});
  }
  SECTION("exec form sh -c: exact offsets, or pinned to the literal when escaped") {
    const Parsed p(
        "FROM x\n"
        "RUN [\"/bin/sh\", \"-ec\", \"apt-get update | tee log\"]\n"
        "RUN [\"bash\", \"-o\", \"pipefail\", \"-c\", \"echo \\\"hi\\\"\"]\n"
        "RUN [\"python\", \"-c\", \"print(1)\"]\n");
    const ShellScript& exact = p.ins(1).scripts.at(0);
    REQUIRE(exact.commands.size() == 2);
    CHECK(p.at(exact.commands[0].name.span) == "apt-get");
    CHECK(p.at(exact.commands[1].name.span) == "tee");
    const ShellScript& pinned = p.ins(2).scripts.at(0);
    REQUIRE(pinned.commands.size() == 1);
    CHECK(pinned.commands[0].name.value == "echo");
    CHECK(p.at(pinned.commands[0].name.span) == "\"echo \\\"hi\\\"\"");
    // No shell -c: the strings are one command (see the exec-form RUN test case).
    CHECK(command_names(p.ins(3).scripts.at(0)) == std::vector<std::string>{"python"});
  }
  SECTION("heredoc bodies: scripts when the shell runs them, data otherwise") {
    const std::string text =
        "FROM x\n"
        "RUN <<EOF\n"
        "set -e\n"
        "pip install flask\n"
        "EOF\n"
        "RUN python3 <<EOF\n"
        "import os\n"
        "EOF\n"
        "RUN <<EOF\n"
        "#!/usr/bin/env python3\n"
        "print('x')\n"
        "EOF\n"
        "RUN bash -e -o pipefail <<'EOF'\n"
        "\tapk add curl\n"
        "EOF\n";
    const Parsed p(text);
    CHECK(p.result.diagnostics.empty());
    const Instruction& plain = p.ins(1);
    REQUIRE(plain.scripts.size() == 2);
    CHECK(plain.scripts[0].commands.empty());
    CHECK(p.at(plain.scripts[0].span) == "<<EOF");
    CHECK(p.at(plain.scripts[1].span) == "set -e\npip install flask\n");
    CHECK(command_names(plain.scripts[1]) == std::vector<std::string>{"set", "pip"});
    CHECK(p.at(plain.scripts[1].commands[1].args.at(1).span) == "flask");
    REQUIRE(p.ins(2).scripts.size() == 2);
    CHECK(command_names(p.ins(2).scripts[0]) == std::vector<std::string>{"python3"});
    CHECK(p.ins(2).scripts[1].commands.empty());
    CHECK(p.at(p.ins(2).scripts[1].span) == "import os\n");
    REQUIRE(p.ins(3).scripts.size() == 2);
    CHECK(p.ins(3).scripts[1].commands.empty());
    REQUIRE(p.ins(4).scripts.size() == 2);
    CHECK(command_names(p.ins(4).scripts[1]) == std::vector<std::string>{"apk"});
    CHECK(p.at(p.ins(4).scripts[1].commands[0].args.at(1).span) == "curl");
  }
  SECTION("several heredocs and piped heredocs: the command line without the markers") {
    const std::string text =
        "FROM x\n"
        "RUN <<A <<B\n"
        "echo a\n"
        "A\n"
        "echo b\n"
        "B\n"
        "RUN cat <<EOF | sh && echo done\n"
        "apt-get install x\n"
        "EOF\n"
        "RUN <<EOF cat >/etc/motd\n"
        "hello\n"
        "EOF\n";
    const Parsed p(text);
    CHECK(p.result.diagnostics.empty());
    const Instruction& two = p.ins(1);
    REQUIRE(two.scripts.size() == 3);
    CHECK(two.scripts[0].commands.empty());  // BuildKit runs nothing here: no command
    CHECK(two.scripts[1].commands.empty());  // the bodies are stdin of nothing
    CHECK(two.scripts[2].commands.empty());
    const Instruction& piped = p.ins(2);
    REQUIRE(piped.scripts.size() == 2);
    const ShellScript& line = piped.scripts[0];
    CHECK(line.errors.empty());
    CHECK(command_names(line) == std::vector<std::string>{"cat", "sh", "echo"});
    REQUIRE_FALSE(line.pipelines.empty());
    CHECK(line.pipelines[0].has_pipe());
    CHECK(p.at(line.commands[1].name.span) == "sh");
    // cat passes the body to sh's stdin: it is sh's script.
    CHECK(command_names(piped.scripts[1]) == std::vector<std::string>{"apt-get"});
    const Instruction& first = p.ins(3);
    CHECK(command_names(first.scripts.at(0)) == std::vector<std::string>{"cat"});
    CHECK(p.at(first.scripts[0].commands[0].name.span) == "cat");
  }
  SECTION("a non-POSIX SHELL turns script parsing off for its stage") {
    const Parsed p(
        "FROM x AS win\n"
        "SHELL [\"pwsh\", \"-Command\"]\n"
        "RUN Get-ChildItem | Select-Object Name\n"
        "FROM win\n"
        "RUN echo still pwsh\n"
        "FROM y\n"
        "RUN echo sh\n");
    REQUIRE(p.ins(2).scripts.size() == 1);
    CHECK(p.ins(2).scripts[0].commands.empty());
    CHECK(p.at(p.ins(2).scripts[0].span) == "Get-ChildItem | Select-Object Name");
    CHECK(p.ins(4).scripts.at(0).commands.empty());
    CHECK(command_names(p.ins(6).scripts.at(0)) == std::vector<std::string>{"echo"});
  }
}

TEST_CASE("any byte sequence parses without throwing, crashing or hanging", "[dockerfile-parser]") {
  std::vector<std::string> inputs = {
      std::string("FROM a\0b\nRUN \0\n", 14),
      "\xFF\xFE\xC3(FROM \xE2\x82 x\n\xF0\x9F\x98\x80 RUN y\n",
      "FROM x\rRUN y\rUSER z",
      "\\\n\\\n\\",
      "RUN <<",
      "RUN <<\"\"\nRUN <<-\n",
      "FROM x\nRUN <<A <<B <<C\n",
      "FROM ${\nFROM ${A:-${B:-${C\nFROM $\nENV A=${X/\nUSER ${:}\n",
      "CMD [\"\\ud800\", \"\\u12\"]\nCMD [\"\\uD83D\\uDE00\"]\n",
      "FROM x\nEXPOSE -/ / 1-2-3 /udp $\n",
      "FROM x\nHEALTHCHECK\nHEALTHCHECK CMD\nONBUILD\nUSER\nARG\n",
      "FROM x\nCOPY --\nCOPY --a=\"unterminated\nRUN --=x --\n",
  };
  std::string deep_json = "FROM x\nCMD ";
  deep_json.append(100000, '[');
  inputs.push_back(deep_json);
  std::string deep_vars = "FROM x\nWORKDIR ";
  for (int i = 0; i < 20000; ++i) deep_vars += "${A:-";
  inputs.push_back(deep_vars);
  std::string onbuilds = "FROM x\n";
  for (int i = 0; i < 20000; ++i) onbuilds += "ONBUILD ";
  inputs.push_back(onbuilds + "RUN x\n");
  inputs.push_back("FROM x\nRUN " + std::string(1 << 20, 'a') + "\n");
  std::string continued = "FROM x\nRUN a";
  for (int i = 0; i < 50000; ++i) continued += " \\\n# c\n b";
  inputs.push_back(continued);
  std::string glob = "ARG V=" + std::string(200, 'a') + "\nFROM x\nARG V\nWORKDIR ";
  for (int i = 0; i < 200; ++i) glob += "${V//*a*a*a*b/x}${V%%*a*a*b}";
  inputs.push_back(glob);
  std::mt19937 rng(1234);
  const std::string alphabet = "FROMRUN<<EOF-\\`\"'$[]{}:=,# \t\r\n\x01\xC3\xA9\xFF";
  for (int n = 0; n < 200; ++n) {
    std::string s;
    const std::size_t len = rng() % 300;
    for (std::size_t i = 0; i < len; ++i) s += alphabet[rng() % alphabet.size()];
    inputs.push_back(s);
  }
  // No timing is asserted: a hang or a quadratic path hits the ctest timeout instead.
  for (const std::string& input : inputs) {
    const Parsed p(input);
    for (const auto& d : p.result.diagnostics) {
      CHECK(d.span.begin <= d.span.end);
      CHECK(d.span.end <= input.size());
      CHECK(is_valid_utf8(d.message));
      CHECK(d.message.size() < 200);
    }
    for (const Instruction& ins : p.doc().instructions) {
      CHECK(ins.span.begin <= ins.span.end);
      CHECK(ins.span.end <= input.size());
      CHECK(ins.span.contains(ins.keyword.span));
    }
  }
}

TEST_CASE("a 100 KB Dockerfile parses completely", "[dockerfile-parser]") {
  std::string text = "# syntax=docker/dockerfile:1\nARG BASE=alpine:3.19\nFROM $BASE AS build\n";
  for (int i = 0; text.size() < 100 * 1024; ++i) {
    text += "ENV VAR_" + std::to_string(i) + "=\"value " + std::to_string(i) + "\" OTHER=$VAR_1\n";
    text += "COPY --chown=app:app src/file" + std::to_string(i) + ".txt /app/ \n";
    text += "LABEL a.b.c=\"d\" \\\n  # comment\n  e=f\n";
    text += "EXPOSE 80/tcp 443\n";
  }
  const lintel::SourceFile file("Dockerfile", text);
  // Speed is measured by bench/, never asserted here; a quadratic path hits the ctest timeout.
  const auto result = lintel::parsers::parse_dockerfile(file);
  CHECK(result.diagnostics.empty());
  CHECK(result.doc.instructions.size() > 1000);
  CHECK(result.doc.instructions.back().span.end > text.size() - 20);
}

TEST_CASE("exec-form RUN without a shell is a script of one command", "[dockerfile-parser]") {
  SECTION("the JSON strings are the command's words, spans the string literals") {
    const Parsed p("FROM x\nRUN [\"apt-get\", \"install\", \"-y\", \"curl\"]\n");
    const Instruction& run = p.ins(1);
    REQUIRE(run.scripts.size() == 1);
    const ShellScript& s = run.scripts[0];
    REQUIRE(s.commands.size() == 1);
    const auto& cmd = s.commands[0];
    CHECK(cmd.name.value == "apt-get");
    CHECK(p.at(cmd.name.span) == "\"apt-get\"");
    REQUIRE(cmd.args.size() == 3);
    CHECK(cmd.args[2].value == "curl");
    CHECK(p.at(cmd.args[2].span) == "\"curl\"");
    for (const auto& w : cmd.args) CHECK(w.is_literal);
    CHECK(cmd.depth == 0);
    CHECK(p.at(cmd.span) == "\"apt-get\", \"install\", \"-y\", \"curl\"");
    REQUIRE(s.pipelines.size() == 1);
    CHECK(s.pipelines[0].commands == std::vector<std::uint32_t>{0});
    CHECK_FALSE(s.pipelines[0].has_pipe());
    CHECK(s.errors.empty());
  }
  SECTION("JSON escapes are decoded in the words, spans stay on the literals") {
    const Parsed p("FROM x\nRUN [\"echo\", \"a\\\"b\", \"$HOME\"]\n");
    const auto& cmd = p.ins(1).scripts.at(0).commands.at(0);
    REQUIRE(cmd.args.size() == 2);
    CHECK(cmd.args[0].value == "a\"b");
    CHECK(p.at(cmd.args[0].span) == "\"a\\\"b\"");
    CHECK(cmd.args[1].value == "$HOME");  // no shell: no expansion
    CHECK(cmd.args[1].is_literal);
  }
  SECTION("a wrapped shell's -c string is parsed into nested commands") {
    const Parsed p("FROM x\nRUN [\"sudo\", \"-E\", \"sh\", \"-c\", \"apt-get update | tee l\"]\n");
    const ShellScript& s = p.ins(1).scripts.at(0);
    CHECK(command_names(s) == std::vector<std::string>{"sudo", "apt-get", "tee"});
    REQUIRE(s.commands.size() == 3);
    CHECK(s.commands[1].depth == 1);
    CHECK(p.at(s.commands[1].span) == "apt-get update");
    CHECK(p.at(s.commands[2].args.at(0).span) == "l");
    REQUIRE(s.pipelines.size() == 2);
    CHECK(s.pipelines[1].has_pipe());
    CHECK(s.commands[2].pipe_position == 1);
  }
  SECTION("sh -c keeps its behaviour; CMD and ENTRYPOINT get no command script; [] is empty") {
    const Parsed p(
        "FROM x\n"
        "RUN [\"/bin/sh\", \"-c\", \"a && b\"]\n"
        "CMD [\"nginx\", \"-g\", \"daemon off;\"]\n"
        "ENTRYPOINT [\"tini\", \"--\"]\n"
        "RUN []\n"
        "ONBUILD RUN [\"make\", \"install\"]\n");
    CHECK(command_names(p.ins(1).scripts.at(0)) == std::vector<std::string>{"a", "b"});
    CHECK(p.ins(2).scripts.empty());
    CHECK(p.ins(3).scripts.empty());
    REQUIRE(p.ins(4).scripts.size() == 1);
    CHECK(p.ins(4).scripts[0].commands.empty());
    REQUIRE(p.ins(5).onbuild.size() == 1);
    CHECK(command_names(p.ins(5).onbuild[0].scripts.at(0)) == std::vector<std::string>{"make"});
  }
  SECTION("a non-POSIX SHELL does not apply to exec form") {
    const Parsed p("FROM x\nSHELL [\"pwsh\", \"-c\"]\nRUN [\"sudo\", \"id\"]\n");
    CHECK(command_names(p.ins(2).scripts.at(0)) == std::vector<std::string>{"sudo"});
  }
}

TEST_CASE("heredocs fed to a shell's stdin are scripts", "[dockerfile-parser]") {
  const auto body_commands = [](const Parsed& p, std::size_t i) {
    const Instruction& run = p.ins(i);
    REQUIRE(run.scripts.size() == 2);
    return command_names(run.scripts[1]);
  };
  using Names = std::vector<std::string>;
  const Parsed p(
      "FROM x\n"
      "RUN cat <<EOF | sh\napt-get update\nEOF\n"             // 1: piped to a shell
      "RUN cat <<EOF | sudo -E bash -s\napk add x\nEOF\n"    // 2: through a wrapper
      "RUN sudo bash <<EOF\npip install y\nEOF\n"            // 3: a wrapped shell
      "RUN bash -s -- a b <<EOF\nnpm ci\nEOF\n"              // 4: -s with arguments
      "RUN sh -eo pipefail <<EOF\nmake\nEOF\n"               // 5: options with a value
      "RUN cat <<EOF | python3\nprint(1)\nEOF\n"             // 6: another interpreter
      "RUN cat <<EOF > /etc/x.conf\nk = v\nEOF\n"            // 7: data for a file
      "RUN bash -c 'cat > /f' <<EOF\nrm -rf /\nEOF\n"        // 8: stdin of a -c script
      "RUN cat /etc/header - <<EOF | sh\nls\nEOF\n"          // 9: cat of a file too
      "RUN bash script.sh <<EOF\nyes\nEOF\n"                 // 10: a script file reads stdin
      "RUN tee /x <<EOF | sh\nid\nEOF\n"                    // 11: not a bare cat
      "RUN <<EOF sh -e\nuname\nEOF\n"                        // 12: the marker first
      "RUN echo start && <<EOF bash\ndate\nEOF\n"            // 13: after an operator
      "RUN cat \\\n  # a comment line\n  <<EOF | sh\nhostname\nEOF\n"  // 14: continued
      "RUN echo <<EOF && sh\nwhoami\nEOF\n");                // 15: stdin of echo
  CHECK(p.result.diagnostics.empty());
  CHECK(body_commands(p, 1) == Names{"apt-get"});
  CHECK(body_commands(p, 2) == Names{"apk"});
  CHECK(body_commands(p, 3) == Names{"pip"});
  CHECK(body_commands(p, 4) == Names{"npm"});
  CHECK(body_commands(p, 5) == Names{"make"});
  for (std::size_t i = 6; i <= 11; ++i) {
    INFO("instruction " << i);
    CHECK(body_commands(p, i).empty());
  }
  CHECK(body_commands(p, 12) == Names{"uname"});
  CHECK(body_commands(p, 13) == Names{"date"});
  CHECK(body_commands(p, 14) == Names{"hostname"});
  CHECK(body_commands(p, 15).empty());
  // The body script's spans are source spans.
  CHECK(p.at(p.ins(1).scripts[1].commands.at(0).args.at(0).span) == "update");
}

TEST_CASE("COPY --from and RUN --mount from= images", "[dockerfile-parser]") {
  SECTION("an image reference is split and spanned; stage names and indexes are not images") {
    const Parsed p(
        "FROM alpine:3.20 AS build\n"
        "FROM alpine:3.20\n"
        "COPY --from=quay.io/coreos/etcd:v3.5 /etcd /etcd\n"
        "COPY --from=build /x /y\n"
        "COPY --from=0 /x /y\n"
        "COPY --from=nginx@sha256:0123 /x /y\n"
        "COPY /a /b\n"
        "ADD --chown=1:1 a b\n");
    const Instruction& etcd = p.ins(2);
    REQUIRE(etcd.from_image);
    CHECK(etcd.from_image->text.value == "quay.io/coreos/etcd:v3.5");
    CHECK(p.at(etcd.from_image->text.span) == "quay.io/coreos/etcd:v3.5");
    CHECK(etcd.from_image->resolved == "quay.io/coreos/etcd:v3.5");
    CHECK(etcd.from_image->registry == "quay.io");
    CHECK(etcd.from_image->name == "coreos/etcd");
    CHECK(etcd.from_image->tag == std::optional<std::string>("v3.5"));
    CHECK_FALSE(etcd.from_image->unresolved);
    CHECK(etcd.from_image->stage_ref == -1);
    CHECK_FALSE(p.ins(3).from_image);
    CHECK_FALSE(p.ins(4).from_image);
    REQUIRE(p.ins(5).from_image);
    CHECK(p.ins(5).from_image->name == "nginx");
    CHECK(p.ins(5).from_image->digest == std::optional<std::string>("sha256:0123"));
    CHECK(p.ins(5).from_image->registry.empty());
    CHECK_FALSE(p.ins(6).from_image);
    CHECK_FALSE(p.ins(7).from_image);
  }
  SECTION("values are resolved with the stage's ARGs; unknown variables stay unresolved") {
    const Parsed p(
        "ARG GLOBAL=ignored.io\n"
        "FROM alpine:3.20\n"
        "ARG REG=ghcr.io\n"
        "COPY --from=${REG}/org/app:1 /x /y\n"
        "COPY --from=$MISSING/app:1 /x /y\n"
        "COPY --from=${GLOBAL}/app:1 /x /y\n");
    const auto& resolved = p.ins(3).from_image;
    REQUIRE(resolved);
    CHECK(resolved->text.value == "${REG}/org/app:1");
    CHECK(resolved->resolved == "ghcr.io/org/app:1");
    CHECK(resolved->registry == "ghcr.io");
    CHECK_FALSE(resolved->unresolved);
    REQUIRE(p.ins(4).from_image);
    CHECK(p.ins(4).from_image->unresolved);
    REQUIRE(p.ins(5).from_image);  // a global ARG not redeclared in the stage is not visible
    CHECK(p.ins(5).from_image->unresolved);
  }
  SECTION("RUN --mount from= values, one per mount, spanned to the value") {
    const Parsed p(
        "FROM alpine:3.20 AS build\n"
        "RUN --mount=type=bind,from=gcr.io/distroless/base:latest,target=/d "
        "--mount=type=cache,target=/c --mount=type=bind,FROM=build,target=/b "
        "--mount=from=docker.io/library/busybox:1,target=/e ls\n"
        "RUN --mount=\"type=bind,from=quay.io/a/b:1\" ls\n"
        "ONBUILD COPY --from=mcr.microsoft.com/dotnet/sdk:8.0 /d /d\n");
    const Instruction& run = p.ins(1);
    CHECK_FALSE(run.from_image);
    REQUIRE(run.mount_images.size() == 2);
    CHECK(run.mount_images[0].resolved == "gcr.io/distroless/base:latest");
    CHECK(p.at(run.mount_images[0].text.span) == "gcr.io/distroless/base:latest");
    CHECK(run.mount_images[0].registry == "gcr.io");
    CHECK(run.mount_images[1].registry == "docker.io");
    CHECK(p.at(run.mount_images[1].text.span) == "docker.io/library/busybox:1");
    // Quotes make the value's bytes differ from the source: the span is the whole value.
    REQUIRE(p.ins(2).mount_images.size() == 1);
    CHECK(p.ins(2).mount_images[0].registry == "quay.io");
    CHECK(p.at(p.ins(2).mount_images[0].text.span) == "\"type=bind,from=quay.io/a/b:1\"");
    const Instruction& onbuild = p.ins(3);
    REQUIRE(onbuild.onbuild.size() == 1);
    REQUIRE(onbuild.onbuild[0].from_image);
    CHECK(onbuild.onbuild[0].from_image->registry == "mcr.microsoft.com");
  }
}

// ---- fast paths against the general ones ----------------------------------------------------
// The parser skips work when it can tell the result in advance: a word with no quote or escape
// is its own unquoted value, spans come from a forward cursor, a script that needs no rewriting is
// parsed from a view of the source. Each shortcut is checked here against the general path.

namespace df = lintel::parsers::dockerfile;

bool same_expansion(const df::Expansion& a, const df::Expansion& b) {
  return a.text == b.text && a.unresolved == b.unresolved && a.has_variable == b.has_variable;
}

// Random words over the characters the expander and the splitter treat specially.
std::string random_text(std::mt19937& rng, std::size_t max_size) {
  static constexpr std::string_view kAlphabet = "ab_1$$${}}:-+?#%/*'\"\\` \t\n";
  std::uniform_int_distribution<std::size_t> size(0, max_size);
  std::uniform_int_distribution<std::size_t> pick(0, kAlphabet.size() - 1);
  std::string out(size(rng), ' ');
  for (char& c : out) c = kAlphabet[pick(rng)];
  return out;
}

TEST_CASE("fast paths: words without quotes or escapes are their own unquoted value",
          "[dockerfile-parser]") {
  std::mt19937 rng(20260130);
  const df::VarMap env = {{"a", {"A", true}}, {"b", {"", true}}, {"u", {"", false}}};
  const df::Vars vars{&env, nullptr};
  for (int i = 0; i < 4000; ++i) {
    // Long enough for the 16-byte scans of the splitter and the expander to take several steps.
    const std::string text = random_text(rng, i % 4 == 0 ? 80 : 24);
    for (const char escape : {'\\', '`'}) {
      INFO("text: " << text << " escape: " << escape);
      std::vector<df::RawWord> words;
      df::split_raw_words(text, escape, words);
      const std::vector<df::Range> ranges = df::split_raw_words(text, escape);
      REQUIRE(words.size() == ranges.size());
      for (std::size_t k = 0; k < words.size(); ++k) {
        CHECK(words[k].range.begin == ranges[k].begin);
        CHECK(words[k].range.end == ranges[k].end);
        const std::string_view word = words[k].range.of(text);
        const std::string slow = df::expand_full(word, escape, df::Quotes::remove, nullptr).text;
        CHECK(df::unquote(word, escape) == slow);
        if (words[k].quoted) {
          CHECK(df::unquote_quoted(word, escape) == slow);
        } else {
          CHECK(slow == word);  // what set_words relies on
        }
      }
      for (const df::Quotes quotes : {df::Quotes::keep, df::Quotes::remove}) {
        for (const df::Vars* v : {static_cast<const df::Vars*>(nullptr), &vars}) {
          CHECK(same_expansion(df::expand(text, escape, quotes, v),
                               df::expand_full(text, escape, quotes, v)));
        }
      }
    }
  }
}

TEST_CASE("fast paths: the expander's 16-byte runs stop where the byte loop stops",
          "[dockerfile-parser]") {
  const df::VarMap env = {{"X", {"x", true}}, {"EMPTY", {"", true}}};
  const df::Vars vars{&env, nullptr};
  const std::string pad(20, 'p');
  // Each case puts the special character before, inside and after a 16-byte block.
  for (const std::string core :
       {"${X:-d}", "${NOPE:-\"a b\"}", "${X/x/'y'}", "${X%%x}", "'$X'", "\"$X\"", "\\$X",
        "${EMPTY:+set}", "`$X", "${X:-${NOPE:-z}}"}) {
    for (std::size_t at = 0; at <= pad.size(); at += 3) {
      const std::string text = pad.substr(0, at) + core + pad.substr(at) + core;
      for (const char escape : {'\\', '`'}) {
        for (const df::Quotes quotes : {df::Quotes::keep, df::Quotes::remove}) {
          INFO("text: " << text << " escape: " << escape);
          CHECK(same_expansion(df::expand(text, escape, quotes, &vars),
                               df::expand_full(text, escape, quotes, &vars)));
        }
      }
    }
  }
  // A spot check of the general path itself, across a 16-byte boundary.
  const df::Expansion e =
      df::expand(pad + "\"${X}-$NOPE\"" + pad + "${NOPE:-d}", '\\', df::Quotes::remove, &vars);
  CHECK(e.text == pad + "x-$NOPE" + pad + "d");
  CHECK(e.unresolved);
}

TEST_CASE("fast paths: the span cursor agrees with source_span", "[dockerfile-parser]") {
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    // Pieces of a logical line at increasing source offsets, as continuation lines are.
    const std::string source(400, 'x');
    df::LogicalLine line;
    line.reset(5);
    std::uniform_int_distribution<std::uint32_t> piece(0, 12);
    std::uint32_t at = 5;
    for (int k = i % 5; k > 0; --k) {
      const std::uint32_t size = piece(rng);
      line.append(std::string_view(source).substr(at, size), at);
      at += size + piece(rng) + 1;
    }
    const auto n = static_cast<std::uint32_t>(line.text().size());
    df::LogicalLine::Cursor cursor = line.cursor();
    std::uniform_int_distribution<std::uint32_t> step(0, 3);
    for (std::uint32_t b = step(rng); b <= n; b += step(rng) + 1) {
      const std::uint32_t e = std::min(n, b + step(rng));
      const Span expected = line.source_span(b, e);
      const Span got = cursor.span(b, e);
      CHECK(got.begin == expected.begin);
      CHECK(got.end == expected.end);
      b = std::max(b, e);
    }
  }
}

// The commands of a script with their words and spans, to compare two parses.
std::vector<std::string> script_summary(const ShellScript& script) {
  std::vector<std::string> out;
  const auto word = [](const lintel::model::ShellWord& w) {
    return w.value + "@" + std::to_string(w.span.begin) + "-" + std::to_string(w.span.end);
  };
  for (const auto& c : script.commands) {
    std::string line = word(c.name);
    for (const auto& a : c.args) line += " " + word(a);
    out.push_back(line);
  }
  out.push_back("span " + std::to_string(script.span.begin) + "-" + std::to_string(script.span.end));
  return out;
}

TEST_CASE("fast paths: a script parsed from a view of the source is the rewritten text's",
          "[dockerfile-parser]") {
  const std::vector<Span> none;
  const std::string source = "RUN a && b 'c d'\r\nRUN e \\\n  # note\n  f\n";
  const Span one_line{4, 16};
  CHECK(df::is_shell_text_verbatim(source, one_line, none));
  CHECK(df::shell_text(source, one_line, none) == source.substr(4, 12));
  // A CR before the newline, or a line continuation inside the range, needs the rewrite.
  CHECK_FALSE(df::is_shell_text_verbatim(source, {4, 17}, none));
  const Span joined{22, static_cast<std::uint32_t>(source.size() - 1)};
  const std::vector<Span> joins = {{24, 37}};
  CHECK_FALSE(df::is_shell_text_verbatim(source, joined, joins));
  CHECK(df::is_shell_text_verbatim(source, {22, 24}, joins));  // the join lies outside
  CHECK_FALSE(df::is_shell_text_verbatim(source, {4, 1000}, none));

  // Whole Dockerfiles: every script equals a parse of shell_text() over its span.
  const Parsed p(
      "FROM alpine:3.20\n"
      "RUN apk add --no-cache curl && echo \"$HOME\" 'x y'\n"
      "RUN set -e; \\\n"
      "    # a comment line inside the continuation\n"
      "    make \\\n"
      "\n"
      "    install\n"
      "CMD nginx -g 'daemon off;'\r\n"
      "ONBUILD RUN echo ${a:-b} ${c-d}\n"
      "HEALTHCHECK CMD curl -f http://localhost/ || exit 1\n");
  REQUIRE(p.doc().instructions.size() == 6);
  for (std::size_t i = 1; i < p.doc().instructions.size(); ++i) {
    const Instruction& ins = p.ins(i);
    const Instruction& target = ins.onbuild.empty() ? ins : ins.onbuild[0];
    REQUIRE(target.scripts.size() == 1);
    const Span span = target.scripts[0].span;
    INFO("instruction " << i);
    // One physical line: no joins, so the parser took the view unless a CR needed rewriting.
    if (p.at(span).find('\n') != std::string_view::npos) continue;
    CHECK(script_summary(target.scripts[0]) ==
          script_summary(lintel::parsers::parse_shell(df::shell_text(p.file.text(), span, {}),
                                                      span.begin)));
  }
  CHECK(command_names(p.ins(2).scripts[0]) == std::vector<std::string>{"set", "make"});
  CHECK(p.at(p.ins(2).scripts[0].commands[1].args[0].span) == "install");
}

// For shell-form instructions, the words are the raw words of `args` unquoted by the general
// path, spanning their first and last bytes in the source.
void check_words_against_general_path(const Parsed& p, const Instruction& ins, char escape) {
  if (ins.exec_form || ins.kind == InstructionKind::healthcheck) return;
  const std::vector<df::Range> raw = df::split_raw_words(ins.args.value, escape);
  REQUIRE(raw.size() == ins.words.size());
  std::uint32_t previous_end = 0;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    const std::string_view text = raw[k].of(ins.args.value);
    INFO("word " << text);
    CHECK(ins.words[k].value ==
          df::expand_full(text, escape, df::Quotes::remove, nullptr).text);
    const std::string_view spanned = p.at(ins.words[k].span);
    REQUIRE_FALSE(spanned.empty());
    CHECK(spanned.front() == text.front());
    CHECK(spanned.back() == text.back());
    CHECK(ins.words[k].span.begin >= previous_end);
    previous_end = ins.words[k].span.end;
  }
}

TEST_CASE("fast paths: shell-form words match the general path", "[dockerfile-parser]") {
  SECTION("backslash escape, continuations with comments, heredocs, ONBUILD, variables") {
    const Parsed p(
        "FROM alpine:3.20\n"
        "RUN apk add \\\n"
        "  # pinned below\n"
        "  curl=8.5.0-r0 \"a b\"c 'd e' f\\ g \\\n"
        "  ${a:-b} ${c-\"d e\"} $HOME\n"
        "COPY <<EOF /etc/app.conf\n"
        "x=1\n"
        "EOF\n"
        "RUN <<'EOT' sh -e\n"
        "echo $x\n"
        "EOT\n"
        "ONBUILD RUN echo \"on build\" ${x:-y}\n"
        "ENV A=1 B=\"two words\" C=${A:-z}\n"
        "LABEL version=\"1.0\" description='a b'\n");
    CHECK(p.result.diagnostics.empty());
    for (const Instruction& ins : p.doc().instructions) {
      check_words_against_general_path(p, ins, '\\');
      for (const Instruction& inner : ins.onbuild) check_words_against_general_path(p, inner, '\\');
    }
    CHECK(values(p.ins(1).words) ==
          std::vector<std::string>{"apk", "add", "curl=8.5.0-r0", "a bc", "d e", "f g", "${a:-b}",
                                   "${c-\"d e\"}", "$HOME"});
    CHECK(p.at(p.ins(1).words[3].span) == "\"a b\"c");
    CHECK(p.ins(1).expanded.find("b") != std::string::npos);
  }
  SECTION("backtick escape") {
    const Parsed p(
        "# escape=`\n"
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
        "RUN Write-Host `\n"
        "  # comment`\n"
        "  C:\\path\\to `\"quoted`\" 'single' plain`` end\n"
        "COPY C:\\src\\app C:\\app\\\n");
    for (const Instruction& ins : p.doc().instructions) check_words_against_general_path(p, ins, '`');
    CHECK(values(p.ins(2).words) == std::vector<std::string>{"C:\\src\\app", "C:\\app\\"});
  }
  SECTION("exec form keeps the JSON strings") {
    const Parsed p("FROM alpine\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\nRUN [\"a\\u0041\"]\n");
    CHECK(values(p.ins(1).words) == std::vector<std::string>{"nginx", "-g", "daemon off;"});
    CHECK(values(p.ins(2).words) == std::vector<std::string>{"aA"});
    CHECK(p.ins(1).expanded == p.ins(1).args.value);
  }
}

TEST_CASE("fast paths: expanded equals the general expansion", "[dockerfile-parser]") {
  // No ARG or ENV: every lookup fails, as with empty maps.
  const std::string text =
      "FROM alpine\n"
      "RUN echo ${a:-b} ${c-d} '$e' \"$f\" \\$g ${h:+i} $$ plain words \\\n"
      "  and more ${j:?k} \"${l}\"\n"
      "WORKDIR /app\n";
  const Parsed p(text);
  const df::VarMap empty;
  const df::Vars vars{&empty, &empty};
  for (std::size_t i = 1; i < p.doc().instructions.size(); ++i) {
    const Instruction& ins = p.ins(i);
    const df::Expansion e = df::expand_full(ins.args.value, '\\', df::Quotes::keep, &vars);
    CHECK(ins.expanded == e.text);
    CHECK(ins.unresolved == e.unresolved);
  }
  CHECK(p.ins(1).expanded.starts_with("echo b d '$e'"));
}

}  // namespace t_dockerfile_parser_test
