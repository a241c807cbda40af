// Hostile input (issue #8): limits that stop hostile files with a finding instead of a crash or
// a hang, encodings, and files that disappear between discovery and reading. The command-line
// side (FIFOs, symlink loops, permissions, signals, SARIF URIs) is tests/cli/hostile.sh; the
// committed inputs are fixtures/hostile/.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "analyzer/engine/encoding.hpp"
#include "analyzer/engine/engine.hpp"
#include "parsers/terraform/parser.hpp"
#include "parsers/yaml/parser.hpp"
#include "rules/registry.hpp"

namespace t_hostile_test {

using namespace lintel;
namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "lintel-hostile-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  [[nodiscard]] std::string write(const std::string& rel, std::string_view bytes) const {
    std::ofstream(path / rel, std::ios::binary) << bytes;
    return (path / rel).string();
  }
};

engine::Engine all_rules_engine() {
  std::vector<std::string> ids;
  for (const Rule* r : rules::all_rules()) ids.emplace_back(r->meta.id.view());
  engine::EngineOptions options;
  options.jobs = 1;
  return engine::Engine(rules::all_rules(), std::move(ids), options);
}

std::vector<const Finding*> with_rule(const std::vector<Finding>& findings, std::string_view id) {
  std::vector<const Finding*> out;
  for (const Finding& f : findings)
    if (f.rule_id == id) out.push_back(&f);
  return out;
}

std::string utf16(std::string_view ascii, bool little) {
  std::string out = little ? std::string("\xFF\xFE", 2) : std::string("\xFE\xFF", 2);
  for (char c : ascii) {
    if (little) {
      out += c;
      out += '\0';
    } else {
      out += '\0';
      out += c;
    }
  }
  return out;
}

TEST_CASE("hostile: UTF-16 with a byte order mark decodes to UTF-8", "[hostile]") {
  const auto le = engine::decode_utf16_with_bom(utf16("FROM a\n", true));
  REQUIRE(le);
  CHECK(le->text == "FROM a\n");
  CHECK(le->encoding == "UTF-16LE");
  const auto be = engine::decode_utf16_with_bom(utf16("x: 1\n", false));
  REQUIRE(be);
  CHECK(be->text == "x: 1\n");
  CHECK(be->encoding == "UTF-16BE");
  // é (U+00E9), 日 (U+65E5), and U+1F600 as a surrogate pair, little-endian.
  const auto wide = engine::decode_utf16_with_bom(std::string("\xFF\xFE\xE9\x00\xE5\x65\x3D\xD8\x00\xDE", 10));
  REQUIRE(wide);
  CHECK(wide->text == "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80");
  // An unpaired surrogate and an odd trailing byte become U+FFFD.
  const auto bad = engine::decode_utf16_with_bom(std::string("\xFF\xFE\x3D\xD8\x41\x00\x42", 7));
  REQUIRE(bad);
  CHECK(bad->text == "\xEF\xBF\xBD" "A" "\xEF\xBF\xBD");
  // Not UTF-16: no mark, a UTF-32LE mark, a UTF-8 mark, too short.
  CHECK_FALSE(engine::decode_utf16_with_bom("FROM a\n"));
  CHECK_FALSE(engine::decode_utf16_with_bom(std::string("\xFF\xFE\x00\x00" "A\0\0\0", 8)));
  CHECK_FALSE(engine::decode_utf16_with_bom("\xEF\xBB\xBF" "FROM a\n"));
  CHECK_FALSE(engine::decode_utf16_with_bom("\xFF"));
}

TEST_CASE("hostile: a UTF-8 byte order mark takes no column", "[hostile]") {
  const SourceFile f("Dockerfile", "\xEF\xBB\xBF" "FROM a:latest\nFROM b\n");
  CHECK(f.position(3) == Position{1, 1});
  CHECK(f.position(8) == Position{1, 6});
  CHECK(f.position(17) == Position{2, 1});
  CHECK(f.position(22) == Position{2, 6});
}

TEST_CASE("hostile: UTF-16 files are linted at the right positions", "[hostile]") {
  const TempDir dir;
  const auto engine = all_rules_engine();
  for (const bool little : {true, false}) {
    const std::string path = dir.write(little ? "le.Dockerfile" : "be.Dockerfile",
                                       utf16("# c\r\nFROM alpine:latest\r\n", little));
    engine::FileEntry e;
    e.path = e.fs_path = path;
    const auto result = engine.scan({e});
    const auto df001 = with_rule(result.findings, "DF001");
    REQUIRE(df001.size() == 1);
    CHECK(df001[0]->start == Position{2, 6});
    CHECK(with_rule(result.findings, "LNT001").empty());
    CHECK(result.notifications.empty());  // not "binary file"
  }
}

