#include "analyzer/model/yaml.hpp"

#include <algorithm>
#include <limits>
#include <tuple>
#include <unordered_map>

namespace lintel::model::yaml {
namespace {

constexpr std::string_view kNullTag = "tag:yaml.org,2002:null";
constexpr std::string_view kBoolTag = "tag:yaml.org,2002:bool";
constexpr std::string_view kIntTag = "tag:yaml.org,2002:int";

constexpr std::string_view kTrue[] = {"true", "True", "TRUE"};
constexpr std::string_view kFalse[] = {"false", "False", "FALSE"};
constexpr std::string_view kTrue11[] = {"y", "Y", "yes", "Yes", "YES", "on", "On", "ON"};
constexpr std::string_view kFalse11[] = {"n", "N", "no", "No", "NO", "off", "Off", "OFF"};

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_break(char c) { return c == '\n' || c == '\r'; }

// The line starting at `pos`: [pos, *end) without its terminator; returns the next line's start.
std::uint32_t line_after(std::string_view src, std::uint32_t pos, std::uint32_t* end) {
  std::uint32_t e = pos;
  const auto n = static_cast<std::uint32_t>(src.size());
  while (e < n && !is_break(src[e])) ++e;
  *end = e;
  if (e < n && src[e] == '\r') ++e;
  if (e < n && src[e] == '\n') ++e;
  return e;
}

enum class LineMode : std::uint8_t { plain, block };

// Matches a multi-line scalar's source lines against its value. Each line's content (block:
// after `indent` bytes; plain: trimmed) appears in the value in order, separated by what
// folding left between lines: one space, or one or more line breaks. `content` is where the
// first line's content starts in the source and `p` the value offset it corresponds to.
std::optional<std::uint32_t> walk_lines(std::string_view src, std::string_view value,
                                        std::uint32_t content, std::uint32_t limit, std::size_t p,
                                        std::uint32_t v, LineMode mode, std::uint32_t indent) {
  limit = std::min<std::uint32_t>(limit, static_cast<std::uint32_t>(src.size()));
  bool first = true;
  std::uint32_t pos = content;
  while (pos < limit && p <= value.size()) {
    std::uint32_t e = 0;
    const std::uint32_t next = line_after(src, pos, &e);
    e = std::min(e, limit);
    std::uint32_t cb = pos;
    if (!first) {
      if (mode == LineMode::block) {
        cb = std::min(pos + indent, e);
      } else {
        while (cb < e && is_blank(src[cb])) ++cb;
      }
    }
    std::uint32_t ce = e;
    if (mode == LineMode::plain) {
      while (ce > cb && is_blank(src[ce - 1])) --ce;
    }
    const std::string_view t = src.substr(cb, ce - cb);
    if (!first) {
      while (p < value.size() && value[p] == '\n') ++p;
      if (!t.empty() && t.front() != ' ' && p < value.size() && value[p] == ' ') ++p;
    }
    if (v < p) return std::nullopt;  // the offset is a fold between lines
    if (value.compare(p, t.size(), t) != 0) return std::nullopt;
    if (v < p + t.size()) return cb + static_cast<std::uint32_t>(v - p);
    p += t.size();
    pos = next;
    first = false;
  }
  return std::nullopt;
}

std::uint32_t utf8_length(std::uint32_t cp) {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

// Source and value byte lengths of the double-quoted escape at `src[i]` (a backslash); nullopt
// for an escaped line break or a malformed escape.
std::optional<std::pair<std::uint32_t, std::uint32_t>> escape_lengths(std::string_view src,
                                                                      std::uint32_t i) {
  if (i + 1 >= src.size()) return std::nullopt;
  std::uint32_t digits = 0;
  switch (src[i + 1]) {
    case 'x':
      digits = 2;
      break;
    case 'u':
      digits = 4;
      break;
    case 'U':
      digits = 8;
      break;
    case 'N':
    case '_':
      return std::pair{2u, 2u};
    case 'L':
    case 'P':
      return std::pair{2u, 3u};
    case '\n':
    case '\r':
      return std::nullopt;
    default:
      return std::pair{2u, 1u};
  }
  if (i + 2 + digits > src.size()) return std::nullopt;
  std::uint32_t cp = 0;
  for (std::uint32_t k = 0; k < digits; ++k) {
    const char c = src[i + 2 + k];
    std::uint32_t d = 0;
    if (c >= '0' && c <= '9')
      d = static_cast<std::uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      d = static_cast<std::uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      d = static_cast<std::uint32_t>(c - 'A' + 10);
    else
      return std::nullopt;
    cp = cp * 16 + d;
  }
  return std::pair{2 + digits, utf8_length(cp)};
}

// Quoted scalars: walks the first source line byte by byte, stepping over `''` and escapes.
std::optional<std::uint32_t> walk_quoted(std::string_view src, Span span, bool is_double,
                                         std::uint32_t v) {
  if (span.size() < 2 || span.end > src.size()) return std::nullopt;
  const std::uint32_t limit = span.end - 1;  // the closing quote
  // Trailing blanks before a line break fold away, so they map nowhere.
  std::uint32_t line_end = span.begin + 1;
  while (line_end < limit && !is_break(src[line_end])) ++line_end;
  std::uint32_t last = line_end;
  if (line_end < limit) {
    while (last > span.begin + 1 && is_blank(src[last - 1])) --last;
  }
  std::uint32_t p = 0;
  for (std::uint32_t i = span.begin + 1; i < last;) {
    std::uint32_t src_len = 1;
    std::uint32_t value_len = 1;
    if (!is_double && src[i] == '\'' && i + 1 < limit && src[i + 1] == '\'') {
      src_len = 2;
    } else if (is_double && src[i] == '\\') {
      const auto lengths = escape_lengths(src, i);
      if (!lengths) return std::nullopt;
      std::tie(src_len, value_len) = *lengths;
    }
    if (v < p + value_len) return i;
    p += value_len;
    i += src_len;
  }
  return std::nullopt;
}

template <std::size_t N>
bool any_of_words(std::string_view s, const std::string_view (&words)[N]) {
  return std::find(std::begin(words), std::end(words), s) != std::end(words);
}

std::optional<std::int64_t> parse_digits(std::string_view s, int base, bool allow_underscore,
                                         bool negative) {
  if (s.empty()) return std::nullopt;
  std::uint64_t value = 0;
  bool any = false;
  const std::uint64_t limit =
      negative ? std::uint64_t{1} << 63 : std::uint64_t{std::numeric_limits<std::int64_t>::max()};
  for (const char c : s) {
    if (c == '_' && allow_underscore) continue;
    int d = -1;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    if (d < 0 || d >= base) return std::nullopt;
    const auto ud = static_cast<std::uint64_t>(d);
    if (value > (limit - ud) / static_cast<std::uint64_t>(base)) return std::nullopt;
    value = value * static_cast<std::uint64_t>(base) + ud;
    any = true;
  }
  if (!any) return std::nullopt;
  if (negative)
    return value == (std::uint64_t{1} << 63) ? std::numeric_limits<std::int64_t>::min()
                                             : -static_cast<std::int64_t>(value);
  return static_cast<std::int64_t>(value);
}

// The side-table record of `id`, or null.
template <class Rec>
const Rec* lookup(const std::vector<Rec>& table, NodeId id) {
  const auto it = std::lower_bound(table.begin(), table.end(), id,
                                   [](const Rec& r, NodeId key) { return r.node < key; });
  return it != table.end() && it->node == id ? &*it : nullptr;
}

}  // namespace

NodeId Node::origin_id() const {
  if (!(rec().flags & detail::kFromAlias)) return id_;
  const auto* alias = lookup(tree_->aliases, id_);
  return alias ? alias->origin : id_;
}

const detail::BlockRec* Node::block() const {
  return is_block_scalar() ? lookup(tree_->blocks, origin_id()) : nullptr;
}

std::string_view Node::text() const {
  if (kind() != NodeKind::scalar) return {};
  return std::string_view(tree_->text).substr(rec().first, rec().count);
}

std::string_view Node::tag() const {
  if (!tree_ || !(rec().flags & detail::kTagged)) return {};
  const auto* tagged = lookup(tree_->tagged, origin_id());
  return tagged ? std::string_view(tree_->tags[tagged->tag]) : std::string_view();
}

std::string_view Node::anchor() const {
  if (!tree_) return {};
  const auto* anchor = lookup(tree_->anchors, origin_id());
  return anchor ? std::string_view(tree_->text).substr(anchor->name, anchor->size)
                : std::string_view();
}

std::size_t Node::size() const {
  const NodeKind k = kind();
  return k == NodeKind::sequence || k == NodeKind::mapping ? rec().count : 0;
}

Node Node::operator[](std::size_t i) const {
  if (!is_sequence() || i >= rec().count) return {};
  return Node(tree_, child(i));
}

Node::ItemRange Node::items() const {
  if (!is_sequence()) return {};
  return {tree_, tree_->children.data() + rec().first, rec().count};
}

Node::PairRange Node::pairs() const {
  if (!is_mapping()) return {};
  return {tree_, tree_->children.data() + rec().first, rec().count, explicit_size()};
}

std::size_t Node::explicit_size() const {
  if (!is_mapping()) return 0;
  if (!(rec().flags & detail::kMerges)) return rec().count;
  const auto* merge = lookup(tree_->merges, origin_id());
  return merge ? merge->explicit_pairs : rec().count;
}

Node::PairRange Node::merge_keys() const {
  if (!is_mapping() || !(rec().flags & detail::kMerges)) return {};
  const auto* merge = lookup(tree_->merges, origin_id());
  if (!merge) return {};
  return {tree_, tree_->children.data() + rec().first + 2 * std::size_t{rec().count},
          merge->directives, merge->directives};
}

std::optional<Node::KeyValue> Node::find_pair(std::string_view key) const {
  if (!is_mapping()) return std::nullopt;
  const NodeId* pairs = tree_->children.data() + rec().first;
  const auto matches = [&](std::size_t i) {
    const Node k(tree_, pairs[2 * i]);
    return k.is_scalar() && k.text() == key;
  };
  const std::size_t explicit_pairs = explicit_size();
  for (std::size_t i = explicit_pairs; i-- > 0;) {
    if (matches(i))
      return KeyValue{Node(tree_, pairs[2 * i]), Node(tree_, pairs[2 * i + 1]), false};
  }
  for (std::size_t i = explicit_pairs; i < rec().count; ++i) {
    if (matches(i)) return KeyValue{Node(tree_, pairs[2 * i]), Node(tree_, pairs[2 * i + 1]), true};
  }
  return std::nullopt;
}

Node Node::find(std::string_view key) const {
  const auto pair = find_pair(key);
  return pair ? pair->value : Node();
}

std::vector<Node::Duplicate> Node::duplicate_keys() const {
  std::vector<Duplicate> out;
  if (!is_mapping()) return out;
  std::unordered_map<std::string_view, Node> seen;
  const NodeId* pairs = tree_->children.data() + rec().first;
  const std::size_t explicit_pairs = explicit_size();
  for (std::size_t i = 0; i < explicit_pairs; ++i) {
    const Node k(tree_, pairs[2 * i]);
    if (!k.is_scalar()) continue;
    const auto [it, inserted] = seen.emplace(k.text(), k);
    if (!inserted) out.push_back({it->second, k});
  }
  return out;
}

bool Node::is_null() const {
  if (!is_scalar()) return false;
  const std::string_view t = tag();
  if (!t.empty()) return t == kNullTag;
  if (style() != ScalarStyle::plain) return false;
  const std::string_view s = text();
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> Node::as_bool(Schema schema) const {
  if (!is_scalar()) return std::nullopt;
  const std::string_view t = tag();
  if (t.empty() ? style() != ScalarStyle::plain : t != kBoolTag) return std::nullopt;
  const std::string_view s = text();
  if (any_of_words(s, kTrue)) return true;
  if (any_of_words(s, kFalse)) return false;
  if (schema == Schema::yaml11) {
    if (any_of_words(s, kTrue11)) return true;
    if (any_of_words(s, kFalse11)) return false;
  }
  return std::nullopt;
}

std::optional<std::int64_t> Node::as_int(Schema schema) const {
  if (!is_scalar()) return std::nullopt;
  const std::string_view t = tag();
  if (t.empty() ? style() != ScalarStyle::plain : t != kIntTag) return std::nullopt;
  std::string_view s = text();
  const bool yaml11 = schema == Schema::yaml11;
  bool negative = false;
  const bool has_sign = !s.empty() && (s.front() == '-' || s.front() == '+');
  if (has_sign) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  const auto prefixed = [&](std::string_view prefix) { return s.substr(0, 2) == prefix; };
  if (prefixed("0x")) {
    if (has_sign && !yaml11) return std::nullopt;
    return parse_digits(s.substr(2), 16, yaml11, negative);
  }
  if (prefixed("0o")) {
    if (has_sign && !yaml11) return std::nullopt;
    return parse_digits(s.substr(2), 8, yaml11, negative);
  }
  if (yaml11 && prefixed("0b")) return parse_digits(s.substr(2), 2, true, negative);
  if (yaml11 && s.size() > 1 && s.front() == '0') return parse_digits(s, 8, true, negative);
  if (yaml11 && !s.empty() && s.front() == '_') return std::nullopt;
  return parse_digits(s, 10, yaml11, negative);
}

Span Node::content_span() const {
  if (!is_scalar()) return span();
  const detail::NodeRec& r = tree_->nodes[origin_id()];
  switch (r.style) {
    case ScalarStyle::literal:
    case ScalarStyle::folded: {
      const detail::BlockRec* b = block();
      return b ? b->first_line : r.span;
    }
    case ScalarStyle::single_quoted:
    case ScalarStyle::double_quoted:
      return r.span.size() >= 2 ? Span{r.span.begin + 1, r.span.end - 1} : r.span;
    case ScalarStyle::plain:
      break;
  }
  return r.span;
}

std::uint32_t Node::block_indent() const {
  const detail::BlockRec* b = block();
  return b ? b->indent : 0;
}

std::optional<std::uint32_t> Node::source_offset(std::string_view source,
                                                 std::uint32_t value_offset) const {
  if (!is_scalar()) return std::nullopt;
  const std::string_view value = text();
  if (value_offset >= value.size()) return std::nullopt;
  const detail::NodeRec& r = tree_->nodes[origin_id()];
  if (r.span.end > source.size()) return std::nullopt;
  switch (r.style) {
    case ScalarStyle::plain:
      return walk_lines(source, value, r.span.begin, r.span.end, 0, value_offset, LineMode::plain,
                        0);
    case ScalarStyle::single_quoted:
      return walk_quoted(source, r.span, false, value_offset);
    case ScalarStyle::double_quoted:
      return walk_quoted(source, r.span, true, value_offset);
    case ScalarStyle::literal:
    case ScalarStyle::folded: {
      const detail::BlockRec* b = block();
      if (!b || b->first_line.empty()) return std::nullopt;
      return walk_lines(source, value, b->first_line.begin, r.span.end, b->skipped, value_offset,
                        LineMode::block, b->indent);
    }
  }
  return std::nullopt;
}

std::size_t Stream::memory_bytes() const {
  if (!tree_) return 0;
  const detail::Tree& t = *tree_;
  std::size_t bytes = sizeof(detail::Tree) + t.nodes.capacity() * sizeof(detail::NodeRec) +
                      t.children.capacity() * sizeof(NodeId) + t.text.capacity() +
                      t.aliases.capacity() * sizeof(detail::AliasRec) +
                      t.tagged.capacity() * sizeof(detail::TagRec) +
                      t.blocks.capacity() * sizeof(detail::BlockRec) +
                      t.anchors.capacity() * sizeof(detail::AnchorRec) +
                      t.merges.capacity() * sizeof(detail::MergeRec) +
                      documents_.capacity() * sizeof(Document);
  for (const std::string& tag : t.tags) bytes += sizeof(std::string) + tag.capacity();
  return bytes;
}

}  // namespace lintel::model::yaml
