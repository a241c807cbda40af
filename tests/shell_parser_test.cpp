#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/shell.hpp"
#include "parsers/shell/parser.hpp"

using lintel::Span;
using lintel::model::ShellCommand;
using lintel::model::ShellScript;
using lintel::model::ShellWord;
using lintel::parsers::parse_shell;

namespace t_shell_parser_test {

std::string_view at(std::string_view text, Span s, std::uint32_t base = 0) {
  REQUIRE(s.begin >= base);
  REQUIRE(s.end - base <= text.size());
  return text.substr(s.begin - base, s.size());
}

std::vector<std::string> values(const std::vector<ShellWord>& words) {
  std::vector<std::string> out;
  for (const ShellWord& w : words) out.push_back(w.value);
  return out;
}

std::vector<std::string> arg_sources(std::string_view text, const ShellCommand& c,
                                     std::uint32_t base = 0) {
  std::vector<std::string> out;
  for (const ShellWord& w : c.args) out.emplace_back(at(text, w.span, base));
  return out;
}

std::vector<std::string> names(const ShellScript& s) {
  std::vector<std::string> out;
  for (const ShellCommand& c : s.commands) out.push_back(c.name.value);
  return out;
}

std::vector<std::uint32_t> depths(const ShellScript& s) {
  std::vector<std::uint32_t> out;
  for (const ShellCommand& c : s.commands) out.push_back(c.depth);
  return out;
}

using Strings = std::vector<std::string>;
using Indices = std::vector<std::uint32_t>;

// Every command is in exactly one pipeline, and the indices agree in both directions.
void check_pipelines_consistent(const ShellScript& s) {
  std::vector<int> seen(s.commands.size(), 0);
  for (std::uint32_t p = 0; p < s.pipelines.size(); ++p) {
    REQUIRE_FALSE(s.pipelines[p].commands.empty());
    for (const std::uint32_t i : s.pipelines[p].commands) {
      REQUIRE(i < s.commands.size());
      CHECK(s.commands[i].pipeline == p);
      ++seen[i];
    }
  }
  for (const int n : seen) CHECK(n == 1);
  for (std::size_t i = 1; i < s.commands.size(); ++i) {
    CHECK(s.commands[i - 1].span.begin <= s.commands[i].span.begin);
  }
}

TEST_CASE("empty and blank text give an empty script", "[shell-parser]") {
  const ShellScript empty = parse_shell("", 7);
  CHECK(empty.commands.empty());
  CHECK(empty.pipelines.empty());
  CHECK(empty.errors.empty());
  CHECK(empty.span == Span{7, 7});

  const ShellScript blank = parse_shell("  \n# only a comment\n\n");
  CHECK(blank.commands.empty());
  CHECK(blank.pipelines.empty());
  CHECK(blank.errors.empty());
}

TEST_CASE("a simple command has a name, arguments and spans", "[shell-parser]") {
  const std::string text = "echo hello   world";
  const ShellScript s = parse_shell(text);
  REQUIRE(s.commands.size() == 1);
  const ShellCommand& c = s.commands[0];
  CHECK(c.name.value == "echo");
  CHECK(c.name.is_literal);
  CHECK(at(text, c.name.span) == "echo");
  CHECK(values(c.args) == Strings{"hello", "world"});
  CHECK(c.args[1].span == Span{13, 18});
  CHECK(c.assignments.empty());
  CHECK(c.span == Span{0, 18});
  CHECK(c.depth == 0);
  REQUIRE(s.pipelines.size() == 1);
  CHECK(s.pipelines[0].commands == Indices{0});
  CHECK_FALSE(s.pipelines[0].has_pipe());
  CHECK(s.errors.empty());
  CHECK(s.span == Span{0, 18});
}

TEST_CASE("words are given after quote removal", "[shell-parser]") {
  const std::string text = R"(cmd "a b" 'x y' a\ b "--opt=$X" pre"mid"'post' x$(id -u)y )"
                           R"("q\"w\\e\$r\t" $'a\tb' ${HOME:-/} 42 *.txt)";
  const ShellScript s = parse_shell(text);
  REQUIRE(s.commands.size() == 2);  // cmd, and `id -u` inside the substitution
  const ShellCommand& c = s.commands[0];
  CHECK(c.name.value == "cmd");
  CHECK(values(c.args) == Strings{"a b", "x y", "a b", "--opt=$X", "premidpost", "x$(id -u)y",
                                  R"(q"w\e$r\t)", "a\tb", "${HOME:-/}", "42", "*.txt"});
  CHECK(arg_sources(text, c) == Strings{R"("a b")", "'x y'", R"(a\ b)", R"("--opt=$X")",
                                        R"(pre"mid"'post')", "x$(id -u)y", R"("q\"w\\e\$r\t")",
                                        R"($'a\tb')", "${HOME:-/}", "42", "*.txt"});
  std::vector<bool> literal;
  for (const ShellWord& w : c.args) literal.push_back(w.is_literal);
  CHECK(literal ==
        std::vector<bool>{true, true, true, false, true, false, true, true, false, true, true});
}