TEST_CASE("hostile: files read on the side are decoded from UTF-16 too", "[hostile]") {
  const TempDir dir;
  const auto engine = all_rules_engine();
  // A compose file's linked Dockerfile: DC003 names it only when it was read and parsed.
  const std::string compose = dir.write("compose.yaml", "services:\n  app:\n    build: .\n");
  (void)dir.write("Dockerfile", utf16("FROM alpine:3.20\r\nUSER app\r\n", true));
  engine::FileEntry c;
  c.path = c.fs_path = compose;
  const auto compose_result = engine.scan({c});  // with_rule points into its findings
  const auto dc003 = with_rule(compose_result.findings, "DC003");
  REQUIRE(dc003.size() == 1);
  CHECK(dc003[0]->message.find("declares no HEALTHCHECK") != std::string::npos);
  // A Terraform module's sibling: the open CIDR is a local defined in a UTF-16BE file.
  fs::create_directory(dir.path / "tf");
  const std::string main_tf =
      dir.write("tf/main.tf",
                "resource \"aws_security_group\" \"x\" {\n  ingress {\n    from_port   = 22\n"
                "    to_port     = 22\n    protocol    = \"tcp\"\n    cidr_blocks = "
                "[local.anywhere]\n  }\n}\n");
  (void)dir.write("tf/locals.tf", utf16("locals {\n  anywhere = \"0.0.0.0/0\"\n}\n", false));
  engine::FileEntry t;
  t.path = t.fs_path = main_tf;
  CHECK(with_rule(engine.scan({t}).findings, "TF002").size() == 1);
}

TEST_CASE("hostile: a FIFO put in a file's place after discovery is refused, not read",
          "[hostile]") {
  const TempDir dir;
  const std::string fifo = (dir.path / "Dockerfile").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string kept = dir.write("other.Dockerfile", "FROM alpine:latest\n");
  engine::FileEntry swapped;
  swapped.path = swapped.fs_path = fifo;
  engine::FileEntry here;
  here.path = here.fs_path = kept;
  // No writer ever opens the FIFO: a blocking open or read would hang here.
  const auto result = all_rules_engine().scan({swapped, here});
  const auto lnt002 = with_rule(result.findings, "LNT002");
  REQUIRE(lnt002.size() == 1);
  CHECK(lnt002[0]->path == swapped.path);
  CHECK(lnt002[0]->message.find("not a regular file") != std::string::npos);
  CHECK(with_rule(result.findings, "DF001").size() == 1);
  const auto direct = engine::read_text_file(fifo);
  CHECK(direct.error == "not a regular file");
  CHECK(direct.text.empty());
}

TEST_CASE("read_text_file reads every byte in one read and refuses files over the limit",
          "[hostile]") {
  const TempDir dir;
  for (const std::size_t size : {0u, 1u, 4095u, 32767u, 32768u, 32769u, 65536u, 65537u, 300000u}) {
    std::string text(size, 'x');
    for (std::size_t i = 0; i < size; i += 97) text[i] = static_cast<char>('a' + i % 26);
    const std::string path = dir.write("f" + std::to_string(size), text);
    INFO(size);
    const auto r = engine::read_text_file(path);
    CHECK(r.error.empty());
    CHECK_FALSE(r.too_large);
    CHECK(r.text == text);
    CHECK(engine::read_text_file(path, size).text == text);  // exactly at the limit
    const auto limited = engine::read_text_file(path, size == 0 ? 0 : size - 1);
    if (size == 0) {
      CHECK_FALSE(limited.too_large);
    } else {
      REQUIRE(limited.too_large);
      CHECK(*limited.too_large == size);
      CHECK(limited.text.empty());
    }
  }
}

TEST_CASE("hostile: a file that vanished after discovery is LNT002, not a crash", "[hostile]") {
  const TempDir dir;
  const std::string kept = dir.write("Dockerfile", "FROM alpine:latest\n");
  engine::FileEntry gone;
  gone.path = gone.fs_path = (dir.path / "gone" / "Dockerfile").string();
  engine::FileEntry here;
  here.path = here.fs_path = kept;
  const auto result = all_rules_engine().scan({gone, here});
  const auto lnt002 = with_rule(result.findings, "LNT002");
  REQUIRE(lnt002.size() == 1);
  CHECK(lnt002[0]->path == gone.path);
  CHECK(lnt002[0]->message.find("No such file or directory") != std::string::npos);
  CHECK(with_rule(result.findings, "DF001").size() == 1);  // the run went on
}

