// A hand-written front end for the shell subset most RUN lines and `run:` steps use, several
// times cheaper per byte than tree-sitter-bash plus the tree walk (which were 70% of a Dockerfile
// scan).
//
// The contract: for every text it accepts, parse_shell must build EXACTLY the model it builds
// from tree-sitter-bash's tree, quirks included; for anything else it declines (nullopt) and the
// whole text goes to tree-sitter. So this file does not parse shell, it predicts tree-sitter, and
// declines whenever the prediction is not certain. tests/shell_fast_test.cpp checks the prediction
// on every script of the fixtures and the corpus, and on mutations of tricky ones; most declines
// below were found that way, as places where tree-sitter's parse is its own.
//
// The subset:
// - statements separated by `;`, `&` and newlines; `&&`, `||`, `|` and `|&`, with newlines and
//   comments after an operator; `\`-newline continuations between tokens;
// - simple commands with prefix assignments (`A=1 cmd`), statements of assignments only, and the
//   declaration builtins (export, declare, local, readonly, typeset, unset, unsetenv) with
//   NAME, NAME=value and -opt words;
// - words made of plain text with backslash escapes, '…', "…" (with `\` escapes, expansions and
//   substitutions inside), $'…', `$NAME`, `$1`, `$@` and the other special parameters bar `$$`,
//   `${NAME}`, `${#NAME}`, `${NAME:N:M}`, `${NAME::N}`, `$(( … ))` of names, numbers and
//   `+ - * / %`, and `${NAME<op>text}` with plain text, `$( … )`, and
//   `` `…` `` as a whole word or inside "…";
// - file redirections (`>`, `>>`, `<`, `&>`, `&>>`, `>&`, `<&`, `>|`, with a descriptor);
// - `( … )`, `{ …; }`, `! cmd`, `[ … ]` with one test, if/elif/else, while/until, `for x in …`;
// - `[[ … ]]` with such tests joined by `&&` and `||` on one line: `==` and `!=` with a plain
//   right side, `=~` with a plain regex token (see double_test);
// - `case WORD in P|P) …;; … esac` with `;;`, `;&` and `;;&`, patterns of plain text and quotes
//   without expansions, each `)` followed by a blank or newline (`a)b` is one extglob pattern
//   to tree-sitter), no `;&`/`;;&` before `esac` (an error to tree-sitter), and nothing but a
//   terminator after `esac`;
// - functions `f() { …; }`, `function f { …; }` and `function f() { …; }`, alone in their
//   statement;
// - a herestring `<<< WORD` among a simple command's arguments, once, with no redirection after.
// Declined: heredocs, `(( … ))` and other arithmetic, process substitution, arrays, `{`/`}`/`[`/`]`
// inside words, bare `$`, redirections before the command word, bytes outside printable ASCII
// (bar tab and newline), CR, anything else not listed, and these forms tree-sitter reads in its
// own way: `$NAME` as the third part of a word or later, command words not starting with a
// letter, `_` and a name character, `.`, `/`, `~`, a quote or `$` (or a name followed by one of
// `%@:?+#[`), `#` in a word unless in an argument after a letter or one of `/._-`, `\x` after a
// quote, `\<tab>`, a pipeline of three stages or more before `&&`, `||` or a redirection when it
// is the first operand of its list (`a | b | c && d` is a | (b | c && d)), or of four stages or
// more when the statement does not start with a simple command (`(x) && a | b | c | d && e`
// nests oddly too), or when a comment follows an operator of such a statement; and after a
// pipeline of three stages or more, a later line with `&&`, `||` or a redirection; several
// assignments or an empty one before a newline, descriptor 0, a lone `-` before a descriptor, a
// word ending in a digit right before `<` or `>`, a continuation at a line start, before the end
// or a blank line, and in "…", where tree-sitter starts a token (after the quote, an expansion
// or a newline), a continuation or blanks before `$(`.
//
// Tree-sitter quirks the tree reproduces (parser.cpp's builder then treats both trees alike):
// - Redirections after a statement wrap everything since the start of its `&&`/`||` list, not
//   just the last command: `a && b > f` is (a && b) > f, and `a | b 2>&1 | c` is a two-stage
//   pipeline whose first stage is (a | b) 2>&1. The body's commands then do not cover the
//   redirection; only a body that is one simple command does.
// - Every word after a redirection operator is one of its destinations (`cmd > f x` has no
//   argument x).
// - `! { a | b; }; c`: `{` and `}` are command words (negated_command takes no group); taken at
//   the top level of the script, one `! {` at a time.
// - `a\<newline>b` is two words; parser.cpp joins them back for arguments only, so elsewhere the
//   text is declined. `$NAME\<newline>` is one expansion for tree-sitter and is declined.
#include "parsers/shell/fast.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/byte_set.hpp"
#include "analyzer/bytes16.hpp"

