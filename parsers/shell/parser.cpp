// Shell text to model::ShellScript through tree-sitter-bash, or through the hand-written front
// end of fast.cpp when it accepts the text (most scripts): fast.cpp predicts tree-sitter's tree
// for its subset, and FastBuilder below walks that tree with Builder's rules, so the model is the
// same either way (tests/shell_fast_test.cpp compares the two). `-c` strings try it too.
//
// Heuristics and trade-offs worth knowing:
// - Pipelines are built from `pipeline` nodes. A stage that is not a simple command (`{ a; b; } |
//   c`, `(x) | y`) contributes the commands directly inside it at the stage's position, because
//   their output is what flows into the next stage. A pipeline nested in a stage, and commands in
//   substitutions or `sh -c` strings, get pipelines of their own.
// - `cat <<EOF | sh` is split by the grammar into the command and a `pipeline` inside the heredoc
//   redirect; the two are joined back into one pipeline.
// - `export`/`declare`/`local`/`readonly`/`typeset`/`unset` are commands too: the grammar gives
//   them their own node types, but the shell runs them as simple commands.
// - The grammar splits `a\<newline>b` into two words; the shell sees one, so such words are joined.
// - `sh -c STRING` (also bash, dash, ...) is parsed again, bounded to kMaxShellNesting levels.
//   A string past that bound, and a syntax tree deeper than kMaxTreeDepth, leave a
//   model::ShellLimit in the script (once per limit) for the caller to report.
//   The shell may sit behind wrappers (`sudo -E sh -c`, `env X=1 bash -c`, `nice sh -c`: the
//   model's wrapper table), and `su [user] -c STRING` runs its string through a shell too.
//   Syntax errors inside the string are not reported: the string may be assembled from expansions
//   the linter cannot see, and a false parse error is worse than a missed one.
// - The parts of a `-c` string that the outer shell expands before the inner one runs
//   (`sh -c "x=$(id -u); echo $x"`) already gave their commands, at exact spans, to the outer
//   parse; the copies the re-parse finds in them are dropped, so each command appears once.
// - The tree walk is recursive but bounded (kMaxTreeDepth); `&&`/`||` chains, which the grammar
//   nests one level per operator, are flattened iteratively so long chains are never cut off.
// - Parsing has a time budget (kParseBudget) shared by nested parses; when it runs out the whole
//   text is reported as one error region.
#include "parsers/shell/parser.hpp"

#include "parsers/shell/fast.hpp"

#include <tree_sitter/api.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <iterator>
#include <limits>
#include <memory>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

extern "C" const TSLanguage* tree_sitter_bash(void);

namespace lintel::parsers {
namespace {

using shell::FrontEnd;
using Clock = std::chrono::steady_clock;
constexpr auto kParseBudget = std::chrono::seconds(2);
constexpr unsigned kMaxTreeDepth = 256;
constexpr unsigned kMaxShellNesting = 8;

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};
using ParserPtr = std::unique_ptr<TSParser, ParserDeleter>;
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

class Cursor {
 public:
  explicit Cursor(TSNode node) : cursor_(ts_tree_cursor_new(node)) {}
  ~Cursor() { ts_tree_cursor_delete(&cursor_); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;
  TSTreeCursor* get() { return &cursor_; }

 private:
  TSTreeCursor cursor_;
};

struct StringInput {
  std::string_view text;
};

const char* read_string(void* payload, uint32_t byte_index, TSPoint, uint32_t* bytes_read) {
  const auto* input = static_cast<const StringInput*>(payload);
  if (byte_index >= input->text.size()) {
    *bytes_read = 0;
    return "";
  }
  *bytes_read = static_cast<uint32_t>(input->text.size() - byte_index);
  return input->text.data() + byte_index;
}

bool past_deadline(TSParseState* state) {
  return Clock::now() > *static_cast<const Clock::time_point*>(state->payload);
}

// One tree-sitter-bash parser per thread, reused for every script (perf): a Dockerfile or a
// workflow has a script per RUN line or `run:` step, and a new parser per script allocated and
// freed its stacks, lexer and subtree pool each time. A finished tree does not depend on its
// parser, so the nested parses of `sh -c` strings, made while the outer tree is walked, can use
// the same parser. Null when the grammar does not load.
TSParser* thread_parser() {
  thread_local const ParserPtr parser = [] {
    ParserPtr p(ts_parser_new());
    if (p && !ts_parser_set_language(p.get(), tree_sitter_bash())) p.reset();
    return p;
  }();
  return parser.get();
}

TreePtr parse_tree(TSParser* parser, std::string_view text, const Clock::time_point& deadline) {
  StringInput input{text};
  const TSInput ts_input{&input, read_string, TSInputEncodingUTF8, nullptr};
  TSParseOptions options{};
  options.payload = const_cast<Clock::time_point*>(&deadline);
  options.progress_callback = past_deadline;
  return TreePtr(ts_parser_parse_with_options(parser, nullptr, ts_input, options));
}

bool is_type(TSNode n, std::string_view type) { return ts_node_type(n) == type; }

bool is_expansion_type(std::string_view type) {
  return type == "simple_expansion" || type == "expansion" || type == "command_substitution" ||
         type == "arithmetic_expansion" || type == "process_substitution" ||
         type == "brace_expression";
}

bool is_line_continuation(std::string_view s) { return s == "\\\n" || s == "\\\r\n"; }

// Unquoted text: a backslash quotes the next character; backslash-newline disappears.
void append_unquoted(std::string_view raw, std::string& out) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '\\' || i + 1 == raw.size()) {
      out += raw[i];
      continue;
    }
    if (raw[i + 1] == '\n') {
      ++i;
    } else if (raw[i + 1] == '\r' && i + 2 < raw.size() && raw[i + 2] == '\n') {
      i += 2;
    } else {
      out += raw[++i];
    }
  }
}

// Inside double quotes a backslash only quotes $ ` " \ and newline; elsewhere it stays.
void append_double_quoted(std::string_view raw, std::string& out) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char next = i + 1 < raw.size() ? raw[i + 1] : '\0';
    if (raw[i] != '\\' || i + 1 == raw.size()) {
      out += raw[i];
    } else if (next == '\n') {
      ++i;
    } else if (next == '\r' && i + 2 < raw.size() && raw[i + 2] == '\n') {
      i += 2;
    } else if (next == '$' || next == '`' || next == '"' || next == '\\') {
      out += next;
      ++i;
    } else {
      out += raw[i];
    }
  }
}

