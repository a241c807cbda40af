// Inline suppressions: lintel's own comments and the peer tools' pragmas, applied by the engine
// after the rules ran. The rules here are test doubles that report every "BAD" word (and
// "SECRET" for the SEC rule), so each case can place findings exactly where it needs them.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analyzer/engine/engine.hpp"
#include "rules/registry.hpp"

namespace t_suppressions_test {

using namespace lintel;

void report_word(const Document& doc, Reporter& out, std::string_view word) {
  const std::string_view text = doc.source.text();
  for (auto at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1))
    out.report(Span{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + word.size())},
               fmt::format("found {}", word));
}
void report_bad(const Document& doc, const RuleContext&, Reporter& out) { report_word(doc, out, "BAD"); }
void report_worse(const Document& doc, const RuleContext&, Reporter& out) { report_word(doc, out, "WORSE"); }
void report_secret(const Document& doc, const RuleContext&, Reporter& out) { report_word(doc, out, "SECRET"); }

constexpr PeerId kDcPeers[] = {{"dclint", "no-bad"}};
constexpr PeerId kDfPeers[] = {{"hadolint", "DL3007"}, {"checkov", "CKV_DOCKER_7"},
                               {"trivy", "DS-0001"}, {"kics", "965a08d7"}};
constexpr PeerId kDfWorsePeers[] = {{"hadolint", "DL3008"}};
constexpr PeerId kGhaPeers[] = {{"zizmor", "template-injection"}};
constexpr PeerId kTfPeers[] = {{"checkov", "CKV_AWS_20"}, {"tflint", "terraform_bad"},
                               {"trivy", "AWS-0086"}};

const Rule kDc{.meta = {.id = "DC900", .slug = "compose-bad", .format = Format::compose, .peers = kDcPeers},
               .check = report_bad};
const Rule kDf{.meta = {.id = "DF900", .slug = "docker-bad", .format = Format::dockerfile, .peers = kDfPeers},
               .check = report_bad};
const Rule kDfWorse{.meta = {.id = "DF901", .slug = "docker-worse", .format = Format::dockerfile,
                             .peers = kDfWorsePeers},
                    .check = report_worse};
const Rule kGha{.meta = {.id = "GHA900", .slug = "actions-bad", .format = Format::actions, .peers = kGhaPeers},
                .check = report_bad};
constexpr PeerId kK8sPeers[] = {{"kube-linter", "bad-check"}, {"checkov", "CKV_K8S_20"}};
const Rule kK8s{.meta = {.id = "K8S900", .slug = "k8s-bad", .format = Format::kubernetes, .peers = kK8sPeers},
                .check = report_bad};
const Rule kUnused{.meta = {.id = "LNT004", .slug = "unused-suppression", .severity = Severity::info}};
const Rule kUnknown{.meta = {.id = "LNT005", .slug = "unknown-rule"}};
const Rule kSec{.meta = {.id = "SEC900", .slug = "secret-word", .format = Format::secrets}, .check = report_secret};
const Rule kTf{.meta = {.id = "TF900", .slug = "tf-bad", .format = Format::terraform, .peers = kTfPeers},
               .check = report_bad};

const Rule* const kRules[] = {&kDc, &kDf, &kDfWorse, &kGha, &kK8s, &kUnused, &kUnknown, &kSec, &kTf};

std::vector<std::string> all_ids() {
  std::vector<std::string> ids;
  for (const Rule* r : kRules) ids.emplace_back(r->meta.id.view());
  return ids;
}

std::vector<Finding> lint(std::string_view text, FileKind kind, std::string path,
                          std::vector<std::string> enabled = all_ids(),
                          engine::EngineOptions options = {}) {
  options.jobs = 1;
  const engine::Engine e(kRules, std::move(enabled), std::move(options));
  return e.lint(SourceFile(std::move(path), std::string(text)), kind).findings;
}

