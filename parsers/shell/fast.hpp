// Internal to parsers/shell: the hand-written front end (fast.cpp) and the switches the tests use
// to run either front end on its own. Not for rules or other parsers.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/shell.hpp"
#include "analyzer/source.hpp"

namespace lintel::parsers::shell {

// A syntax tree shaped like the one tree-sitter-bash builds for the same text, reduced to what
// the model needs, so that parser.cpp walks both trees with the same rules. Spans are offsets into
// the parsed text.
struct FastNode {
  enum class Kind : std::uint8_t {
    command,       // a simple command; `command` indexes FastTree::commands
    builtin,       // export/declare/local/readonly/typeset/unset: keyword and words, no -c string
    redirected,    // children[0] is the body; the rest are substitutions in the redirections
    pipeline,      // children are the stages
    list,          // `a && b || c`: children are the operands
    subshell,      // `( … )`: one level deeper
    substitution,  // `$( … )` or `` `…` ``: one level deeper, in no pipeline of the outer command
    function,      // a function definition: its body runs one level deeper, in no pipeline
    group,         // everything else: its children run where it runs (`{ }`, if, for, while, `!`,
                   // `[ ]`, a statement of assignments only)
  };
  Kind kind = Kind::group;
  Span span;
  Span extend;  // redirected: the redirections, which a simple-command body's span grows to cover
  std::uint32_t command = 0;
  // command/builtin: the substitutions in its words, in source order; otherwise the parts. A
  // slice of FastTree::links (see FastTree::children), not a vector per node.
  std::uint32_t first_child = 0, child_count = 0;
};

// A word of the tree. Its value is a slice of the parsed text when it is one (most words:
// `apt-get`, `$HOME/bin`, 'a b'), else a slice of FastTree::values, where values that unquoting
// or joining changed are built (perf: no std::string per word until parser.cpp makes the model's
// one, once, at its final place).
struct FastWord {
  Span span;
  std::uint32_t value_begin = 0, value_size = 0;
  // The ranges of the value copied from parts that run commands (parser.cpp's
  // WordAcc::substituted): a slice of FastTree::substituted.
  std::uint32_t first_substituted = 0, substituted_count = 0;
  bool in_text = true;  // the value is in the parsed text, not in FastTree::values
  bool is_literal = true;
};

// A simple command or builtin: FastTree::words[first, first + assignments) are its prefix
// assignments, the next word its name, then `args` arguments. Spans local; pipeline and depth
// are parser.cpp's.
struct FastCommand {
  std::uint32_t first = 0, assignments = 0, args = 0;
};

struct FastTree {
  std::vector<FastNode> nodes;
  std::vector<std::uint32_t> links;  // every node's children, each node's contiguous
  std::vector<FastCommand> commands;
  std::vector<FastWord> words;
  std::string values;  // the values of words that are not a slice of the text
  std::vector<Span> substituted;
  std::uint32_t root = 0;  // a group

  [[nodiscard]] std::span<const std::uint32_t> children(const FastNode& n) const {
    return {links.data() + n.first_child, n.child_count};
  }
  // `text` is the text the tree was parsed from.
  [[nodiscard]] std::string_view value(const FastWord& w, std::string_view text) const {
    return {(w.in_text ? text.data() : values.data()) + w.value_begin, w.value_size};
  }
  [[nodiscard]] std::span<const Span> substituted_of(const FastWord& w) const {
    return {substituted.data() + w.first_substituted, w.substituted_count};
  }
};

// The tree of `text`, or nullopt when the text uses anything outside the supported subset (see
// fast.cpp), in which case the caller parses it with tree-sitter instead.
[[nodiscard]] std::optional<FastTree> parse_fast(std::string_view text);

// Gives a tree's storage back to parse_fast, for the next trees parsed on this thread (perf: a
// tree's vectors were allocated anew for every script).
void recycle(FastTree&& tree);

// The body of $'...' with bash's ANSI-C escapes decoded (parser.cpp, shared by both front ends).
void append_ansi_c(std::string_view raw, std::string& out);

// ---- for tests ------------------------------------------------------------------------------

enum class FrontEnd : std::uint8_t {
  automatic,    // what parse_shell does: the fast front end, tree-sitter when it declines
  tree_sitter,  // tree-sitter only, nested `-c` strings included
  fast,         // the fast front end for the text itself (nullopt when it declines); nested
                // `-c` strings as automatic
};

[[nodiscard]] std::optional<model::ShellScript> parse_shell_with(std::string_view text,
                                                                 std::uint32_t base,
                                                                 FrontEnd front_end);

// A readable description of the first difference between two scripts, or nullopt when equal.
[[nodiscard]] std::optional<std::string> first_difference(const model::ShellScript& a,
                                                          const model::ShellScript& b);

// While a DifferentialCheck is installed on a thread, every script parsed on that thread (through
// parse_shell, command_script or a nested `-c` string) is also parsed by the fast front end; when
// it accepts, the two models are compared and any difference is recorded. parse_shell still
// returns tree-sitter's model. Lets the tests lint whole Dockerfiles and workflows and check every
// script in them.
struct DifferentialCheck {
  std::uint64_t scripts = 0, bytes = 0;            // every script parsed
  std::uint64_t accepted = 0, accepted_bytes = 0;  // those the fast front end took
  std::vector<std::string> declined;               // texts declined (when keep_declined)
  bool keep_declined = false;
  std::vector<std::string> differences;  // "text ... first difference"
};

// Installs `check` on this thread for the scope's lifetime.
class DifferentialScope {
 public:
  explicit DifferentialScope(DifferentialCheck& check);
  ~DifferentialScope();
  DifferentialScope(const DifferentialScope&) = delete;
  DifferentialScope& operator=(const DifferentialScope&) = delete;

 private:
  DifferentialCheck* previous_;
};

}  // namespace lintel::parsers::shell