void append_utf8(std::uint32_t cp, std::string& out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads up to `max` digits of base `base` at raw[i...], advancing i past them.
std::uint32_t read_number(std::string_view raw, std::size_t& i, int base, int max, int& count) {
  std::uint32_t v = 0;
  count = 0;
  while (count < max && i < raw.size()) {
    const int d = hex_digit(raw[i]);
    if (d < 0 || d >= base) break;
    v = v * static_cast<std::uint32_t>(base) + static_cast<std::uint32_t>(d);
    ++i;
    ++count;
  }
  return v;
}

// The single-character escapes of $'...'.
std::optional<char> ansi_c_escape(char c) {
  constexpr std::string_view kFrom = "abeEfnrtv\\'\"?";
  constexpr std::string_view kTo = "\a\b\x1b\x1b\f\n\r\t\v\\'\"?";
  const auto at = kFrom.find(c);
  if (at == std::string_view::npos) return std::nullopt;
  return kTo[at];
}

// The body of $'...': bash's ANSI-C escapes.
void append_ansi_c(std::string_view raw, std::string& out) {
  for (std::size_t i = 0; i < raw.size();) {
    if (raw[i] != '\\' || i + 1 == raw.size()) {
      out += raw[i++];
      continue;
    }
    const char c = raw[i + 1];
    i += 2;
    int count = 0;
    if (const auto simple = ansi_c_escape(c)) {
      out += *simple;
    } else if (c == 'x' || c == 'u' || c == 'U') {
      const std::uint32_t v = read_number(raw, i, 16, c == 'x' ? 2 : c == 'u' ? 4 : 8, count);
      if (count == 0) {
        out += '\\';
        out += c;
      } else if (c == 'x') {
        out += static_cast<char>(v);
      } else {
        append_utf8(v, out);
      }
    } else if (c == 'c') {
      if (i < raw.size()) out += static_cast<char>(raw[i++] & 0x1F);
    } else if (c >= '0' && c <= '7') {
      --i;
      out += static_cast<char>(read_number(raw, i, 8, 3, count));
    } else {
      out += '\\';
      out += c;
    }
  }
}

std::string_view basename(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

constexpr std::array<std::string_view, 7> kShells = {"sh",  "bash", "dash", "ash",
                                                     "zsh", "ksh",  "mksh"};

bool is_shell(std::string_view name) {
  const auto base = basename(name);
  return std::find(kShells.begin(), kShells.end(), base) != kShells.end();
}

bool is_command_type(std::string_view type) {
  return type == "command_substitution" || type == "process_substitution";
}

// The index of the command string in `sh [options] -c STRING [name [args...]]`: the first operand
// after the options, provided `-c` was among them (alone or in a cluster such as `-ec`).
std::optional<std::size_t> shell_c_operand(std::span<const model::ShellWord> args) {
  bool has_c = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i].value;
    if (a == "--" || a == "-") {
      if (has_c && i + 1 < args.size()) return i + 1;
      return std::nullopt;
    }
    const bool is_option = a.size() > 1 && (a[0] == '-' || a[0] == '+');
    if (!is_option) return has_c ? std::optional<std::size_t>(i) : std::nullopt;
    if (a.substr(0, 2) == "--") {
      if (a == "--rcfile" || a == "--init-file") ++i;
      continue;
    }
    bool takes_operand = false;
    for (const char c : a.substr(1)) {
      if (c == 'c' && a[0] == '-') has_c = true;
      if (c == 'o' || c == 'O') takes_operand = true;
    }
    if (takes_operand) ++i;
  }
  return std::nullopt;
}

// The index of the command string in `su [options] [-] [user] -c STRING`: util-linux su reads
// its options anywhere (getopt permutes), `-c`/`--command`/`--session-command` give the string,
// and -s, -g, -G and -w take a value of their own.
std::optional<std::size_t> su_c_operand(std::span<const model::ShellWord> args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i].value;
    if (!args[i].is_literal || a == "--") return std::nullopt;
    if (a == "--command" || a == "--session-command")
      return i + 1 < args.size() ? std::optional<std::size_t>(i + 1) : std::nullopt;
    if (a.starts_with("--") || a.size() < 2 || a[0] != '-') continue;
    for (std::size_t k = 1; k < a.size(); ++k) {
      if (a[k] == 'c' && k + 1 == a.size())
        return i + 1 < args.size() ? std::optional<std::size_t>(i + 1) : std::nullopt;
      if (a[k] == 'c') return std::nullopt;  // `-c'cmd'`: the string shares the word
      if (std::string_view("sgGw").find(a[k]) != std::string_view::npos) {
        if (k + 1 == a.size()) ++i;
        break;
      }
    }
  }
  return std::nullopt;
}

// The index in `cmd.args` of the string a shell runs as its script: `sh -c STRING`, behind
// wrappers (`sudo -u app bash -ec STRING`), or `su user -c STRING`.
std::optional<std::size_t> command_string_operand(const model::ShellCommand& cmd) {
  // Perf: every command comes here, and following its wrappers costs a few hundred
  // instructions. Both operand finders need an option before the string that names it: a short
  // option cluster with a `c` (`-c`, `-ec`) or su's `--command` and `--session-command`. A
  // command without one is turned away first.
  const auto is_c_option = [](const model::ShellWord& w) {
    const std::string_view v = w.value;
    if (v.size() > 1 && v[0] == '-' && v[1] != '-') return v.find('c') != std::string_view::npos;
    return v == "--command" || v == "--session-command";
  };
  if (cmd.args.size() < 2 || std::none_of(cmd.args.begin(), cmd.args.end() - 1, is_c_option))
    return std::nullopt;
  const auto run = model::follow_wrappers(cmd);
  if (!run) return std::nullopt;
  const std::string_view program = basename(run->name->value);
  std::optional<std::size_t> at;
  if (is_shell(program)) {
    at = shell_c_operand(run->args);
  } else if (program == "su" || program == "runuser") {
    at = su_c_operand(run->args);
  }
  if (!at) return std::nullopt;
  return static_cast<std::size_t>(&run->args[*at] - cmd.args.data());
}

struct WordAcc {
  std::string value;
  bool literal = true;
  // Where wanted, the ranges of `value` copied from a part the shell expands and that runs
  // commands (`$(…)`, `` `…` ``, `<(…)`, `${x:-$(…)}`).
  std::vector<Span>* substituted = nullptr;
};

// Where the text of `w` starts in `text` (whose first byte is at `base`) when its value is exactly
// a slice of the source, quotes aside, so offsets inside the value map one to one.
std::optional<std::uint32_t> exact_offset(std::string_view text, std::uint32_t base,
                                          const model::ShellWord& w) {
  if (!w.is_literal || w.span.begin < base || w.span.end < w.span.begin ||
      w.span.end - base > text.size())
    return std::nullopt;
  const std::string_view src = text.substr(w.span.begin - base, w.span.size());
  if (src == w.value) return w.span.begin;
  if (src.size() != w.value.size() + 2 || src.substr(1, w.value.size()) != w.value) {
    return std::nullopt;
  }
  if (src.front() == '\'' && src.back() == '\'') return w.span.begin + 1;
  const bool plain = w.value.find_first_of("\\$`") == std::string::npos;
  if (plain && src.front() == '"' && src.back() == '"') return w.span.begin + 1;
  return std::nullopt;
}

