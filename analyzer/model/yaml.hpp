// The positioned YAML tree every YAML domain (compose, Kubernetes, GitHub Actions) reads. Built
// by parsers/yaml from libyaml events. It keeps what a linter needs and no more:
//
// - Scalars stay text. No type is guessed: `on` is "on", `"0755"` is "0755", `yes` is "yes".
//   The style (plain, quoted, block) and an explicit tag are kept; `as_bool`/`as_int` interpret a
//   scalar only when a caller asks, under the schema it names.
// - Every node has a byte Span into its SourceFile. A scalar's span covers its text as written
//   (quotes and block header included, node properties `&a !t` excluded); a block collection's
//   span runs from its first entry to the end of its last; a flow collection's covers the
//   brackets. Block scalar spans stop at the last content character (trailing blank lines and
//   the next line's indentation are not part of them).
// - Aliases are resolved at their use site: the node seen through `*a` has the anchored node's
//   content, the alias's span, `is_from_alias()`, and `origin()` leading to the definition.
//   Subtrees are shared, never copied, so an alias costs one node record.
// - Merge keys (`<<: *base`, `<<: [*a, *b]`) are resolved: a mapping's pairs are its explicit
//   pairs in source order, then the inherited ones (explicit keys win; earlier merge sources win
//   over later ones; several `<<` keys in one mapping act as one list, in order). Inherited
//   pairs keep the spans where they were defined.
// - Duplicate keys are all kept, in order; `find` returns the last one, which is what PyYAML,
//   go-yaml v2 and JSON conversion use. `duplicate_keys()` lists them for rules that report.
//
// Storage: the nodes of a stream live in one arena (detail::Tree) shared by every Node handle
// and every copy of the Stream. A Node is a (tree, index) pair, cheap to copy, and stays valid
// as long as any Stream holding its tree is alive. The tree is immutable once built, so reading
// it from several threads is safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzer/source.hpp"

namespace lintel::model::yaml {

using NodeId = std::uint32_t;

// `none` is the kind of an absent node (a default Node, or what `find` returns on a miss). An
// empty value (`key:`, an empty document) is a plain scalar with empty text: `is_null()` is true.
enum class NodeKind : std::uint8_t { none, scalar, sequence, mapping };

enum class ScalarStyle : std::uint8_t { plain, single_quoted, double_quoted, literal, folded };

// Which spellings `as_bool`/`as_int` accept.
//   core:   YAML 1.2 core schema. Booleans true|True|TRUE|false|False|FALSE; integers decimal,
//           0o octal, 0x hex.
//   yaml11: YAML 1.1, what go-yaml v2 (Kubernetes) and Compose accept in boolean and integer
//           fields: core plus y|Y|yes|Yes|YES|on|On|ON and n|N|no|No|NO|off|Off|OFF, and
//           integers with a leading-0 octal (0644), 0b binary and `_` separators.
enum class Schema : std::uint8_t { core, yaml11 };

namespace detail {

inline constexpr std::uint8_t kFlow = 1;       // a flow collection (`[...]`, `{...}`)
inline constexpr std::uint8_t kFromAlias = 2;  // an alias use site: see Tree::aliases
inline constexpr std::uint8_t kTagged = 4;     // has an explicit tag: see Tree::tagged
inline constexpr std::uint8_t kMerges = 8;     // a mapping with `<<` keys: see Tree::merges

// One node: 20 bytes, since a large manifest holds millions. What only some nodes have lives
// in the side tables of Tree, each sorted by node id and found by binary search.
struct NodeRec {
  Span span;
  std::uint32_t first = 0;  // scalar: offset into Tree::text; collection: index into children
  std::uint32_t count = 0;  // scalar: text bytes; sequence: items; mapping: pairs (inherited too)
  NodeKind kind = NodeKind::none;
  ScalarStyle style = ScalarStyle::plain;
  std::uint8_t flags = 0;
};
static_assert(sizeof(NodeRec) == 20);

// Side tables are keyed by the defining node: an alias use site copies its target's record
// (and flags), and looks its extras up under the target's id.
struct AliasRec {
  NodeId node = 0;    // the alias use site
  NodeId origin = 0;  // the anchored node it stands for
};

struct TagRec {
  NodeId node = 0;
  std::uint32_t tag = 0;  // index into Tree::tags
};

// Where a block scalar's content sits in the source.
struct BlockRec {
  NodeId node = 0;
  Span first_line;            // the first non-empty content line, indentation excluded
  std::uint32_t indent = 0;   // content indentation in bytes (spaces)
  std::uint32_t skipped = 0;  // empty value lines before first_line (leading '\n' in the text)
};

struct AnchorRec {
  NodeId node = 0;
  std::uint32_t name = 0;  // offset into Tree::text
  std::uint32_t size = 0;
};

// A mapping's children are `explicit_pairs` written pairs, then count - explicit_pairs
// inherited ones, then `directives` `<<` pairs as written.
struct MergeRec {
  NodeId node = 0;
  std::uint32_t explicit_pairs = 0;
  std::uint32_t directives = 0;
};

struct Tree {
  std::vector<NodeRec> nodes;
  // Collection children: a sequence's items, or a mapping's pairs as key, value, key, value.
  std::vector<NodeId> children;
  std::string text;               // scalar values and anchor names, back to back
  std::vector<std::string> tags;  // distinct tag names
  std::vector<AliasRec> aliases;
  std::vector<TagRec> tagged;
  std::vector<BlockRec> blocks;
  std::vector<AnchorRec> anchors;
  std::vector<MergeRec> merges;
};

}  // namespace detail

// A handle to one node of a Stream's tree. A default-constructed Node is absent: every query on
// it answers "nothing" (kind none, empty text, size 0, `find` absent), so lookups chain safely:
// `doc.root.find("spec").find("template").find("spec")`.
class Node {
 public:
  Node() = default;
  Node(const detail::Tree* tree, NodeId id) : tree_(tree), id_(id) {}