TEST_CASE("hostile: billion laughs is one LNT001 and the other rules still run", "[hostile]") {
  std::string text = "services:\n  app:\n    image: alpine:latest\nx-a0: &a0 [l, l, l, l, l, l, l, l, l]\n";
  for (int i = 1; i < 10; ++i) {
    text += "x-a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 9; ++j) text += (j ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  const SourceFile f("compose.yaml", text);
  const auto report = all_rules_engine().lint(f);
  const auto lnt001 = with_rule(report.findings, "LNT001");
  REQUIRE(lnt001.size() == 1);
  CHECK(lnt001[0]->message.find("alias expansion limit exceeded") != std::string::npos);
  CHECK(with_rule(report.findings, "DC001").size() == 1);
}

TEST_CASE("hostile: deep YAML nesting stops at the depth limit", "[hostile]") {
  const SourceFile f("x.yaml", "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  const auto r = parsers::parse_yaml(f);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("nesting depth limit exceeded") != std::string::npos);
}

TEST_CASE("hostile: deep HCL nesting is reported once and does not overflow the stack", "[hostile]") {
  for (const std::size_t levels : {300u, 100000u}) {
    auto file = std::make_shared<const SourceFile>(
        "m/main.tf", "locals {\n  deep = " + std::string(levels, '[') + std::string(levels, ']') +
                         "\n  name = \"x\"\n}\n");
    const auto result = parsers::parse_terraform_module("m", {file});
    REQUIRE(result.diagnostics.size() == 1);
    const auto& diags = result.diagnostics[0];
    REQUIRE(diags.size() == 1);
    INFO(diags[0].message);
    const bool limited = diags[0].message.find("nesting depth limit exceeded: more than 200") != std::string::npos ||
                         diags[0].message.find("time budget") != std::string::npos;
    CHECK(limited);
  }
  // Within the limit: no diagnostic.
  auto shallow = std::make_shared<const SourceFile>(
      "m/main.tf", "locals {\n  deep = " + std::string(20, '[') + std::string(20, ']') + "\n}\n");
  const auto ok = parsers::parse_terraform_module("m", {shallow});
  CHECK(ok.diagnostics[0].empty());
}

TEST_CASE("hostile: unbalanced HCL brackets are cut at the bracket limit", "[hostile]") {
  // Found by fuzz_terraform: thousands of unclosed brackets cost tree-sitter's error recovery
  // time in proportion to their number. The pre-scan blanks what is deeper than 200 levels.
  const std::string prefix = "locals {\n  a = ";
  const std::string mixed = [] {
    std::string m;
    for (int i = 0; i < 1700; ++i) m += "[{(";
    return m;
  }();
  for (const std::string& opens :
       {std::string(5000, '['), std::string(5000, '{'), std::string(5000, '('), mixed}) {
    INFO(opens.substr(0, 6));
    auto file = std::make_shared<const SourceFile>("m/main.tf", prefix + opens + "\n");
    const auto result = parsers::parse_terraform_module("m", {file});
    std::vector<const parsers::Diagnostic*> limits;
    for (const auto& d : result.diagnostics[0])
      if (d.message.find("nesting") != std::string::npos) limits.push_back(&d);
    REQUIRE(limits.size() == 1);
    CHECK(limits[0]->message ==
          "nesting depth limit exceeded: more than 200 nested brackets; what is nested deeper is "
          "not checked");
    // `locals {` is the first level: the 200th bracket after `a = ` is the 201st.
    CHECK(limits[0]->span.begin == prefix.size() + 199);
  }
}

TEST_CASE("hostile: the HCL bracket limit skips strings, comments and heredocs", "[hostile]") {
  const std::string deep(300, '[');
  const std::string text = "locals {\n  s = \"" + deep + "\"\n  # " + deep + "\n  // " + deep +
                           "\n  /* " + deep + " */\n  h = <<-EOT\n    " + deep +
                           "\n    EOT\n  e = \"$${" + deep + "\"\n  name = \"x\"\n}\n";
  auto file = std::make_shared<const SourceFile>("m/main.tf", text);
  const auto result = parsers::parse_terraform_module("m", {file});
  CHECK(result.diagnostics[0].empty());
  CHECK(result.module->locals.count("name") == 1);
  // Interpolations nest: brackets inside `${ }` count, and the rest of the file is still read.
  const std::string interp =
      "locals {\n  s = \"${" + deep + std::string(300, ']') + "}\"\n  name = \"x\"\n}\n";
  auto f2 = std::make_shared<const SourceFile>("m/main.tf", interp);
  const auto r2 = parsers::parse_terraform_module("m", {f2});
  REQUIRE(r2.diagnostics[0].size() == 1);
  CHECK(r2.diagnostics[0][0].message.find("more than 200 nested brackets") != std::string::npos);
  CHECK(r2.module->locals.count("name") == 1);
  // An unterminated heredoc, comment or string hides nothing: tree-sitter would read on as code.
  for (const std::string& opener :
       {std::string("<<EOT\n"), std::string("/* "), std::string("\"\n")}) {
    INFO(opener);
    auto f3 =
        std::make_shared<const SourceFile>("m/main.tf", "locals {\n  a = " + opener + deep + "\n");
    const auto r3 = parsers::parse_terraform_module("m", {f3});
    const bool limited =
        std::any_of(r3.diagnostics[0].begin(), r3.diagnostics[0].end(), [](const auto& d) {
          return d.message.find("more than 200 nested brackets") != std::string::npos;
        });
    CHECK(limited);
  }
}

TEST_CASE("hostile: shell nesting limits are LNT001 findings naming the limit", "[hostile]") {
  const auto engine = all_rules_engine();
  // Nine `sh -c` strings inside each other, each quoted for the one around it.
  std::string script = "curl -fsSL https://example.com/x | sh";
  for (int i = 0; i < 9; ++i) {
    std::string quoted = "\"";
    for (char ch : script) {
      if (ch == '"' || ch == '\\' || ch == '$' || ch == '`') quoted += '\\';
      quoted += ch;
    }
    script = "sh -c " + quoted + "\"";
  }
  const SourceFile df("Dockerfile", "FROM alpine:3.20\nRUN " + script + "\n");
  const auto report = engine.lint(df);
  const auto lnt001 = with_rule(report.findings, "LNT001");
  REQUIRE(lnt001.size() == 1);
  CHECK(lnt001[0]->message.find("more than 8 nested `sh -c` strings") != std::string::npos);
  CHECK(lnt001[0]->start.line == 2);

  // An Actions run script whose syntax tree is deeper than the walk goes.
  std::string nested;
  for (int i = 0; i < 3000; ++i) nested += "( ";
  nested += "true";
  for (int i = 0; i < 3000; ++i) nested += " )";
  const SourceFile wf(
      ".github/workflows/ci.yml",
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: " + nested +
          "\n");
  const auto wreport = engine.lint(wf);
  const auto wlnt001 = with_rule(wreport.findings, "LNT001");
  REQUIRE(wlnt001.size() == 1);
  CHECK(wlnt001[0]->message.find(
            "shell nesting limit exceeded: more than 256 nested syntax levels") !=
        std::string::npos);
  CHECK(wlnt001[0]->start.line == 6);
}

TEST_CASE("hostile: long blank runs in HCL are parsed, not timed out", "[hostile]") {
  // tree-sitter-hcl re-skips a blank run for each position in it: 25,000 blanks used to run out
  // of the time budget, which loses the whole file. The pre-scan makes such runs comments.
  const std::string text = "locals {\n  a = [" + std::string(100000, ' ') + "1]\n" +
                           std::string(100000, '\n') + "  s = \"x" + std::string(100, ' ') +
                           "y\"\n  b = 2" + std::string(100000, '\t') + "\n}\n";
  auto file = std::make_shared<const SourceFile>("m/main.tf", text);
  const auto result = parsers::parse_terraform_module("m", {file});
  CHECK(result.diagnostics[0].empty());
  const auto& locals = result.module->locals;
  REQUIRE(locals.count("a") == 1);
  CHECK(locals.at("a").attr->expr.kind == model::Expr::Kind::tuple);
  CHECK(locals.at("a").attr->expr.children.size() == 1);
  CHECK(locals.count("b") == 1);
  // Blanks inside a string are its value, untouched.
  REQUIRE(locals.count("s") == 1);
  const model::Expr& s = locals.at("s").attr->expr;
  CHECK(s.kind == model::Expr::Kind::literal);
  CHECK(s.value.string == "x" + std::string(100, ' ') + "y");
}

}  // namespace t_hostile_test