// Which pipeline stage the commands being visited run in; absent outside any pipeline.
struct Stage {
  std::uint32_t pipeline;
  std::uint32_t position;
};

model::ShellScript parse_impl(std::string_view text, std::uint32_t base, unsigned nesting,
                              const Clock::time_point& deadline, FrontEnd front_end);

// Records a limit once per script: the first place it was reached.
void add_limit(model::ShellScript& out, Span span, std::string message) {
  const bool known = std::any_of(out.limits.begin(), out.limits.end(),
                                 [&](const model::ShellLimit& l) { return l.message == message; });
  if (!known) out.limits.push_back({span, std::move(message)});
}

// Parses the command string out.commands[command].args[operand] (see command_string_operand)
// and appends its commands and pipelines to `out`, one level deeper. `text`, whose first byte is
// at `base`, is the source the command's spans point into: nested spans are exact when the
// string is a plain slice of it, and all the string's span otherwise. `outer` are the ranges of
// the string's value that the outer shell expands itself (WordAcc::substituted); the outer parse
// already has their commands, so the copies found there are dropped.
void expand_command_string(std::string_view text, std::uint32_t base, unsigned nesting,
                           const Clock::time_point& deadline, model::ShellScript& out,
                           std::uint32_t command, std::size_t operand,
                           std::span<const Span> outer, FrontEnd front_end) {
  const model::ShellWord script = out.commands[command].args[operand];
  if (script.value.empty()) return;
  if (nesting >= kMaxShellNesting) {
    add_limit(out, out.commands[command].span,
              "shell nesting limit exceeded: more than " + std::to_string(kMaxShellNesting) +
                  " nested `sh -c` strings; the deeper ones are not checked");
    return;
  }
  const std::uint32_t depth = out.commands[command].depth + 1;

  model::ShellScript inner = parse_impl(script.value, 0, nesting + 1, deadline, front_end);
  const std::optional<std::uint32_t> offset = exact_offset(text, base, script);
  const auto map = [&](Span s) {
    return offset ? Span{s.begin + *offset, s.end + *offset} : script.span;
  };
  // Strictly inside: a command that is the substitution as a whole (`sh -c "$(cat f)"` runs
  // whatever `cat f` prints) is the inner shell's own, and stays.
  const auto expanded_outside = [&outer](Span s) {
    return std::any_of(outer.begin(), outer.end(),
                       [&s](Span o) { return o.contains(s) && o != s; });
  };
  std::vector<std::optional<std::uint32_t>> index(inner.commands.size());
  for (std::size_t i = 0; i < inner.commands.size(); ++i) {
    model::ShellCommand c = std::move(inner.commands[i]);  // each is taken once
    if (expanded_outside(c.span)) continue;
    c.name.span = map(c.name.span);
    for (model::ShellWord& w : c.args) w.span = map(w.span);
    for (model::ShellWord& w : c.assignments) w.span = map(w.span);
    c.span = map(c.span);
    c.depth += depth;
    index[i] = static_cast<std::uint32_t>(out.commands.size());
    out.commands.push_back(std::move(c));
  }
  for (const model::ShellPipeline& p : inner.pipelines) {
    model::ShellPipeline mapped{{}, map(p.span)};
    const auto at = static_cast<std::uint32_t>(out.pipelines.size());
    for (const std::uint32_t i : p.commands) {
      if (!index[i]) continue;
      mapped.commands.push_back(*index[i]);
      out.commands[*index[i]].pipeline = at;
    }
    if (!mapped.commands.empty()) out.pipelines.push_back(std::move(mapped));
  }
  for (const model::ShellLimit& l : inner.limits) add_limit(out, map(l.span), l.message);
}

std::uint32_t new_pipeline(model::ShellScript& out, Span s) {
  out.pipelines.push_back({{}, s});
  return static_cast<std::uint32_t>(out.pipelines.size() - 1);
}

// Puts out.commands[index] in the stage it runs in, or in a pipeline of its own outside any.
void join_stage(model::ShellScript& out, std::uint32_t index, std::optional<Stage> stage) {
  model::ShellCommand& cmd = out.commands[index];
  if (!stage) stage = Stage{new_pipeline(out, cmd.span), 0};
  cmd.pipeline = stage->pipeline;
  cmd.pipe_position = stage->position;
  out.pipelines[stage->pipeline].commands.push_back(index);
}

// Appends `cmd` to out.commands, in the stage it runs in (join_stage).
void add_command(model::ShellScript& out, model::ShellCommand&& cmd, std::optional<Stage> stage) {
  const auto index = static_cast<std::uint32_t>(out.commands.size());
  out.commands.push_back(std::move(cmd));
  join_stage(out, index, stage);
}

// expand_command_string for out.commands[command] when it runs a command string;
// `substituted(i)` gives the substituted ranges of its argument i.
template <class Substituted>
void expand_if_command_string(std::string_view text, std::uint32_t base, unsigned nesting,
                              const Clock::time_point& deadline, model::ShellScript& out,
                              std::uint32_t command, const Substituted& substituted,
                              FrontEnd front_end) {
  const auto operand = command_string_operand(out.commands[command]);
  if (!operand) return;
  expand_command_string(text, base, nesting, deadline, out, command, *operand,
                        substituted(*operand), front_end);
}

struct Child {
  TSNode node;
  TSFieldId field;
};

// The children of the nodes being walked on this thread, as a stack of frames (perf: a vector
// per node was a tenth of a Dockerfile scan's instructions when tree-sitter parsed the scripts).
// Frames nest as the walk recurses, nested `-c` parses included, so they are freed in reverse
// order of creation; they are read by index, as a deeper frame may move the storage.
thread_local std::vector<Child> t_children;

class Children {
 public:
  Children(TSTreeCursor* c, TSNode n) : begin_(t_children.size()) {
    ts_tree_cursor_reset(c, n);
    if (ts_tree_cursor_goto_first_child(c)) {
      do {
        t_children.push_back({ts_tree_cursor_current_node(c), ts_tree_cursor_current_field_id(c)});
      } while (ts_tree_cursor_goto_next_sibling(c));
    }
    end_ = t_children.size();
  }
  ~Children() { t_children.resize(begin_); }
  Children(const Children&) = delete;
  Children& operator=(const Children&) = delete;

  struct Iterator {
    std::size_t at;
    Child operator*() const { return t_children[at]; }
    Iterator& operator++() {
      ++at;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return at != o.at; }
  };
  [[nodiscard]] Iterator begin() const { return {begin_}; }
  [[nodiscard]] Iterator end() const { return {end_}; }

 private:
  std::size_t begin_;
  std::size_t end_;
};