TEST_CASE("double quotes keep a backslash before ordinary characters", "[shell-parser]") {
  const ShellScript s = parse_shell(R"(printf "a\nb\\c" "multi
line")");
  REQUIRE(s.commands.size() == 1);
  CHECK(values(s.commands[0].args) == Strings{R"(a\nb\c)", "multi\nline"});
}

TEST_CASE("ANSI-C quoting decodes its escapes", "[shell-parser]") {
  const ShellScript s = parse_shell(R"(printf $'\x41\u00e9\101\e[0m\q' $'it\'s')");
  REQUIRE(s.commands.size() == 1);
  CHECK(values(s.commands[0].args) == Strings{"A\xc3\xa9"
                                              "A\x1b[0m\\q",
                                              "it's"});
}

TEST_CASE("apt-get chain joined with && yields one command per link", "[shell-parser]") {
  const std::string text =
      "apt-get update && apt-get install -y --no-install-recommends curl=7.88 && rm -rf "
      "/var/lib/apt/lists/*";
  const ShellScript s = parse_shell(text);
  REQUIRE(s.commands.size() == 3);
  CHECK(names(s) == Strings{"apt-get", "apt-get", "rm"});
  CHECK(values(s.commands[0].args) == Strings{"update"});
  CHECK(values(s.commands[1].args) ==
        Strings{"install", "-y", "--no-install-recommends", "curl=7.88"});
  CHECK(values(s.commands[2].args) == Strings{"-rf", "/var/lib/apt/lists/*"});
  CHECK(at(text, s.commands[1].span) == "apt-get install -y --no-install-recommends curl=7.88");
  CHECK(at(text, s.commands[1].args[3].span) == "curl=7.88");
  CHECK(at(text, s.commands[2].args[1].span) == "/var/lib/apt/lists/*");
  REQUIRE(s.pipelines.size() == 3);
  for (std::uint32_t i = 0; i < 3; ++i) {
    CHECK(s.commands[i].pipeline == i);
    CHECK(s.pipelines[i].commands == Indices{i});
  }
  check_pipelines_consistent(s);
}

TEST_CASE("the Dockerfile RUN idiom with ; and line continuations", "[shell-parser]") {
  const std::string text =
      "set -eux; \\\n"
      "    apt-get update; \\\n"
      "    apt-get install -y --no-install-recommends ca-certificates; \\\n"
      "    rm -rf /var/lib/apt/lists/*";
  const ShellScript s = parse_shell(text);
  REQUIRE(s.commands.size() == 4);
  CHECK(names(s) == Strings{"set", "apt-get", "apt-get", "rm"});
  CHECK(values(s.commands[0].args) == Strings{"-eux"});
  CHECK(values(s.commands[1].args) == Strings{"update"});
  CHECK(values(s.commands[2].args) ==
        Strings{"install", "-y", "--no-install-recommends", "ca-certificates"});
  CHECK(values(s.commands[3].args) == Strings{"-rf", "/var/lib/apt/lists/*"});
  CHECK(at(text, s.commands[2].span) ==
        "apt-get install -y --no-install-recommends ca-certificates");
  CHECK(at(text, s.commands[3].name.span) == "rm");
  CHECK(s.pipelines.size() == 4);
  CHECK(s.errors.empty());
  check_pipelines_consistent(s);
}