// "DF900@3" for each finding in `state` (active, suppressed or LNT diagnostics), in order.
enum class Which { active, suppressed, diagnostics };
std::string list(const std::vector<Finding>& findings, Which which) {
  std::vector<std::string> out;
  for (const Finding& f : findings) {
    const bool diag = f.rule_id.starts_with("LNT");
    if (which == Which::diagnostics ? !diag
                                    : diag || f.suppressed() != (which == Which::suppressed))
      continue;
    out.push_back(fmt::format("{}@{}", f.rule_id, f.start.line));
  }
  std::sort(out.begin(), out.end());
  std::string s;
  for (const auto& o : out) s += (s.empty() ? "" : " ") + o;
  return s;
}
std::string active(const std::vector<Finding>& f) { return list(f, Which::active); }
std::string suppressed(const std::vector<Finding>& f) { return list(f, Which::suppressed); }
std::string diagnostics(const std::vector<Finding>& f) { return list(f, Which::diagnostics); }

const Finding& first_of(const std::vector<Finding>& findings, std::string_view id) {
  for (const Finding& f : findings)
    if (f.rule_id == id) return f;
  FAIL("no " << id);
  return findings.front();
}

TEST_CASE("lintel:ignore on the line before covers that line only", "[suppressions]") {
  const auto f = lint("FROM alpine:3\n# lintel:ignore DF900 legacy base\nRUN BAD\nRUN BAD\n",
                      FileKind::dockerfile, "Dockerfile");
  CHECK(suppressed(f) == "DF900@3");
  CHECK(active(f) == "DF900@4");
  CHECK(diagnostics(f).empty());
  for (const Finding& x : f) {
    if (!x.suppressed()) continue;
    REQUIRE(x.suppressions.size() == 1);
    CHECK(x.suppressions[0].kind == Suppression::Kind::in_source);
    CHECK(x.suppressions[0].justification == "legacy base");
  }
}

TEST_CASE("a pragma is found wherever it sits in the text", "[suppressions]") {
  // Two ways to know a text holds a marker: the secrets scanner's keyword pass when a secret
  // rule runs, else a pre-check reading 16 bytes at a time. Either must find a marker at every
  // offset around the blocks' boundaries and at the very end (and a near miss is no marker).
  const std::vector<std::string> no_secrets = {"TF900", "LNT004", "LNT005"};
  for (std::size_t pad = 0; pad < 40; ++pad) {
    INFO("pad " << pad);
    const auto tf = lint("# " + std::string(pad, 'l') + "\nBAD # lintel:ignore TF900",
                         FileKind::terraform, "main.tf", no_secrets);
    CHECK(suppressed(tf) == "TF900@2");
    CHECK(active(tf).empty());
    for (const std::string_view marker : {"lintel:ignore SEC900", "gitleaks:allow"}) {
      const auto f = lint(std::string(pad, 'l') + "\nSECRET # " + std::string(marker),
                          FileKind::text, "notes.txt");
      CHECK(suppressed(f) == "SEC900@2");
      CHECK(active(f).empty());
    }
  }
  CHECK(active(lint("SECRET # lintel:ignor SEC900 linte gitleaks li l", FileKind::text, "x.txt")) ==
        "SEC900@1");
  CHECK(active(lint("BAD # lintel:ignor TF900 linte li l", FileKind::terraform, "x.tf", no_secrets)) ==
        "TF900@1");
}

TEST_CASE("lintel:ignore names rules: other rules on the line still report", "[suppressions]") {
  const auto f = lint("FROM alpine:3\n# lintel:ignore DF901\nRUN BAD WORSE\n", FileKind::dockerfile,
                      "Dockerfile");
  CHECK(suppressed(f) == "DF901@3");
  CHECK(active(f) == "DF900@3");
}

TEST_CASE("lintel:ignore accepts lists, prefixes, slugs and peer aliases", "[suppressions]") {
  const std::string body = "FROM alpine:3\n# lintel:ignore {}\nRUN BAD WORSE\n";
  for (const char* tokens : {"DF900,DF901", "DF900, DF901: reason", "DF9", "docker-bad,docker-worse",
                             "hadolint:DL3007,DL3008"}) {
    INFO(tokens);
    const auto f = lint(fmt::format(fmt::runtime(body), tokens), FileKind::dockerfile, "Dockerfile");
    CHECK(suppressed(f) == "DF900@3 DF901@3");
    CHECK(active(f).empty());
    CHECK(diagnostics(f).empty());
  }
}