class Builder {
 public:
  Builder(std::string_view text, std::uint32_t base, unsigned nesting,
          const Clock::time_point& deadline, TSNode root, model::ShellScript& out,
          FrontEnd nested)
      : text_(text),
        base_(base),
        nesting_(nesting),
        deadline_(deadline),
        nested_(nested),
        cursor_(root),
        out_(out) {
    const TSLanguage* lang = tree_sitter_bash();
    field_name_ = ts_language_field_id_for_name(lang, "name", 4);
    field_argument_ = ts_language_field_id_for_name(lang, "argument", 8);
    field_redirect_ = ts_language_field_id_for_name(lang, "redirect", 8);
    field_body_ = ts_language_field_id_for_name(lang, "body", 4);
  }

  void visit(TSNode n, std::optional<Stage> stage, unsigned level, std::uint32_t depth);

 private:
  // The children of `n`, walked with the builder's one cursor.
  Children children(TSNode n) { return Children(cursor_.get(), n); }

  std::vector<TSNode> statement_children(TSNode n) {
    std::vector<TSNode> out;
    for (const Child& c : children(n)) {
      if (ts_node_is_named(c.node) && !is_type(c.node, "comment")) out.push_back(c.node);
    }
    return out;
  }

  [[nodiscard]] std::string_view raw(TSNode n) const { return raw(local_span(n)); }
  [[nodiscard]] std::string_view raw(Span local) const {
    const auto b = std::min<std::size_t>(local.begin, text_.size());
    const auto e = std::min<std::size_t>(std::max(local.end, local.begin), text_.size());
    return text_.substr(b, e - b);
  }
  [[nodiscard]] static Span local_span(TSNode n) {
    return {ts_node_start_byte(n), ts_node_end_byte(n)};
  }
  [[nodiscard]] Span span(TSNode n) const {
    return {base_ + ts_node_start_byte(n), base_ + ts_node_end_byte(n)};
  }

  void append_word(TSNode n, WordAcc& w, unsigned level);
  void append_concatenation(TSNode n, WordAcc& w, unsigned level);
  void append_string(TSNode n, WordAcc& w, unsigned level);
  void append_verbatim(TSNode n, std::string_view text, WordAcc& w, bool is_expansion);
  bool has_descendant(TSNode n, bool (*matches)(std::string_view type));
  bool has_expansion(TSNode n) { return has_descendant(n, is_expansion_type); }
  // `substituted`, when given, receives WordAcc::substituted.
  model::ShellWord word(TSNode n, unsigned level, std::vector<Span>* substituted = nullptr) {
    WordAcc w;
    w.substituted = substituted;
    append_word(n, w, level);
    return {std::move(w.value), span(n), w.literal};
  }

  std::uint32_t new_pipeline(Span s) { return parsers::new_pipeline(out_, s); }
  void add_command(model::ShellCommand cmd, std::optional<Stage> stage) {
    parsers::add_command(out_, std::move(cmd), stage);
  }
  void run_pipeline(const std::vector<TSNode>& stages, Span s, unsigned level, std::uint32_t depth);
  void visit_list(TSNode n, std::optional<Stage> stage, unsigned level, std::uint32_t depth);
  void visit_command(TSNode n, std::optional<Stage> stage, Span extend, unsigned level,
                     std::uint32_t depth);
  void visit_builtin(TSNode n, std::optional<Stage> stage, unsigned level, std::uint32_t depth);
  void visit_redirected(TSNode n, std::optional<Stage> stage, unsigned level, std::uint32_t depth);
  void visit_children(TSNode n, std::optional<Stage> stage, unsigned level, std::uint32_t depth,
                      std::optional<TSNode> skip = std::nullopt);

  std::string_view text_;
  std::uint32_t base_;
  unsigned nesting_;
  const Clock::time_point& deadline_;
  FrontEnd nested_;  // for `-c` strings
  Cursor cursor_;
  model::ShellScript& out_;
  TSFieldId field_name_ = 0;
  TSFieldId field_argument_ = 0;
  TSFieldId field_redirect_ = 0;
  TSFieldId field_body_ = 0;
};

void Builder::append_word(TSNode n, WordAcc& w, unsigned level) {
  const std::string_view type = ts_node_type(n);
  const std::string_view text = raw(n);
  if (level > kMaxTreeDepth) {
    append_verbatim(n, text, w, true);
  } else if (type == "word") {
    append_unquoted(text, w.value);
  } else if (type == "raw_string") {
    const bool closed = text.size() >= 2 && text.front() == '\'' && text.back() == '\'';
    w.value +=
        closed ? text.substr(1, text.size() - 2) : text.substr(std::min<size_t>(1, text.size()));
  } else if (type == "ansi_c_string") {
    const bool closed = text.size() >= 3 && text.substr(0, 2) == "$'" && text.back() == '\'';
    if (closed) {
      append_ansi_c(text.substr(2, text.size() - 3), w.value);
    } else {
      w.value += text;
    }
  } else if (type == "string") {
    append_string(n, w, level);
  } else if (type == "translated_string") {
    const std::vector<TSNode> kids = statement_children(n);
    if (kids.size() == 1 && is_type(kids[0], "string")) {
      append_string(kids[0], w, level + 1);
    } else {
      append_verbatim(n, text, w, has_expansion(n));
    }
  } else if (type == "concatenation" || type == "command_name" || type == "variable_assignment") {
    append_concatenation(n, w, level);
  } else if (is_expansion_type(type)) {
    append_verbatim(n, text, w, true);
  } else {
    append_verbatim(n, text, w, has_expansion(n));
  }
}

// Text kept as written; when it holds commands the shell runs while expanding the word, its range
// in the value is recorded.
void Builder::append_verbatim(TSNode n, std::string_view text, WordAcc& w, bool is_expansion) {
  const auto begin = static_cast<std::uint32_t>(w.value.size());
  w.value += text;
  if (!is_expansion) return;
  w.literal = false;
  if (w.substituted != nullptr && has_descendant(n, is_command_type))
    w.substituted->push_back({begin, static_cast<std::uint32_t>(w.value.size())});
}

// Parts of a word side by side; bytes no child covers are read as unquoted text.
void Builder::append_concatenation(TSNode n, WordAcc& w, unsigned level) {
  std::uint32_t pos = ts_node_start_byte(n);
  for (const Child& c : children(n)) {
    const Span s = local_span(c.node);
    if (s.begin > pos) append_unquoted(raw(Span{pos, s.begin}), w.value);
    if (ts_node_is_named(c.node)) {
      append_word(c.node, w, level + 1);
    } else {
      w.value += raw(c.node);
    }
    pos = std::max(pos, s.end);
  }
  const std::uint32_t end = ts_node_end_byte(n);
  if (end > pos) append_unquoted(raw(Span{pos, end}), w.value);
}