TEST_CASE("pipes put their commands into one pipeline in order", "[shell-parser]") {
  SECTION("curl | sh") {
    const std::string text = "curl -fsSL https://x | sh";
    const ShellScript s = parse_shell(text);
    REQUIRE(s.commands.size() == 2);
    REQUIRE(s.pipelines.size() == 1);
    CHECK(s.pipelines[0].commands == Indices{0, 1});
    CHECK(s.pipelines[0].has_pipe());
    CHECK(s.pipelines[0].span == Span{0, 25});
    CHECK(s.commands[0].pipe_position == 0);
    CHECK(s.commands[1].pipe_position == 1);
    CHECK(values(s.commands[0].args) == Strings{"-fsSL", "https://x"});
    CHECK(at(text, s.commands[1].span) == "sh");
  }
  SECTION("wget -O- url | bash -s --") {
    const ShellScript s = parse_shell("wget -O- url | bash -s --");
    REQUIRE(s.commands.size() == 2);
    CHECK(names(s) == Strings{"wget", "bash"});
    CHECK(values(s.commands[0].args) == Strings{"-O-", "url"});
    CHECK(values(s.commands[1].args) == Strings{"-s", "--"});
    REQUIRE(s.pipelines.size() == 1);
    CHECK(s.pipelines[0].commands == Indices{0, 1});
  }
  SECTION("three stages, |& counts as a pipe") {
    const ShellScript s = parse_shell("a | b |& c");
    REQUIRE(s.commands.size() == 3);
    REQUIRE(s.pipelines.size() == 1);
    CHECK(s.pipelines[0].commands == Indices{0, 1, 2});
    CHECK(s.commands[2].pipe_position == 2);
  }
  SECTION("&& binds looser than |") {
    const ShellScript s = parse_shell("a && b | c");
    REQUIRE(s.pipelines.size() == 2);
    CHECK(s.pipelines[0].commands == Indices{0});
    CHECK(s.pipelines[1].commands == Indices{1, 2});
    CHECK(s.commands[1].pipe_position == 0);
    CHECK(s.commands[2].pipe_position == 1);
  }
  SECTION("a negated pipeline is still a pipeline") {
    const ShellScript s = parse_shell("! a | b");
    REQUIRE(s.commands.size() == 2);
    REQUIRE(s.pipelines.size() == 1);
    CHECK(s.pipelines[0].commands == Indices{0, 1});
    CHECK(s.commands[1].pipe_position == 1);
  }
  SECTION("set -o pipefail; a | b") {
    const ShellScript s = parse_shell("set -o pipefail; a | b");
    CHECK(names(s) == Strings{"set", "a", "b"});
    CHECK(values(s.commands[0].args) == Strings{"-o", "pipefail"});
    REQUIRE(s.pipelines.size() == 2);
    CHECK(s.pipelines[0].commands == Indices{0});
    CHECK_FALSE(s.pipelines[0].has_pipe());
    CHECK(s.pipelines[1].commands == Indices{1, 2});
    CHECK(s.pipelines[1].has_pipe());
  }
  SECTION("a redirected stage stays in the pipeline") {
    const std::string text = "make 2>&1 | tee build.log > /dev/null";
    const ShellScript s = parse_shell(text);
    REQUIRE(s.commands.size() == 2);
    REQUIRE(s.pipelines.size() == 1);
    CHECK(s.pipelines[0].commands == Indices{0, 1});
    CHECK(s.commands[0].args.empty());
    CHECK(at(text, s.commands[0].span) == "make 2>&1");
    CHECK(values(s.commands[1].args) == Strings{"build.log"});
  }
  SECTION("a heredoc feeding a pipe") {
    const std::string text = "cat <<EOF | sh\necho hi\nEOF\n";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"cat", "sh"});
    REQUIRE(s.pipelines.size() == 1);
    CHECK(s.pipelines[0].commands == Indices{0, 1});
    CHECK(s.commands[1].pipe_position == 1);
    CHECK(at(text, s.commands[1].span) == "sh");
  }
}

TEST_CASE("cd /x && make", "[shell-parser]") {
  const std::string text = "cd /x && make";
  const ShellScript s = parse_shell(text);
  REQUIRE(s.commands.size() == 2);
  CHECK(names(s) == Strings{"cd", "make"});
  CHECK(values(s.commands[0].args) == Strings{"/x"});
  CHECK(s.commands[1].args.empty());
  CHECK(at(text, s.commands[1].span) == "make");
  CHECK(s.pipelines.size() == 2);
}

