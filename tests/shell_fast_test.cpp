// The fast shell front end against tree-sitter: whenever it accepts a text, the two models must be
// identical (see parsers/shell/fast.cpp). Scripts come from a hand-written list, systematic
// mutations of it, and every RUN/CMD/ENTRYPOINT and `run:` of the fixtures and the real-world
// corpus (../shared/corpus/realworld, skipped when absent).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/engine/classify.hpp"
#include "analyzer/model/shell.hpp"
#include "analyzer/source.hpp"
#include "parsers/dockerfile/parser.hpp"
#include "parsers/gha/parser.hpp"
#include "parsers/shell/fast.hpp"
#include "parsers/shell/parser.hpp"

namespace t_shell_fast_test {

namespace fs = std::filesystem;
using lintel::model::ShellScript;
using lintel::parsers::shell::DifferentialCheck;
using lintel::parsers::shell::DifferentialScope;
using lintel::parsers::shell::FrontEnd;
using lintel::parsers::shell::parse_shell_with;

// Scripts that exercise the subset's edges and the tree-sitter quirks fast.cpp reproduces, plus
// a few it must decline. Mutated below, so short ones with many special characters pay most.
const std::vector<std::string> kTricky = {
    "apt-get update && apt-get install -y --no-install-recommends curl=7.88 && rm -rf "
    "/var/lib/apt/lists/*",
    "set -eux; \\\n    apt-get update; \\\n    apt-get install -y ca-certificates; \\\n    rm -rf "
    "/x",
    "cmd \"a b\" 'x y' a\\ b \"--opt=$X\" pre\"mid\"'post' x$(id -u)y \"q\\\"w\\\\e\\$r\\t\" "
    "$'a\\tb'",
    "echo ${HOME:-/} ${#x} ${x%%.*} ${x##*/} ${x//a/b} ${x:0:3} $1 $@ $* $# $? $$ $! $-",
    "a | b > out && c > x y 2>&1; ! d > e; echo \"a$\"",
    "a | b 2>&1 | c; a > x | b; a && b > x && c; a 2>&1 > o | b",
    "make 2>&1 | tee build.log > /dev/null; cmd &> /dev/null; x >> log 2>>err",
    "(cd /src && make) && ls; { echo a; echo b; } | sort | (cat; wc -l) | sh",
    "if [ -f /x ]; then rm /x; elif test -d /y; then rmdir /y; else touch /z; fi",
    "for p in a b $(ls) \"$Q\"; do pip install \"$p\"; done\nwhile read -r l; do echo \"$l\"; done "
    "< list",
    "until [ -n \"$(pgrep x)\" ]; do sleep 1; done; [ ! -d /x ] || rm -r /x",
    "FOO=1 BAR=\"a b\" cmd X=2 arg; A= B=$(id) c; X=1; Y=2 Z=3",
    "export PATH=\"/opt/bin:$PATH\" DEBIAN_FRONTEND=noninteractive; unset X; local -r y=1; "
    "readonly Z",
    "local a=; local b= c=; export f=; g ${G::9} \"${H::12}\" x${I::3}y",
    "local b= c=;; local d=\ne; g ${I::} ${J:::1} ${K::-1}",
    "sh -c 'apt-get install foo'; bash -c \"a && b | c\"; sudo -u app -E sh -c 'x 1'",
    "sh -c \"echo \\\"hi there\\\" && touch /f\"; env X=1 bash -c \"a 1\"; su app -c \"id -u\"",
    "sh -c \"x=$(sudo id -u); echo $x\"; bash -c \"echo `whoami` ${V:-x}; true\"",
    "sh -c \"$(cat /s)\"; sh -c 'a' $(b); nice -n 5 sh -c 'b'; timeout -s KILL 60 bash -ec 'c'",
    "chown \"$(id -u):$(id -g)\" `whoami` /x; echo `date`",
    "apt-get install \\\n    curl \\\n  wget\necho a\\\nb c\\\nd\\\ne",
    "curl -fsSL https://x | sh; wget -O- url | bash -s --; a | b |& c; ! a | b",
    "# a comment\necho a # trailing\n\n  ls;# x\necho a#b",
    "x=\"$(dpkg --print-architecture)\"; case \"$x\" in amd64) y=1 ;; esac",
    // case: items with `|`, `;;`, `;&`, `;;&`, empty items, comments, `esac` on its own line,
    // substitutions in the word and the items.
    "case \"$(uname -m)\" in x86_64|amd64) a=1;; 'arm'*|\"b c\") b $(c) ;& *) d; e ;;& f) g;; esac",
    "case $x in\n  a | b) # c\n    f | g > h\n    ;;\n  -*) ;;\n  *) exit 1\nesac; x",
    "case \"$a\" in \\\n\t'x') \\\n\t\tu='y'; \\\n\t\t;; \\\n\t*) echo >&2 \"e ($a)\"; exit 1 ;; "
    "\\\n\tesac; \\\n\tls",
    "case ${v} in a) case $w in b) c;; esac\n;; esac; d\ncase $1 in ?) ;; -h|--help) e\nesac",
    "case x in esac; case y in (a) b;; esac; case z in a)b;; esac && c; case a in *) esac",
    "x=$(case $y in a) echo b;; *) c;; esac); d; e=$(f() { g; }; f); h=$([[ -n $i ]] && j)",
    "case $v in a+b|c:d|e,f) x;; 1.2/*|'q'\"r\") y;; esac; case \"$z\" in z) w;; esac",
    "cat <<EOF | sh\necho hi\nEOF\n",
    "jq . <<<\"$s\" | tee -a f; a <<< \"$(b)\" x; read -r c d <<< $e; f=$(cut -d . -f1 <<< \"${V}\")",
    "a <<< x > f; b <<< y <<< z; c <<<; <<< d e; f 2<<< g; h<<<i",
    "f() { inner arg; }; function g { x; }; (( i++ )); echo $((1+2))",
    "echo $((a-b)) \"x$(($1 * 2))\" $(( (c) )) $((d++)) $((0x1)); n=$((n+1)); m=$(( $N % 3 - 4 / x ))",
    "SAVED=$((AFTER-BEFORE)); echo \"v=$((V + 1))\" $(($2)); [ $((a*b)) -gt 0 ]",
    "f() { inner arg; }; function g { x | y; }\nfunction h() {\n  z $(w)\n}; get-x () { v; }; f",
    "f() { a; } > x; g() ( b ); h() { c; } && d; e() { f; } | g; if() { i; }; function { j; }",
    "echo $A/$B/$C x/$D \"$E\"/$F ${G}/$H; X=$A/$B/$C",
    "[[ -n $x && $y == z* ]] && echo ok; cmd <<< \"$in\"; diff <(a) <(b)",
    "echo {a,b} {1..3} [x] \\{ \\} ~/x *.txt ?",
    "echo \"multi\nline\" 'multi\nline' \"a\\\nb\"",
    "a &\nb & c; d",
    "mkdir -p /x && \\\n\tcd /x && \\\n\t{ \\\n\t\techo; \\\n\t\techo 'y'; \\\n\t} > f",
    "if ! command -v git > /dev/null; then apt-get install -y git; fi",
    // `! {`: tree-sitter's commands `{` and `}`.
    "! { ldd \"$e\"/*.so | grep 'n f'; }; \\\n\tx; ! { a && b; } > f\n! { c; d; } x && e; f",
    "a | ! { b; }; } ; ! { c; }}; if x; then ! { d; }; fi; ( ! { e; } ); ! {f; }",
    "! { a; { b; }; ( c ); if d; then e; fi; }; x\n! { k; f() { g; }; case h in i) j;; esac; }",
    "docker run --rm -v \"$PWD\":/src -w /src image:tag sh -c 'make && make install'",
    "export GNUPGHOME=\"$(mktemp -d)\"; gpg --batch --verify x.asc x; rm -rf \"$GNUPGHOME\" x.asc",
    "dpkgArch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"; "
    "url=\"https://x/${dpkgArch}\"",
    "echo $'\\x41\\u00e9\\101\\e[0m\\q' $'it\\'s' $\"t\"",
    // Found by mutating corpus scripts: each is a place where tree-sitter's parse differs from
    // a shell's and the fast front end must decline (or follow it).
    "docker push $R/$N/$I:$G; a '$q',$N/; a ~$1$_xx/",
    "A= B=$(id)\n c; X=1 Y=2\nd; Z=1\ne",
    "a | b | c\nd && e; f | g | h\ni; j && k",
    "a | b | c > x; c|url x | sh -\nsudo y && z",
    // Long pipelines after a first `&&` or `||`: tree-sitter's usual list.
    "a && b | c | d > x && e; f || g | h | i && j | k | l; m && n | o | p",
    "a > x && b | c | d && f | g 2>&1 | h > i || j; k && l | m | n |& o | p && q\nr",
    "(a) && b | c | d || e; { f; } && g | h | i | j; k x && l | m | n | o > p && q | r | s | t",
    "apt%-get x; m@ke; *G=1 go; _=x; -x; \\e; if\"a\"; export\" X=1\"",
    "_update_repo a; _x-y.z/w b | __c && _1 \"d\" $e; _a=1 _b c",
    "_ f; _%g; _h%i j; _k:l",
    "cmd 0<755 x; sh - 2>x; sh - >x; tar -f - -C /x",
    "npm install \n--only=production; locust &--host=x",
    "echo \" $(cat /s)\"; sh -c \" $(cat /s)\"; echo \"a$ b\" \"$(a)\\\nb\"",
    "sh -c \"x $(a) `b`\"; sh -c \"$b $(c)\"; echo \"a\n $(x)\"; sh -c \"a\n\t$(y) z\"; sh -c \"w\n$(v)\"",
    "sh -c \"a  $(b; c)\"; sh -c \"=> $(d) e $(f)\tg\"; echo \"h\t$(i)\"",
    "y`arn `install; echo `date` x`y`; echo \"`date`\"",
    "echo a\\\tb c\\ d; x=1; npm run build$$; echo ${x:-} ${#x} ${x:--} ${x#-}",
    "[ -d / ] && [ ! -f * ] || [ \"$a\" = \"$b\" ] && [ -n \"$(id -u)\" ]",
    "[[ -z \"$a\" || $b == v* ]] && x; [[ ! -d go ]]; [[ \"$(a)\" != /opt/* && $? -ne 2 ]] || y",
    "[[ ${V} == 'x' ]]; [[ -n $a && $b != \"c\" || -f $(d) ]]; [[ $e -lt 5 ]] && f",
    "[[ ! \"${T}\" =~ ^v[0-9]+\\.[0-9]+-rc$ ]] && x; [[ $a =~ ^tcp:// || -n $(b) ]]; [[ c =~ d ]]",
    "[[ $d =~ (e|f) ]]; [[ f < g ]]; [[ (h) ]]; [[ a = b ]]; [[ a == $b/c ]]; [[ i =~ \"j\" ]]",
    "X=$A \\\n  \n  Y=$B make; echo x \\\n\\\n y; a \\",
    "test \"$a\" = b; a == b; a =~ b; X=; u=;; v= w; echo ${V%%[a-z]*} ${V#*[0-9]} ${V/[a]/b}",
};

// Scripts the fast front end must take, so that a regression that declines everything shows.
const std::vector<std::string> kMustAccept = {
    "f() { inner arg; }; function g { x | y; }\nfunction h() {\n  z $(w)\n}; get-x () { v; }; f",
    "case \"$(uname -m)\" in\n  x86_64|amd64) a=x64 ;;\n  *) echo >&2 \"no\"; exit 1 ;;\nesac",
    "case ${v} in a) case $w in b) c;; esac\n;; esac; d\ncase $1 in ?) ;; -h|--help) e\nesac",
    "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
    "set -eux; \\\n  cd /x; \\\n  make -j\"$(nproc)\" install",
    "if [ -f /x ]; then rm /x; fi; for a in b c; do echo \"$a\"; done",
    "curl -fsSL https://x | sh -c 'cat > /y' && chmod +x /y",
    "command -v gpgconf && gpgconf --kill all || :; :\n: > /f; a || : 'x' \"$y\"; { :; } | :",
};

// The first difference between the two front ends on `text`, or nullopt when they agree or the
// fast one declines.
std::optional<std::string> difference(std::string_view text, std::uint32_t base = 11) {
  const std::optional<ShellScript> fast = parse_shell_with(text, base, FrontEnd::fast);
  if (!fast) return std::nullopt;
  const std::optional<ShellScript> slow = parse_shell_with(text, base, FrontEnd::tree_sitter);
  REQUIRE(slow);
  return lintel::parsers::shell::first_difference(*fast, *slow);
}

void require_same(std::string_view text) {
  const std::optional<std::string> d = difference(text);
  INFO("script:\n" << text);
  INFO("fast vs tree-sitter: " << d.value_or(""));
  REQUIRE_FALSE(d);
}

TEST_CASE("the fast shell front end builds tree-sitter's model for tricky scripts", "[shell]") {
  std::size_t accepted = 0;
  for (const std::string& text : kTricky) {
    require_same(text);
    if (parse_shell_with(text, 0, FrontEnd::fast)) ++accepted;
  }
  WARN("tricky scripts accepted by the fast front end: " << accepted << " of " << kTricky.size());
  for (const std::string& text : kMustAccept) {
    INFO(text);
    CHECK(parse_shell_with(text, 0, FrontEnd::fast).has_value());
    require_same(text);
  }
}

TEST_CASE("the fast shell front end is used by parse_shell", "[shell]") {
  // parse_shell and the automatic front end agree with tree-sitter on an accepted script.
  const std::string text = kMustAccept[0];
  const ShellScript automatic = lintel::parsers::parse_shell(text, 3);
  const std::optional<ShellScript> slow = parse_shell_with(text, 3, FrontEnd::tree_sitter);
  REQUIRE(slow);
  CHECK_FALSE(lintel::parsers::shell::first_difference(automatic, *slow));
}

// Every one-character deletion, every insertion of a shell metacharacter, and every truncation
// of `text`: whenever the fast front end accepts the result, it must agree with tree-sitter.
// Returns how many mutants it accepted.
std::size_t check_mutants(const std::string& text) {
  constexpr std::string_view kInserted = "\"'\\$(){};|&<>#\n` =";
  std::size_t accepted = 0;
  const auto check = [&](const std::string& mutant) {
    const std::optional<std::string> d = difference(mutant);
    if (parse_shell_with(mutant, 11, FrontEnd::fast)) ++accepted;
    if (!d) return;
    INFO("mutant of:\n" << text << "\nmutant:\n" << mutant << "\nfast vs tree-sitter: " << *d);
    FAIL_CHECK("the front ends differ");
  };
  for (std::size_t i = 0; i <= text.size(); ++i) {
    check(text.substr(0, i));
    if (i < text.size()) check(text.substr(0, i) + text.substr(i + 1));
    for (const char c : kInserted) check(text.substr(0, i) + c + text.substr(i));
  }
  return accepted;
}

TEST_CASE("mutated tricky scripts: the fast front end accepts only what it gets right", "[shell]") {
  std::size_t accepted = 0;
  for (const auto* list : {&kTricky, &kMustAccept}) {
    for (const std::string& text : *list) {
      if (text.size() > 120) continue;  // a few seconds in all; the long ones add little
      accepted += check_mutants(text);
    }
  }
  WARN("mutants accepted by the fast front end: " << accepted);
}

// Every `fill` of up to three characters from `chars` put in `before … after`: wherever the fast
// front end accepts the script, it must agree with tree-sitter. For the places whose syntax the
// mutations (which insert shell metacharacters only) do not reach. Returns how many it accepted.
std::size_t check_fills(std::string_view before, std::string_view chars, std::string_view after) {
  std::vector<std::string> fills{""};
  std::size_t accepted = 0;
  for (int length = 1; length <= 3; ++length) {
    std::vector<std::string> longer;
    for (const std::string& fill : fills) {
      for (const char c : chars) {
        longer.push_back(fill + c);
        const std::string text = std::string(before) + longer.back() + std::string(after);
        if (parse_shell_with(text, 11, FrontEnd::fast)) ++accepted;
        if (const std::optional<std::string> d = difference(text)) {
          INFO("script:\n" << text << "\nfast vs tree-sitter: " << *d);
          FAIL_CHECK("the front ends differ");
        }
      }
    }
    fills = std::move(longer);
  }
  return accepted;
}

TEST_CASE("regexes, patterns and arithmetic: the fast front end accepts only what it gets right",
          "[shell]") {
  WARN("=~ right sides accepted: "
       << check_fills("[[ $a =~ ", "a1^.*+?[]/:,-\\${}()|'\"", " ]] && x"));
  WARN("== right sides accepted: "
       << check_fills("[[ $a == ", "a1^.*+?[]/:,-\\${}()|'\"!@", " ]] && x"));
  WARN("case patterns accepted: "
       << check_fills("case $a in ", "a1*?.+/:,-|'\"[]()!@$ ", ") x;; esac; y"));
  WARN("arithmetic accepted: " << check_fills("echo $((", "a1$+-*/% ()", ")) x"));
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Lints every Dockerfile and workflow under `root` with the differential check installed: the
// Dockerfiles' scripts are counted in `dockerfiles`, the workflows' in `workflows`.
void check_tree(const fs::path& root, DifferentialCheck& dockerfiles,
                DifferentialCheck& workflows) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    const std::string rel = fs::relative(p, root).generic_string();
    std::optional<lintel::FileKind> kind = lintel::engine::classify_by_name(rel);
    std::string text = read_file(p);
    // As `lintel scan` does: YAML files with an uninformative name by their content.
    if (!kind && lintel::engine::is_yaml_path(rel))
      kind = lintel::engine::classify_yaml_content(text);
    if (kind == lintel::FileKind::dockerfile) {
      const DifferentialScope scope(dockerfiles);
      (void)lintel::parsers::parse_dockerfile(lintel::SourceFile(rel, std::move(text)));
    } else if (kind == lintel::FileKind::workflow) {
      const DifferentialScope scope(workflows);
      (void)lintel::parsers::parse_workflow(lintel::SourceFile(rel, std::move(text)));
    }
  }
}