// "...": the grammar leaves gaps between string_content nodes (newlines), so the text between the
// quotes is read directly and only expansions are taken from the children.
void Builder::append_string(TSNode n, WordAcc& w, unsigned level) {
  const Span whole = local_span(n);
  const std::string_view text = raw(whole);
  if (text.empty() || text.front() != '"') {
    append_verbatim(n, text, w, has_expansion(n));
    return;
  }
  const bool closed = text.size() >= 2 && text.back() == '"';
  std::uint32_t pos = whole.begin + 1;
  const std::uint32_t end = closed ? whole.end - 1 : whole.end;
  for (const Child& c : children(n)) {
    if (!ts_node_is_named(c.node) || is_type(c.node, "string_content")) continue;
    const Span s = local_span(c.node);
    if (s.begin < pos || s.end > end) continue;
    append_double_quoted(raw(Span{pos, s.begin}), w.value);
    append_word(c.node, w, level + 1);
    pos = s.end;
  }
  append_double_quoted(raw(Span{pos, end}), w.value);
}

// With the builder's cursor, which no caller holds on a node (children() copies them out).
bool Builder::has_descendant(TSNode n, bool (*matches)(std::string_view type)) {
  TSTreeCursor* cur = cursor_.get();
  ts_tree_cursor_reset(cur, n);
  for (;;) {
    if (matches(ts_node_type(ts_tree_cursor_current_node(cur)))) return true;
    if (ts_tree_cursor_goto_first_child(cur)) continue;
    while (!ts_tree_cursor_goto_next_sibling(cur)) {
      if (!ts_tree_cursor_goto_parent(cur)) return false;
    }
  }
}

void Builder::visit(TSNode n, std::optional<Stage> stage, unsigned level, std::uint32_t depth) {
  if (ts_node_is_null(n)) return;
  if (level > kMaxTreeDepth) {
    add_limit(out_, span(n),
              "shell nesting limit exceeded: more than " + std::to_string(kMaxTreeDepth) +
                  " nested syntax levels; the deeper commands are not checked");
    return;
  }
  const std::string_view type = ts_node_type(n);
  if (type == "command") {
    visit_command(n, stage, {}, level, depth);
  } else if (type == "declaration_command" || type == "unset_command") {
    visit_builtin(n, stage, level, depth);
  } else if (type == "pipeline") {
    run_pipeline(statement_children(n), span(n), level, depth);
  } else if (type == "redirected_statement") {
    visit_redirected(n, stage, level, depth);
  } else if (type == "list") {
    visit_list(n, stage, level, depth);
  } else if (type == "subshell") {
    visit_children(n, stage, level, depth + 1);
  } else if (type == "command_substitution" || type == "process_substitution") {
    visit_children(n, std::nullopt, level, depth + 1);
  } else if (type == "function_definition") {
    // The body runs when the function is called, not where it is defined.
    visit_children(n, std::nullopt, level, depth + 1);
  } else {
    visit_children(n, stage, level, depth);
  }
}

void Builder::visit_children(TSNode n, std::optional<Stage> stage, unsigned level,
                             std::uint32_t depth, std::optional<TSNode> skip) {
  for (const Child& c : children(n)) {
    if (!ts_node_is_named(c.node)) continue;
    if (skip && ts_node_eq(c.node, *skip)) continue;
    visit(c.node, stage, level + 1, depth);
  }
}

// `a && b || c` nests one list per operator; walking the operands with an explicit stack keeps a
// long chain from eating the depth bound.
void Builder::visit_list(TSNode n, std::optional<Stage> stage, unsigned level,
                         std::uint32_t depth) {
  std::vector<TSNode> pending{n};
  while (!pending.empty()) {
    const TSNode x = pending.back();
    pending.pop_back();
    if (is_type(x, "list")) {
      const std::vector<TSNode> kids = statement_children(x);
      pending.insert(pending.end(), kids.rbegin(), kids.rend());
    } else {
      visit(x, stage, level + 1, depth);
    }
  }
}

void Builder::run_pipeline(const std::vector<TSNode>& stages, Span s, unsigned level,
                           std::uint32_t depth) {
  const std::uint32_t p = new_pipeline(s);
  for (std::uint32_t i = 0; i < stages.size(); ++i) visit(stages[i], Stage{p, i}, level + 1, depth);
}

void Builder::visit_command(TSNode n, std::optional<Stage> stage, Span extend, unsigned level,
                            std::uint32_t depth) {
  const Children kids = children(n);
  model::ShellCommand cmd;
  std::vector<std::vector<Span>> substituted;  // WordAcc::substituted of each argument
  bool has_name = false;
  std::optional<Span> previous_arg;  // local span of the last argument, to join `a\<nl>b`
  for (const Child& c : kids) {
    if (c.field == field_name_) {
      cmd.name = word(c.node, level + 1);
      has_name = true;
    } else if (c.field == field_argument_) {
      std::vector<Span> subs;
      model::ShellWord w = word(c.node, level + 1, &subs);
      const Span s = local_span(c.node);
      if (previous_arg && is_line_continuation(raw(Span{previous_arg->end, s.begin}))) {
        model::ShellWord& last = cmd.args.back();
        const auto shift = static_cast<std::uint32_t>(last.value.size());
        for (const Span& sub : subs)
          substituted.back().push_back({sub.begin + shift, sub.end + shift});
        last.value += w.value;
        last.span = last.span.cover(w.span);
        last.is_literal = last.is_literal && w.is_literal;
      } else {
        cmd.args.push_back(std::move(w));
        substituted.push_back(std::move(subs));
      }
      previous_arg = s;
    } else if (c.field != field_redirect_ && !has_name && is_type(c.node, "variable_assignment")) {
      cmd.assignments.push_back(word(c.node, level + 1));
    }
  }
  if (has_name) {
    cmd.span = span(n);
    if (!extend.empty()) cmd.span = cmd.span.cover(extend);
    cmd.depth = depth;
    const auto index = static_cast<std::uint32_t>(out_.commands.size());
    add_command(std::move(cmd), stage);
    // Substitutions in the words run before the command, in no pipeline of this one's.
    visit_children(n, std::nullopt, level, depth);
    if (level <= kMaxTreeDepth) {
      const auto substituted_of = [&substituted](std::size_t i) {
        return i < substituted.size() ? std::span<const Span>(substituted[i])
                                      : std::span<const Span>();
      };
      expand_if_command_string(text_, base_, nesting_, deadline_, out_, index, substituted_of,
                               nested_);
    }
  } else {
    visit_children(n, stage, level, depth);
  }
}

// declaration_command and unset_command: the keyword is the name, every other part an argument.
void Builder::visit_builtin(TSNode n, std::optional<Stage> stage, unsigned level,
                            std::uint32_t depth) {
  model::ShellCommand cmd;
  bool has_name = false;
  for (const Child& c : children(n)) {
    if (!ts_node_is_named(c.node)) {
      if (!has_name && !ts_node_is_missing(c.node)) {
        cmd.name = {std::string(raw(c.node)), span(c.node), true};
        has_name = true;
      }
      continue;
    }
    if (is_type(c.node, "comment") || c.field == field_redirect_) continue;
    cmd.args.push_back(word(c.node, level + 1));
  }
  if (has_name) {
    cmd.span = span(n);
    cmd.depth = depth;
    add_command(std::move(cmd), stage);
    visit_children(n, std::nullopt, level, depth);
  } else {
    visit_children(n, stage, level, depth);
  }
}