namespace lintel::parsers::shell {
namespace {

using Kind = FastNode::Kind;

// Deeper structures are rare and would bring tree-sitter's own depth bound into play.
constexpr unsigned kMaxNesting = 24;

// Whether `w` is the literal `word`. Perf: with the length known at compile time the compare is
// a load or two, where string_view's `==` is an out-of-line compare and memcmp; the word sets
// below are asked about almost every word of a script.
template <std::size_t N>
bool is(std::string_view w, const char (&word)[N]) {
  return w.size() == N - 1 && std::memcmp(w.data(), word, N - 1) == 0;
}

// The declaration builtins.
bool is_builtin(std::string_view w) {
  switch (w.size()) {
    case 5: return is(w, "local") || is(w, "unset");
    case 6: return is(w, "export");
    case 7: return is(w, "declare") || is(w, "typeset");
    case 8: return is(w, "readonly") || is(w, "unsetenv");
    default: return false;
  }
}

// Words that end a statement list.
bool is_stop_word(std::string_view w) {
  switch (w.size()) {
    case 1: return w[0] == '}';
    case 2: return is(w, "fi") || is(w, "do");
    case 4: return is(w, "then") || is(w, "elif") || is(w, "else") || is(w, "done") || is(w, "esac");
    default: return false;
  }
}

// Words tree-sitter may read as keywords in any position.
[[gnu::noinline]] bool is_reserved_word(std::string_view w) {
  switch (w.size()) {
    case 2: return is(w, "if") || is(w, "fi") || is(w, "do") || is(w, "in");
    case 3: return is(w, "for");
    case 4:
      return is(w, "then") || is(w, "elif") || is(w, "else") || is(w, "done") || is(w, "case") ||
             is(w, "esac");
    case 5: return is(w, "while") || is(w, "until");
    case 6: return is(w, "select") || is(w, "coproc");
    case 8: return is(w, "function");
    default: return false;
  }
}

// is_reserved_word, asked about every argument: most words are turned away inline by their
// first letter (the keywords start with c, d, e, f, i, s, t, u or w).
bool is_reserved(std::string_view w) {
  constexpr std::uint32_t kFirst = 1U << ('c' - 'a') | 1U << ('d' - 'a') | 1U << ('e' - 'a') |
                                   1U << ('f' - 'a') | 1U << ('i' - 'a') | 1U << ('s' - 'a') |
                                   1U << ('t' - 'a') | 1U << ('u' - 'a') | 1U << ('w' - 'a');
  if (w.size() < 2 || w.size() > 8) return false;
  const auto letter = static_cast<unsigned>(w[0]) - 'a';
  return letter < 26 && (kFirst >> letter & 1U) != 0 && is_reserved_word(w);
}

constexpr bool is_blank(char c) { return c == ' ' || c == '\t'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_name_start(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Byte classes as tables (perf: each is asked once per character of every script).
// Letters, digits and `_`: the names of assignments and of expansions.
bool is_name_char(char c) { return kNameBytes.contains(c); }

// Where skip_blanks has something to do: a blank, a continuation's backslash or a comment.
constexpr ByteSet kSkippable(" \t\\#");

// Characters a word's plain text may contain (tree-sitter's `word` token, minus what we decline).
constexpr ByteSet kPlain = ByteSet::range(0x21, 0x7e) - ByteSet("'\"<>{}[]()`$|&;\\#");
bool is_plain(char c) { return kPlain.contains(c); }

// A word ends at these (outside quotes), and at the NUL past the end of the text.
constexpr ByteSet kEndsWord(std::string_view(" \t\n;&|<>()\0", 11));
bool ends_word(char c) { return kEndsWord.contains(c); }

// After a run of plain characters, what word() reads on with (an escape, `#`, a quote or an
// expansion); the other characters that are not plain end the word.
constexpr ByteSet kContinuesPlain("\\#'\"$`");

// Bytes past the end of the parser's copy of the text, all NUL: peek() reads up to a few bytes
// past the end without a bounds check, and every scanning loop stops at NUL (no byte of an
// accepted text is NUL: see copy_printable).
constexpr std::size_t kPadding = 16;

// Whether none of 16 bytes is outside printable ASCII, a tab and a newline.
bool printable16(const char* p) {
  using bytes16::mask;
  const bytes16::Bytes16 v = bytes16::load(p);
  return bytes16::first_hit(mask((v < 0x20) & (v != '\t') & (v != '\n')) | mask(v >= 0x7f)) == 16;
}

// Copies `t` into `out` followed by kPadding NULs, or returns false when a byte of it is not
// printable ASCII, a tab or a newline. Perf: 16 bytes at a time (this runs over every byte of
// every script).
bool copy_printable(std::string_view t, std::string& out) {
  out.resize(t.size() + kPadding);
  char* to = out.data();
  std::size_t i = 0;
  for (; i + 16 <= t.size(); i += 16) {
    if (!printable16(t.data() + i)) return false;
    std::memcpy(to + i, t.data() + i, 16);
  }
  char last[16] = {};  // the tail, checked and copied as a NUL-padded block
  std::memcpy(last, t.data() + i, t.size() - i);
  for (std::size_t k = t.size() - i; k < 16; ++k) last[k] = ' ';  // printable, not copied
  if (!printable16(last)) return false;
  std::memcpy(to + i, t.data() + i, t.size() - i);
  std::memset(to + t.size(), 0, kPadding);
  return true;
}

// Scratch space reused by every parse on a thread, so that a script's nodes cost no vector each:
// the children of the nodes being read (Kids), the `&&`/`||` operands of the statements being
// read (and_or), the words of the commands being read (simple) and the substituted ranges of
// the words being read (word). Each is a stack, since substitutions nest commands inside words:
// a reader uses the slice above the mark it took, and the slices of what it reads inside are
// gone again by the time it adds to its own. A parse leaves garbage only when it declines, and
// the next one starts by clearing.
struct Scratch {
  std::vector<std::uint32_t> kids;
  std::vector<std::uint32_t> chains;
  std::vector<FastWord> words;
  std::vector<Span> substituted;
  std::string text;  // the text being parsed, padded (see kPadding)

  void clear() {
    kids.clear();
    chains.clear();
    words.clear();
    substituted.clear();
  }
};

// Where a word stands: `#` inside a word is kept only in a command's arguments (elsewhere
// tree-sitter may end the command there), and `=`, `!=` and `==` are words only in a test.
enum class Context : std::uint8_t { argument, test, other };

class Parser {
 public:
  // `text` is the text being parsed, copied to scratch.text with its padding by the caller;
  // `tree`, empty, receives its tree.
  Parser(std::string_view text, Scratch& scratch, FastTree& tree)
      : t_(text), s_(scratch), tree_(tree) {
    s_.clear();
  }

  // Whether the text is in the subset; the tree is complete then.
  bool run() {
    // Rough sizes from the corpus's scripts, to spare most regrowths.
    tree_.nodes.reserve(4 + t_.size() / 24);
    tree_.links.reserve(4 + t_.size() / 24);
    tree_.commands.reserve(2 + t_.size() / 48);
    tree_.words.reserve(4 + t_.size() / 8);
    const std::uint32_t root = add_node(Kind::group, {0, size()});
    Kids kids(*this);
    const std::optional<std::string_view> end = statements(kids, '\0', false);
    if (!ok_ || !end || !end->empty() || i_ != t_.size() || odd_braces_ != 0) return false;
    adopt(root, kids);
    tree_.root = root;
    return true;
  }

 private:
  // The children of a node being read: the slice of Scratch::kids above the mark taken at its
  // start (see Scratch). adopt() moves them to the tree once the node is added.
  class Kids {
   public:
    explicit Kids(Parser& p) : stack_(p.s_.kids), mark_(stack_.size()) {}
    void push_back(std::uint32_t node) { stack_.push_back(node); }
    [[nodiscard]] std::size_t size() const { return stack_.size() - mark_; }
    [[nodiscard]] bool empty() const { return size() == 0; }
    [[nodiscard]] const std::uint32_t* data() const { return stack_.data() + mark_; }
    void drop() { stack_.resize(mark_); }

   private:
    std::vector<std::uint32_t>& stack_;
    std::size_t mark_;
  };

  void set_children(std::uint32_t node, const std::uint32_t* first, std::size_t count) {
    FastNode& n = tree_.nodes[node];
    n.first_child = static_cast<std::uint32_t>(tree_.links.size());
    n.child_count = static_cast<std::uint32_t>(count);
    tree_.links.insert(tree_.links.end(), first, first + count);
  }

  // The node's children are `kids`, which leave the stack.
  void adopt(std::uint32_t node, Kids& kids) {
    if (!kids.empty()) adopt_all(node, kids);  // perf: most commands have no substitutions
  }

  [[gnu::noinline]] void adopt_all(std::uint32_t node, Kids& kids) {
    set_children(node, kids.data(), kids.size());
    kids.drop();
  }

  void adopt_one(std::uint32_t node, std::uint32_t child) { set_children(node, &child, 1); }

  // A group node from `start` to here, with `kids` as its children.
  std::uint32_t group(std::uint32_t start, Kids& kids) {
    const std::uint32_t n = add_node(Kind::group, {start, pos()});
    adopt(n, kids);
    return n;
  }

  std::string_view t_;
  Scratch& s_;
  std::size_t i_ = 0;
  bool ok_ = true;
  unsigned nesting_ = 0;
  unsigned backticks_ = 0;  // inside `…`, where a backtick ends the command
  unsigned odd_braces_ = 0;  // `! {` read as a command `{` whose `}` is still to come
  FastTree& tree_;
  mutable std::size_t name_at_ = std::string_view::npos, name_end_ = 0;  // name_end()'s last

  [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(t_.size()); }
  [[nodiscard]] std::uint32_t pos() const { return static_cast<std::uint32_t>(i_); }
  // NUL at the end of the text and after (kPadding): the cursor never gets more than a few
  // bytes past a NUL, as every loop stops there.
  [[nodiscard]] char peek(std::size_t k = 0) const { return t_.data()[i_ + k]; }
  [[nodiscard]] bool at_end() const { return i_ >= t_.size(); }
  // t_[from, to), for ranges known to be inside t_. Perf: substr's bounds check and throw path
  // kept GCC from inlining it on the paths every word takes.
  [[nodiscard]] std::string_view slice(std::size_t from, std::size_t to) const {
    return {t_.data() + from, to - from};
  }
  [[nodiscard]] bool at_continuation(std::size_t k = 0) const {
    return peek(k) == '\\' && peek(k + 1) == '\n';
  }

  std::nullopt_t fail() {
    ok_ = false;
    return std::nullopt;
  }

  std::uint32_t add_node(Kind kind, Span span) {
    FastNode n;
    n.kind = kind;
    n.span = span;
    tree_.nodes.push_back(std::move(n));
    return static_cast<std::uint32_t>(tree_.nodes.size() - 1);
  }

  // RAII depth guard.
  struct Nest {
    explicit Nest(Parser& p) : p_(p) {
      if (++p_.nesting_ > kMaxNesting) p_.ok_ = false;
    }
    ~Nest() { --p_.nesting_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
    Parser& p_;
  };

  // ---- blanks ---------------------------------------------------------------------------------

  void skip_comment() {
    const std::size_t newline = t_.find('\n', i_);
    i_ = newline == std::string_view::npos ? t_.size() : newline;
  }

  // Blanks, continuations and a comment, but not the newline that ends the line. Perf: most
  // calls find nothing to skip (the parsers of a statement's parts each skip blanks first), so
  // they cost one table test; the loop relies on the NUL after the text (kPadding).
  void skip_blanks() {
    if (!kSkippable.contains(peek())) return;
    // The usual blank between two words, skipped inline.
    if (peek() == ' ' && !kSkippable.contains(peek(1))) {
      ++i_;
      return;
    }
    skip_blanks_loop();
  }

  [[gnu::noinline]] void skip_blanks_loop() {
    const std::size_t n = t_.size();
    for (;;) {
      const char c = t_.data()[i_];
      if (is_blank(c)) {
        ++i_;
      } else if (c == '\\' && t_.data()[i_ + 1] == '\n') {
        // At the start of a line, or with nothing but blanks after it, tree-sitter reads it
        // differently or reports an error.
        if (i_ > 0 && t_[i_ - 1] == '\n') ok_ = false;
        i_ += 2;
        while (is_blank(t_.data()[i_])) ++i_;  // the blanks after it, skipped here at once
        if (i_ == n || t_[i_] == '\n') ok_ = false;
      } else if (c == '#') {
        skip_comment();
      } else {
        return;
      }
    }
  }

  void skip_blanks_and_newlines() {
    for (;;) {
      skip_blanks();
      if (peek() != '\n') return;
      ++i_;
    }
  }

  // The bare word at the cursor when it is followed by a delimiter (for keywords), else empty.
  [[nodiscard]] std::string_view bare_word() const {
    if (peek() == '}') return ends_word(peek(1)) ? slice(i_, i_ + 1) : std::string_view{};
    const std::size_t k = name_end();
    if (k == i_) return {};
    return ends_word(t_.data()[k]) ? slice(i_, k) : std::string_view{};
  }

  // The end of the run of name characters at the cursor. Perf: a statement's first word is
  // asked about by one reader after another (stop word, keyword, function, assignment, command
  // start), so the last answer is kept.
  [[nodiscard]] std::size_t name_end() const {
    if (name_at_ != i_) {
      std::size_t k = i_;
      while (is_name_char(t_.data()[k])) ++k;  // stops at the NUL after the text
      name_at_ = i_;
      name_end_ = k;
    }
    return name_end_;
  }

  // ---- statements -----------------------------------------------------------------------------

  [[nodiscard]] bool is_terminator() const {
    const char c = peek();
    if (c == '\n') return true;
    if (c == ';') return peek(1) != ';' && peek(1) != '&';  // not `;;`, `;&`: a case item's end
    if (c == '&') return peek(1) != '&' && peek(1) != '>';
    return false;
  }

  // Statements up to the end of the text, the `closer` character (not consumed) or a stop word
  // (not consumed, returned). `terminated`: each statement must end with a terminator, as in the
  // bodies of `{ }`, if, while and for. Returns "" at the closer or the end of the text.
  std::optional<std::string_view> statements(Kids& out, char closer,
                                             bool terminated) {
    const Nest nest(*this);
    // After a pipeline of three stages or more and a newline, tree-sitter may read the next
    // lines as more words of its last command, up to a `&&`, `||` or redirection that turns
    // the whole into its odd list (see and_or); until a `;` or `&` ends that, those decline.
    bool long_pipeline_open = false;
    while (ok_) {
      skip_blanks_and_newlines();
      if (at_end()) return closer == '\0' ? std::optional<std::string_view>("") : fail();
      if (closer != '\0' && peek() == closer) return "";
      const std::string_view w = bare_word();
      // After `! {` at the top level, a `}` is a command word too (see brace_command).
      if (is_stop_word(w) && !(w == "}" && odd_braces_ > 0 && nesting_ == 1)) return w;
      Shape shape;
      const std::optional<std::uint32_t> s = and_or(shape);
      if (!s || (long_pipeline_open && shape.joins)) return fail();
      out.push_back(*s);
      skip_blanks();
      if (is_terminator()) {
        long_pipeline_open = peek() == '\n' && (long_pipeline_open || shape.long_pipeline);
        ++i_;
        continue;
      }
      if (terminated) return fail();
      if (at_end() || (closer != '\0' && peek() == closer)) continue;
      return fail();
    }
    return std::nullopt;
  }

  // Statements that must end with one of the stop words `a` or `b` (consumed and returned).
  std::optional<std::string_view> body(Kids& out, std::string_view a,
                                       std::string_view b = {}, std::string_view c = {},
                                       bool non_empty = false) {
    const std::size_t before = out.size();
    const auto end = statements(out, '\0', true);
    if (!end || end->empty() || (*end != a && *end != b && *end != c)) return fail();
    if (non_empty && out.size() == before) return fail();
    i_ += end->size();
    return end;
  }

  [[nodiscard]] bool at_redirect() const {
    std::size_t k = 0;
    while (is_digit(peek(k))) ++k;
    const char c = peek(k);
    if (c == '&') return k == 0 && peek(1) == '>';
    if (c != '<' && c != '>') return false;
    return !(c == '<' && (peek(k + 1) == '<' || peek(k + 1) == '(' || peek(k + 1) == '>')) &&
           !(c == '>' && peek(k + 1) == '(');
  }

  // The `&&`/`||` operands of a statement and the `|` stages of each are Scratch::chains above
  // `mark`: each operand's stages, operands separated by kOperandEnd.
  static constexpr std::uint32_t kOperandEnd = std::numeric_limits<std::uint32_t>::max();

  // Builds `a | b` stages and `&&`/`||` operands as tree-sitter does (see the file comment), and
  // takes them off the stack.
  std::uint32_t build(std::size_t mark) {
    std::vector<std::uint32_t>& chains = s_.chains;
    if (chains.size() == mark + 1) {  // perf: most statements are one command
      const std::uint32_t only = chains.back();
      chains.pop_back();
      return only;
    }
    // Each operand's node (its stage, or a pipeline of its stages) goes back into the slice,
    // at `operands`, which never passes the stages still to read.
    std::size_t operands = mark;
    for (std::size_t first = mark; first < chains.size();) {
      std::size_t end = first;
      while (end < chains.size() && chains[end] != kOperandEnd) ++end;
      std::uint32_t operand = chains[first];
      if (end - first > 1) {
        const Span s{tree_.nodes[chains[first]].span.begin, tree_.nodes[chains[end - 1]].span.end};
        operand = add_node(Kind::pipeline, s);
        set_children(operand, chains.data() + first, end - first);
      }
      chains[operands++] = operand;
      first = end + 1;
    }
    std::uint32_t result = chains[mark];
    if (operands - mark > 1) {
      const Span s{tree_.nodes[chains[mark]].span.begin, tree_.nodes[chains[operands - 1]].span.end};
      result = add_node(Kind::list, s);
      set_children(result, chains.data() + mark, operands - mark);
    }
    chains.resize(mark);
    return result;
  }

  // What statements() needs to know of a statement: whether it ends with a pipeline of three
  // stages or more, and whether it has `&&`, `||` or a redirection.
  struct Shape {
    bool long_pipeline = false;
    bool joins = false;
  };

  std::optional<std::uint32_t> and_or(Shape& shape) {
    std::optional<std::uint32_t> u = unit();
    if (!u) return fail();
    std::vector<std::uint32_t>& chains = s_.chains;
    const std::size_t mark = chains.size();
    std::size_t last = mark;  // where the last operand's stages start
    chains.push_back(*u);
    // Whether the statement starts with a simple command, not wrapped in a redirection since.
    const Kind first = tree_.nodes[*u].kind;
    bool plain_start = first == Kind::command || first == Kind::builtin;
    // `a | b | c || d` is a pipeline of a and (b | c || d) for tree-sitter, and longer ones nest
    // in ways of their own. After a first `&&` or `||` the list is the usual one for three stages
    // (`x && a | b | c || d`), and for more when the statement starts with a simple command
    // (`(x) && a | b | c | d || e` is odd again). Before a redirection, alike.
    // And a comment after an operator (`x && a | b | c && # …`) makes those odd too.
    bool long_pipeline = false, comment = false;
    const auto odd_pipeline = [&] {
      const std::size_t stages = chains.size() - last;
      long_pipeline = long_pipeline || stages >= 3;
      return stages >= 3 && (last == mark || (stages >= 4 && !plain_start));
    };
    const auto skip_after_operator = [&] {
      const std::size_t from = i_;
      skip_blanks_and_newlines();
      comment = comment || t_.substr(from, i_ - from).find('#') != std::string_view::npos;
    };
    while (ok_) {
      skip_blanks();
      shape.long_pipeline = chains.size() - last >= 3;
      if (at_redirect()) {
        shape.joins = true;
        if (odd_pipeline()) return fail();
        u = redirected(build(mark));
        if (!u) return fail();
        last = mark;
        chains.push_back(*u);
        plain_start = false;
      } else if ((peek() == '&' && peek(1) == '&') || (peek() == '|' && peek(1) == '|')) {
        if (odd_pipeline()) return fail();
        shape.joins = true;
        i_ += 2;
        skip_after_operator();
        if (!(u = unit())) return fail();
        chains.push_back(kOperandEnd);
        last = chains.size();
        chains.push_back(*u);
      } else if (peek() == '|') {
        i_ += peek(1) == '&' ? 2 : 1;
        skip_after_operator();
        if (!(u = unit())) return fail();
        chains.push_back(*u);
      } else {
        if (long_pipeline && comment) return fail();
        return build(mark);
      }
    }
    return std::nullopt;
  }

  // File redirections after `body`; every word after an operator is one of its destinations.
  std::optional<std::uint32_t> redirected(std::uint32_t body) {
    const std::uint32_t r = add_node(Kind::redirected, tree_.nodes[body].span);
    Kids kids(*this);
    kids.push_back(body);
    Span extend{};
    while (ok_) {
      skip_blanks();
      if (!at_redirect()) break;
      const std::uint32_t start = pos();
      if (peek() == '0') return fail();  // tree-sitter's scanner takes no descriptor 0
      while (is_digit(peek())) ++i_;
      if (!operator_of_redirect()) return fail();
      std::uint32_t end = pos();
      int destinations = 0;
      for (;;) {
        skip_blanks();
        if (at_command_end()) break;
        const std::optional<FastWord> w = word(kids, Context::other);
        if (!w || glued()) return fail();
        end = w->span.end;
        ++destinations;
      }
      if (destinations == 0) return fail();
      const Span s{start, end};
      extend = extend.empty() ? s : extend.cover(s);
    }
    adopt(r, kids);
    FastNode& n = tree_.nodes[r];
    n.extend = extend;
    n.span = n.span.cover(extend);
    return r;
  }

  // `>`, `>>`, `>|`, `>&`, `<`, `<&`, `&>`, `&>>`; not `>&-` and `<&-`, which close.
  bool operator_of_redirect() {
    if (peek() == '&') {
      i_ += peek(2) == '>' ? 3 : 2;
      return true;
    }
    const char op = peek();
    ++i_;
    if (op == '>' && (peek() == '>' || peek() == '|' || peek() == '&')) ++i_;
    if (op == '<' && peek() == '&') ++i_;
    return !(t_[i_ - 1] == '&' && peek() == '-');
  }

  std::optional<std::uint32_t> unit() {
    const Nest nest(*this);
    skip_blanks();
    const char c = peek();
    const char next = peek(1);
    if (c == '(') return next == '(' ? fail() : subshell();
    if (c == '{') return ends_word(next) ? group() : fail();
    if (c == '!') return ends_word(next) ? negated() : fail();
    if (c == '}' && odd_braces_ > 0 && nesting_ == 2 && ends_word(next)) {
      --odd_braces_;
      return brace_command();
    }
    if (c == '[' && next == '[') return is_blank(peek(2)) ? double_test() : fail();
    if (c == '[') return is_blank(next) ? test() : fail();
    const std::string_view w = bare_word();
    if (is_reserved(w)) {  // perf: one test for most words, which are none of these
      if (is(w, "if")) return if_statement();
      if (is(w, "while") || is(w, "until")) return while_statement(w);
      if (is(w, "for")) return for_statement();
      if (is(w, "case")) return case_statement();
      if (is(w, "function")) return function_definition(true);
      return fail();
    }
    if (at_function()) return function_definition(false);
    return simple();
  }

  std::optional<std::uint32_t> subshell() {
    const std::uint32_t start = pos();
    ++i_;
    Kids kids(*this);
    const auto end = statements(kids, ')', false);
    if (!end || !end->empty() || peek() != ')' || kids.empty()) return fail();
    ++i_;
    const std::uint32_t n = add_node(Kind::subshell, {start, pos()});
    adopt(n, kids);
    return n;
  }

  std::optional<std::uint32_t> group() {
    const std::uint32_t start = pos();
    ++i_;
    Kids kids(*this);
    if (!body(kids, "}")) return fail();
    return group(start, kids);
  }

  // `! cmd`, `! ( … )`, `! [ … ]`: tree-sitter negates nothing else.
  std::optional<std::uint32_t> negated() {
    const std::uint32_t start = pos();
    ++i_;
    skip_blanks();
    std::optional<std::uint32_t> inner;
    if (peek() == '(') {
      inner = peek(1) == '(' ? std::nullopt : subshell();
    } else if (peek() == '{') {
      // At the top level of the script only, one at a time.
      if (ends_word(peek(1)) && nesting_ == 2 && odd_braces_ == 0) {
        ++odd_braces_;
        inner = brace_command();
      }
    } else if (peek() == '[') {
      inner = is_blank(peek(1)) ? test() : std::nullopt;
    } else if (!is_reserved(bare_word())) {
      inner = simple();
      if (inner && tree_.nodes[*inner].kind != Kind::command) inner.reset();
      if (inner && tree_.commands[tree_.nodes[*inner].command].assignments != 0) inner.reset();
    }
    if (!inner) return fail();
    const std::uint32_t n = add_node(Kind::group, {start, tree_.nodes[*inner].span.end});
    adopt_one(n, *inner);
    return n;
  }

  std::optional<std::uint32_t> if_statement() {
    const std::uint32_t start = pos();
    i_ += 2;
    Kids kids(*this);
    if (!body(kids, "then", {}, {}, true)) return fail();
    std::optional<std::string_view> end = body(kids, "elif", "else", "fi");
    while (end && *end == "elif") {
      if (!body(kids, "then", {}, {}, true)) return fail();
      end = body(kids, "elif", "else", "fi");
    }
    if (end && *end == "else") end = body(kids, "fi");
    if (!end) return fail();
    return group(start, kids);
  }

  std::optional<std::uint32_t> while_statement(std::string_view keyword) {
    const std::uint32_t start = pos();
    i_ += keyword.size();
    Kids kids(*this);
    if (!body(kids, "do", {}, {}, true) || !body(kids, "done")) return fail();
    return group(start, kids);
  }

  // `for NAME in WORD…; do …; done`
  std::optional<std::uint32_t> for_statement() {
    const std::uint32_t start = pos();
    i_ += 3;
    skip_blanks();
    if (!is_name_start(peek())) return fail();
    while (is_name_char(peek())) ++i_;
    skip_blanks();
    if (bare_word() != "in") return fail();
    i_ += 2;
    Kids kids(*this);
    int values = 0;
    for (;;) {
      skip_blanks();
      if (peek() == ';' || peek() == '\n') break;
      if (ends_word(peek()) || is_reserved(bare_word())) return fail();
      if (!word(kids, Context::other) || glued()) return fail();
      ++values;
    }
    if (values == 0 || (peek() == ';' && peek(1) == ';')) return fail();
    ++i_;
    skip_blanks_and_newlines();
    if (bare_word() != "do") return fail();
    i_ += 2;
    if (!body(kids, "done")) return fail();
    return group(start, kids);
  }

  // `case WORD in PATTERN|PATTERN) …;; … esac`. Only the substitutions in the word and the
  // statements of the items matter to the model (tree-sitter's case_statement is walked like a
  // group); the patterns are kept to plain text and quotes without expansions, where tree-sitter's
  // own pattern rules (extglob) cannot differ, and the statement must end right after `esac`.
  std::optional<std::uint32_t> case_statement() {
    const std::uint32_t start = pos();
    i_ += 4;
    skip_blanks();
    Kids kids(*this);
    if (ends_word(peek()) || is_reserved(bare_word())) return fail();
    if (!word(kids, Context::other) || glued()) return fail();
    skip_blanks();
    if (bare_word() != "in") return fail();
    i_ += 2;
    if (!(is_blank(peek()) || peek() == '\n' || at_continuation())) return fail();
    bool fallthrough = false;  // tree-sitter wants no `;&` or `;;&` before `esac`
    for (bool first = true;; first = false) {
      skip_blanks_and_newlines();
      if (bare_word() == "esac" && !first && !fallthrough) break;
      if (!case_patterns()) return fail();
      const std::size_t before = kids.size();
      const std::optional<std::string_view> end = statements(kids, ';', false);
      if (!end) return fail();
      if (*end == "esac") {  // the last item, without `;;`
        if (kids.size() == before) return fail();
        break;
      }
      if (!end->empty() || peek() != ';') return fail();
      if (peek(1) == '&') {
        i_ += 2;  // ;&
        fallthrough = true;
      } else if (peek(1) == ';') {
        fallthrough = peek(2) == '&';  // ;; or ;;&
        i_ += fallthrough ? 3 : 2;
      } else {
        return fail();
      }
    }
    i_ += 4;
    if (!at_statement_end()) return fail();
    return group(start, kids);
  }

  // After `esac` or a function's `}`, blanks and then the end of the statement: `esac | x`,
  // `} > f` (a redirection of the function, for tree-sitter) or `} && x` are not studied.
  bool at_statement_end() {
    skip_blanks();
    const char c = peek();
    return at_end() || c == '\n' || c == ')' || c == '`' ||
           (c == ';' && peek(1) != ';' && peek(1) != '&') ||
           (c == '&' && peek(1) != '&' && peek(1) != '>');
  }

  // `NAME() {` or `NAME () {` at the cursor (NAME of letters, digits, `_` and `-`).
  [[nodiscard]] bool at_function() const {
    if (!is_name_start(peek())) return false;
    std::size_t k = name_end() - i_;
    while (is_name_char(peek(k)) || peek(k) == '-') ++k;
    if (is_reserved(t_.substr(i_, k))) return false;
    while (is_blank(peek(k))) ++k;
    return peek(k) == '(' && peek(k + 1) == ')';
  }

  // `NAME() { …; }`, `function NAME { …; }` or `function NAME() { …; }`: the body runs where the
  // function is called, which tree-sitter's walk puts one level deeper and in no pipeline.
  std::optional<std::uint32_t> function_definition(bool keyword) {
    const std::uint32_t start = pos();
    if (keyword) {
      i_ += 8;
      if (!is_blank(peek())) return fail();
      skip_blanks();
      if (!is_name_start(peek())) return fail();
    }
    const std::size_t name = i_;
    while (is_name_char(peek()) || peek() == '-') ++i_;
    if (is_reserved(t_.substr(name, i_ - name))) return fail();
    skip_blanks();
    if (peek() == '(') {
      if (peek(1) != ')') return fail();
      i_ += 2;
      skip_blanks();
    } else if (!keyword) {
      return fail();
    }
    if (peek() != '{' || !ends_word(peek(1))) return fail();
    const std::optional<std::uint32_t> body = group();
    if (!body || !at_statement_end()) return fail();
    const std::uint32_t n = add_node(Kind::function, {start, pos()});
    adopt_one(n, *body);
    return n;
  }

  // The patterns of a case item and its `)`: words of plain characters, '…' and "…" without
  // expansions, separated by `|`. No `(` before them, no extglob, no brackets.
  bool case_patterns() {
    for (;;) {
      const std::size_t from = i_;
      for (;;) {
        const char c = peek();
        if (is_name_char(c) || std::string_view("-.*?/:,+").find(c) != std::string_view::npos) {
          if (c == '\0') break;
          ++i_;
        } else if (c == '\'' || c == '"') {
          const auto close = t_.find(c, i_ + 1);
          if (close == std::string_view::npos) return false;
          const std::string_view body = t_.substr(i_ + 1, close - i_ - 1);
          if (c == '"' && body.find_first_of("$`\\") != std::string_view::npos) return false;
          i_ = close + 1;
        } else {
          break;
        }
      }
      if (i_ == from || is_reserved(t_.substr(from, i_ - from))) return false;
      skip_blanks();
      // `a)b` is one extglob pattern to tree-sitter.
      if (peek() == ')') {
        ++i_;
        return is_blank(peek()) || peek() == '\n';
      }
      if (peek() != '|' || peek(1) == '|') return false;
      ++i_;
      skip_blanks();
    }
  }

  // `[ … ]` holding one test: `[ X ]`, `[ -op X ]`, `[ X op Y ]`, each possibly after `!`.
  // Only the substitutions in it matter to the model; the shape keeps tree-sitter error-free.
  std::optional<std::uint32_t> test() {
    const std::uint32_t start = pos();
    ++i_;
    Kids kids(*this);
    std::vector<std::pair<std::string_view, bool>> words;  // source text, is an operator
    for (;;) {
      skip_blanks();
      if (peek() == ']' && ends_word(peek(1)) && is_blank(t_[i_ - 1])) break;
      if (ends_word(peek()) || peek() == '\n') return fail();
      const std::uint32_t from = pos();
      if (!word(kids, Context::test) || glued()) return fail();
      const std::string_view src = t_.substr(from, i_ - from);
      words.emplace_back(src, is_test_operator(src));
    }
    ++i_;
    if (!is_simple_test(words)) return fail();
    return group(start, kids);
  }

  // `[[ … ]]` holding tests as `[ … ]` does (see is_simple_test), joined by `&&` and `||` on one
  // line; `=~` with a plain regex (plain_regex). Declined: `=`, `<`, `>`, parentheses, right sides
  // of `==` and `!=` other than a quoted string, one expansion or plain pattern text (tree-sitter
  // reads them as extglob patterns).
  std::optional<std::uint32_t> double_test() {
    const std::uint32_t start = pos();
    i_ += 2;
    Kids kids(*this);
    std::vector<std::pair<std::string_view, bool>> words;  // source text, is an operator
    for (;;) {
      const std::size_t blanks = i_;
      skip_blanks();
      const bool close = peek() == ']' && peek(1) == ']' && ends_word(peek(2));
      const bool join = (peek() == '&' && peek(1) == '&') || (peek() == '|' && peek(1) == '|');
      if (close || join) {
        if (i_ == blanks || !is_simple_test(words)) return fail();
        if (words.size() == 3 && (words[1].first == "==" || words[1].first == "!=") &&
            !is_plain_pattern(words[2].first))
          return fail();
        words.clear();
        i_ += 2;
        if (close) break;
        if (!is_blank(peek())) return fail();
        continue;
      }
      if (ends_word(peek()) || peek() == '\n') return fail();
      const std::uint32_t from = pos();
      if (!word(kids, Context::test) || glued()) return fail();
      const std::string_view src = t_.substr(from, i_ - from);
      // `=` makes the rest of the line its right side for tree-sitter.
      if (src == "=" || (src.starts_with("=~") && src != "=~")) return fail();
      words.emplace_back(src, is_test_operator(src));
      if (src == "=~") {
        const std::size_t blanks_before = i_;
        skip_blanks();
        const std::size_t regex = i_;
        if (i_ == blanks_before || !plain_regex()) return fail();
        words.emplace_back(t_.substr(regex, i_ - regex), false);
      }
    }
    return group(start, kids);
  }

  // The right side of `=~`, a regex token for tree-sitter: letters, digits, `^.*+?/:,_-`, closed
  // non-empty `[…]` (braces and other brackets change the token),
  // `\` before punctuation and a final `$`, up to a blank.
  bool plain_regex() {
    const std::size_t from = i_;
    bool bracket = false;  // inside `[…]`, which must close and hold something
    for (;;) {
      const char c = peek();
      if (c == '[' && !bracket) {
        if (peek(1) == ']') return false;
        bracket = true;
        ++i_;
      } else if (c == ']') {
        if (!bracket) return false;
        bracket = false;
        ++i_;
      } else if (is_name_char(c) || std::string_view("^.*+?/:,-").find(c) != std::string_view::npos) {
        if (c == '\0') return false;
        ++i_;
      } else if (c == '\\' && std::string_view(".*+?^$/-").find(peek(1)) != std::string_view::npos &&
                 peek(1) != '\0' && !bracket) {
        i_ += 2;
      } else if (c == '$' && is_blank(peek(1)) && !bracket) {
        ++i_;
      } else {
        return i_ > from && is_blank(c) && !bracket;
      }
    }
  }

  // The right side of `==` in `[[ ]]` that tree-sitter's extglob rules read as one word: a quoted
  // string, `$NAME` or `${…}` alone, or letters, digits and `_./*?:,-`.
  static bool is_plain_pattern(std::string_view w) {
    if (w.size() >= 2 && (w.front() == '\'' || w.front() == '"') && w.back() == w.front() &&
        w.find(w.front(), 1) == w.size() - 1)
      return true;
    if (w.starts_with("${") && w.find('}') == w.size() - 1) return true;
    if (w.starts_with('$') && w.size() > 1) {
      for (const char c : w.substr(1))
        if (!is_name_char(c)) return false;
      return true;
    }
    for (const char c : w)
      if (!is_name_char(c) && std::string_view("./*?:,-").find(c) == std::string_view::npos)
        return false;
    return true;
  }

  static bool is_test_operator(std::string_view w) {
    if (w == "=" || w == "==" || w == "!=" || w == "!" || w == "=~") return true;
    if (w.size() < 2 || w[0] != '-') return false;
    for (const char c : w.substr(1))
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    return true;
  }

  // A word of operator characters only (`/`, `*`, `+`…) is an operator token for tree-sitter.
  static bool is_operator_like(std::string_view w) {
    return w.find_first_not_of("/*%+-~!=<>&|^?:,") == std::string_view::npos;
  }

  // Takes `all` by reference (it is called once per test), `!` skipped by a view.
  static bool is_simple_test(const std::vector<std::pair<std::string_view, bool>>& all) {
    std::span<const std::pair<std::string_view, bool>> w(all);
    if (!w.empty() && w[0].first == "!") w = w.subspan(1);
    const auto operand = [&](std::size_t i) {
      return !w[i].second && !w[i].first.starts_with('-') && !w[i].first.starts_with('=') &&
             !w[i].first.starts_with('!') && !is_operator_like(w[i].first);
    };
    const auto unary = [&](std::size_t i) { return w[i].second && w[i].first.starts_with('-'); };
    if (w.size() == 1) return operand(0);
    if (w.size() == 2) return unary(0) && operand(1);
    if (w.size() == 3) return operand(0) && w[1].second && w[1].first != "!" && operand(2);
    return false;
  }

  // ---- simple commands ------------------------------------------------------------------------

  // `NAME=` or `NAME+=` at the cursor.
  [[nodiscard]] bool at_assignment() const {
    if (!is_name_start(peek())) return false;
    const std::size_t k = name_end() - i_;
    if (k == 1 && peek() == '_') return false;  // `_=x` is a command word for tree-sitter
    return peek(k) == '=' || (peek(k) == '+' && peek(k + 1) == '=');
  }

  // `NAME=value` at the cursor (at_assignment): one word whose value starts with `NAME=`.
  std::optional<FastWord> assignment(Kids& subs, bool* empty) {
    const std::uint32_t start = pos();
    while (peek() != '=') ++i_;
    ++i_;
    if (ends_word(peek())) {
      // An empty value, which tree-sitter's scanner takes before a blank, `;` or the end (and
      // then reads on past a newline into the same command).
      if (!(is_blank(peek()) || at_end() || (peek() == ';' && peek(1) != ';'))) return fail();
      *empty = true;
      FastWord w;
      w.span = {start, pos()};
      w.value_begin = start;
      w.value_size = pos() - start;
      return w;
    }
    std::optional<FastWord> w = word(subs, Context::other, start);
    if (!w || glued()) return fail();
    w->span.begin = start;
    return w;
  }

  [[nodiscard]] bool at_command_end() const {
    const char c = peek();
    return ends_word(c) || (c == '`' && backticks_ > 0) || at_redirect();
  }

  // A simple command, a declaration builtin or a statement of assignments only. Its words are
  // collected above a mark on Scratch::words (the words of commands in its substitutions come
  // and go above them) and copied to the tree together once it is read.
  std::optional<std::uint32_t> simple() {
    Kids subs(*this);
    const std::size_t mark = s_.words.size();
    const std::uint32_t start = pos();
    bool empty_value = false;
    FastCommand fc;
    while (at_assignment()) {
      const std::optional<FastWord> a = assignment(subs, &empty_value);
      if (!a) return fail();
      s_.words.push_back(*a);
      ++fc.assignments;
      skip_blanks();
    }
    // Tree-sitter reads on past a newline after an empty value or several assignments.
    if ((empty_value || fc.assignments > 1) && peek() == '\n') return fail();
    if (at_command_end()) return assignments_only(fc, subs, start, mark);
    const std::uint32_t name_at = pos();
    if (!is_plain_command_start()) return fail();
    const std::size_t name_run = name_end() - name_at;
    const std::optional<FastWord> name = word(subs, Context::other);
    if (!name || glued()) return fail();
    s_.words.push_back(*name);
    const std::string_view source = slice(name_at, i_);
    // A keyword stays one when a quote follows it (`if"…"`).
    const std::size_t run = std::min(name_run, source.size());
    const std::string_view leading_name(source.data(), run);
    if (is_reserved(leading_name) || source.starts_with('!') || source.starts_with('='))
      return fail();
    Kind kind = Kind::command;
    std::uint32_t end = name->span.end;
    if (is_builtin(leading_name)) {
      if (fc.assignments != 0 || run != source.size()) return fail();
      kind = Kind::builtin;
      if (!declarations(subs, end)) return fail();
    } else if (!arguments(subs, end)) {
      return fail();
    }
    fc.args = static_cast<std::uint32_t>(s_.words.size() - mark) - fc.assignments - 1;
    return command_node(kind, fc, {start, end}, subs, mark);
  }

  // The command node of `fc`, whose words are Scratch::words above `mark`.
  std::uint32_t command_node(Kind kind, FastCommand fc, Span span, Kids& subs, std::size_t mark) {
    fc.first = static_cast<std::uint32_t>(tree_.words.size());
    tree_.words.insert(tree_.words.end(), s_.words.begin() + static_cast<std::ptrdiff_t>(mark),
                       s_.words.end());
    s_.words.resize(mark);
    const std::uint32_t n = add_node(kind, span);
    tree_.nodes[n].command = static_cast<std::uint32_t>(tree_.commands.size());
    adopt(n, subs);
    tree_.commands.push_back(fc);
    return n;
  }

  // `{` after `!`, and the `}` after it at the top level: tree-sitter's negated_command takes no
  // group, so `! { a | b; }; c` is a pipeline of a negated command `{ a` and `b`, then commands
  // `}` and `c`. Both are simple commands named by the brace.
  std::optional<std::uint32_t> brace_command() {
    Kids subs(*this);
    const std::size_t mark = s_.words.size();
    const std::uint32_t start = pos();
    FastWord name;
    name.span = {start, start + 1};
    name.value_begin = start;
    name.value_size = 1;
    s_.words.push_back(name);
    ++i_;
    std::uint32_t end = name.span.end;
    if (!arguments(subs, end)) return fail();
    FastCommand fc;
    fc.args = static_cast<std::uint32_t>(s_.words.size() - mark) - 1;
    return command_node(Kind::command, fc, {start, end}, subs, mark);
  }

  std::optional<std::uint32_t> assignments_only(const FastCommand& fc, Kids& subs,
                                                std::uint32_t start, std::size_t mark) {
    if (fc.assignments == 0 || at_redirect()) return fail();
    const std::uint32_t n = add_node(Kind::group, {start, s_.words.back().span.end});
    s_.words.resize(mark);
    adopt(n, subs);
    return n;
  }

  // The arguments, pushed on Scratch::words, with `a\<newline>b` joined as parser.cpp joins
  // tree-sitter's two words. `end` becomes the end of the last argument or herestring.
  bool arguments(Kids& subs, std::uint32_t& end) {
    bool join = false, herestring = false;
    for (;;) {
      if (!join) skip_blanks();
      // `<<< WORD`: a part of the command for tree-sitter (the arguments go on after it), whose
      // substitutions are the command's; one per command, and no redirection after it.
      if (peek() == '<' && peek(1) == '<' && peek(2) == '<' && !join && !herestring) {
        herestring = true;
        i_ += 3;
        skip_blanks();
        if (at_command_end()) return false;
        const std::optional<FastWord> w = word(subs, Context::other);
        if (!w || glued()) return false;
        end = w->span.end;
        continue;
      }
      if (herestring && at_redirect()) return false;
      if (at_command_end()) return !join;  // a continuation before a redirection: declined
      const std::uint32_t from = pos();
      const std::optional<FastWord> w = word(subs, Context::argument);
      if (!w) return false;
      const std::string_view source = slice(from, i_);
      if (is_reserved(source)) return false;
      if (join) {
        join_to_last(*w);
      } else {
        s_.words.push_back(*w);
      }
      end = s_.words.back().span.end;
      // `- 2>x`: tree-sitter's scanner drops a lone `-` before a descriptor.
      if (is(source, "-")) {
        std::size_t k = i_;
        while (k < t_.size() && is_blank(t_[k])) ++k;
        if (k < t_.size() && is_digit(t_[k])) return false;
      }
      join = glued();
      if (join) i_ += 2;
    }
  }

  // `a\<newline>b`: `w` appended to the last argument, value and substituted ranges (both
  // copied to the end of their buffers; rare).
  void join_to_last(const FastWord& w) {
    FastWord& last = s_.words.back();
    const std::string_view a = tree_.value(last, t_), b = tree_.value(w, t_);
    std::string joined;
    joined.reserve(a.size() + b.size());
    joined.append(a).append(b);
    const auto at = static_cast<std::uint32_t>(tree_.values.size());
    tree_.values += joined;
    const std::uint32_t shift = last.value_size;
    std::vector<Span>& subs = tree_.substituted;
    const auto first = static_cast<std::uint32_t>(subs.size());
    for (std::uint32_t k = 0; k < last.substituted_count; ++k) {
      const Span s = subs[last.first_substituted + k];
      subs.push_back(s);
    }
    for (std::uint32_t k = 0; k < w.substituted_count; ++k) {
      const Span s = subs[w.first_substituted + k];
      subs.push_back({s.begin + shift, s.end + shift});
    }
    last.substituted_count += w.substituted_count;
    last.first_substituted = first;
    last.value_begin = at;
    last.value_size = static_cast<std::uint32_t>(joined.size());
    last.in_text = false;
    last.span = last.span.cover(w.span);
    last.is_literal = last.is_literal && w.is_literal;
  }

  // The words of a declaration builtin, pushed on Scratch::words.
  bool declarations(Kids& subs, std::uint32_t& end) {
    for (;;) {
      skip_blanks();
      if (at_command_end()) break;
      if (!is_declaration_word()) return false;
      const std::optional<FastWord> w = word(subs, Context::other);
      if (!w || glued()) return false;
      s_.words.push_back(*w);
      end = w->span.end;
    }
    return !at_redirect();
  }

  // A command word tree-sitter reads as one: starting with a letter, `_` and a name character,
  // `.`, `/`, `~`, a quote or an
  // expansion (its scanner has rules of its own for `-`, `*`, `_`, `%`, digits…), and not a name
  // followed by a character after which it sees a variable name (`apt%get` became `%get`).
  [[nodiscard]] bool is_plain_command_start() const {
    const char c = peek();
    // The `:` builtin alone (`cmd || :`): a command named by that one word for tree-sitter too.
    if (c == ':') return ends_word(peek(1));
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c == '_' && is_name_char(peek(1)));  // `_x`, not `_` or `_=`
    if (!letter && std::string_view("./~\"'$`").find(c) == std::string_view::npos) return false;
    const std::size_t k = name_end() - i_;
    return k == 0 || std::string_view("%@:?+#[=").find(peek(k)) == std::string_view::npos;
  }

  // What tree-sitter reads alike in a declaration: `NAME`, `NAME=…` and `-opt`.
  [[nodiscard]] bool is_declaration_word() const {
    std::size_t k = 0;
    if (peek() == '-') {
      for (k = 1; (peek(k) >= 'a' && peek(k) <= 'z') || (peek(k) >= 'A' && peek(k) <= 'Z');) ++k;
      return k > 1 && ends_word(peek(k));
    }
    if (!is_name_start(peek())) return false;
    while (is_name_char(peek(k))) ++k;
    if (peek(k) != '=') return ends_word(peek(k));
    // An empty value before a blank, a lone `;` or the end.
    const char after = peek(k + 1);
    return !ends_word(after) || is_blank(after) || i_ + k + 1 == t_.size() ||
           (after == ';' && peek(k + 2) != ';' && peek(k + 2) != '&');
  }

  // A continuation right after a word and right before more of one: tree-sitter splits the word.
  [[nodiscard]] bool glued() const {
    if (!at_continuation()) return false;
    const char next = peek(2);
    return !ends_word(next) && next != '\n' && next != '#' && !at_continuation(2);
  }

  // ---- words ----------------------------------------------------------------------------------

  // The value of `w` grows by t_[from, to): the slice grows when the part continues it, else
  // the value moves to FastTree::values (see FastWord). A value there is built at the end of the
  // buffer; a word read inside it (a substitution's) may have been put after it meanwhile, so it
  // is moved up again first.
  void append(FastWord& w, std::size_t from, std::size_t to) {
    const auto n = static_cast<std::uint32_t>(to - from);
    if (w.in_text && w.value_size == 0) {
      w.value_begin = static_cast<std::uint32_t>(from);
      w.value_size = n;
    } else if (w.in_text && w.value_begin + w.value_size == from) {
      w.value_size += n;
    } else {
      append_to_values(w, from, n);
    }
  }

  // append() where the value is or goes to FastTree::values (perf: kept out of line, so that
  // the slice cases above are inlined into the word readers).
  [[gnu::noinline]] void append_to_values(FastWord& w, std::size_t from, std::uint32_t n) {
    values_end(w).append(t_.data() + from, n);
    w.value_size += n;
  }

  // FastTree::values with `w`'s value at its end, to append to (then add to w.value_size).
  std::string& values_end(FastWord& w) {
    std::string& values = tree_.values;
    if (!w.in_text && w.value_begin + w.value_size == values.size()) return values;
    const auto at = static_cast<std::uint32_t>(values.size());
    if (w.in_text) {
      values.append(t_.data() + w.value_begin, w.value_size);
    } else {
      values.reserve(values.size() + w.value_size);  // the copy's source stays in place
      values.append(values.data() + w.value_begin, w.value_size);
    }
    w.value_begin = at;
    w.in_text = false;
    return values;
  }

  [[nodiscard]] char last_char(const FastWord& w) const {
    return (w.in_text ? t_.data() : tree_.values.data())[w.value_begin + w.value_size - 1];
  }

  // One word at the cursor; substitutions in it are appended to `subs`. `value_from` (an
  // assignment's start) begins the value with the text before the cursor.
  std::optional<FastWord> word(Kids& subs, Context context,
                               std::size_t value_from = std::string_view::npos) {
    FastWord w;
    w.span.begin = pos();
    if (value_from != std::string_view::npos) append(w, value_from, i_);
    const std::size_t subs_mark = s_.substituted.size();
    // Perf: most words are one run of plain characters followed by neither an escape, a comment
    // sign, a quote nor an expansion (which the loop below would go on with): read at once.
    if (is_plain(peek())) {
      std::size_t end = i_ + 1;
      while (is_plain(t_.data()[end])) ++end;  // stops at the NUL after the text
      if (!kContinuesPlain.contains(t_.data()[end])) {
        append(w, i_, end);
        i_ = end;
        return checked(w, context);
      }
    }
    bool after_plain = false;
    for (int part = 0;; ++part) {
      const char c = peek();
      if (c == '\\' && at_continuation()) break;
      // After a quote or an expansion, tree-sitter starts a new word at `\x` (but for \" \' \\).
      if (c == '\\' && part > 0 && !after_plain &&
          std::string_view("\"'\\").find(peek(1)) == std::string_view::npos)
        return fail();
      if (is_plain(c) || c == '\\') {
        if (!plain(w, context == Context::argument)) return fail();
        after_plain = true;
        continue;
      }
      after_plain = false;
      // `#` after a quote or an expansion: tree-sitter's comment-word rules, declined.
      if (c == '#') return fail();
      bool ok = true;
      if (c == '\'') {
        ok = raw_string(w);
      } else if (c == '"') {
        ok = double_quoted(w, subs);
      } else if (c == '$') {
        // `$NAME` as the third part or later: tree-sitter's parse is ambiguous there and may end
        // the word before the `$` (`$A/$B/$C` became two words, `$A/$` and `B/$C`).
        if (part >= 2 && peek(1) != '(' && peek(1) != '{') return fail();
        ok = dollar(w, subs, false);
      } else if (c == '`') {
        ok = part == 0 && backtick(w, subs, false);  // a whole word only (see backtick)
      } else {
        break;
      }
      if (!ok) return fail();
    }
    // The word's substituted ranges move from the stack to the tree.
    if (s_.substituted.size() > subs_mark) {
      w.first_substituted = static_cast<std::uint32_t>(tree_.substituted.size());
      w.substituted_count = static_cast<std::uint32_t>(s_.substituted.size() - subs_mark);
      tree_.substituted.insert(tree_.substituted.end(),
                               s_.substituted.begin() + static_cast<std::ptrdiff_t>(subs_mark),
                               s_.substituted.end());
      s_.substituted.resize(subs_mark);
    }
    return checked(w, context);
  }

  // `w`, read up to the cursor, unless tree-sitter would read its start or end otherwise.
  std::optional<FastWord> checked(FastWord& w, Context context) {
    w.span.end = pos();
    if (w.span.empty()) return fail();
    // `==` and `=~` start an argument of their own in tree-sitter's grammar.
    const std::string_view text = slice(w.span.begin, w.span.end);
    if (context == Context::other && text.starts_with('=')) return fail();
    // starts_with("==") or ("=~"), without the strlen and compare calls they cost.
    if (context == Context::argument && text.size() >= 2 && text[0] == '=' &&
        (text[1] == '=' || text[1] == '~'))
      return fail();
    // `…1>`: tree-sitter may take the digit for a descriptor.
    if ((peek() == '<' || peek() == '>') && is_digit(t_[i_ - 1])) return fail();
    return w;
  }

  // Plain text with backslash escapes; `#` inside it is text. A backslash before a blank at the
  // start of a token is skipped by tree-sitter as whitespace, so it is declined there.
  bool plain(FastWord& w, bool allow_hash) {
    bool first = true;
    for (;;) {
      const char c = peek();
      if (c == '\\') {
        const char e = peek(1);
        if (e == '\0') return false;
        if (e == '\n') return true;  // a continuation: the caller decides
        // `\ ` is part of a word only after its first character, `\<tab>` never.
        if (e == '\t' || (e == ' ' && first)) return false;
        append(w, i_ + 1, i_ + 2);
        i_ += 2;
      } else if (is_plain(c)) {
        std::size_t end = i_ + 1;
        while (is_plain(t_.data()[end])) ++end;  // stops at the NUL after the text
        append(w, i_, end);
        i_ = end;
      } else if (c == '#' && allow_hash && !first && is_hash_neighbour(t_[i_ - 1])) {
        append(w, i_, i_ + 1);
        ++i_;
      } else {
        return true;
      }
      first = false;
    }
  }

  // `#` after these stays text for tree-sitter (after a digit it may be a number's base).
  static bool is_hash_neighbour(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' || c == '.' || c == '_' ||
           c == '-' || c == '#';
  }

  bool raw_string(FastWord& w) {
    const auto close = t_.find('\'', i_ + 1);
    if (close == std::string_view::npos) return false;
    append(w, i_ + 1, close);
    i_ = close + 1;
    return true;
  }

  bool double_quoted(FastWord& w, Kids& subs) {
    ++i_;
    // Where tree-sitter starts a token inside the quotes (after the opening quote or an
    // expansion) it first skips blanks and continuations as whitespace, and the next node may
    // take them in: a continuation there is declined.
    bool token_start = true;
    for (;;) {
      const char c = peek();
      const bool at_token_start = token_start;
      token_start = at_token_start && (is_blank(c) || c == '\n');
      if (at_end()) return false;
      if (c == '"') {
        ++i_;
        return true;
      }
      if (c == '\\') {
        const char e = peek(1);
        if (e == '\0') return false;
        if (e == '\n') {
          if (at_token_start) return false;
          i_ += 2;
        } else if (e == '$' || e == '`' || e == '"' || e == '\\') {
          append(w, i_ + 1, i_ + 2);
          i_ += 2;
        } else {
          append(w, i_, i_ + 1);
          ++i_;
        }
      } else if (c == '$' || c == '`') {
        // Tree-sitter's substitution node takes in the blanks before it where it starts a token
        // (after the quote, an expansion or a newline), which would change the ranges a `-c`
        // string's copies are dropped by; after text, the text takes them.
        if (c == '`' || peek(1) == '(') {
          std::size_t k = i_;
          while (is_blank(t_[k - 1])) --k;
          if (t_[k - 1] == '\n' || (k < i_ && at_token_start)) return false;
        }
        const std::uint32_t before_size = w.value_size;
        if (!(c == '$' ? dollar(w, subs, true) : backtick(w, subs, true))) return false;
        token_start = w.value_size != before_size + 1 || last_char(w) != '$';
      } else {
        if (c == '\n' && comment_line_ahead()) return false;
        append(w, i_, i_ + 1);
        ++i_;
      }
    }
  }

  // A line inside "…" that starts with `#`: tree-sitter may read it as a comment.
  [[nodiscard]] bool comment_line_ahead() const {
    std::size_t k = i_ + 1;
    while (k < t_.size() && is_blank(t_[k])) ++k;
    return k < t_.size() && t_[k] == '#';
  }

  // Appends the expansion source t_[from, i_) to the word as written.
  void expansion(FastWord& w, std::uint32_t from, bool runs_commands) {
    const std::uint32_t begin = w.value_size;
    append(w, from, i_);
    w.is_literal = false;
    if (runs_commands) s_.substituted.push_back({begin, w.value_size});
  }

  bool dollar(FastWord& w, Kids& subs, bool quoted) {
    const std::uint32_t from = pos();
    const char c = peek(1);
    if (c == '(') {
      if (peek(2) == '(') return arithmetic(w);
      i_ += 2;
      if (!substitution(subs, ')', from)) return false;
      expansion(w, from, true);
      return true;
    }
    if (c == '{') return braced(w, from);
    if (c == '\'' && !quoted) return ansi_c(w);
    if (is_name_char(c)) {
      ++i_;
      while (is_name_char(peek())) ++i_;
      if (at_continuation()) return false;  // tree-sitter's multi-line variable name
      expansion(w, from, false);
      return true;
    }
    // `$$` after text is two bare dollars for tree-sitter: declined with the other forms.
    if (std::string_view("*@?!#-").find(c) != std::string_view::npos && c != '\0') {
      i_ += 2;
      expansion(w, from, false);
      return true;
    }
    if (!quoted) return false;  // a bare `$`
    // In "…" a `$` just before the closing quote is text; elsewhere declined.
    if (c != '"') return false;
    append(w, i_, i_ + 1);
    ++i_;
    return true;
  }

  // `$(( … ))` of operands (numbers, NAME, $NAME, $1) and the binary operators + - * / %, with
  // blanks: no commands in it, so the word just keeps the text.
  bool arithmetic(FastWord& w) {
    const std::uint32_t from = pos();
    i_ += 3;
    for (bool operand = true;; operand = !operand) {
      while (peek() == ' ') ++i_;
      if (operand) {
        const bool dollar = peek() == '$';
        if (dollar) ++i_;
        if (is_digit(peek()) && (!dollar || !is_name_char(peek(1)))) {
          while (is_digit(peek())) ++i_;
          if (is_name_char(peek())) return false;
          continue;
        }
        if (!is_name_start(peek())) return false;
        while (is_name_char(peek())) ++i_;
        continue;
      }
      if (peek() == ')' && peek(1) == ')') break;
      if (std::string_view("+-*/%").find(peek()) == std::string_view::npos || peek() == '\0')
        return false;
      ++i_;
      if (peek() == t_[i_ - 1]) return false;  // `++`, `**`…
    }
    i_ += 2;
    expansion(w, from, false);
    return true;
  }

  // `${NAME}`, `${#NAME}`, `${NAME:N}`, `${NAME:N:M}` and `${NAME<op><text>}` where text is
  // plain and op one of :- - := = :+ + :? ? # ## % %% / // , ,, ^ ^^.
  bool braced(FastWord& w, std::uint32_t from) {
    i_ += 2;
    const bool length = peek() == '#';
    if (length) ++i_;
    if (!is_name_char(peek())) return false;
    while (is_name_char(peek())) ++i_;
    if (peek() != '}' && (length || !expansion_operator())) return false;
    ++i_;
    expansion(w, from, false);
    return true;
  }

  // The operator and operand of ${NAME…}, up to the closing brace (not consumed).
  bool expansion_operator() {
    const char op = peek();
    if (op == ':' && peek(1) == ':' && is_digit(peek(2))) {  // ${NAME::N}
      i_ += 2;
      while (is_digit(peek())) ++i_;
      return peek() == '}';
    }
    if (op == ':' && is_digit(peek(1))) {
      ++i_;
      while (is_digit(peek())) ++i_;
      if (peek() == ':' && is_digit(peek(1))) ++i_;
      while (is_digit(peek())) ++i_;
      return peek() == '}';
    }
    if (op == ':' && std::string_view("-=+?").find(peek(1)) != std::string_view::npos) {
      i_ += 2;
    } else if (std::string_view("-=+?").find(op) != std::string_view::npos) {
      ++i_;
    } else if (std::string_view("#%/,^").find(op) != std::string_view::npos) {
      i_ += peek(1) == op ? 2 : 1;
    } else {
      return false;
    }
    const std::size_t operand = i_;
    // A bracket expression in a pattern (`${v%%[a-z]*}`), after # and % only.
    const bool brackets = op == '#' || op == '%';
    while (peek() != '}') {
      const char c = peek();
      if (brackets && c == '[') {
        const auto close = t_.find(']', i_ + 1);
        if (close == std::string_view::npos || close == i_ + 1) return false;
        for (std::size_t k = i_ + 1; k < close; ++k)
          if (!(is_name_char(t_[k]) || t_[k] == '-')) return false;
        i_ = close + 1;
        continue;
      }
      if (!(is_name_char(c) || std::string_view("./-*:@,+").find(c) != std::string_view::npos))
        return false;
      ++i_;
    }
    // A pattern operand that starts with the operator's own character reads differently.
    return i_ == operand || t_[operand] != op;
  }

  // $'…' without `\'` (whose end tree-sitter's token finds differently).
  bool ansi_c(FastWord& w) {
    const auto close = t_.find('\'', i_ + 2);
    if (close == std::string_view::npos) return false;
    const std::string_view body = t_.substr(i_ + 2, close - i_ - 2);
    if (body.ends_with('\\')) return false;
    std::string& values = values_end(w);
    const std::size_t before = values.size();
    append_ansi_c(body, values);
    w.value_size += static_cast<std::uint32_t>(values.size() - before);
    i_ = close + 1;
    return true;
  }

  bool backtick(FastWord& w, Kids& subs, bool quoted) {
    const std::uint32_t from = pos();
    const auto close = t_.find('`', i_ + 1);
    if (close == std::string_view::npos) return false;
    if (backticks_ > 0) return false;
    if (t_.substr(i_ + 1, close - i_ - 1).find('\\') != std::string_view::npos) return false;
    ++i_;
    ++backticks_;
    const bool ok = substitution(subs, '`', from);
    --backticks_;
    if (!ok || i_ != close + 1) return false;
    // Outside quotes, tree-sitter's scanner joins `…` to its neighbours by its own rules.
    if (!quoted && !ends_word(peek())) return false;
    expansion(w, from, true);
    return true;
  }

  // The statements of a substitution opened at `from`, up to and including `closer`.
  bool substitution(Kids& subs, char closer, std::uint32_t from) {
    Kids kids(*this);
    const auto end = statements(kids, closer, false);
    if (!end || !end->empty() || peek() != closer || kids.empty()) return false;
    ++i_;
    const std::uint32_t n = add_node(Kind::substitution, {from, pos()});
    adopt(n, kids);
    subs.push_back(n);
    return true;
  }
};

// Trees given back by recycle(), whose vectors keep their capacity for the next parses.
thread_local std::vector<FastTree> t_spare_trees;

// An empty tree, with the storage of a recycled one when there is one.
FastTree spare_tree() {
  if (t_spare_trees.empty()) return {};
  FastTree tree = std::move(t_spare_trees.back());
  t_spare_trees.pop_back();
  tree.nodes.clear();
  tree.links.clear();
  tree.commands.clear();
  tree.words.clear();
  tree.values.clear();
  tree.substituted.clear();
  tree.root = 0;
  return tree;
}

}  // namespace

std::optional<FastTree> parse_fast(std::string_view text) {
  if (text.size() > std::numeric_limits<std::uint32_t>::max() / 2) return std::nullopt;
  // parse_fast does not nest (a `-c` string is parsed after the tree holding it), so one
  // Scratch per thread serves every parse on it.
  thread_local Scratch scratch;
  if (!copy_printable(text, scratch.text)) return std::nullopt;
  FastTree tree = spare_tree();
  if (!Parser(std::string_view(scratch.text.data(), text.size()), scratch, tree).run()) {
    recycle(std::move(tree));
    return std::nullopt;
  }
  return tree;
}

void recycle(FastTree&& tree) {
  // A few are enough: trees are in use at once only while a `-c` string's is built inside the
  // script's that holds it.
  if (t_spare_trees.size() < 8) t_spare_trees.push_back(std::move(tree));
}

}  // namespace lintel::parsers::shell