  [[nodiscard]] explicit operator bool() const { return tree_ != nullptr; }
  [[nodiscard]] NodeId id() const { return id_; }
  [[nodiscard]] NodeKind kind() const { return tree_ ? rec().kind : NodeKind::none; }
  [[nodiscard]] bool is_scalar() const { return kind() == NodeKind::scalar; }
  [[nodiscard]] bool is_sequence() const { return kind() == NodeKind::sequence; }
  [[nodiscard]] bool is_mapping() const { return kind() == NodeKind::mapping; }

  // Where this node was written; for an alias use site, the `*name` token.
  [[nodiscard]] Span span() const { return tree_ ? rec().span : Span{}; }
  // The scalar's value (after quote and escape processing, folding and chomping); "" otherwise.
  [[nodiscard]] std::string_view text() const;
  [[nodiscard]] ScalarStyle style() const { return tree_ ? rec().style : ScalarStyle::plain; }
  [[nodiscard]] bool is_block_scalar() const {
    return is_scalar() && (style() == ScalarStyle::literal || style() == ScalarStyle::folded);
  }
  // The explicit tag, resolved by libyaml (`!!str` is "tag:yaml.org,2002:str", `!x` is "!x");
  // "" when none was written.
  [[nodiscard]] std::string_view tag() const;
  // The anchor name this node's definition carries (`&name`), "" when none.
  [[nodiscard]] std::string_view anchor() const;
  [[nodiscard]] bool is_flow() const { return tree_ && (rec().flags & detail::kFlow); }

  // True for a node reached through an alias `*name`.
  [[nodiscard]] bool is_from_alias() const { return tree_ && (rec().flags & detail::kFromAlias); }
  // The anchored definition an alias stands for (its span is where the content is written);
  // the node itself when it is not an alias.
  [[nodiscard]] Node origin() const { return tree_ ? Node(tree_, origin_id()) : Node(); }

  // Sequence items or mapping pairs (explicit plus inherited); 0 for scalars.
  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] bool empty() const { return size() == 0; }
  // Sequence item `i`; absent when out of range or not a sequence.
  [[nodiscard]] Node operator[](std::size_t i) const;