TEST_CASE("subshells and groups", "[shell-parser]") {
  SECTION("a subshell adds depth") {
    const std::string text = "(cd /src && make) && ls";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"cd", "make", "ls"});
    CHECK(depths(s) == Indices{1, 1, 0});
    CHECK(at(text, s.commands[1].span) == "make");
    CHECK(s.pipelines.size() == 3);
    check_pipelines_consistent(s);
  }
  SECTION("a compound stage shares its stage position") {
    const ShellScript s = parse_shell("{ echo a; echo b; } | sort | (cat; wc -l) | sh");
    CHECK(names(s) == Strings{"echo", "echo", "sort", "cat", "wc", "sh"});
    REQUIRE(s.pipelines.size() == 1);
    CHECK(s.pipelines[0].commands == Indices{0, 1, 2, 3, 4, 5});
    std::vector<std::uint32_t> positions;
    for (const ShellCommand& c : s.commands) positions.push_back(c.pipe_position);
    CHECK(positions == Indices{0, 0, 1, 2, 2, 3});
    CHECK(depths(s) == Indices{0, 0, 0, 1, 1, 0});
  }
}

TEST_CASE("command substitutions are collected one level deeper", "[shell-parser]") {
  const std::string text = "chown \"$(id -u):$(id -g)\" `whoami` /x";
  const ShellScript s = parse_shell(text);
  CHECK(names(s) == Strings{"chown", "id", "id", "whoami"});
  CHECK(depths(s) == Indices{0, 1, 1, 1});
  const ShellCommand& chown = s.commands[0];
  CHECK(values(chown.args) == Strings{"$(id -u):$(id -g)", "`whoami`", "/x"});
  CHECK_FALSE(chown.args[0].is_literal);
  CHECK_FALSE(chown.args[1].is_literal);
  CHECK(chown.args[2].is_literal);
  CHECK(at(text, s.commands[1].span) == "id -u");
  CHECK(at(text, s.commands[2].args[0].span) == "-g");
  CHECK(at(text, s.commands[3].span) == "whoami");
  // Substituted commands do not pipe into the command that uses their output.
  REQUIRE(s.pipelines.size() == 4);
  for (const auto& p : s.pipelines) CHECK_FALSE(p.has_pipe());
  check_pipelines_consistent(s);
}