TEST_CASE("a trailing lintel:ignore covers its own line", "[suppressions]") {
  const auto f = lint("services:\n  a:\n    image: BAD  # lintel:ignore DC900 pinned elsewhere\n"
                      "  b:\n    image: BAD\n",
                      FileKind::compose, "compose.yaml");
  CHECK(suppressed(f) == "DC900@3");
  CHECK(active(f) == "DC900@5");
  CHECK(first_of(f, "DC900").suppressions.at(0).justification == "pinned elsewhere");
}

TEST_CASE("lintel:ignore-file covers the whole file", "[suppressions]") {
  const auto f = lint("FROM alpine:3\nRUN BAD\nRUN WORSE\n# lintel:ignore-file DF900 generated\nRUN BAD\n",
                      FileKind::dockerfile, "Dockerfile");
  CHECK(suppressed(f) == "DF900@2 DF900@5");
  CHECK(active(f) == "DF901@3");
}

TEST_CASE("a Dockerfile suppression covers the whole instruction with its continuations",
          "[suppressions]") {
  const auto f = lint("FROM alpine:3\n# lintel:ignore DF900\nRUN echo \\\n  BAD \\\n  BAD\nRUN BAD\n",
                      FileKind::dockerfile, "Dockerfile");
  CHECK(suppressed(f) == "DF900@4 DF900@5");
  CHECK(active(f) == "DF900@6");
}

TEST_CASE("in a Dockerfile only a # at the start of a line is a comment", "[suppressions]") {
  const auto f = lint("FROM alpine:3\nRUN echo BAD # lintel:ignore DF900\n", FileKind::dockerfile,
                      "Dockerfile");
  CHECK(active(f) == "DF900@2");
}

TEST_CASE("in YAML a comment before a key covers the key's whole node", "[suppressions]") {
  const std::string text =
      "apiVersion: v1\n"
      "kind: Pod\n"
      "spec:\n"
      "  # lintel:ignore K8S900 sidecar is trusted\n"
      "  containers:\n"
      "    - name: a\n"
      "      image: BAD\n"
      "    - name: b\n"
      "      image: BAD\n"
      "  volumes: BAD\n";
  const auto f = lint(text, FileKind::kubernetes, "pod.yaml");
  CHECK(suppressed(f) == "K8S900@7 K8S900@9");
  CHECK(active(f) == "K8S900@10");
}

TEST_CASE("in YAML a # inside a quoted scalar is not a comment", "[suppressions]") {
  const auto f = lint("services:\n  a:\n    image: \"BAD # lintel:ignore DC900\"\n"
                      "    command: 'it''s # lintel:ignore DC900 BAD'\n",
                      FileKind::compose, "compose.yaml");
  CHECK(suppressed(f).empty());
  CHECK(active(f) == "DC900@3 DC900@4");
}

TEST_CASE("HCL honours # and // comments", "[suppressions]") {
  const auto f = lint("resource \"x\" \"a\" {\n  v = \"BAD\" // lintel:ignore TF900\n  w = \"BAD\"\n}\n",
                      FileKind::terraform, "main.tf");
  CHECK(suppressed(f) == "TF900@2");
  CHECK(active(f) == "TF900@3");
}

TEST_CASE("LNT005 reports an unknown rule in lintel:ignore", "[suppressions]") {
  const auto f = lint("FROM alpine:3\n# lintel:ignore DF999,DF900\nRUN BAD\n", FileKind::dockerfile,
                      "Dockerfile");
  CHECK(suppressed(f) == "DF900@3");
  CHECK(diagnostics(f) == "LNT005@2");
  CHECK(first_of(f, "LNT005").message.find("\"DF999\"") != std::string::npos);
  CHECK(first_of(f, "LNT005").start.column == 3);  // at the pragma, after "# "
}

