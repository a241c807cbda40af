// Tests for rules/dockerfile/commands.hpp: wrappers, option parsing, pip detection, mounts.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "parsers/dockerfile/parser.hpp"
#include "parsers/shell/parser.hpp"
#include "rules/dockerfile/commands.hpp"

using namespace lintel;
using namespace lintel::rules::dockerfile;

namespace t_dockerfile_commands_test {

// The last simple command of `text` (nested `sh -c` commands come after their container).
model::ShellCommand last_command(const std::string& text) {
  const model::ShellScript script = parsers::parse_shell(text);
  REQUIRE_FALSE(script.commands.empty());
  return script.commands.back();
}

std::string describe(const std::optional<CommandView>& view) {
  if (!view) return "<none>";
  std::string out(view->program());
  for (const model::ShellWord& w : view->args) out += " " + w.value;
  return out;
}

// What the command of `text` runs, as parse_shell resolved it; the walk through the wrappers of a
// command not resolved (built otherwise) must find the same.
std::string effective(const std::string& text) {
  model::ShellCommand cmd = last_command(text);
  INFO(text);
  CHECK(cmd.runs != model::ShellCommand::kRunsUnresolved);
  const std::string resolved = describe(effective_command(cmd));
  cmd.runs = model::ShellCommand::kRunsUnresolved;
  CHECK(describe(effective_command(cmd)) == resolved);
  return resolved;
}

std::vector<std::string> operand_values(const ParsedArgs& args) {
  std::vector<std::string> out;
  for (const model::ShellWord* w : args.operands) out.push_back(w->value);
  return out;
}

TEST_CASE("effective_command sees through wrappers", "[commands]") {
  CHECK(effective("apt-get install -y curl") == "apt-get install -y curl");
  CHECK(effective("/usr/bin/apt-get install") == "apt-get install");
  CHECK(effective("sudo apt-get install x") == "apt-get install x");
  CHECK(effective("sudo -u root -E apt-get install x") == "apt-get install x");
  CHECK(effective("sudo --user=root apt-get install x") == "apt-get install x");
  CHECK(effective("sudo -u root env A=1 B=2 apt-get -y install x") == "apt-get -y install x");
  CHECK(effective("env -u HOME -i PATH=/bin pip install x") == "pip install x");
  CHECK(effective("command apt-get update") == "apt-get update");
  CHECK(effective("nice -n 5 nohup apk add x") == "apk add x");
  CHECK(effective("timeout -s KILL 60 npm ci") == "npm ci");
  CHECK(effective("xargs -r -n 1 -I{} apt-get install {}") == "apt-get install {}");
  CHECK(effective("exec -a name pip install x") == "pip install x");
  // Wrappers that run no command, or whose command cannot be known.
  CHECK(effective("command -v apt-get") == "<none>");
  CHECK(effective("sudo -v") == "<none>");
  CHECK(effective("sudo -l apt-get") == "<none>");
  CHECK(effective("env") == "<none>");
  CHECK(effective("env A=1") == "<none>");
  CHECK(effective("env -S 'apt-get install x'") == "<none>");
  CHECK(effective("$SUDO apt-get install x") == "<none>");
  // `sh -c` is expanded by the parser, not here: the nested command is a command of its own.
  CHECK(effective("sh -c 'sudo apt-get install x'") == "apt-get install x");
}

TEST_CASE("effective_command keeps the original command and marks wrapping", "[commands]") {
  const model::ShellCommand direct = last_command("apt-get update");
  const auto a = effective_command(direct);
  REQUIRE(a);
  CHECK_FALSE(a->is_wrapped());
  CHECK(a->command == &direct);
  const model::ShellCommand wrapped = last_command("sudo apt-get update");
  const auto b = effective_command(wrapped);
  REQUIRE(b);
  CHECK(b->is_wrapped());
  CHECK(b->command->name.value == "sudo");
  CHECK(b->name->value == "apt-get");
}

TEST_CASE("parse_args understands clusters, attached values and --", "[commands]") {
  const model::ShellCommand cmd = last_command(
      "apt-get -yq -o Dpkg::Options::=--force-confold -tbookworm --target-release=sid "
      "--no-install-recommends -q=2 install curl -- -notaflag");
  const ParsedArgs args = parse_args(cmd.args, kAptSyntax);
  CHECK(args.has_flag('y', "yes"));
  CHECK(args.has_flag('q', "quiet"));
  CHECK(args.has_flag(0, "no-install-recommends"));
  CHECK_FALSE(args.has_flag('f', "fix-broken"));
  // `-o` takes the next word: its letters are not flags.
  CHECK_FALSE(args.has_flag('D', ""));
  const auto o = args.find_all('o', "option");
  REQUIRE(o.size() == 1);
  CHECK(o[0]->value == std::string_view("Dpkg::Options::=--force-confold"));
  REQUIRE(o[0]->value_word != nullptr);
  const auto t = args.find_all('t', "target-release");
  REQUIRE(t.size() == 2);
  CHECK(t[0]->value == std::string_view("bookworm"));
  CHECK(t[1]->value == std::string_view("sid"));
  const auto q = args.find_all('q', "quiet");
  REQUIRE(q.size() == 2);
  CHECK_FALSE(q[0]->value);
  CHECK(q[1]->value == std::string_view("2"));
  CHECK(args.subcommand() == "install");
  CHECK(operand_values(args) == std::vector<std::string>{"install", "curl", "-notaflag"});
  REQUIRE(args.after_subcommand().size() == 2);
  CHECK(args.after_subcommand()[0]->value == "curl");
}

TEST_CASE("parse_args without a syntax treats every option as a flag", "[commands]") {
  const model::ShellCommand cmd = last_command("useradd -lu 1000 -m --shell /bin/sh app");
  const ParsedArgs plain = parse_args(cmd.args);
  CHECK(plain.has_flag('l', "no-log-init"));
  CHECK(plain.has_flag('u', "uid"));
  CHECK(operand_values(plain) == std::vector<std::string>{"1000", "/bin/sh", "app"});
  const ParsedArgs typed =
      parse_args(cmd.args, {.short_with_value = "u", .long_with_value = "shell"});
  const Option* uid = typed.find('u', "uid");
  REQUIRE(uid != nullptr);
  CHECK(uid->value == std::string_view("1000"));
  CHECK(operand_values(typed) == std::vector<std::string>{"app"});
  CHECK(has_flag(cmd.args, 'm', "create-home"));
  CHECK_FALSE(has_flag(cmd.args, 'r', "system"));
}

TEST_CASE("parse_args keeps expansions as operands", "[commands]") {
  const model::ShellCommand cmd = last_command("apt-get install $OPTS ${PKG} x=$V");
  const ParsedArgs args = parse_args(cmd.args, kAptSyntax);
  REQUIRE(args.after_subcommand().size() == 3);
  CHECK(is_opaque_word(*args.after_subcommand()[0]));
  CHECK(is_opaque_word(*args.after_subcommand()[1]));
  CHECK_FALSE(is_opaque_word(*args.after_subcommand()[2]));
}

TEST_CASE("pip_arguments finds pip behind python -m", "[commands]") {
  const auto pip = [](const std::string& text) -> std::string {
    const model::ShellCommand cmd = last_command(text);
    const auto view = effective_command(cmd);
    if (!view) return "<none>";
    const auto args = pip_arguments(*view);
    if (!args) return "<none>";
    std::string out;
    for (const model::ShellWord& w : *args) out += (out.empty() ? "" : " ") + w.value;
    return out;
  };
  CHECK(pip("pip install x") == "install x");
  CHECK(pip("pip3 install x") == "install x");
  CHECK(pip("/usr/local/bin/pip3.12 install x") == "install x");
  CHECK(pip("python -m pip install x") == "install x");
  CHECK(pip("python3.11 -u -W ignore -m pip install x") == "install x");
  CHECK(pip("sudo python3 -m pip install x") == "install x");
  CHECK(pip("python -m venv /v") == "<none>");
  CHECK(pip("python -c 'import pip'") == "<none>");
  CHECK(pip("pipx install x") == "<none>");
  CHECK(pip("pipenv install") == "<none>");
}

TEST_CASE("flag_field and for_each_cache_mount read --mount values", "[commands]") {
  CHECK(flag_field("type=cache,target=/x,sharing=locked", "target") == std::string_view("/x"));
  CHECK(flag_field("type=cache,target=/x", "dst") == std::nullopt);
  CHECK(flag_field("type=bind,ro", "ro") == std::string_view(""));
  const SourceFile file("Dockerfile",
                        "FROM debian:12\n"
                        "RUN --mount=type=cache,target=/a --mount=type=bind,target=/b "
                        "--mount=dst=/c,type=tmpfs --mount=type=secret,id=t true\n");
  const auto parsed = parsers::parse_dockerfile(file);
  REQUIRE(parsed.doc.instructions.size() == 2);
  std::vector<std::string> targets;
  for_each_cache_mount(parsed.doc.instructions[1],
                       [&](std::string_view t) { targets.emplace_back(t); });
  CHECK(targets == std::vector<std::string>{"/a", "/c"});
}

TEST_CASE("run_instructions includes ONBUILD RUN and lowercase run", "[commands]") {
  const SourceFile file("Dockerfile",
                        "FROM debian:12\n"
                        "RUN a\n"
                        "ONBUILD RUN b\n"
                        "ONBUILD COPY . /x\n"
                        "run c\n"
                        "CMD d\n");
  const auto parsed = parsers::parse_dockerfile(file);
  const auto runs = run_instructions(parsed.doc);
  REQUIRE(runs.size() == 3);
  CHECK(runs[0].index == 1);
  CHECK_FALSE(runs[0].is_onbuild());
  CHECK(runs[1].index == 2);
  CHECK(runs[1].is_onbuild());
  CHECK(runs[1].top->kind == model::InstructionKind::onbuild);
  CHECK(runs[1].run->kind == model::InstructionKind::run);
  CHECK(runs[2].index == 4);
  std::vector<std::string> names;
  for_each_run_command(parsed.doc, [&](const RunRef&, const model::ShellCommand& c) {
    names.push_back(c.name.value);
  });
  CHECK(names == std::vector<std::string>{"a", "b", "c"});
}

TEST_CASE("follow_wrappers visits every command word from the outside in", "[commands]") {
  const auto visited = [](const std::string& text, std::string& last) {
    const model::ShellCommand cmd = last_command(text);
    std::vector<std::string> seen;
    const auto run = model::follow_wrappers(
        model::CommandWords{&cmd.name, cmd.args},
        [&seen](const model::CommandWords& w) { seen.push_back(w.name->value); });
    last = run ? run->name->value + " (" + std::to_string(run->args.size()) + ")" : "<none>";
    return seen;
  };
  std::string last;
  CHECK(visited("sudo -E env X=1 nice -n 5 /usr/bin/apt-get install x", last) ==
        std::vector<std::string>{"sudo", "env", "nice", "/usr/bin/apt-get"});
  CHECK(last == "/usr/bin/apt-get (2)");
  // A wrapper that runs nothing is visited, and the walk ends without a command.
  CHECK(visited("nice sudo -v", last) == std::vector<std::string>{"nice", "sudo"});
  CHECK(last == "<none>");
  CHECK(visited("$SUDO apt-get install", last).empty());
  CHECK(last == "<none>");
  CHECK(visited("make", last) == std::vector<std::string>{"make"});
  CHECK(last == "make (0)");
}

TEST_CASE("is_shell_program names the POSIX shells by base name", "[commands]") {
  for (const char* shell : {"sh", "bash", "dash", "zsh", "ash", "ksh", "mksh"})
    CHECK(is_shell_program(shell));
  CHECK_FALSE(is_shell_program("/bin/sh"));  // callers pass base names
  CHECK_FALSE(is_shell_program("python3"));
  CHECK_FALSE(is_shell_program("shellcheck"));
  CHECK_FALSE(is_shell_program(""));
}

TEST_CASE("exec-form RUN commands are seen like shell-form ones", "[commands]") {
  const SourceFile file("Dockerfile",
                        "FROM debian:12\n"
                        "RUN [\"sudo\", \"apt-get\", \"install\", \"-y\", \"curl\"]\n"
                        "RUN [\"env\", \"A=1\", \"sh\", \"-c\", \"pip install x\"]\n");
  const auto parsed = parsers::parse_dockerfile(file);
  std::vector<std::string> seen;
  for_each_run_command(parsed.doc, [&](const RunRef&, const model::ShellCommand& c) {
    if (const auto view = effective_command(c)) {
      std::string s(view->program());
      for (const model::ShellWord& w : view->args) s += " " + w.value;
      seen.push_back(s);
    }
  });
  CHECK(seen == std::vector<std::string>{"apt-get install -y curl", "sh -c pip install x",
                                         "pip install x"});
}

}  // namespace t_dockerfile_commands_test