TEST_CASE("sh -c strings are parsed with exact spans when quoted simply", "[shell-parser]") {
  SECTION("single quotes") {
    const std::string text = "sh -c 'apt-get install foo'";
    const ShellScript s = parse_shell(text);
    REQUIRE(s.commands.size() == 2);
    CHECK(names(s) == Strings{"sh", "apt-get"});
    CHECK(values(s.commands[0].args) == Strings{"-c", "apt-get install foo"});
    const ShellCommand& inner = s.commands[1];
    CHECK(inner.depth == 1);
    CHECK(values(inner.args) == Strings{"install", "foo"});
    CHECK(inner.span == Span{7, 26});
    CHECK(at(text, inner.span) == "apt-get install foo");
    CHECK(at(text, inner.name.span) == "apt-get");
    CHECK(at(text, inner.args[1].span) == "foo");
    CHECK(inner.args[1].span == Span{23, 26});
    check_pipelines_consistent(s);
  }
  SECTION("double quotes, with lists and pipes inside") {
    const std::string text = R"(bash -c "a && b | c")";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"bash", "a", "b", "c"});
    CHECK(depths(s) == Indices{0, 1, 1, 1});
    CHECK(at(text, s.commands[1].span) == "a");
    CHECK(at(text, s.commands[3].span) == "c");
    REQUIRE(s.pipelines.size() == 3);
    CHECK(s.pipelines[2].commands == Indices{2, 3});
    CHECK(s.pipelines[2].has_pipe());
    CHECK(at(text, s.pipelines[2].span) == "b | c");
    check_pipelines_consistent(s);
  }
  SECTION("flags before -c, clustered flags, option operands, paths") {
    const std::string text =
        "bash -eux -c \"x 1\"; sh -ec 'y 2'; /bin/sh -c z; bash -o pipefail -c 'p|q'; "
        "/usr/bin/env bash -c 'followed'";
    const ShellScript s = parse_shell(text);
    // `/usr/bin/env` is a wrapper: the bash it runs opens its string too.
    CHECK(names(s) == Strings{"bash", "x", "sh", "y", "/bin/sh", "z", "bash", "p", "q",
                              "/usr/bin/env", "followed"});
    CHECK(at(text, s.commands[1].span) == "x 1");
    CHECK(at(text, s.commands[3].span) == "y 2");
    CHECK(at(text, s.commands[5].span) == "z");
    CHECK(values(s.commands[6].args) == Strings{"-o", "pipefail", "-c", "p|q"});
    REQUIRE(s.commands[8].pipeline == s.commands[7].pipeline);
    CHECK(s.commands[8].pipe_position == 1);
  }
  SECTION("without -c or without an operand nothing is nested") {
    const ShellScript s = parse_shell("sh script.sh; bash -c; sh -x 'echo hi'");
    CHECK(names(s) == Strings{"sh", "bash", "sh"});
  }
  SECTION("escaped strings map every nested span to the whole word") {
    const std::string text = R"(sh -c "echo \"hi there\" && touch /f")";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"sh", "echo", "touch"});
    const ShellWord& script = s.commands[0].args[1];
    CHECK(script.value == R"(echo "hi there" && touch /f)");
    CHECK(values(s.commands[1].args) == Strings{"hi there"});
    CHECK(values(s.commands[2].args) == Strings{"/f"});
    for (std::size_t i = 1; i < 3; ++i) {
      CHECK(s.commands[i].span == script.span);
      CHECK(s.commands[i].name.span == script.span);
      CHECK(s.commands[i].args[0].span == script.span);
      CHECK(s.commands[i].depth == 1);
    }
  }
  SECTION("nesting adds one level per shell") {
    const std::string text = R"(sh -c "bash -c 'deep arg'")";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"sh", "bash", "deep"});
    CHECK(depths(s) == Indices{0, 1, 2});
    CHECK(at(text, s.commands[2].span) == "deep arg");
    CHECK(at(text, s.commands[2].args[0].span) == "arg");
  }
  SECTION("nested commands keep source order") {
    const std::string text = "sh -c 'a' $(b)";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"sh", "a", "b"});
    check_pipelines_consistent(s);
  }
  SECTION("recursion is bounded") {
    // Each level wraps the previous one in double quotes, escaping " and \ with a backslash.
    std::string script = "leaf";
    for (int i = 0; i < 12; ++i) {
      std::string quoted;
      for (const char ch : script) {
        if (ch == '"' || ch == '\\') quoted += '\\';
        quoted += ch;
      }
      script = "sh -c \"" + quoted + "\"";
    }
    const ShellScript s = parse_shell(script);
    REQUIRE(s.commands.size() == 9);  // the top level and 8 nested levels
    CHECK(s.commands.back().depth == 8);
    check_pipelines_consistent(s);
  }
}

TEST_CASE("prefix assignments are kept apart from the arguments", "[shell-parser]") {
  const std::string text = R"(FOO=1 BAR="a b" cmd X=2 arg)";
  const ShellScript s = parse_shell(text);
  REQUIRE(s.commands.size() == 1);
  const ShellCommand& c = s.commands[0];
  CHECK(values(c.assignments) == Strings{"FOO=1", "BAR=a b"});
  CHECK(at(text, c.assignments[1].span) == R"(BAR="a b")");
  CHECK(c.name.value == "cmd");
  CHECK(at(text, c.name.span) == "cmd");
  CHECK(values(c.args) == Strings{"X=2", "arg"});
  CHECK(c.span == Span{0, 27});
}

TEST_CASE("declaration builtins are commands", "[shell-parser]") {
  const ShellScript s =
      parse_shell(R"(export PATH="/opt/bin:$PATH" DEBIAN_FRONTEND=noninteractive; unset X)");
  CHECK(names(s) == Strings{"export", "unset"});
  CHECK(values(s.commands[0].args) ==
        Strings{"PATH=/opt/bin:$PATH", "DEBIAN_FRONTEND=noninteractive"});
  CHECK_FALSE(s.commands[0].args[0].is_literal);
  CHECK(s.commands[0].args[1].is_literal);
  CHECK(values(s.commands[1].args) == Strings{"X"});
}