void require_no_differences(const DifferentialCheck& check, std::string_view what) {
  WARN(what << ": fast front end took " << check.accepted << " of " << check.scripts
            << " scripts, " << check.accepted_bytes << " of " << check.bytes << " bytes");
  for (const std::string& d : check.differences) {
    INFO(d);
    FAIL_CHECK("the front ends differ");
  }
  REQUIRE(check.differences.empty());
}

TEST_CASE("every shell script of the fixtures: fast and tree-sitter agree", "[shell]") {
  DifferentialCheck dockerfiles, workflows;
  check_tree(fs::path(LINTEL_SOURCE_DIR) / "fixtures", dockerfiles, workflows);
  REQUIRE(dockerfiles.scripts + workflows.scripts > 100);
  require_no_differences(dockerfiles, "fixture Dockerfiles");
  require_no_differences(workflows, "fixture workflows");
}

TEST_CASE("every shell script of the real-world corpus: fast and tree-sitter agree", "[shell]") {
  const fs::path corpus = fs::path(LINTEL_SOURCE_DIR) / ".." / "shared" / "corpus" / "realworld";
  if (!fs::is_directory(corpus)) {
    WARN("no corpus at " << corpus.string() << ": skipped");
    return;
  }
  DifferentialCheck dockerfiles, workflows;
  check_tree(corpus, dockerfiles, workflows);
  require_no_differences(dockerfiles, "corpus Dockerfiles");
  require_no_differences(workflows, "corpus workflows");
}

// Not run by default: writes the corpus scripts the fast front end declines to the file named by
// LINTEL_DECLINED (one per record, separated by a line of 40 `=`), to see what to support next.
TEST_CASE("the corpus scripts the fast front end declines", "[.shell-declined]") {
  const fs::path corpus = fs::path(LINTEL_SOURCE_DIR) / ".." / "shared" / "corpus" / "realworld";
  const char* out_path = std::getenv("LINTEL_DECLINED");
  if (!fs::is_directory(corpus) || out_path == nullptr) return;
  DifferentialCheck dockerfiles, workflows;
  dockerfiles.keep_declined = workflows.keep_declined = true;
  check_tree(corpus, dockerfiles, workflows);
  std::ofstream out(out_path, std::ios::binary);
  for (const auto* check : {&dockerfiles, &workflows}) {
    for (const std::string& text : check->declined)
      out << (check == &dockerfiles ? "dockerfile" : "workflow") << "\n" << text << "\n"
          << std::string(40, '=') << "\n";
  }
}

}  // namespace t_shell_fast_test