void Builder::visit_redirected(TSNode n, std::optional<Stage> stage, unsigned level,
                               std::uint32_t depth) {
  std::optional<TSNode> body;
  std::optional<TSNode> heredoc_pipe;
  Span extend{};
  std::vector<TSNode> redirects;
  for (const Child& c : children(n)) {
    if (!ts_node_is_named(c.node) || is_type(c.node, "comment")) continue;
    if (c.field == field_body_ && !body) {
      body = c.node;
      continue;
    }
    redirects.push_back(c.node);
    if (!is_type(c.node, "heredoc_redirect")) {
      extend = extend.empty() ? span(c.node) : extend.cover(span(c.node));
      continue;
    }
    for (const Child& h : children(c.node)) {
      if (is_type(h.node, "heredoc_start")) {
        const Span op{span(c.node).begin, span(h.node).end};
        extend = extend.empty() ? op : extend.cover(op);
      }
      if (!heredoc_pipe && h.field == 0 && is_type(h.node, "pipeline")) heredoc_pipe = h.node;
    }
  }
  if (body && heredoc_pipe) {
    // `cat <<EOF | sh`: the grammar hangs `| sh` off the heredoc redirect.
    std::vector<TSNode> stages =
        is_type(*body, "pipeline") ? statement_children(*body) : std::vector<TSNode>{*body};
    const std::vector<TSNode> more = statement_children(*heredoc_pipe);
    stages.insert(stages.end(), more.begin(), more.end());
    run_pipeline(stages, span(*body).cover(span(*heredoc_pipe)), level, depth);
  } else if (body && is_type(*body, "command")) {
    visit_command(*body, stage, extend, level + 1, depth);
  } else if (body) {
    visit(*body, stage, level + 1, depth);
  }
  for (const TSNode r : redirects) {
    if (is_type(r, "heredoc_redirect")) {
      visit_children(r, std::nullopt, level + 1, depth, heredoc_pipe);
    } else {
      visit(r, std::nullopt, level + 1, depth);
    }
  }
}

// Commands in source order (a `sh -c` string is expanded after the rest of its command), empty
// pipelines dropped, pipelines ordered by their first command.
// Whether normalize() would leave the order as it is: commands by start (stable_sort keeps equal
// starts in place), every pipeline non-empty and pipelines by their first command (distinct, as
// each command is in one pipeline, so std::sort has no ties to reorder).
bool in_normal_order(const model::ShellScript& s) {
  const auto by_begin = [](const model::ShellCommand& a, const model::ShellCommand& b) {
    return a.span.begin < b.span.begin;
  };
  if (!std::is_sorted(s.commands.begin(), s.commands.end(), by_begin)) return false;
  std::uint32_t previous = 0;
  for (std::size_t p = 0; p < s.pipelines.size(); ++p) {
    const std::vector<std::uint32_t>& c = s.pipelines[p].commands;
    if (c.empty()) return false;
    const std::uint32_t first = *std::min_element(c.begin(), c.end());
    if (p > 0 && first < previous) return false;
    previous = first;
  }
  return true;
}

void normalize(model::ShellScript& s) {
  // Perf: most scripts are in order already; then only the pipeline numbers are (re)set, with no
  // new vectors.
  if (in_normal_order(s)) {
    for (std::uint32_t p = 0; p < s.pipelines.size(); ++p) {
      for (const std::uint32_t i : s.pipelines[p].commands) s.commands[i].pipeline = p;
    }
    return;
  }
  const std::size_t n = s.commands.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return s.commands[a].span.begin < s.commands[b].span.begin;
  });
  std::vector<std::uint32_t> new_index(n);
  std::vector<model::ShellCommand> commands;
  commands.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    new_index[order[i]] = i;
    commands.push_back(std::move(s.commands[order[i]]));
  }
  std::vector<model::ShellPipeline> pipelines;
  for (model::ShellPipeline& p : s.pipelines) {
    if (p.commands.empty()) continue;
    for (std::uint32_t& i : p.commands) i = new_index[i];
    pipelines.push_back(std::move(p));
  }
  std::sort(pipelines.begin(), pipelines.end(), [](const auto& a, const auto& b) {
    return *std::min_element(a.commands.begin(), a.commands.end()) <
           *std::min_element(b.commands.begin(), b.commands.end());
  });
  for (std::uint32_t p = 0; p < pipelines.size(); ++p) {
    for (const std::uint32_t i : pipelines[p].commands) commands[i].pipeline = p;
  }
  s.commands = std::move(commands);
  s.pipelines = std::move(pipelines);
}

std::vector<Span> error_spans(TSNode root, std::uint32_t base) {
  std::vector<Span> out;
  if (!ts_node_has_error(root)) return out;
  Cursor c(root);
  TSTreeCursor* cur = c.get();
  for (;;) {
    const TSNode n = ts_tree_cursor_current_node(cur);
    if (ts_node_is_error(n) || ts_node_is_missing(n)) {
      out.push_back({base + ts_node_start_byte(n), base + ts_node_end_byte(n)});
    } else if (ts_node_has_error(n) && ts_tree_cursor_goto_first_child(cur)) {
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(cur)) {
      if (!ts_tree_cursor_goto_parent(cur)) return out;
    }
  }
}

// Walks parse_fast's tree with Builder's rules: the tree has tree-sitter's shape, so the same
// visit order, stages, depths, spans and `-c` expansions follow.
class FastBuilder {
 public:
  FastBuilder(std::string_view text, std::uint32_t base, unsigned nesting,
              const Clock::time_point& deadline, const shell::FastTree& tree,
              model::ShellScript& out)
      : text_(text), base_(base), nesting_(nesting), deadline_(deadline), tree_(tree), out_(out) {}

  void visit(std::uint32_t node, std::optional<Stage> stage, std::uint32_t depth) {
    using Kind = shell::FastNode::Kind;
    const shell::FastNode& n = tree_.nodes[node];
    switch (n.kind) {
      case Kind::command:
      case Kind::builtin:
        visit_command(n, stage, {}, depth);
        return;
      case Kind::redirected:
        visit_redirected(n, stage, depth);
        return;
      case Kind::pipeline: {
        const std::uint32_t p = new_pipeline(out_, global(n.span));
        const auto children = tree_.children(n);
        for (std::uint32_t i = 0; i < children.size(); ++i) visit(children[i], Stage{p, i}, depth);
        return;
      }
      case Kind::subshell:
        visit_all(n, stage, depth + 1);
        return;
      case Kind::substitution:
      case Kind::function:
        visit_all(n, std::nullopt, depth + 1);
        return;
      case Kind::list:
      case Kind::group:
        visit_all(n, stage, depth);
        return;
    }
  }