TEST_CASE("redirections are not arguments", "[shell-parser]") {
  const std::string text = "cmd arg > /dev/null 2>&1 <<< \"input\"";
  const ShellScript s = parse_shell(text);
  REQUIRE(s.commands.size() == 1);
  CHECK(values(s.commands[0].args) == Strings{"arg"});
  // The redirections belong to the simple command's span.
  CHECK(s.commands[0].span == Span{0, static_cast<std::uint32_t>(text.size())});

  const ShellScript h = parse_shell("cat > /etc/x.conf <<'EOF'\nkey=value\nEOF\n");
  REQUIRE(h.commands.size() == 1);
  CHECK(h.commands[0].name.value == "cat");
  CHECK(h.commands[0].args.empty());
  CHECK(h.errors.empty());
}

TEST_CASE("line continuations", "[shell-parser]") {
  const std::string text = "apt-get install \\\n    curl \\\r\n  wget\necho a\\\nb";
  const ShellScript s = parse_shell(text);
  REQUIRE(s.commands.size() == 2);
  CHECK(values(s.commands[0].args) == Strings{"install", "curl", "wget"});
  CHECK(at(text, s.commands[0].args[2].span) == "wget");
  // A continuation inside a word joins its halves, as the shell does.
  CHECK(values(s.commands[1].args) == Strings{"ab"});
  CHECK(at(text, s.commands[1].args[0].span) == "a\\\nb");
}

TEST_CASE("a base offset shifts every span", "[shell-parser]") {
  const std::uint32_t base = 1000;
  const std::string text = "cd /x && sh -c 'make install' | tee log";
  const ShellScript s = parse_shell(text, base);
  CHECK(s.span == Span{base, base + static_cast<std::uint32_t>(text.size())});
  CHECK(names(s) == Strings{"cd", "sh", "make", "tee"});
  CHECK(s.commands[0].span == Span{base, base + 5});
  CHECK(at(text, s.commands[0].args[0].span, base) == "/x");
  CHECK(at(text, s.commands[2].span, base) == "make install");
  CHECK(at(text, s.commands[2].args[0].span, base) == "install");
  CHECK(at(text, s.commands[3].args[0].span, base) == "log");
  REQUIRE(s.pipelines.size() == 3);
  CHECK(at(text, s.pipelines[1].span, base) == "sh -c 'make install' | tee log");
  CHECK(s.pipelines[1].commands == Indices{1, 3});
}