TEST_CASE("LNT004 reports a suppression that suppressed nothing", "[suppressions]") {
  SECTION("one unused rule of two") {
    const auto f = lint("FROM alpine:3\n# lintel:ignore DF900,DF901\nRUN BAD\n", FileKind::dockerfile,
                        "Dockerfile");
    CHECK(suppressed(f) == "DF900@3");
    CHECK(diagnostics(f) == "LNT004@2");
    const Finding& d = first_of(f, "LNT004");
    CHECK(d.message.find("DF901") != std::string::npos);
    CHECK(d.message.find("DF900") == std::string::npos);
    CHECK(d.severity == Severity::info);
  }
  SECTION("a file-wide suppression and a peer pragma") {
    const auto f = lint("# lintel:ignore-file DF901\n# hadolint ignore=DL3007\nFROM alpine:3\n",
                        FileKind::dockerfile, "Dockerfile");
    CHECK(diagnostics(f) == "LNT004@1 LNT004@2");
  }
  SECTION("not for a rule that did not run") {
    const auto f = lint("FROM alpine:3\n# lintel:ignore DF901\nRUN BAD\n", FileKind::dockerfile,
                        "Dockerfile", {"DF900", "LNT004", "LNT005"});
    CHECK(diagnostics(f).empty());
  }
  SECTION("not for a rule of another format") {
    const auto f = lint("FROM alpine:3\n# lintel:ignore TF900\nRUN BAD\n", FileKind::dockerfile,
                        "Dockerfile");
    CHECK(diagnostics(f).empty());
  }
  SECTION("off when LNT004 is not enabled") {
    const auto f = lint("FROM alpine:3\n# lintel:ignore DF901\nRUN BAD\n", FileKind::dockerfile,
                        "Dockerfile", {"DF900", "DF901"});
    CHECK(diagnostics(f).empty());
  }
}

TEST_CASE("the --no-inline-ignores option turns every suppression off", "[suppressions]") {
  engine::EngineOptions options;
  options.inline_ignores = false;
  const auto f = lint("# lintel:ignore-file DF900\nFROM alpine:3\n# hadolint ignore=DL3008\n"
                      "# lintel:ignore DF999\nRUN BAD WORSE\n",
                      FileKind::dockerfile, "Dockerfile", all_ids(), options);
  CHECK(suppressed(f).empty());
  CHECK(active(f) == "DF900@5 DF901@5");
  CHECK(diagnostics(f).empty());
}

TEST_CASE("hadolint pragmas", "[suppressions][peers]") {
  SECTION("ignore= covers the next instruction") {
    const auto f = lint("FROM alpine:3\n# hadolint ignore=DL3008,SC2086 # why\nRUN BAD WORSE\nRUN WORSE\n",
                        FileKind::dockerfile, "Dockerfile");
    CHECK(suppressed(f) == "DF901@3");
    CHECK(active(f) == "DF900@3 DF901@4");
    CHECK(first_of(f, "DF901").suppressions.at(0).justification == "why");
    CHECK(diagnostics(f).empty());  // SC2086 names no lintel rule: ignored silently
  }
  SECTION("global ignore= covers the file") {
    const auto f = lint("# hadolint global ignore=DL3007\nFROM alpine:3\nRUN BAD\nRUN BAD WORSE\n",
                        FileKind::dockerfile, "Dockerfile");
    CHECK(suppressed(f) == "DF900@3 DF900@4");
    CHECK(active(f) == "DF901@4");
  }
}

TEST_CASE("Checkov skips", "[suppressions][peers]") {
  SECTION("in a Dockerfile any skip is file-wide") {
    const auto f = lint("FROM alpine:3\nRUN BAD\n#checkov:skip=CKV_DOCKER_7:base pinned by digest upstream\nRUN BAD WORSE\n",
                        FileKind::dockerfile, "Dockerfile");
    CHECK(suppressed(f) == "DF900@2 DF900@4");
    CHECK(active(f) == "DF901@4");
    CHECK(first_of(f, "DF900").suppressions.at(0).justification == "base pinned by digest upstream");
  }
  SECTION("in Terraform a skip inside a block covers that block") {
    const auto f = lint("resource \"aws_s3_bucket\" \"a\" {\n  #checkov:skip=CKV_AWS_20:public site\n"
                        "  acl = \"BAD\"\n  x = \"BAD\"\n}\n"
                        "resource \"aws_s3_bucket\" \"b\" {\n  acl = \"BAD\"\n}\n",
                        FileKind::terraform, "main.tf");
    CHECK(suppressed(f) == "TF900@3 TF900@4");
    CHECK(active(f) == "TF900@7");
  }
}

