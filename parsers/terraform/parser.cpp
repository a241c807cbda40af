// Terraform (.tf / .tfvars) through tree-sitter-hcl into model::TerraformModule.
//
// - One tree-sitter parser per file, allocating from a per-thread arena (arena.hpp), with a time
//   budget (kParseBudget) checked by the progress callback; a file that runs out of time yields
//   one diagnostic and no blocks.
// - The syntax tree is converted into model::Block / Attribute / Expr, bounded in depth
//   (kMaxDepth): deeper expressions become Expr::other, which evaluates to unknown.
// - ERROR and MISSING nodes become diagnostics at their position (at most kMaxDiagnostics per
//   file); the blocks around them are still converted.
// - Before tree-sitter sees a file, a lexical pre-scan (bound_nesting) counts bracket nesting
//   outside comments, strings and heredocs: what lies deeper than kMaxBrackets is blanked (cut
//   off when it is never closed), with one diagnostic. tree-sitter-hcl's error recovery over
//   thousands of unclosed brackets costs time in proportion to their number, and no real
//   configuration nests that deep. The same pass turns long blank runs into comments, which
//   tree-sitter-hcl reads in linear time (blanks cost it quadratic time).
// - After every file is parsed, the module's symbol tables are filled: variables, locals,
//   resources, data sources, and tfvars (terraform.tfvars first, then *.auto.tfvars in lexical
//   order, then any other var file; later files win).
#include "parsers/terraform/parser.hpp"

#include "parsers/terraform/arena.hpp"

#include <tree_sitter/api.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

extern "C" const TSLanguage* tree_sitter_hcl(void);

namespace lintel::parsers {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kParseBudget = std::chrono::seconds(2);
constexpr unsigned kMaxDepth = 200;
constexpr unsigned kMaxBrackets = 200;
constexpr std::size_t kLongBlank = 64;
constexpr std::size_t kMaxDiagnostics = 20;

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};
struct TreeDeleter {
  void operator()(TSTree* t) const { ts_tree_delete(t); }
};
using ParserPtr = std::unique_ptr<TSParser, ParserDeleter>;
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

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

// The HCL lexical contexts the pre-scan tells apart. `open` is a bracket (`{`, `[`, `(`) or a
// template interpolation / directive (`${`, `%{`), each one nesting level.
struct Context {
  enum class Kind { open, interpolation, string, heredoc } kind;
  std::string_view heredoc_id{};  // the closing identifier of a heredoc
};

bool is_id_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_id_char(char c) { return is_id_start(c) || (c >= '0' && c <= '9') || c == '-'; }

// `<<ID` or `<<-ID` at `i`, followed by the end of its line: the identifier and the offset of
// the heredoc's first content line.
std::optional<std::pair<std::string_view, std::size_t>> heredoc_start(std::string_view t,
                                                                      std::size_t i) {
  std::size_t j = i + 2;
  if (j < t.size() && t[j] == '-') ++j;
  const std::size_t id = j;
  if (j >= t.size() || !is_id_start(t[j])) return std::nullopt;
  while (j < t.size() && is_id_char(t[j])) ++j;
  const std::string_view name = t.substr(id, j - id);
  if (j < t.size() && t[j] == '\r') ++j;
  if (j < t.size() && t[j] != '\n') return std::nullopt;
  return std::pair{name, std::min(j + 1, t.size())};
}

// A heredoc's closing line at `i` (a line start): optional blanks, the identifier, end of line.
bool heredoc_end(std::string_view t, std::size_t i, std::string_view id) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
  if (t.substr(i, id.size()) != id) return false;
  i += id.size();
  if (i < t.size() && t[i] == '\r') ++i;
  return i == t.size() || t[i] == '\n';
}

// The starts of the lines that could close a heredoc (blanks, an identifier, end of line), by
// identifier, in order.
std::unordered_map<std::string_view, std::vector<std::size_t>> closing_lines(std::string_view t) {
  std::unordered_map<std::string_view, std::vector<std::size_t>> out;
  for (std::size_t line = 0; line < t.size();) {
    std::size_t i = line;
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
    const std::size_t id = i;
    if (i < t.size() && is_id_start(t[i])) {
      while (i < t.size() && is_id_char(t[i])) ++i;
      if (heredoc_end(t, line, t.substr(id, i - id))) out[t.substr(id, i - id)].push_back(line);
    }
    const std::size_t nl = t.find('\n', i);
    if (nl == std::string_view::npos) break;
    line = nl + 1;
  }
  return out;
}

