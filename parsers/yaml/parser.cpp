#include "parsers/yaml/parser.hpp"

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace lintel::parsers {
namespace {

namespace y = model::yaml;
namespace d = model::yaml::detail;
using y::NodeId;
using y::NodeKind;
using y::ScalarStyle;

constexpr std::string_view kMergeTag = "tag:yaml.org,2002:merge";

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_break(char c) { return c == '\n' || c == '\r'; }
bool is_white(char c) { return is_blank(c) || is_break(c); }

// ---------------------------------------------------------------------------------------------
// Input validation, mirroring libyaml's reader (reader.c): well-formed UTF-8, and only the
// characters YAML 1.1 allows in a stream.

struct BadChar {
  std::uint32_t offset = 0;  // relative to the validated text
  std::string message;
};

struct Validation {
  std::optional<BadChar> bad;
  bool ascii = true;  // no byte >= 0x80 before `bad`
};

bool is_allowed(std::uint32_t cp) {
  return cp == 0x85 || (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

Validation validate(std::string_view text) {
  Validation out;
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  const auto fail = [&](std::string message) {
    out.bad = BadChar{static_cast<std::uint32_t>(i), std::move(message)};
    return out;
  };
  while (i < n) {
    const unsigned c = s[i];
    if (c < 0x80) {
      if ((c >= 0x20 && c != 0x7F) || c == '\t' || c == '\n' || c == '\r') {
        ++i;
        continue;
      }
      return fail(fmt::format("control character U+{:04X} is not allowed in YAML", c));
    }
    out.ascii = false;
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2, cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, cp = c & 0x07;
    } else {
      return fail(fmt::format("invalid UTF-8: unexpected byte 0x{:02X}", c));
    }
    if (i + len > n) return fail("invalid UTF-8: truncated multi-byte sequence");
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        return fail(fmt::format("invalid UTF-8: byte 0x{:02X} cannot continue a sequence",
                                static_cast<unsigned>(s[i + k])));
      }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    const bool overlong =
        (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return fail("invalid UTF-8: overlong sequence or invalid code point");
    }
    if (!is_allowed(cp)) {
      return fail(fmt::format("control character U+{:04X} is not allowed in YAML", cp));
    }
    i += len;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// libyaml's yaml_mark_t.index counts code points. Marks arrive almost in order, so a cursor
// that walks forward (and occasionally back) converts them in linear total time.

class MarkMap {
 public:
  MarkMap(std::string_view text, std::uint32_t base, bool ascii)
      : text_(text), base_(base), ascii_(ascii) {}

  std::uint32_t operator()(std::size_t index) {
    const std::size_t n = text_.size();
    if (ascii_) return base_ + static_cast<std::uint32_t>(std::min(index, n));
    // Eight ASCII bytes are eight code points.
    while (char_ + 8 <= index && byte_ + 8 <= n && is_ascii8(text_.data() + byte_)) {
      char_ += 8;
      byte_ += 8;
    }
    while (char_ < index && byte_ < n) {
      byte_ += sequence_length(static_cast<unsigned char>(text_[byte_]));
      ++char_;
    }
    while (char_ > index && byte_ > 0) {
      do {
        --byte_;
      } while (byte_ > 0 && (static_cast<unsigned char>(text_[byte_]) & 0xC0) == 0x80);
      --char_;
    }
    return base_ + static_cast<std::uint32_t>(std::min(byte_, n));
  }

 private:
  static bool is_ascii8(const char* p) {
    std::uint64_t word = 0;
    std::memcpy(&word, p, sizeof word);
    return (word & 0x8080808080808080ull) == 0;
  }

  static std::size_t sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
  }

  std::string_view text_;
  std::uint32_t base_;
  bool ascii_;
  std::size_t char_ = 0;
  std::size_t byte_ = 0;
};

// ---------------------------------------------------------------------------------------------

struct ParserHandle {
  yaml_parser_t parser{};
  bool ok = yaml_parser_initialize(&parser) != 0;
  ParserHandle() = default;
  ParserHandle(const ParserHandle&) = delete;
  ParserHandle& operator=(const ParserHandle&) = delete;
  ~ParserHandle() { yaml_parser_delete(&parser); }
};

struct EventHandle {
  yaml_event_t event{};
  EventHandle() = default;
  EventHandle(const EventHandle&) = delete;
  EventHandle& operator=(const EventHandle&) = delete;
  ~EventHandle() { yaml_event_delete(&event); }
};

struct AnchorEntry {
  NodeId id = 0;
  std::uint64_t weight = 1;  // nodes below it, aliases expanded
  bool open = true;          // a collection still being read: aliasing it would recurse
};

struct Frame {
  NodeId id = 0;
  std::uint32_t scratch_begin = 0;  // where its children start in Builder::scratch_
  std::uint64_t weight = 1;
  AnchorEntry* anchor = nullptr;  // stable: unordered_map nodes never move
};

enum class Step : std::uint8_t { go_on, stop };

ScalarStyle to_style(yaml_scalar_style_t s) {
  switch (s) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE:
      return ScalarStyle::single_quoted;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
      return ScalarStyle::double_quoted;
    case YAML_LITERAL_SCALAR_STYLE:
      return ScalarStyle::literal;
    case YAML_FOLDED_SCALAR_STYLE:
      return ScalarStyle::folded;
    default:
      return ScalarStyle::plain;
  }
}

std::string_view as_view(const yaml_char_t* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

class Builder {
 public:
  Builder(const SourceFile& file, const YamlLimits& limits)
      : file_(file), src_(file.text()), limits_(limits), tree_(std::make_shared<d::Tree>()) {}

  ParseResult<y::Stream> run() {
    if (src_.size() >= std::numeric_limits<std::uint32_t>::max()) {
      diags_.push_back({{0, 0}, "file is too large to parse as YAML (4 GiB limit)"});
      return finish();
    }
    const std::uint32_t start = src_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    fed_start_ = start;
    const Validation checked = validate(src_.substr(start));
    fed_end_ = checked.bad ? start + checked.bad->offset : static_cast<std::uint32_t>(src_.size());
    const std::string_view fed = src_.substr(start, fed_end_ - start);
    marks_.emplace(fed, start, checked.ascii);
    expansion_limit_ = limits_.alias_expansion_base + src_.size();
    reserve(fed.size());

    parse(fed);
    if (checked.bad) diags_.push_back({char_span(fed_end_), checked.bad->message});
    return finish();
  }

 private:
  void reserve(std::size_t bytes) {
    // Kubernetes-like YAML holds a node per 10-15 bytes; the text is at most the input's size.
    tree_->nodes.reserve(bytes / 12 + 16);
    tree_->children.reserve(bytes / 12 + 16);
    tree_->text.reserve(bytes);
  }

  void parse(std::string_view fed) {
    ParserHandle handle;
    if (!handle.ok) {
      diags_.push_back({{0, 0}, "out of memory while parsing YAML"});
      return;
    }
    yaml_parser_set_input_string(&handle.parser, reinterpret_cast<const unsigned char*>(fed.data()),
                                 fed.size());
    yaml_parser_set_encoding(&handle.parser, YAML_UTF8_ENCODING);
    for (;;) {
      EventHandle ev;
      if (!yaml_parser_parse(&handle.parser, &ev.event)) {
        report_libyaml_error(handle.parser);
        close_document();
        return;
      }
      if (handle_event(ev.event) == Step::stop) {
        close_document();
        return;
      }
      if (ev.event.type == YAML_STREAM_END_EVENT) return;
    }
  }

  ParseResult<y::Stream> finish() {
    // Mappings finish after their children, so merge records arrive out of id order.
    std::sort(tree_->merges.begin(), tree_->merges.end(),
              [](const d::MergeRec& a, const d::MergeRec& b) { return a.node < b.node; });
    return {y::Stream(std::move(tree_), std::move(docs_)), std::move(diags_)};
  }

  Step handle_event(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        start_document(e);
        return Step::go_on;
      case YAML_DOCUMENT_END_EVENT:
        end_document(e);
        return Step::go_on;
      case YAML_SCALAR_EVENT:
        return scalar(e);
      case YAML_ALIAS_EVENT:
        return alias(e);
      case YAML_SEQUENCE_START_EVENT:
        return start_collection(e, NodeKind::sequence, as_view(e.data.sequence_start.anchor),
                                e.data.sequence_start.tag,
                                e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE);
      case YAML_MAPPING_START_EVENT:
        return start_collection(e, NodeKind::mapping, as_view(e.data.mapping_start.anchor),
                                e.data.mapping_start.tag,
                                e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE);
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        end_collection(offset(e.end_mark));
        return Step::go_on;
      default:
        return Step::go_on;
    }
  }

  // --- documents ------------------------------------------------------------------------------

  void start_document(const yaml_event_t& e) {
    anchors_.clear();  // anchors are scoped to their document
    in_document_ = true;
    has_root_ = false;
    document_begin_ = offset(e.start_mark);
  }

  void end_document(const yaml_event_t& e) {
    in_document_ = false;
    if (!has_root_) return;
    const Span root = tree_->nodes[root_].span;
    const std::uint32_t end =
        e.data.document_end.implicit ? std::max(root.end, document_begin_) : offset(e.end_mark);
    // A document that runs into the first invalid byte may have lost content to it.
    const bool cut = fed_end_ < src_.size() && offset(e.end_mark) >= fed_end_;
    docs_.push_back({y::Node(tree_.get(), root_), {document_begin_, end}, !cut});
  }

  // After an error or a limit: close what is open and keep the partial document.
  void close_document() {
    while (!frames_.empty()) end_collection(std::nullopt);
    if (in_document_ && has_root_) {
      const Span root = tree_->nodes[root_].span;
      docs_.push_back({y::Node(tree_.get(), root_),
                       {document_begin_, std::max(root.end, document_begin_)},
                       false});
    }
    in_document_ = false;
  }

  // --- nodes ----------------------------------------------------------------------------------

  NodeId next_id() const { return static_cast<NodeId>(tree_->nodes.size()); }

  NodeId add_node(const d::NodeRec& rec) {
    const NodeId id = next_id();
    tree_->nodes.push_back(rec);
    return id;
  }

  // Hands a finished node to its parent (or makes it the document's root).
  void attach(NodeId id, std::uint64_t weight) {
    if (frames_.empty()) {
      root_ = id;
      has_root_ = true;
      return;
    }
    frames_.back().weight += weight;
    scratch_.push_back(id);
  }

  Step scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    const bool has_properties = s.anchor != nullptr || s.tag != nullptr;
    d::NodeRec rec;
    rec.span = node_span(e.start_mark, e.end_mark, has_properties);
    if (tree_->text.size() + s.length >= std::numeric_limits<std::uint32_t>::max()) {
      diags_.push_back({rec.span, "YAML scalar text exceeds 4 GiB"});
      return Step::stop;
    }
    rec.kind = NodeKind::scalar;
    rec.style = to_style(s.style);
    tag_node(rec, s.tag);
    rec.first = static_cast<std::uint32_t>(tree_->text.size());
    rec.count = static_cast<std::uint32_t>(s.length);
    tree_->text.append(reinterpret_cast<const char*>(s.value), s.length);
    if (rec.style == ScalarStyle::literal || rec.style == ScalarStyle::folded) {
      describe_block(rec);
    }
    const NodeId id = add_node(rec);
    if (s.anchor) define_anchor(as_view(s.anchor), id, 1, false);
    attach(id, 1);
    return Step::go_on;
  }

  // Records where a block scalar's content starts and trims its span to the last content byte
  // (libyaml's end mark lies past the trailing breaks, at the next line's indentation).
  void describe_block(d::NodeRec& rec) {
    const NodeId id = next_id();
    const std::string_view value = std::string_view(tree_->text).substr(rec.first, rec.count);
    std::uint32_t end = rec.span.end;
    while (end > rec.span.begin + 1 && is_white(src_[end - 1])) --end;
    const std::uint32_t limit = rec.span.end;
    rec.span.end = std::max(end, rec.span.begin);

    d::BlockRec block;
    block.node = id;
    std::uint32_t header_end = 0;
    std::uint32_t line = next_line(rec.span.begin, &header_end);
    const std::size_t skipped = value.find_first_not_of('\n');
    if (skipped == std::string_view::npos) {
      block.skipped = rec.count;
      block.first_line = {std::min(line, limit), std::min(line, limit)};
    } else {
      block.skipped = static_cast<std::uint32_t>(skipped);
      for (std::size_t k = 0; k < skipped && line < limit; ++k) {
        std::uint32_t ignored = 0;
        line = next_line(line, &ignored);
      }
      std::uint32_t line_end = 0;
      next_line(line, &line_end);
      line_end = std::min(line_end, rec.span.end);
      // The value's line starts with the spaces beyond the indentation, so the indentation is
      // the difference; this also holds with an explicit indentation indicator (`|2`).
      std::uint32_t source_spaces = 0;
      while (line + source_spaces < line_end && src_[line + source_spaces] == ' ') ++source_spaces;
      std::uint32_t value_spaces = 0;
      while (skipped + value_spaces < value.size() && value[skipped + value_spaces] == ' ') {
        ++value_spaces;
      }
      block.indent = source_spaces >= value_spaces ? source_spaces - value_spaces : 0;
      const std::uint32_t begin = std::min(line + block.indent, line_end);
      block.first_line = {begin, std::max(begin, line_end)};
    }
    tree_->blocks.push_back(block);
  }

  // The start of the line after the one at `pos`; `*end` receives where that line's text ends.
  std::uint32_t next_line(std::uint32_t pos, std::uint32_t* end) const {
    const auto n = static_cast<std::uint32_t>(src_.size());
    std::uint32_t e = pos;
    while (e < n && !is_break(src_[e])) ++e;
    *end = e;
    if (e < n && src_[e] == '\r') ++e;
    if (e < n && src_[e] == '\n') ++e;
    return e;
  }

  Step start_collection(const yaml_event_t& e, NodeKind kind, std::string_view anchor,
                        const yaml_char_t* tag, bool flow) {
    const bool has_properties = !anchor.empty() || tag != nullptr;
    const Span span = node_span(e.start_mark, e.end_mark, has_properties);
    if (frames_.size() >= limits_.max_depth) {
      diags_.push_back(
          {char_span(span.begin), fmt::format("nesting depth limit exceeded: more than {} nested "
                                              "collections",
                                              limits_.max_depth)});
      return Step::stop;
    }
    d::NodeRec rec;
    rec.span = {span.begin, span.begin};
    rec.kind = kind;
    rec.flags = flow ? d::kFlow : 0;
    tag_node(rec, tag);
    const NodeId id = add_node(rec);
    Frame frame{id, static_cast<std::uint32_t>(scratch_.size()), 1, nullptr};
    if (!anchor.empty()) frame.anchor = define_anchor(anchor, id, 1, true);
    frames_.push_back(frame);
    return Step::go_on;
  }

  // Closes the innermost collection. `end_mark` is absent when an error closes it early.
  void end_collection(std::optional<std::uint32_t> end_mark) {
    const Frame frame = frames_.back();
    frames_.pop_back();
    d::Tree& t = *tree_;
    const std::size_t n = scratch_.size() - frame.scratch_begin;
    std::uint32_t last_end = t.nodes[frame.id].span.begin;
    for (std::size_t i = frame.scratch_begin; i < scratch_.size(); ++i) {
      last_end = std::max(last_end, t.nodes[scratch_[i]].span.end);
    }
    if (t.nodes[frame.id].kind == NodeKind::sequence) {
      d::NodeRec& rec = t.nodes[frame.id];
      rec.first = static_cast<std::uint32_t>(t.children.size());
      rec.count = static_cast<std::uint32_t>(n);
      t.children.insert(t.children.end(), scratch_.begin() + frame.scratch_begin, scratch_.end());
    } else {
      finish_mapping(frame.id, frame.scratch_begin, n / 2);
    }
    d::NodeRec& rec = t.nodes[frame.id];
    // A flow collection ends at its closing bracket. A block one ends with its last entry
    // (libyaml's end mark is the next token, past comments and blank lines). A single-pair
    // mapping inside a flow sequence (`[a: b]`) has no bracket of its own.
    const char opener = rec.span.begin < src_.size() ? src_[rec.span.begin] : '\0';
    const bool bracketed = (rec.flags & d::kFlow) && (opener == '[' || opener == '{');
    rec.span.end = bracketed && end_mark ? std::max(*end_mark, last_end) : last_end;
    scratch_.resize(frame.scratch_begin);
    if (frame.anchor && frame.anchor->id == frame.id) {
      frame.anchor->weight = frame.weight;
      frame.anchor->open = false;
    }
    attach(frame.id, frame.weight);
  }

  bool is_merge_key(NodeId id) const {
    const d::NodeRec& k = tree_->nodes[id];
    if (k.kind != NodeKind::scalar || k.style != ScalarStyle::plain || k.count != 2) return false;
    if ((k.flags & d::kTagged) && tag_of(id) != kMergeTag) return false;
    return std::string_view(tree_->text).substr(k.first, 2) == "<<";
  }

  std::string_view scalar_text(NodeId id) const {
    const d::NodeRec& r = tree_->nodes[id];
    return std::string_view(tree_->text).substr(r.first, r.count);
  }

  // Lays out a mapping's pairs: explicit, then inherited through `<<`, then the `<<` pairs.
  void finish_mapping(NodeId id, std::uint32_t scratch_begin, std::size_t pairs) {
    d::Tree& t = *tree_;
    const NodeId* kv = scratch_.data() + scratch_begin;
    bool has_merge = false;
    for (std::size_t i = 0; i < pairs && !has_merge; ++i) has_merge = is_merge_key(kv[2 * i]);
    const auto first = static_cast<std::uint32_t>(t.children.size());
    if (!has_merge) {
      t.children.insert(t.children.end(), kv, kv + 2 * pairs);
      t.nodes[id].first = first;
      t.nodes[id].count = static_cast<std::uint32_t>(pairs);
      return;
    }
    std::vector<NodeId> explicit_pairs;
    std::vector<NodeId> directives;
    std::unordered_set<std::string_view> defined;
    for (std::size_t i = 0; i < pairs; ++i) {
      auto& out = is_merge_key(kv[2 * i]) ? directives : explicit_pairs;
      out.push_back(kv[2 * i]);
      out.push_back(kv[2 * i + 1]);
      if (&out == &explicit_pairs && t.nodes[kv[2 * i]].kind == NodeKind::scalar) {
        defined.insert(scalar_text(kv[2 * i]));
      }
    }
    std::vector<NodeId> inherited;
    for (std::size_t i = 0; i < directives.size(); i += 2) {
      const NodeId source = directives[i + 1];
      const d::NodeRec& s = t.nodes[source];
      if (s.kind == NodeKind::mapping) {
        inherit(source, defined, inherited);
        continue;
      }
      // Reported once per merge key, at the `<<` itself: the merged node may be an alias whose
      // definition is far away, and one bad list must not produce a finding per entry.
      const Span at = t.nodes[directives[i]].span;
      if (s.kind == NodeKind::sequence) {
        bool bad_entry = false;
        for (std::uint32_t k = 0; k < s.count; ++k) {
          const NodeId item = t.children[s.first + k];
          if (t.nodes[item].kind == NodeKind::mapping) {
            inherit(item, defined, inherited);
          } else {
            bad_entry = true;
          }
        }
        if (bad_entry) {
          diags_.push_back({at, "merge key \"<<\" merges a list whose entries are not all mappings: "
                                "only mappings can be merged"});
        }
        continue;
      }
      diags_.push_back(
          {at, "merge key \"<<\" needs a mapping or a sequence of mappings as its value"});
    }
    t.children.insert(t.children.end(), explicit_pairs.begin(), explicit_pairs.end());
    t.children.insert(t.children.end(), inherited.begin(), inherited.end());
    t.children.insert(t.children.end(), directives.begin(), directives.end());
    d::NodeRec& rec = t.nodes[id];
    rec.first = first;
    rec.count = static_cast<std::uint32_t>((explicit_pairs.size() + inherited.size()) / 2);
    rec.flags |= d::kMerges;
    merge_index_[id] = static_cast<std::uint32_t>(t.merges.size());
    t.merges.push_back({id, static_cast<std::uint32_t>(explicit_pairs.size() / 2),
                        static_cast<std::uint32_t>(directives.size() / 2)});
  }

  // Adds the pairs of `source` whose keys are not defined yet, in the source's order. Within
  // the source the pair `find` would pick wins (the last explicit, then inherited ones).
  void inherit(NodeId source, std::unordered_set<std::string_view>& defined,
               std::vector<NodeId>& out) const {
    const d::Tree& t = *tree_;
    const d::NodeRec& s = t.nodes[source];
    const NodeId* kv = t.children.data() + s.first;
    const std::uint32_t explicit_pairs = explicit_pairs_of(source);
    std::vector<std::size_t> taken;
    const auto consider = [&](std::size_t i) {
      const NodeId key = kv[2 * i];
      if (t.nodes[key].kind != NodeKind::scalar || defined.insert(scalar_text(key)).second) {
        taken.push_back(i);
      }
    };
    for (std::uint32_t i = explicit_pairs; i-- > 0;) consider(i);
    for (std::uint32_t i = explicit_pairs; i < s.count; ++i) consider(i);
    std::sort(taken.begin(), taken.end());
    for (const std::size_t i : taken) {
      out.push_back(kv[2 * i]);
      out.push_back(kv[2 * i + 1]);
    }
  }

  Step alias(const yaml_event_t& e) {
    const std::string_view name = as_view(e.data.alias.anchor);
    const Span span{offset(e.start_mark), offset(e.end_mark)};
    const auto it = anchors_.find(std::string(name));
    if (it == anchors_.end() || it->second.open) {
      diags_.push_back(
          {span, it == anchors_.end()
                     ? fmt::format("alias \"*{}\" names no anchor defined before it", name)
                     : fmt::format("alias \"*{}\" refers to a collection that "
                                   "contains it",
                                   name)});
      d::NodeRec rec;  // an empty scalar stands in for the missing content
      rec.span = span;
      rec.kind = NodeKind::scalar;
      rec.first = static_cast<std::uint32_t>(tree_->text.size());
      attach(add_node(rec), 1);
      return Step::go_on;
    }
    const AnchorEntry& target = it->second;
    expanded_ += target.weight;
    if (expanded_ > expansion_limit_) {
      diags_.push_back({span, fmt::format("alias expansion limit exceeded: aliases expand to "
                                          "more than {} nodes",
                                          expansion_limit_)});
      return Step::stop;
    }
    d::NodeRec rec = tree_->nodes[target.id];
    rec.span = span;
    rec.flags |= d::kFromAlias;
    const NodeId id = add_node(rec);
    tree_->aliases.push_back({id, target.id});  // anchors are defined on nodes, never aliases
    attach(id, target.weight);
    return Step::go_on;
  }

  AnchorEntry* define_anchor(std::string_view name, NodeId id, std::uint64_t weight, bool open) {
    AnchorEntry& entry = anchors_[std::string(name)];
    entry = {id, weight, open};
    tree_->anchors.push_back({id, static_cast<std::uint32_t>(tree_->text.size()),
                              static_cast<std::uint32_t>(name.size())});
    tree_->text.append(name);
    return &entry;
  }

  // Records the explicit tag of the node about to be added.
  void tag_node(d::NodeRec& rec, const yaml_char_t* tag) {
    if (!tag) return;
    const std::string_view name = as_view(tag);
    const auto [it, inserted] =
        tags_.emplace(std::string(name), static_cast<std::uint32_t>(tree_->tags.size()));
    if (inserted) tree_->tags.emplace_back(name);
    rec.flags |= d::kTagged;
    tree_->tagged.push_back({next_id(), it->second});
  }

  // The defining node behind `id` (itself unless it is an alias use site).
  NodeId origin_of(NodeId id) const {
    if (!(tree_->nodes[id].flags & d::kFromAlias)) return id;
    const auto& aliases = tree_->aliases;  // appended in id order
    const auto it = std::lower_bound(aliases.begin(), aliases.end(), id,
                                     [](const d::AliasRec& a, NodeId key) { return a.node < key; });
    return it != aliases.end() && it->node == id ? it->origin : id;
  }

  std::string_view tag_of(NodeId id) const {
    if (!(tree_->nodes[id].flags & d::kTagged)) return {};
    const NodeId origin = origin_of(id);
    const auto& tagged = tree_->tagged;  // appended in id order
    const auto it = std::lower_bound(tagged.begin(), tagged.end(), origin,
                                     [](const d::TagRec& t, NodeId key) { return t.node < key; });
    return it != tagged.end() && it->node == origin ? std::string_view(tree_->tags[it->tag])
                                                    : std::string_view();
  }

  std::uint32_t explicit_pairs_of(NodeId mapping) const {
    const d::NodeRec& rec = tree_->nodes[mapping];
    if (!(rec.flags & d::kMerges)) return rec.count;
    const auto it = merge_index_.find(origin_of(mapping));
    return it != merge_index_.end() ? tree_->merges[it->second].explicit_pairs : rec.count;
  }

  // --- positions ------------------------------------------------------------------------------

  std::uint32_t offset(const yaml_mark_t& m) { return (*marks_)(m.index); }

  Span node_span(const yaml_mark_t& start, const yaml_mark_t& end, bool has_properties) {
    Span span{offset(start), offset(end)};
    if (has_properties) span.begin = std::min(skip_properties(span.begin, span.end), span.end);
    return span;
  }

  // Node properties (`&anchor`, `!tag`) and the blanks, breaks and comments after them come
  // before the node's content; a node's span starts at its content.
  std::uint32_t skip_properties(std::uint32_t i, std::uint32_t end) const {
    while (i < end) {
      const char c = src_[i];
      if (c == '!' && i + 1 < end && src_[i + 1] == '<') {
        while (i < end && src_[i] != '>') ++i;
        if (i < end) ++i;
      } else if (c == '&' || c == '!') {
        while (i < end && !is_white(src_[i])) ++i;
      } else if (c == '#') {
        while (i < end && !is_break(src_[i])) ++i;
      } else if (is_white(c)) {
        ++i;
      } else {
        break;
      }
    }
    return i;
  }

  // The code point at `offset` (empty at the end of the file).
  Span char_span(std::uint32_t offset) const {
    const auto n = static_cast<std::uint32_t>(src_.size());
    if (offset >= n) return {n, n};
    std::uint32_t end = offset + 1;
    while (end < n && (static_cast<unsigned char>(src_[end]) & 0xC0) == 0x80) ++end;
    return {offset, end};
  }

  void report_libyaml_error(const yaml_parser_t& p) {
    if (p.error == YAML_MEMORY_ERROR) {
      diags_.push_back({char_span(fed_end_), "out of memory while parsing YAML"});
      return;
    }
    // Validation makes reader errors unreachable; their position is a byte offset anyway.
    const std::uint32_t at =
        p.error == YAML_READER_ERROR
            ? std::min(fed_start_ + static_cast<std::uint32_t>(p.problem_offset), fed_end_)
            : offset(p.problem_mark);
    // When the input was cut at an invalid byte, an error at the cut is that byte's fault and
    // is reported as such.
    if (fed_end_ < src_.size() && at >= fed_end_) return;
    std::string message = p.problem ? p.problem : "invalid YAML";
    if (p.context) {
      const Position where = file_.position(offset(p.context_mark));
      message += fmt::format(" ({} at line {}, column {})", p.context, where.line, where.column);
    }
    diags_.push_back({char_span(at), std::move(message)});
  }

  const SourceFile& file_;
  std::string_view src_;
  YamlLimits limits_;
  std::shared_ptr<d::Tree> tree_;
  std::uint32_t fed_start_ = 0;  // libyaml reads [fed_start_, fed_end_): no BOM, no bad byte
  std::uint32_t fed_end_ = 0;
  std::optional<MarkMap> marks_;
  std::uint64_t expansion_limit_ = 0;
  std::uint64_t expanded_ = 0;

  std::vector<Frame> frames_;
  std::vector<NodeId> scratch_;
  std::unordered_map<std::string, AnchorEntry> anchors_;
  std::unordered_map<std::string, std::uint32_t> tags_;
  std::unordered_map<NodeId, std::uint32_t> merge_index_;  // mapping -> index in Tree::merges

  bool in_document_ = false;
  bool has_root_ = false;
  NodeId root_ = 0;
  std::uint32_t document_begin_ = 0;
  std::vector<y::Document> docs_;
  std::vector<Diagnostic> diags_;
};

}  // namespace

ParseResult<model::yaml::Stream> parse_yaml(const SourceFile& file, const YamlLimits& limits) {
  return Builder(file, limits).run();
}

}  // namespace lintel::parsers