 private:
  [[nodiscard]] Span global(Span s) const { return {s.begin + base_, s.end + base_}; }

  void visit_all(const shell::FastNode& n, std::optional<Stage> stage, std::uint32_t depth) {
    for (const std::uint32_t c : tree_.children(n)) visit(c, stage, depth);
  }

  void visit_redirected(const shell::FastNode& n, std::optional<Stage> stage,
                        std::uint32_t depth) {
    const auto children = tree_.children(n);
    const shell::FastNode& body = tree_.nodes[children[0]];
    if (body.kind == shell::FastNode::Kind::command) {
      visit_command(body, stage, n.extend, depth);
    } else {
      visit(children[0], stage, depth);
    }
    for (std::size_t i = 1; i < children.size(); ++i) visit(children[i], std::nullopt, depth);
  }

  // The model's word for `w`: its one std::string, made at its final size. (Perf: constructed,
  // then moved into place; assigning into an empty string went through the slower replace.)
  [[nodiscard]] model::ShellWord word(const shell::FastWord& w) const {
    return {std::string(tree_.value(w, text_)), global(w.span), w.is_literal};
  }

  // As Builder::visit_command (and visit_builtin, which never expands a `-c` string). The
  // command is built in place in out_.commands.
  void visit_command(const shell::FastNode& n, std::optional<Stage> stage, Span extend,
                     std::uint32_t depth) {
    const shell::FastCommand& fc = tree_.commands[n.command];
    const shell::FastWord* words = tree_.words.data() + fc.first;
    const auto index = static_cast<std::uint32_t>(out_.commands.size());
    model::ShellCommand& cmd = out_.commands.emplace_back();
    cmd.name = word(words[fc.assignments]);
    cmd.args.reserve(fc.args);
    const shell::FastWord* args = words + fc.assignments + 1;
    for (std::uint32_t i = 0; i < fc.args; ++i) cmd.args.push_back(word(args[i]));
    if (fc.assignments != 0) {
      cmd.assignments.reserve(fc.assignments);
      for (std::uint32_t i = 0; i < fc.assignments; ++i) cmd.assignments.push_back(word(words[i]));
    }
    cmd.span = global(extend.empty() ? n.span : n.span.cover(extend));
    cmd.depth = depth;
    join_stage(out_, index, stage);
    visit_all(n, std::nullopt, depth);
    if (n.kind == shell::FastNode::Kind::command) {
      const auto substituted_of = [this, args](std::size_t i) {
        return tree_.substituted_of(args[i]);
      };
      expand_if_command_string(text_, base_, nesting_, deadline_, out_, index, substituted_of,
                               FrontEnd::automatic);
    }
  }

  std::string_view text_;
  std::uint32_t base_;
  unsigned nesting_;
  const Clock::time_point& deadline_;
  const shell::FastTree& tree_;
  model::ShellScript& out_;
};

// The script of a text parse_impl has checked for size and emptiness, or nullopt when the fast
// front end declines it.
std::optional<model::ShellScript> fast_script(std::string_view text, std::uint32_t base,
                                              unsigned nesting,
                                              const Clock::time_point& deadline) {
  std::optional<shell::FastTree> tree = shell::parse_fast(text);
  if (!tree) return std::nullopt;
  model::ShellScript script;
  script.span = {base, base + static_cast<std::uint32_t>(text.size())};
  // At least this many of each (`-c` strings may add more): spares most regrowths.
  script.commands.reserve(tree->commands.size());
  script.pipelines.reserve(tree->commands.size());
  FastBuilder(text, base, nesting, deadline, *tree, script).visit(tree->root, std::nullopt, 0);
  shell::recycle(std::move(*tree));
  normalize(script);
  return script;
}

model::ShellScript tree_sitter_script(std::string_view text, std::uint32_t base, unsigned nesting,
                                      const Clock::time_point& deadline, FrontEnd nested) {
  model::ShellScript script;
  script.span = {base, base + static_cast<std::uint32_t>(text.size())};
  TSParser* parser = thread_parser();
  if (parser == nullptr) {
    script.errors.push_back(script.span);
    return script;
  }
  const TreePtr tree = parse_tree(parser, text, deadline);
  if (!tree) {  // out of time: report the text as unparsed rather than hang
    // A halted parse keeps its state to be resumed; the next script must start afresh.
    ts_parser_reset(parser);
    script.errors.push_back(script.span);
    return script;
  }
  const TSNode root = ts_tree_root_node(tree.get());
  {
    Builder builder(text, base, nesting, deadline, root, script, nested);
    builder.visit(root, std::nullopt, 0, 0);
  }
  script.errors = error_spans(root, base);
  normalize(script);
  return script;
}

// The check installed by shell::DifferentialScope on this thread (tests only).
thread_local shell::DifferentialCheck* t_check = nullptr;

// Both front ends, compared; tree-sitter's model is returned. The fast half runs with the check
// suspended, so that its nested `-c` strings are not counted twice.
model::ShellScript differential(std::string_view text, std::uint32_t base, unsigned nesting,
                                const Clock::time_point& deadline,
                                shell::DifferentialCheck& check) {
  t_check = nullptr;
  const std::optional<model::ShellScript> fast = fast_script(text, base, nesting, deadline);
  t_check = &check;
  model::ShellScript slow = tree_sitter_script(text, base, nesting, deadline, FrontEnd::automatic);
  ++check.scripts;
  check.bytes += text.size();
  if (!fast) {
    if (check.keep_declined) check.declined.emplace_back(text);
    return slow;
  }
  ++check.accepted;
  check.accepted_bytes += text.size();
  if (const auto diff = shell::first_difference(*fast, slow))
    check.differences.push_back("script:\n" + std::string(text) +
                                "\nfast vs tree-sitter: " + *diff);
  return slow;
}

model::ShellScript parse_impl(std::string_view text, std::uint32_t base, unsigned nesting,
                              const Clock::time_point& deadline, FrontEnd front_end) {
  constexpr auto kMax = std::numeric_limits<std::uint32_t>::max();
  if (text.size() > kMax - base) {
    model::ShellScript script;
    script.span = {base, kMax};
    script.errors.push_back(script.span);
    return script;
  }
  if (text.empty()) {
    model::ShellScript script;
    script.span = {base, base};
    return script;
  }
  if (front_end == FrontEnd::tree_sitter)
    return tree_sitter_script(text, base, nesting, deadline, FrontEnd::tree_sitter);
  if (t_check != nullptr) return differential(text, base, nesting, deadline, *t_check);
  if (auto fast = fast_script(text, base, nesting, deadline)) return std::move(*fast);
  return tree_sitter_script(text, base, nesting, deadline, FrontEnd::automatic);
}