// Bounds the nesting tree-sitter will see (see the file comment): returns `text` with every
// region nested deeper than kMaxBrackets (from its opening bracket to the matching closer)
// blanked, newlines kept so that positions stay, or cut off where no closer comes, and one
// diagnostic at the first such bracket; long blank runs outside strings become comments.
// Unchanged (nullopt) when there is nothing to do.
// Strings end at a line end (HCL's do), and an unterminated comment or heredoc is read as code:
// none of them can hide from the count brackets that tree-sitter's error recovery would see.
std::optional<std::string> bound_nesting(std::string_view t, std::vector<Diagnostic>& diags) {
  std::vector<Context> stack;
  std::optional<std::unordered_map<std::string_view, std::vector<std::size_t>>> closers;
  std::size_t depth = 0;
  std::optional<std::size_t> cut;  // the start of the region being blanked
  std::size_t cut_depth = 0;
  bool limited = false;
  std::string out;  // the copy given to tree-sitter, made at the first change
  const auto edit = [&] {
    if (out.empty()) out.assign(t);
  };
  // [begin, end), blanks only, becomes one block comment: tree-sitter-hcl's external scanner
  // skips a blank run again for every position in it (10,000 blanks took 1.2 s, 25,000 ran out
  // of the time budget), while a comment is lexed once. Positions are kept.
  const auto as_comment = [&](std::size_t begin, std::size_t end) {
    if (begin > 0 && t[begin - 1] == '/') ++begin;  // `//*` would start a line comment
    if (end < begin + 4) return;
    edit();
    out[begin] = '/';
    out[begin + 1] = '*';
    out[end - 2] = '*';
    out[end - 1] = '/';
  };
  const auto open = [&](std::size_t at, Context::Kind kind) {
    stack.push_back({kind});
    if (++depth <= kMaxBrackets || cut) return;
    cut = at;
    cut_depth = depth;
    if (!limited) {
      limited = true;
      edit();
      diags.push_back({{static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at)},
                       "nesting depth limit exceeded: more than " + std::to_string(kMaxBrackets) +
                           " nested brackets; what is nested deeper is not checked"});
    }
  };
  const auto blank = [&](std::size_t end) {
    for (std::size_t k = *cut; k < end; ++k)
      if (out[k] != '\n') out[k] = ' ';
    as_comment(*cut, end);
    cut.reset();
  };
  const auto close = [&](std::size_t at) {
    if (cut && depth == cut_depth) blank(at + 1);
    --depth;
    stack.pop_back();
  };
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    const Context::Kind in = stack.empty() ? Context::Kind::open : stack.back().kind;
    if (in == Context::Kind::string || in == Context::Kind::heredoc) {
      if (in == Context::Kind::heredoc && (i == 0 || t[i - 1] == '\n') &&
          heredoc_end(t, i, stack.back().heredoc_id)) {
        stack.pop_back();
        while (i < t.size() && t[i] != '\n') ++i;
        continue;
      }
      if (in == Context::Kind::string && (c == '"' || c == '\n')) {
        stack.pop_back();
        ++i;
        continue;
      }
      if (in == Context::Kind::string && c == '\\') {
        i += 2;
        continue;
      }
      if ((c == '$' || c == '%') && i + 1 < t.size()) {
        if (t[i + 1] == c && i + 2 < t.size() && t[i + 2] == '{') {  // `$${`: literal text
          i += 3;
          continue;
        }
        if (t[i + 1] == '{') {
          open(i, Context::Kind::interpolation);
          i += 2;
          continue;
        }
      }
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      std::size_t end = i;
      while (end < t.size() &&
             (t[end] == ' ' || t[end] == '\t' || t[end] == '\r' || t[end] == '\n'))
        ++end;
      if (end - i >= kLongBlank && !cut) {
        // Around the run's first line break, which still ends an attribute.
        const std::size_t nl = t.substr(i, end - i).find('\n');
        if (nl == std::string_view::npos) {
          as_comment(i + 1, end);
        } else {
          as_comment(i + 1, i + nl);
          as_comment(i + nl + 1, end);
        }
      }
      i = end;
    } else if (c == '#' || (c == '/' && i + 1 < t.size() && t[i + 1] == '/')) {
      while (i < t.size() && t[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < t.size() && t[i + 1] == '*') {
      const std::size_t end = t.find("*/", i + 2);
      i = end == std::string_view::npos ? i + 2 : end + 2;
    } else if (c == '"') {
      stack.push_back({Context::Kind::string});
      ++i;
    } else if (c == '<' && i + 1 < t.size() && t[i + 1] == '<') {
      const auto h = heredoc_start(t, i);
      bool closes = false;
      if (h) {
        if (!closers) closers = closing_lines(t);
        const auto it = closers->find(h->first);
        closes = it != closers->end() && it->second.back() >= h->second;
      }
      if (closes) {
        stack.push_back({Context::Kind::heredoc, h->first});
        i = h->second;
      } else {
        i += 2;
      }
    } else if (c == '{' || c == '[' || c == '(') {
      open(i++, Context::Kind::open);
    } else if (c == '}' || c == ']' || c == ')') {
      // A stray closer at the top level is tree-sitter's to report; a mismatched one still
      // closes the innermost level, which keeps the count an upper bound of what it sees.
      if (!stack.empty()) close(i);
      ++i;
    } else {
      ++i;
    }
  }
  // Unclosed to the end: tree-sitter is given the text before the cut alone.
  if (out.empty()) return std::nullopt;
  if (cut) out.resize(*cut);
  return out;
}

