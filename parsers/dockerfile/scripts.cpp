#include "parsers/dockerfile/scripts.hpp"

#include <algorithm>
#include <array>

namespace lintel::parsers::dockerfile {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view basename(std::string_view path) {
  const std::size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// The whitespace-separated tokens of one line.
std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    const std::size_t b = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    if (i > b) out.push_back(line.substr(b, i - b));
  }
  return out;
}

}  // namespace

bool is_posix_shell(std::string_view program) {
  std::string name;
  for (const char c : basename(program)) name += lower(c);
  if (name.size() > 4 && name.compare(name.size() - 4, 4, ".exe") == 0)
    name.resize(name.size() - 4);
  static constexpr std::array<std::string_view, 7> kShells = {"sh",  "bash", "dash", "ash",
                                                              "zsh", "ksh",  "mksh"};
  return std::find(kShells.begin(), kShells.end(), name) != kShells.end();
}

bool shebang_is_shell(std::string_view body) {
  if (body.substr(0, 2) != "#!") return true;
  const std::string_view line = body.substr(
      2, body.find('\n') == std::string_view::npos ? std::string_view::npos : body.find('\n') - 2);
  const std::vector<std::string_view> words = tokens(line);
  if (words.empty()) return true;
  if (basename(words[0]) != "env") return is_posix_shell(words[0]);
  for (std::size_t i = 1; i < words.size(); ++i) {
    if (words[i].front() == '-') continue;  // `env -S`
    return is_posix_shell(words[i]);
  }
  return false;
}

int shell_c_script_index(const std::vector<std::string_view>& words) {
  if (words.size() < 3 || !is_posix_shell(words[0])) return -1;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (w == "-o" || w == "+o") {
      ++i;  // the option's name
      continue;
    }
    if (w.size() < 2 || (w[0] != '-' && w[0] != '+') || w == "--") return -1;
    const bool letters = std::all_of(w.begin() + 1, w.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    if (w[0] == '-' && letters && w.find('c') != std::string_view::npos)
      return i + 1 < words.size() ? static_cast<int>(i + 1) : -1;
  }
  return -1;
}

std::string shell_text(std::string_view source, Span range, const std::vector<Span>& joins) {
  const std::size_t begin = std::min<std::size_t>(range.begin, source.size());
  const std::size_t end = std::clamp<std::size_t>(range.end, begin, source.size());
  std::string text(source.substr(begin, end - begin));
  for (const Span& join : joins) {
    if (join.begin < begin || join.end > end || join.size() < 2) continue;
    const std::size_t b = join.begin - begin;
    const std::size_t e = join.end - begin;
    std::fill(text.begin() + static_cast<std::ptrdiff_t>(b),
              text.begin() + static_cast<std::ptrdiff_t>(e), ' ');
    text[e - 2] = '\\';
    text[e - 1] = '\n';
  }
  for (std::size_t i = text.find('\r'); i != std::string::npos; i = text.find('\r', i + 1)) {
    if (i + 1 == text.size() || text[i + 1] == '\n' || text[i + 1] == '\r') text[i] = ' ';
  }
  return text;
}

bool is_shell_text_verbatim(std::string_view source, Span range, const std::vector<Span>& joins) {
  if (range.end > source.size() || range.begin > range.end) return false;
  const bool rewrites_join = std::any_of(joins.begin(), joins.end(), [range](const Span& join) {
    return join.begin >= range.begin && join.end <= range.end && join.size() >= 2;
  });
  return !rewrites_join && source.substr(range.begin, range.size()).find('\r') == std::string_view::npos;
}

namespace {
void pin(model::ShellWord& word, Span span) { word.span = span; }
}  // namespace

void pin_spans(model::ShellScript& script, Span span) {
  for (model::ShellCommand& command : script.commands) {
    pin(command.name, span);
    for (model::ShellWord& w : command.args) pin(w, span);
    for (model::ShellWord& w : command.assignments) pin(w, span);
    command.span = span;
  }
  for (model::ShellPipeline& pipeline : script.pipelines) pipeline.span = span;
  for (Span& error : script.errors) error = span;
  for (model::ShellLimit& limit : script.limits) limit.span = span;
  script.span = span;
}

}  // namespace lintel::parsers::dockerfile