TEST_CASE("KICS pragmas", "[suppressions][peers]") {
  SECTION("ignore-line: the next line, every rule") {
    const auto f = lint("FROM alpine:3\n# kics-scan ignore-line\nRUN BAD WORSE\nRUN BAD\n",
                        FileKind::dockerfile, "Dockerfile");
    CHECK(suppressed(f) == "DF900@3 DF901@3");
    CHECK(active(f) == "DF900@4");
  }
  SECTION("ignore-block: the next node") {
    const auto f = lint("services:\n  # kics-scan ignore-block\n  a:\n    image: BAD\n    x: BAD\n  b:\n    image: BAD\n",
                        FileKind::compose, "compose.yaml");
    CHECK(suppressed(f) == "DC900@4 DC900@5");
    CHECK(active(f) == "DC900@7");
  }
  SECTION("ignore: the file") {
    const auto f = lint("# kics-scan ignore\nFROM alpine:3\nRUN BAD WORSE\n", FileKind::dockerfile,
                        "Dockerfile");
    CHECK(suppressed(f) == "DF900@3 DF901@3");
  }
  SECTION("disable=<uuid>: the file, that query") {
    const auto f = lint("# kics-scan disable=965a08d7-ef86-4f14-8792-4a3b2098937e\nFROM alpine:3\nRUN BAD WORSE\n",
                        FileKind::dockerfile, "Dockerfile");
    CHECK(suppressed(f) == "DF900@3");
    CHECK(active(f) == "DF901@3");
  }
}

TEST_CASE("Trivy and tfsec pragmas", "[suppressions][peers]") {
  const auto f = lint("FROM alpine:3\n#trivy:ignore:AVD-DS-0001\nRUN BAD\nRUN BAD\n", FileKind::dockerfile,
                      "Dockerfile");
  CHECK(suppressed(f) == "DF900@3");
  CHECK(active(f) == "DF900@4");
  const auto tf = lint("resource \"aws_s3_bucket\" \"a\" { # trivy:ignore:AVD-AWS-0086:exp:2030-01-01\n"
                       "}\n#trivy:ignore:AVD-AWS-0086\nresource \"aws_s3_bucket\" \"b\" {\n  acl = \"BAD\"\n}\n"
                       "resource \"aws_s3_bucket\" \"c\" {\n  acl = \"BAD\"\n}\n",
                       FileKind::terraform, "main.tf");
  CHECK(suppressed(tf) == "TF900@5");
  CHECK(active(tf) == "TF900@8");
  CHECK(diagnostics(tf) == "LNT004@1");  // the first one covers a block with no finding
}

TEST_CASE("tflint pragmas", "[suppressions][peers]") {
  const auto f = lint("resource \"x\" \"a\" {\n  # tflint-ignore: terraform_bad, other_rule # why\n"
                      "  v = \"BAD\"\n  w = \"BAD\" # tflint-ignore: terraform_bad\n  z = \"BAD\"\n}\n",
                      FileKind::terraform, "main.tf");
  CHECK(suppressed(f) == "TF900@3 TF900@4");
  CHECK(active(f) == "TF900@5");
  const auto file = lint("# tflint-ignore-file: terraform_bad\nresource \"x\" \"a\" {\n  v = \"BAD\"\n}\n",
                         FileKind::terraform, "main.tf");
  CHECK(suppressed(file) == "TF900@3");
}