  class ItemRange;
  class PairRange;
  [[nodiscard]] ItemRange items() const;       // sequence items; empty for other kinds
  [[nodiscard]] PairRange pairs() const;       // explicit pairs, then inherited ones
  [[nodiscard]] PairRange merge_keys() const;  // the `<<` pairs as written (value = the source)
  // Pairs written in this mapping itself; pairs() lists them first, then the inherited ones.
  [[nodiscard]] std::size_t explicit_size() const;

  // The value for scalar key `key` (compared by text, any style). The last explicit occurrence
  // wins, then inherited pairs. Absent when not found or not a mapping.
  [[nodiscard]] Node find(std::string_view key) const;
  struct KeyValue;
  [[nodiscard]] std::optional<KeyValue> find_pair(std::string_view key) const;

  struct Duplicate;
  // Explicit scalar keys written more than once, in source order of the repeated occurrence.
  [[nodiscard]] std::vector<Duplicate> duplicate_keys() const;

  // Plain `~`, `null`, `Null`, `NULL` or empty (or an explicit !!null tag).
  [[nodiscard]] bool is_null() const;
  // The boolean this scalar spells under `schema`; nullopt for anything else. Quoted scalars are
  // strings, never booleans, unless tagged !!bool.
  [[nodiscard]] std::optional<bool> as_bool(Schema schema = Schema::core) const;
  // The integer this plain scalar spells under `schema`; nullopt when it does not or overflows.
  [[nodiscard]] std::optional<std::int64_t> as_int(Schema schema = Schema::core) const;

  // Block scalars: the first non-empty content line, indentation excluded (empty at the content
  // start when there is none). Quoted scalars: the span inside the quotes. Plain: span().
  // Absent nodes and collections: span().
  [[nodiscard]] Span content_span() const;
  // Block scalars: the content indentation in bytes. 0 otherwise.
  [[nodiscard]] std::uint32_t block_indent() const;

  // The source byte offset where byte `value_offset` of text() was written, when the mapping
  // is exact; nullopt otherwise. `source` is the text of the SourceFile this tree was parsed
  // from. For an alias the offset is inside the anchored definition. Exact for:
  //   - literal `|` and folded `>` block scalars: every content character (not the line breaks
  //     and folding spaces the value gets between lines);
  //   - plain scalars, single- and multi-line: every content character (not folds);
  //   - quoted scalars on their first line: every character, escapes included (`''` and `\n`
  //     map to their first source byte); content on later lines of a multi-line quoted scalar
  //     is not mapped.
  [[nodiscard]] std::optional<std::uint32_t> source_offset(std::string_view source,
                                                           std::uint32_t value_offset) const;

  friend bool operator==(const Node& a, const Node& b) {
    return a.tree_ == b.tree_ && (a.tree_ == nullptr || a.id_ == b.id_);
  }

 private:
  [[nodiscard]] const detail::NodeRec& rec() const { return tree_->nodes[id_]; }
  [[nodiscard]] NodeId child(std::size_t i) const { return tree_->children[rec().first + i]; }
  [[nodiscard]] NodeId origin_id() const;
  [[nodiscard]] const detail::BlockRec* block() const;

  const detail::Tree* tree_ = nullptr;
  NodeId id_ = 0;
};

struct Node::KeyValue {
  Node key;
  Node value;
  bool inherited = false;  // came in through a merge key `<<`
};

struct Node::Duplicate {
  Node first;      // the key's first occurrence
  Node duplicate;  // a later occurrence of the same key
};

class Node::ItemRange {
 public:
  class iterator {
   public:
    // Dereferencing yields a Node by value: a forward range for C++20, input for legacy code.
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag;
    using value_type = Node;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Node;
    iterator() = default;
    iterator(const detail::Tree* tree, const NodeId* at) : tree_(tree), at_(at) {}
    Node operator*() const { return Node(tree_, *at_); }
    iterator& operator++() {
      ++at_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++at_;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.at_ == b.at_; }