bool past_deadline(TSParseState* state) {
  return Clock::now() > *static_cast<const Clock::time_point*>(state->payload);
}

std::string_view type_of(TSNode n) { return ts_node_type(n); }
Span span_of(TSNode n) { return {ts_node_start_byte(n), ts_node_end_byte(n)}; }

// The children of `n`, comments left out. A cursor walks them in linear time: ts_node_child(n, i)
// starts again from the first child on each call, which made the nodes with thousands of
// children that tree-sitter's error recovery builds quadratic (77% of the time on 5,000
// unclosed `{`).
std::vector<TSNode> children_of(TSNode n) {
  std::vector<TSNode> out;
  TSTreeCursor cursor = ts_tree_cursor_new(n);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const TSNode c = ts_tree_cursor_current_node(&cursor);
      if (type_of(c) != "comment") out.push_back(c);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

// Decodes the escapes of a quoted template literal.
std::string unescape_quoted(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      const char e = raw[++i];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        default:
          out += '\\';
          out += e;
      }
    } else if ((c == '$' || c == '%') && i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescape_heredoc(std::string_view raw) {
  std::string out;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if ((c == '$' || c == '%') && i + 2 < raw.size() && raw[i + 1] == c && raw[i + 2] == '{') {
      out += c;
      out += '{';
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

bool is_operator(std::string_view t) {
  constexpr std::string_view ops[] = {"==", "!=", "<", ">", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%"};
  for (auto o : ops) {
    if (t == o) return true;
  }
  return false;
}

class Converter {
 public:
  Converter(const SourceFile& f, std::vector<Diagnostic>& diags) : src_(f), text_(f.text()), diags_(diags) {}

  std::string_view text(TSNode n) const {
    return text_.substr(ts_node_start_byte(n), ts_node_end_byte(n) - ts_node_start_byte(n));
  }

  void body(TSNode n, std::vector<model::Block>& blocks, std::vector<model::Attribute>& attrs, unsigned depth) {
    for (TSNode c : children_of(n)) {
      const std::string_view t = type_of(c);
      if (t == "block") {
        if (auto b = block(c, depth + 1)) blocks.push_back(std::move(*b));
      } else if (t == "attribute") {
        if (auto a = attribute(c, depth + 1)) attrs.push_back(std::move(*a));
      } else if (t == "body") {
        body(c, blocks, attrs, depth + 1);
      }
    }
  }

  std::optional<model::Attribute> attribute(TSNode n, unsigned depth) {
    model::Attribute a;
    a.span = span_of(n);
    bool have_name = false;
    for (TSNode c : children_of(n)) {
      const std::string_view t = type_of(c);
      if (t == "identifier" && !have_name) {
        a.name = {std::string(text(c)), span_of(c)};
        have_name = true;
      } else if (t == "expression") {
        a.expr = expr(c, depth + 1);
      }
    }
    if (!have_name) return std::nullopt;
    return a;
  }

  std::optional<model::Block> block(TSNode n, unsigned depth) {
    if (depth > kMaxDepth) {
      too_deep(n);
      return std::nullopt;
    }
    model::Block b;
    b.span = span_of(n);
    bool have_type = false;
    for (TSNode c : children_of(n)) {
      const std::string_view t = type_of(c);
      if (t == "identifier") {
        if (!have_type) {
          b.type = {std::string(text(c)), span_of(c)};
          have_type = true;
        } else {
          b.labels.push_back({std::string(text(c)), span_of(c)});
        }
      } else if (t == "string_lit") {
        b.labels.push_back({string_lit(c), span_of(c)});
      } else if (t == "body") {
        body(c, b.blocks, b.attributes, depth + 1);
      }
    }
    if (!have_type) return std::nullopt;
    return b;
  }

  std::string string_lit(TSNode n) {
    std::string out;
    for (TSNode c : children_of(n)) {
      if (type_of(c) == "template_literal") out += unescape_quoted(text(c));
    }
    return out;
  }

  model::Expr other(TSNode n) {
    model::Expr e;
    e.kind = model::Expr::Kind::other;
    e.span = span_of(n);
    return e;
  }

  model::Expr expr(TSNode n, unsigned depth) {
    if (depth > kMaxDepth) {
      too_deep(n);
      return other(n);
    }
    const std::string_view t = type_of(n);
    if (t == "expression") {
      model::Expr e = sequence(children_of(n), depth + 1);
      e.span = span_of(n);
      return e;
    }
    if (t == "literal_value") return literal(n);
    if (t == "template_expr") {
      for (TSNode c : children_of(n)) {
        if (type_of(c) == "quoted_template") return quoted_template(c, span_of(n), depth + 1);
        if (type_of(c) == "heredoc_template") return heredoc(c, span_of(n), depth + 1);
      }
      return other(n);
    }
    if (t == "collection_value") {
      for (TSNode c : children_of(n)) {
        if (type_of(c) == "tuple") return tuple(c, span_of(n), depth + 1);
        if (type_of(c) == "object") return object(c, span_of(n), depth + 1);
      }
      return other(n);
    }
    if (t == "function_call") return call(n, depth + 1);
    if (t == "conditional") {
      model::Expr e;
      e.kind = model::Expr::Kind::conditional;
      e.span = span_of(n);
      for (TSNode c : children_of(n)) {
        if (type_of(c) == "expression") e.children.push_back(expr(c, depth + 1));
      }
      if (e.children.size() != 3) return other(n);
      return e;
    }
    if (t == "operation") {
      for (TSNode c : children_of(n)) {
        if (type_of(c) == "binary_operation" || type_of(c) == "unary_operation") return operation(c, depth + 1);
      }
      return other(n);
    }
    if (t == "variable_expr") return sequence({n}, depth + 1);
    return other(n);
  }

  // The children of an `expression` (or an operand): a term followed by get_attr/index/splat.
  model::Expr sequence(const std::vector<TSNode>& nodes, unsigned depth) {
    if (nodes.empty()) return {};
    Span span = span_of(nodes.front()).cover(span_of(nodes.back()));
    std::vector<TSNode> named;
    for (TSNode c : nodes) {
      if (ts_node_is_named(c)) named.push_back(c);
    }
    if (named.empty()) {
      model::Expr e;
      e.span = span;
      return e;
    }
    // ( expression )
    if (type_of(nodes.front()) == "(" && named.size() == 1) return expr(named[0], depth + 1);
    if (type_of(named[0]) == "variable_expr") {
      model::Expr e;
      e.kind = model::Expr::Kind::traversal;
      e.span = span;
      for (TSNode c : children_of(named[0])) {
        if (type_of(c) == "identifier") e.path.emplace_back(text(c));
      }
      for (std::size_t i = 1; i < named.size(); ++i) {
        const std::string_view t = type_of(named[i]);
        if (t == "get_attr") {
          for (TSNode c : children_of(named[i])) {
            if (type_of(c) == "identifier") e.path.emplace_back(text(c));
          }
        } else if (t == "index") {
          e.path.push_back(index_key(named[i], depth + 1));
        } else {
          e.path.emplace_back("[*]");
        }
      }
      return e;
    }
    if (named.size() == 1) return expr(named[0], depth + 1);
    model::Expr e;
    e.span = span;
    return e;
  }

  std::string index_key(TSNode n, unsigned depth) {
    for (TSNode c : children_of(n)) {
      if (type_of(c) == "legacy_index") {
        std::string_view s = text(c);
        if (!s.empty() && s.front() == '.') s.remove_prefix(1);
        return std::string(s);
      }
      if (type_of(c) == "new_index") {
        for (TSNode x : children_of(c)) {
          if (type_of(x) != "expression") continue;
          const model::Expr k = expr(x, depth + 1);
          if (k.kind == model::Expr::Kind::literal) {
            if (auto s = k.value.as_string()) return *s;
          }
          if (k.kind == model::Expr::Kind::templ && k.children.size() == 1 &&
              k.children[0].kind == model::Expr::Kind::literal) {
            if (auto s = k.children[0].value.as_string()) return *s;
          }
        }
      }
    }
    return "[*]";
  }

  model::Expr literal(TSNode n) {
    model::Expr e;
    e.kind = model::Expr::Kind::literal;
    e.span = span_of(n);
    for (TSNode c : children_of(n)) {
      const std::string_view t = type_of(c);
      if (t == "bool_lit") {
        e.value.kind = model::Value::Kind::boolean;
        e.value.boolean = text(c) == "true";
      } else if (t == "null_lit") {
        e.value.kind = model::Value::Kind::null;
      } else if (t == "numeric_lit") {
        const std::string s(text(c));
        char* end = nullptr;
        const double d = std::strtod(s.c_str(), &end);
        if (end == s.c_str() + s.size()) {
          e.value.kind = model::Value::Kind::number;
          e.value.number = d;
        }
      } else if (t == "string_lit") {
        e.value.kind = model::Value::Kind::string;
        e.value.string = string_lit(c);
      }
    }
    if (!e.value.known()) e.kind = model::Expr::Kind::other;
    return e;
  }

  model::Expr literal_part(std::string s, Span span) {
    model::Expr p;
    p.kind = model::Expr::Kind::literal;
    p.span = span;
    p.value.kind = model::Value::Kind::string;
    p.value.string = std::move(s);
    return p;
  }

  // A template part that is not literal text: an interpolation, or a directive (unknown).
  void template_part(TSNode c, model::Expr& e, unsigned depth) {
    const std::string_view t = type_of(c);
    if (t == "template_interpolation") {
      for (TSNode x : children_of(c)) {
        if (type_of(x) == "expression") {
          e.children.push_back(expr(x, depth + 1));
          return;
        }
      }
      e.children.push_back(other(c));
    } else {
      e.children.push_back(other(c));
    }
  }

  model::Expr quoted_template(TSNode n, Span span, unsigned depth) {
    model::Expr e;
    e.kind = model::Expr::Kind::templ;
    e.span = span;
    const auto kids = children_of(n);
    if (kids.size() < 2) return other(n);
    uint32_t pos = ts_node_end_byte(kids.front());
    const uint32_t end = ts_node_start_byte(kids.back());
    for (std::size_t i = 1; i + 1 < kids.size(); ++i) {
      TSNode c = kids[i];
      const std::string_view t = type_of(c);
      if (t == "template_literal" || !ts_node_is_named(c)) continue;
      if (ts_node_start_byte(c) > pos) {
        append_literal(e, unescape_quoted(text_.substr(pos, ts_node_start_byte(c) - pos)),
                       {pos, ts_node_start_byte(c)});
      }
      template_part(c, e, depth);
      pos = ts_node_end_byte(c);
    }
    if (end > pos) append_literal(e, unescape_quoted(text_.substr(pos, end - pos)), {pos, end});
    if (e.children.empty()) append_literal(e, "", {pos, pos});
    return e;
  }

  void append_literal(model::Expr& e, std::string s, Span span) {
    if (!e.children.empty() && e.children.back().kind == model::Expr::Kind::literal) {
      e.children.back().value.string += s;
      e.children.back().span = e.children.back().span.cover(span);
      return;
    }
    e.children.push_back(literal_part(std::move(s), span));
  }

  model::Expr heredoc(TSNode n, Span span, unsigned depth) {
    model::Expr e;
    e.kind = model::Expr::Kind::templ;
    e.heredoc = true;
    e.span = span;
    const auto kids = children_of(n);
    bool strip = false;
    std::vector<TSNode> ids;
    for (TSNode c : kids) {
      if (type_of(c) == "heredoc_start") strip = text(c) == "<<-";
      if (type_of(c) == "heredoc_identifier") ids.push_back(c);
    }
    if (ids.size() < 2) return other(n);
    uint32_t pos = ts_node_end_byte(ids.front());
    while (pos < text_.size() && text_[pos] != '\n') ++pos;
    if (pos < text_.size()) ++pos;
    uint32_t end = ts_node_start_byte(ids.back());
    while (end > pos && (text_[end - 1] == ' ' || text_[end - 1] == '\t')) --end;
    if (end < pos) end = pos;
    const uint32_t content_begin = pos;
    for (TSNode c : kids) {
      if (ts_node_start_byte(c) < content_begin || ts_node_end_byte(c) > end) continue;
      const std::string_view t = type_of(c);
      if (t == "template_literal" || !ts_node_is_named(c)) continue;
      if (t != "template_interpolation" && t != "template_directive") continue;
      if (ts_node_start_byte(c) > pos) {
        append_literal(e, unescape_heredoc(text_.substr(pos, ts_node_start_byte(c) - pos)),
                       {pos, ts_node_start_byte(c)});
      }
      template_part(c, e, depth);
      pos = ts_node_end_byte(c);
    }
    if (end > pos) append_literal(e, unescape_heredoc(text_.substr(pos, end - pos)), {pos, end});
    if (e.children.empty()) append_literal(e, "", {pos, pos});
    if (strip) strip_indent(e, text_.substr(content_begin, end - content_begin));
    return e;
  }

  // `<<-EOF`: removes the smallest indentation of the content's non-blank lines from the
  // literal parts that start a line.
  static void strip_indent(model::Expr& e, std::string_view content) {
    std::size_t min_indent = std::string_view::npos;
    std::size_t i = 0;
    while (i < content.size()) {
      std::size_t j = i;
      while (j < content.size() && (content[j] == ' ' || content[j] == '\t')) ++j;
      if (j < content.size() && content[j] != '\n') min_indent = std::min(min_indent, j - i);
      const std::size_t nl = content.find('\n', i);
      if (nl == std::string_view::npos) break;
      i = nl + 1;
    }
    if (min_indent == std::string_view::npos || min_indent == 0) return;
    bool at_line_start = true;
    for (model::Expr& part : e.children) {
      if (part.kind != model::Expr::Kind::literal) {
        at_line_start = false;
        continue;
      }
      std::string out;
      const std::string& s = part.value.string;
      std::size_t k = 0;
      while (k < s.size()) {
        if (at_line_start) {
          std::size_t n = 0;
          while (k < s.size() && n < min_indent && (s[k] == ' ' || s[k] == '\t')) {
            ++k;
            ++n;
          }
          at_line_start = false;
          continue;
        }
        out += s[k];
        if (s[k] == '\n') at_line_start = true;
        ++k;
      }
      part.value.string = std::move(out);
    }
  }

  model::Expr tuple(TSNode n, Span span, unsigned depth) {
    model::Expr e;
    e.kind = model::Expr::Kind::tuple;
    e.span = span;
    for (TSNode c : children_of(n)) {
      if (type_of(c) == "expression") e.children.push_back(expr(c, depth + 1));
    }
    return e;
  }

  model::Expr object(TSNode n, Span span, unsigned depth) {
    model::Expr e;
    e.kind = model::Expr::Kind::object;
    e.span = span;
    for (TSNode c : children_of(n)) {
      if (type_of(c) != "object_elem") continue;
      TSNode k = ts_node_child_by_field_name(c, "key", 3);
      TSNode v = ts_node_child_by_field_name(c, "val", 3);
      if (ts_node_is_null(k) || ts_node_is_null(v)) continue;
      e.children.push_back(expr(k, depth + 1));
      e.children.push_back(expr(v, depth + 1));
    }
    return e;
  }

  model::Expr call(TSNode n, unsigned depth) {
    model::Expr e;
    e.kind = model::Expr::Kind::call;
    e.span = span_of(n);
    for (TSNode c : children_of(n)) {
      if (type_of(c) == "identifier") e.name = text(c);
      if (type_of(c) == "function_arguments") {
        for (TSNode a : children_of(c)) {
          if (type_of(a) == "expression") e.children.push_back(expr(a, depth + 1));
          if (type_of(a) == "ellipsis") return other(n);
        }
      }
    }
    return e;
  }

  model::Expr operation(TSNode n, unsigned depth) {
    const auto kids = children_of(n);
    model::Expr e;
    e.span = span_of(n);
    if (type_of(n) == "unary_operation") {
      if (kids.size() < 2) return other(n);
      e.kind = model::Expr::Kind::unary;
      e.name = text(kids[0]);
      e.children.push_back(sequence({kids.begin() + 1, kids.end()}, depth + 1));
      return e;
    }
    for (std::size_t i = 1; i + 1 < kids.size(); ++i) {
      if (!ts_node_is_named(kids[i]) && is_operator(type_of(kids[i]))) {
        e.kind = model::Expr::Kind::binary;
        e.name = type_of(kids[i]);
        e.children.push_back(sequence({kids.begin(), kids.begin() + static_cast<std::ptrdiff_t>(i)}, depth + 1));
        e.children.push_back(sequence({kids.begin() + static_cast<std::ptrdiff_t>(i) + 1, kids.end()}, depth + 1));
        return e;
      }
    }
    return other(n);
  }

  // The first node past kMaxDepth in a file is reported once; what is below it is not converted.
  void too_deep(TSNode n) {
    if (depth_reported_) return;
    depth_reported_ = true;
    diags_.push_back({{ts_node_start_byte(n), ts_node_start_byte(n)},
                      "nesting depth limit exceeded: more than " + std::to_string(kMaxDepth) +
                          " nested blocks or expressions; deeper parts are not checked"});
  }

  void depth_already_reported() { depth_reported_ = true; }

  void collect_errors(TSNode root) {
    // Iterative walk: ERROR and MISSING nodes, outermost first.
    std::vector<TSNode> stack{root};
    while (!stack.empty() && diags_.size() < kMaxDiagnostics) {
      TSNode n = stack.back();
      stack.pop_back();
      if (!ts_node_has_error(n) && !ts_node_is_missing(n)) continue;
      if (ts_node_is_missing(n)) {
        diags_.push_back({{ts_node_start_byte(n), ts_node_start_byte(n)},
                          "syntax error: missing " + std::string(type_of(n))});
        continue;
      }
      if (ts_node_is_error(n)) {
        Span s = span_of(n);
        if (s.size() > 40) s.end = s.begin + 1;
        diags_.push_back({s, "syntax error: unexpected " + describe(n)});
        continue;
      }
      const std::vector<TSNode> kids = children_of(n);
      stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
  }

  std::string describe(TSNode n) {
    std::string_view s = text(n);
    const std::size_t nl = s.find('\n');
    if (nl != std::string_view::npos) s = s.substr(0, nl);
    if (s.size() > 30) s = s.substr(0, 30);
    if (s.empty()) return "end of input";
    return "\"" + std::string(s) + "\"";
  }

 private:
  [[maybe_unused]] const SourceFile& src_;
  std::string_view text_;
  std::vector<Diagnostic>& diags_;
  bool depth_reported_ = false;
};

void parse_file(const SourceFile& source, model::TerraformFile& out, std::vector<Diagnostic>& diags) {
  const std::string_view name = [&] {
    const std::string& p = source.path();
    const std::size_t slash = p.find_last_of('/');
    return slash == std::string::npos ? std::string_view(p) : std::string_view(p).substr(slash + 1);
  }();
  out.vars_file = name.ends_with(".tfvars");
  if (source.text().size() >= UINT32_MAX / 2) return;
  // tree-sitter allocates from a per-thread arena during this parse (arena.hpp); declared
  // before the parser and the tree so that it outlives them.
  const terraform::ParseArena arena;
  ParserPtr parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), tree_sitter_hcl())) return;
  const auto deadline = Clock::now() + kParseBudget;
  const std::optional<std::string> bounded = bound_nesting(source.text(), diags);
  StringInput input{bounded ? std::string_view(*bounded) : source.text()};
  const TSInput ts_input{&input, read_string, TSInputEncodingUTF8, nullptr};
  TSParseOptions options{};
  options.payload = const_cast<Clock::time_point*>(&deadline);
  options.progress_callback = past_deadline;
  TreePtr tree(ts_parser_parse_with_options(parser.get(), nullptr, ts_input, options));
  if (!tree) {
    diags.push_back({{0, 0}, "the file could not be parsed within the time budget"});
    return;
  }
  Converter conv(source, diags);
  // The blanked region was reported: the converter's own depth limit would report it again.
  if (bounded) conv.depth_already_reported();
  TSNode root = ts_tree_root_node(tree.get());
  conv.collect_errors(root);
  for (TSNode c : children_of(root)) {
    if (type_of(c) == "body") conv.body(c, out.blocks, out.attributes, 0);
  }
  // Everything tree-sitter allocated is in the arena, released at once when it goes: skip the
  // node-by-node deletion of the tree and the parser.
  if (arena.owns_everything()) {
    (void)tree.release();
    (void)parser.release();
  }
}

void build_tables(model::TerraformModule& m) {
  std::vector<std::size_t> var_files;
  for (std::size_t f = 0; f < m.parsed.size(); ++f) {
    const model::TerraformFile& file = m.parsed[f];
    if (file.vars_file) {
      var_files.push_back(f);
      continue;
    }
    for (const model::Block& b : file.blocks) {
      const std::string& t = b.type.value;
      if (t == "variable" && !b.labels.empty()) {
        m.variables.emplace(b.labels[0].value, model::BlockRef{f, &b});
      } else if (t == "locals") {
        for (const model::Attribute& a : b.attributes) m.locals.emplace(a.name.value, model::AttrRef{f, &a});
      } else if (t == "resource" && b.labels.size() >= 2) {
        m.resources.emplace(b.labels[0].value + "." + b.labels[1].value, model::BlockRef{f, &b});
      } else if (t == "data" && b.labels.size() >= 2) {
        m.data.emplace(b.labels[0].value + "." + b.labels[1].value, model::BlockRef{f, &b});
      }
    }
  }
  // terraform.tfvars, then *.auto.tfvars (lexical), then other var files; later files win.
  auto rank = [&](std::size_t f) {
    const std::string& p = m.files[f]->path();
    if (p == "terraform.tfvars" || p.ends_with("/terraform.tfvars")) return 0;
    if (p.ends_with(".auto.tfvars")) return 1;
    return 2;
  };
  std::stable_sort(var_files.begin(), var_files.end(),
                   [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
  for (std::size_t f : var_files) {
    for (const model::Attribute& a : m.parsed[f].attributes) m.tfvars[a.name.value] = model::AttrRef{f, &a};
  }
}

}  // namespace

TerraformModuleResult parse_terraform_module(std::string dir,
                                             std::vector<std::shared_ptr<const SourceFile>> files) {
  auto module = std::make_shared<model::TerraformModule>();
  module->dir = std::move(dir);
  module->files = std::move(files);
  TerraformModuleResult out;
  out.diagnostics.resize(module->files.size());
  module->parsed.resize(module->files.size());
  for (std::size_t i = 0; i < module->files.size(); ++i) {
    parse_file(*module->files[i], module->parsed[i], out.diagnostics[i]);
  }
  build_tables(*module);
  out.module = std::move(module);
  return out;
}

}  // namespace lintel::parsers