TEST_CASE("zizmor pragmas cover a finding whose span holds the comment", "[suppressions][peers]") {
  const std::string text =
      "on: push\n"
      "jobs:\n"
      "  a:\n"
      "    runs-on: ubuntu-latest\n"
      "    steps:\n"
      "      # zizmor: ignore[template-injection] above the step: not covered\n"
      "      - run: echo BAD\n"
      "      - run: echo BAD # zizmor: ignore[template-injection] same line\n"
      "      - run: echo BAD\n";
  const auto f = lint(text, FileKind::workflow, ".github/workflows/ci.yml");
  CHECK(suppressed(f) == "GHA900@8");
  CHECK(active(f) == "GHA900@7 GHA900@9");
  CHECK(diagnostics(f) == "LNT004@6");
}

TEST_CASE("secret scanners' allow markers cover SEC rules on their line", "[suppressions][peers]") {
  const auto f = lint("a = SECRET BAD # gitleaks:allow\nb = SECRET // trufflehog:ignore\n"
                      "c = SECRET  # pragma: allowlist secret\n# pragma: allowlist nextline secret\n"
                      "d = SECRET\ne = SECRET\n",
                      FileKind::text, "notes.txt");
  CHECK(suppressed(f) == "SEC900@1 SEC900@2 SEC900@3 SEC900@5");
  CHECK(active(f) == "SEC900@6");
  const auto df = lint("FROM alpine:3\nRUN BAD SECRET # gitleaks:allow\n", FileKind::dockerfile,
                       "Dockerfile");
  CHECK(suppressed(df) == "SEC900@2");
  CHECK(active(df) == "DF900@2");
}

TEST_CASE("dclint pragmas", "[suppressions][peers]") {
  const auto f = lint("services:\n  a:\n    image: BAD # dclint disable-line no-bad\n"
                      "    # dclint disable-line no-bad\n    x: BAD\n    y: BAD\n",
                      FileKind::compose, "compose.yaml");
  CHECK(suppressed(f) == "DC900@3 DC900@5");
  CHECK(active(f) == "DC900@6");
  const auto file = lint("# dclint disable-file\nservices:\n  a:\n    image: BAD\n", FileKind::compose,
                         "compose.yaml");
  CHECK(suppressed(file) == "DC900@4");
  const auto rule = lint("# dclint disable no-bad\nservices:\n  a:\n    image: BAD\n", FileKind::compose,
                         "compose.yaml");
  CHECK(suppressed(rule) == "DC900@4");
}

TEST_CASE("suppressions work with the real Dockerfile rules", "[suppressions]") {
  const auto rules = rules::all_rules();
  std::vector<std::string> enabled = {"DF001", "LNT004", "LNT005"};
  const engine::Engine e(rules, enabled, {});
  const auto f = e.lint(SourceFile("Dockerfile",
                                   "# hadolint ignore=DL3007\nFROM python:latest AS a\n"
                                   "FROM alpine:latest AS b\n"
                                   "# lintel:ignore image-latest-tag\nFROM debian:latest AS c\n"
                                   "FROM ubuntu:latest\n"),
                        FileKind::dockerfile)
                     .findings;
  CHECK(suppressed(f) == "DF001@2 DF001@5");
  CHECK(active(f) == "DF001@3 DF001@6");
}

TEST_CASE("Kubernetes annotations cover their object", "[suppressions][peers]") {
  const std::string text =
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata:\n"
      "  name: a\n"
      "  annotations:\n"
      "    ignore-check.kube-linter.io/bad-check: \"reviewed\"\n"
      "spec:\n"
      "  image: BAD\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: Pod\n"
      "metadata:\n"
      "  annotations:\n"
      "    checkov.io/skip1: CKV_K8S_20=trusted image\n"
      "spec:\n"
      "  image: BAD\n"
      "---\n"
      "apiVersion: v1\n"
      "kind: Pod\n"
      "spec:\n"
      "  image: BAD\n";
  const auto f = lint(text, FileKind::kubernetes, "pods.yaml");
  CHECK(suppressed(f) == "K8S900@16 K8S900@8");
  CHECK(active(f) == "K8S900@21");
  for (const Finding& x : f) {
    if (x.start.line == 8) CHECK(x.suppressions.at(0).justification == "reviewed");
    if (x.start.line == 16) CHECK(x.suppressions.at(0).justification == "trusted image");
  }
}

}  // namespace t_suppressions_test