   private:
    const detail::Tree* tree_ = nullptr;
    const NodeId* at_ = nullptr;
  };
  ItemRange() = default;
  ItemRange(const detail::Tree* tree, const NodeId* first, std::size_t n)
      : tree_(tree), first_(first), n_(n) {}
  [[nodiscard]] iterator begin() const { return {tree_, first_}; }
  [[nodiscard]] iterator end() const { return {tree_, first_ + n_}; }
  [[nodiscard]] std::size_t size() const { return n_; }
  [[nodiscard]] bool empty() const { return n_ == 0; }

 private:
  const detail::Tree* tree_ = nullptr;
  const NodeId* first_ = nullptr;
  std::size_t n_ = 0;
};

class Node::PairRange {
 public:
  class iterator {
   public:
    using iterator_concept = std::forward_iterator_tag;
    using iterator_category = std::input_iterator_tag;
    using value_type = KeyValue;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = KeyValue;
    iterator() = default;
    iterator(const detail::Tree* tree, const NodeId* at, const NodeId* inherited_from)
        : tree_(tree), at_(at), inherited_from_(inherited_from) {}
    KeyValue operator*() const {
      return {Node(tree_, at_[0]), Node(tree_, at_[1]), at_ >= inherited_from_};
    }
    iterator& operator++() {
      at_ += 2;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      at_ += 2;
      return old;
    }
    friend bool operator==(const iterator& a, const iterator& b) { return a.at_ == b.at_; }

   private:
    const detail::Tree* tree_ = nullptr;
    const NodeId* at_ = nullptr;
    const NodeId* inherited_from_ = nullptr;
  };
  PairRange() = default;
  PairRange(const detail::Tree* tree, const NodeId* first, std::size_t pairs,
            std::size_t explicit_pairs)
      : tree_(tree), first_(first), n_(pairs), explicit_(explicit_pairs) {}
  [[nodiscard]] iterator begin() const { return {tree_, first_, first_ + 2 * explicit_}; }
  [[nodiscard]] iterator end() const { return {tree_, first_ + 2 * n_, first_ + 2 * explicit_}; }
  [[nodiscard]] std::size_t size() const { return n_; }
  [[nodiscard]] bool empty() const { return n_ == 0; }

 private:
  const detail::Tree* tree_ = nullptr;
  const NodeId* first_ = nullptr;
  std::size_t n_ = 0;
  std::size_t explicit_ = 0;
};

using Pair = Node::KeyValue;

// One document of a stream (`---` separated).
struct Document {
  Node root;  // a null plain scalar for an empty document (`---` and nothing else)
  Span span;  // from `---` (or the root) to `...` (or the root's end)
  // False when a parse error or a limit cut the document short: its tree is what was read
  // before the problem, with open collections closed. Domains may skip "missing key" checks.
  bool complete = true;
};

// All documents of one YAML file. Copies share the same immutable tree.
class Stream {
 public:
  Stream() = default;
  Stream(std::shared_ptr<const detail::Tree> tree, std::vector<Document> documents)
      : tree_(std::move(tree)), documents_(std::move(documents)) {}

  [[nodiscard]] const std::vector<Document>& documents() const { return documents_; }
  [[nodiscard]] std::size_t size() const { return documents_.size(); }
  [[nodiscard]] bool empty() const { return documents_.empty(); }
  [[nodiscard]] const Document& operator[](std::size_t i) const { return documents_[i]; }
  [[nodiscard]] auto begin() const { return documents_.begin(); }
  [[nodiscard]] auto end() const { return documents_.end(); }

  // Node records in the tree (alias use sites included), and the heap bytes the tree holds.
  [[nodiscard]] std::size_t node_count() const { return tree_ ? tree_->nodes.size() : 0; }
  [[nodiscard]] std::size_t memory_bytes() const;

 private:
  std::shared_ptr<const detail::Tree> tree_;
  std::vector<Document> documents_;
};

}  // namespace lintel::model::yaml

namespace lintel::model {
using YamlStream = yaml::Stream;
using YamlNode = yaml::Node;
}  // namespace lintel::model