TEST_CASE("control-flow bodies and functions", "[shell-parser]") {
  const std::string text =
      "if [ -f /x ]; then rm /x; elif test -d /y; then rmdir /y; else touch /z; fi\n"
      "for p in a b; do pip install \"$p\"; done\n"
      "while read -r l; do echo \"$l\"; done < list\n"
      "case \"$A\" in x) one ;; *) two ;; esac\n"
      "f() { inner arg; }\n";
  const ShellScript s = parse_shell(text);
  CHECK(names(s) ==
        Strings{"rm", "test", "rmdir", "touch", "pip", "read", "echo", "one", "two", "inner"});
  CHECK(depths(s) == Indices{0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
  CHECK(values(s.commands[4].args) == Strings{"install", "$p"});
  CHECK(at(text, s.commands[9].span) == "inner arg");
  CHECK(s.errors.empty());
  check_pipelines_consistent(s);
}

TEST_CASE("syntax errors are reported and valid commands still found", "[shell-parser]") {
  const std::string text = "echo start; if then fi fi; apt-get update";
  const ShellScript s = parse_shell(text);
  REQUIRE_FALSE(s.errors.empty());
  for (const Span& e : s.errors) CHECK(s.span.contains(e));
  const Strings found = names(s);
  CHECK(found.front() == "echo");
  CHECK(found.back() == "apt-get");
  CHECK(values(s.commands.back().args) == Strings{"update"});
  check_pipelines_consistent(s);

  const ShellScript unterminated = parse_shell("ls -l; echo \"open");
  CHECK_FALSE(unterminated.errors.empty());
  REQUIRE_FALSE(unterminated.commands.empty());
  CHECK(unterminated.commands[0].name.value == "ls");
}

TEST_CASE("garbage, NUL bytes and invalid UTF-8 do not crash", "[shell-parser]") {
  const std::string inputs[] = {
      std::string("a\0b c", 5),       "\xff\xfe\xfd | \xc3\x28 $(\xe2\x82",
      ")))((( ;; && || | }{ ]] [[ `", "\"unterminated $(( ${ `",
      std::string(5000, '('),         std::string(5000, '{'),
  };
  for (const std::string& text : inputs) {
    const ShellScript s = parse_shell(text, 3);
    for (const ShellCommand& c : s.commands) {
      CHECK(s.span.contains(c.span));
      CHECK(s.span.contains(c.name.span));
      for (const ShellWord& w : c.args) CHECK(s.span.contains(w.span));
    }
    for (const Span& e : s.errors) CHECK(s.span.contains(e));
    check_pipelines_consistent(s);
  }
}

TEST_CASE("deep nesting is bounded but long chains are complete", "[shell-parser]") {
  std::string nested;
  for (int i = 0; i < 3000; ++i) nested += "( ";
  nested += "a";
  for (int i = 0; i < 3000; ++i) nested += " )";
  const ShellScript deep = parse_shell(nested);  // must return without exhausting the stack
  check_pipelines_consistent(deep);

  std::string chain = "c0";
  for (int i = 1; i < 2000; ++i) chain += " && c" + std::to_string(i) + " x";
  const ShellScript s = parse_shell(chain);
  REQUIRE(s.commands.size() == 2000);
  CHECK(s.commands.back().name.value == "c1999");
  CHECK(values(s.commands.back().args) == Strings{"x"});
}

TEST_CASE("sh -c strings behind wrappers and su are parsed", "[shell-parser]") {
  SECTION("sudo, env, nice, timeout, command with their options") {
    const std::string text =
        "sudo -u app -E sh -c 'apt-get install x'; env X=1 -u Y bash -c \"a 1\"; "
        "nice -n 5 sh -c 'b'; timeout -s KILL 60 bash -ec 'c'; command sh -c 'd'; "
        "sudo env A=1 nohup dash -c 'e'";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"sudo", "apt-get", "env", "a", "nice", "b", "timeout", "c",
                              "command", "d", "sudo", "e"});
    CHECK(depths(s) == Indices{0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1});
    CHECK(at(text, s.commands[1].span) == "apt-get install x");
    CHECK(at(text, s.commands[1].args[1].span) == "x");
    CHECK(at(text, s.commands[3].args[0].span) == "1");
    CHECK(at(text, s.commands[11].span) == "e");
    check_pipelines_consistent(s);
  }
  SECTION("su -c STRING, before or after the user, and --command") {
    const std::string text =
        "su -c 'make install' app; su app -c \"id -u\"; su - app -s /bin/sh -c 'ls /'; "
        "su --command 'pwd' app; runuser -u app -- true";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"su", "make", "su", "id", "su", "ls", "su", "pwd", "runuser"});
    CHECK(at(text, s.commands[1].span) == "make install");
    CHECK(at(text, s.commands[3].span) == "id -u");
    CHECK(at(text, s.commands[5].args[0].span) == "/");
    CHECK(s.commands[7].depth == 1);
  }
  SECTION("wrappers that run nothing, expansions and non-wrappers open no string") {
    const ShellScript s = parse_shell(
        "sudo -v sh -c 'a'; $SUDO sh -c 'b'; echo sh -c 'c'; env -S 'sh -c d'; "
        "command -v sh -c 'e'; sudo sh script.sh");
    CHECK(names(s) == Strings{"sudo", "$SUDO", "echo", "env", "command", "sudo"});
  }
  SECTION("nesting through wrappers is still bounded") {
    std::string script = "leaf";
    for (int i = 0; i < 12; ++i) {
      std::string quoted;
      for (const char ch : script) {
        if (ch == '"' || ch == '\\') quoted += '\\';
        quoted += ch;
      }
      script = "sudo sh -c \"" + quoted + "\"";
    }
    const ShellScript s = parse_shell(script);
    REQUIRE(s.commands.size() == 9);
    CHECK(s.commands.back().depth == 8);
    check_pipelines_consistent(s);
  }
}