// "name" for a word that differs, "value" etc. for the field; empty when equal.
std::string word_difference(const model::ShellWord& a, const model::ShellWord& b) {
  const auto quote = [](std::string_view v) { return "\"" + std::string(v) + "\""; };
  const auto span = [](Span s) {
    return "[" + std::to_string(s.begin) + "," + std::to_string(s.end) + ")";
  };
  if (a.value != b.value) return ".value " + quote(a.value) + " vs " + quote(b.value);
  if (a.span != b.span) return ".span " + span(a.span) + " vs " + span(b.span);
  if (a.is_literal != b.is_literal)
    return ".is_literal " + std::to_string(a.is_literal) + " vs " + std::to_string(b.is_literal);
  return {};
}

std::string words_difference(std::string_view what, const std::vector<model::ShellWord>& a,
                             const std::vector<model::ShellWord>& b) {
  if (a.size() != b.size())
    return std::string(what) + " count " + std::to_string(a.size()) + " vs " +
           std::to_string(b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::string d = word_difference(a[i], b[i]);
    if (!d.empty()) return std::string(what) + "[" + std::to_string(i) + "]" + d;
  }
  return {};
}

std::string span_text(Span s) {
  return "[" + std::to_string(s.begin) + "," + std::to_string(s.end) + ")";
}

std::string command_difference(const model::ShellCommand& a, const model::ShellCommand& b) {
  if (std::string d = word_difference(a.name, b.name); !d.empty()) return "name" + d;
  if (std::string d = words_difference("args", a.args, b.args); !d.empty()) return d;
  if (std::string d = words_difference("assignments", a.assignments, b.assignments); !d.empty())
    return d;
  if (a.span != b.span) return "span " + span_text(a.span) + " vs " + span_text(b.span);
  if (a.pipeline != b.pipeline)
    return "pipeline " + std::to_string(a.pipeline) + " vs " + std::to_string(b.pipeline);
  if (a.pipe_position != b.pipe_position)
    return "pipe_position " + std::to_string(a.pipe_position) + " vs " +
           std::to_string(b.pipe_position);
  if (a.depth != b.depth)
    return "depth " + std::to_string(a.depth) + " vs " + std::to_string(b.depth);
  return {};
}

std::string pipeline_difference(const model::ShellPipeline& a, const model::ShellPipeline& b) {
  if (a.span != b.span) return "span " + span_text(a.span) + " vs " + span_text(b.span);
  if (a.commands != b.commands) {
    std::string d = "commands";
    for (const auto* p : {&a.commands, &b.commands}) {
      d += p == &a.commands ? " {" : " vs {";
      for (const std::uint32_t i : *p) d += " " + std::to_string(i);
      d += " }";
    }
    return d;
  }
  return {};
}

}  // namespace

namespace shell {

void append_ansi_c(std::string_view raw, std::string& out) { parsers::append_ansi_c(raw, out); }

std::optional<model::ShellScript> parse_shell_with(std::string_view text, std::uint32_t base,
                                                   FrontEnd front_end) {
  const Clock::time_point deadline = Clock::now() + kParseBudget;
  if (front_end != FrontEnd::fast || text.empty() ||
      text.size() > std::numeric_limits<std::uint32_t>::max() - base)
    return parse_impl(text, base, 0, deadline, front_end);
  return fast_script(text, base, 0, deadline);
}

std::optional<std::string> first_difference(const model::ShellScript& a,
                                            const model::ShellScript& b) {
  if (a.span != b.span) return "script span " + span_text(a.span) + " vs " + span_text(b.span);
  if (a.commands.size() != b.commands.size()) {
    std::string d = "command count " + std::to_string(a.commands.size()) + " vs " +
                    std::to_string(b.commands.size()) + ":";
    for (const auto* s : {&a, &b}) {
      d += s == &a ? " {" : " vs {";
      for (const model::ShellCommand& c : s->commands) d += " " + c.name.value;
      d += " }";
    }
    return d;
  }
  for (std::size_t i = 0; i < a.commands.size(); ++i) {
    const std::string d = command_difference(a.commands[i], b.commands[i]);
    if (!d.empty())
      return "commands[" + std::to_string(i) + "] (" + b.commands[i].name.value + ") " + d;
  }
  if (a.pipelines.size() != b.pipelines.size())
    return "pipeline count " + std::to_string(a.pipelines.size()) + " vs " +
           std::to_string(b.pipelines.size());
  for (std::size_t i = 0; i < a.pipelines.size(); ++i) {
    const std::string d = pipeline_difference(a.pipelines[i], b.pipelines[i]);
    if (!d.empty()) return "pipelines[" + std::to_string(i) + "] " + d;
  }
  if (a.errors != b.errors) {
    return "errors: " + std::to_string(a.errors.size()) + " vs " + std::to_string(b.errors.size()) +
           (b.errors.empty() ? "" : ", first at " + span_text(b.errors[0]));
  }
  if (a.limits.size() != b.limits.size())
    return "limit count " + std::to_string(a.limits.size()) + " vs " +
           std::to_string(b.limits.size());
  for (std::size_t i = 0; i < a.limits.size(); ++i) {
    if (a.limits[i].span != b.limits[i].span || a.limits[i].message != b.limits[i].message)
      return "limits[" + std::to_string(i) + "] " + a.limits[i].message + " " +
             span_text(a.limits[i].span) + " vs " + b.limits[i].message + " " +
             span_text(b.limits[i].span);
  }
  return std::nullopt;
}

DifferentialScope::DifferentialScope(DifferentialCheck& check) : previous_(t_check) {
  t_check = &check;
}

DifferentialScope::~DifferentialScope() { t_check = previous_; }

}  // namespace shell

namespace {

// A script as the parser hands it out: each command's wrappers resolved once for the rules
// (model::resolve_wrappers), nested `-c` commands included.
model::ShellScript resolved(model::ShellScript script) {
  for (model::ShellCommand& cmd : script.commands) model::resolve_wrappers(cmd);
  return script;
}

}  // namespace

model::ShellScript parse_shell(std::string_view text, std::uint32_t base) {
  const Clock::time_point deadline = Clock::now() + kParseBudget;
  return resolved(parse_impl(text, base, 0, deadline, FrontEnd::automatic));
}

model::ShellScript command_script(std::vector<model::ShellWord> words, Span span,
                                  std::string_view source) {
  model::ShellScript script;
  script.span = span;
  if (words.empty()) return script;
  model::ShellCommand cmd;
  cmd.name = std::move(words.front());
  cmd.args.assign(std::make_move_iterator(words.begin() + 1),
                  std::make_move_iterator(words.end()));
  cmd.span = cmd.args.empty() ? cmd.name.span : cmd.name.span.cover(cmd.args.back().span);
  script.commands.push_back(std::move(cmd));
  script.pipelines.push_back({{0}, script.commands[0].span});
  const Clock::time_point deadline = Clock::now() + kParseBudget;
  expand_if_command_string(source, 0, 0, deadline, script, 0,
                           [](std::size_t) { return std::span<const Span>(); },
                           FrontEnd::automatic);
  normalize(script);
  return resolved(std::move(script));
}

}  // namespace lintel::parsers