TEST_CASE("a -c string's substitutions expanded by the outer shell appear once",
          "[shell-parser]") {
  SECTION("$(…) in a double-quoted string: the exact outer copy only") {
    const std::string text = R"(sh -c "x=$(sudo id -u); echo $x")";
    const ShellScript s = parse_shell(text);
    // The rest of the string is parsed again; its commands get the string's span, which starts
    // before the substitution's.
    CHECK(names(s) == Strings{"sh", "echo", "sudo"});
    REQUIRE(s.commands.size() == 3);
    CHECK(s.commands[1].span == s.commands[0].args[1].span);
    CHECK(s.commands[1].depth == 1);
    CHECK(at(text, s.commands[2].span) == "sudo id -u");
    CHECK(s.commands[2].depth == 1);
    check_pipelines_consistent(s);
  }
  SECTION("backticks, ${…:-$(…)} and pipelines inside the substitution") {
    const std::string text = R"(bash -c "echo `whoami` ${V:-$(a | b)}; true")";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"bash", "echo", "true", "whoami", "a", "b"});
    CHECK(at(text, s.commands[3].span) == "whoami");
    CHECK(at(text, s.commands[5].span) == "b");
    CHECK(s.commands[5].pipe_position == 1);
    CHECK(s.commands[5].pipeline == s.commands[4].pipeline);
    check_pipelines_consistent(s);
  }
  SECTION("a substitution the outer shell does not expand belongs to the inner shell") {
    // Escaped in double quotes, or inside single quotes of a word that has an expansion too.
    const std::string text = R"(sh -c "echo \$(id -u) $X"; sh -c 'echo $(id -g)'"$Y")";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"sh", "echo", "id", "sh", "echo", "id"});
    CHECK(depths(s) == Indices{0, 1, 2, 0, 1, 2});
    CHECK(s.commands[2].span == s.commands[0].args[1].span);
    CHECK(values(s.commands[5].args) == Strings{"-g"});
    check_pipelines_consistent(s);
  }
  SECTION("a string that is one substitution: the inner shell runs its output") {
    const std::string text = R"x(sh -c "$(cat /s)")x";
    const ShellScript s = parse_shell(text);
    CHECK(names(s) == Strings{"sh", "$(cat /s)", "cat"});
    CHECK(depths(s) == Indices{0, 1, 1});
    CHECK_FALSE(s.commands[1].name.is_literal);
    CHECK(at(text, s.commands[2].span) == "cat /s");
  }
  SECTION("a line continuation between the parts of the string keeps the offsets") {
    const std::string text = "sh -c \"a $(b)\"\\\n\"; $(c)\"";
    const ShellScript s = parse_shell(text);
    // `; $(c)` runs c's output as a command: that one is the inner shell's.
    CHECK(names(s) == Strings{"sh", "a", "$(c)", "b", "c"});
    CHECK(at(text, s.commands[3].span) == "b");
    CHECK(at(text, s.commands[4].span) == "c");
  }
}

TEST_CASE("command_script builds one command from given words", "[shell-parser]") {
  const std::string source = R"(RUN ["sudo", "sh", "-c", "apt-get install x"])";
  const auto word = [&](std::string_view literal) {
    const auto begin = static_cast<std::uint32_t>(source.find(literal));
    std::string value(literal.substr(1, literal.size() - 2));
    return ShellWord{value, Span{begin, begin + static_cast<std::uint32_t>(literal.size())},
                     true};
  };
  const ShellScript s = lintel::parsers::command_script(
      {word(R"("sudo")"), word(R"("sh")"), word(R"("-c")"), word(R"("apt-get install x")")},
      Span{4, static_cast<std::uint32_t>(source.size())}, source);
  CHECK(names(s) == Strings{"sudo", "apt-get"});
  REQUIRE(s.commands.size() == 2);
  CHECK(values(s.commands[0].args) == Strings{"sh", "-c", "apt-get install x"});
  CHECK(at(source, s.commands[0].span) == R"("sudo", "sh", "-c", "apt-get install x")");
  CHECK(at(source, s.commands[1].span) == "apt-get install x");
  CHECK(s.commands[1].depth == 1);
  check_pipelines_consistent(s);
  // Wrappers resolved as for parse_shell's commands: `sudo` runs args[0] (`sh`), the nested
  // command runs itself.
  CHECK(s.commands[0].runs == 1);
  CHECK(s.commands[1].runs == 0);

  const ShellScript empty = lintel::parsers::command_script({}, Span{3, 9}, source);
  CHECK(empty.commands.empty());
  CHECK(empty.pipelines.empty());
  CHECK(empty.span == Span{3, 9});
}

}  // namespace t_shell_parser_test
