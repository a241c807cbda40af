#include "analyzer/engine/suppressions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <cctype>
#include <map>
#include <vector>

#include "analyzer/bytes16.hpp"
#include "analyzer/engine/rule_match.hpp"
#include "analyzer/model/pragma_markers.hpp"
#include "parsers/yaml/parser.hpp"

namespace lintel::engine {

namespace {

constexpr std::string_view kUnused = "LNT004";
constexpr std::string_view kUnknown = "LNT005";

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// A comment: where its marker (`#`, `//`) sits and the text after the marker.
struct Comment {
  std::uint32_t line = 0;
  std::uint32_t offset = 0;  // byte offset of the marker
  std::string_view body;     // after the marker, to the end of the line
  bool own_line = false;     // nothing but blanks before the marker
};

bool is_yaml_kind(FileKind k) {
  return k == FileKind::compose || k == FileKind::kubernetes || k == FileKind::workflow ||
         k == FileKind::action;
}

// The comment of one YAML line: `#` at the line start or after a blank, outside quoted scalars.
// A quote opens a scalar only where a token starts (`don't` has no string in it).
std::optional<std::size_t> yaml_comment(std::string_view line) {
  char quote = 0;
  char prev = ' ';
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (quote == '"' && c == '\\') {
        ++i;
      } else if (c == quote) {
        if (quote == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
          ++i;
        } else {
          quote = 0;
        }
      }
      prev = c;
      continue;
    }
    if (c == '#' && is_space(prev)) return i;
    if ((c == '\'' || c == '"') &&
        (is_space(prev) || prev == ':' || prev == '[' || prev == '{' || prev == ',' || prev == '-'))
      quote = c;
    prev = c;
  }
  return std::nullopt;
}

// `#` or `//` outside double-quoted strings (HCL), or anywhere (other text).
std::optional<std::size_t> hash_or_slashes(std::string_view line, bool strings) {
  bool in_string = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (strings && c == '"') {
      in_string = true;
      continue;
    }
    if (c == '#') return i;
    if (c == '/' && i + 1 < line.size() && line[i + 1] == '/') return i;
  }
  return std::nullopt;
}

std::vector<Comment> find_comments(const SourceFile& source, FileKind kind) {
  std::vector<Comment> out;
  const LineIndex& lines = source.lines();
  for (std::uint32_t n = 1; n <= lines.line_count(); ++n) {
    const std::string_view line = source.line_text(n);
    std::optional<std::size_t> at;
    if (kind == FileKind::dockerfile) {
      const auto first = line.find_first_not_of(" \t");
      if (first != std::string_view::npos && line[first] == '#') at = first;
    } else if (is_yaml_kind(kind)) {
      at = yaml_comment(line);
    } else {
      at = hash_or_slashes(line, kind == FileKind::terraform || kind == FileKind::terraform_vars);
    }
    if (!at) continue;
    Comment c;
    c.line = n;
    c.offset = lines.line_start(n) + static_cast<std::uint32_t>(*at);
    const std::size_t marker = line[*at] == '#' ? 1 : 2;
    c.body = line.substr(*at + marker);
    c.own_line = trim(line.substr(0, *at)).empty();
    out.push_back(c);
  }
  return out;
}

// Lines and the last line of the construct that starts on them: a Dockerfile instruction with
// its continuations, a YAML key with its whole value, an HCL block or attribute.
class Constructs {
 public:
  Constructs(const Document& doc, bool needs_yaml) {
    const SourceFile& src = doc.source;
    const auto note = [&](Span s) {
      if (s.end <= s.begin) return;
      const std::uint32_t first = src.position(s.begin).line;
      const std::uint32_t last = src.position(s.end - 1).line;
      auto& slot = last_[first];
      slot = std::max({slot, first, last});
    };
    if (const auto* df = std::get_if<model::DockerfileDoc>(&doc.model)) {
      for (const auto& ins : df->instructions) note(ins.span);
    } else if (const auto* tf = std::get_if<model::TerraformDoc>(&doc.model)) {
      if (tf->module && tf->file < tf->module->parsed.size()) {
        const auto& file = tf->module->parsed[tf->file];
        for (const auto& b : file.blocks) note_block(b, note);
        for (const auto& a : file.attributes) note(a.span);
      }
    } else if (needs_yaml && is_yaml_kind(doc.kind)) {
      const auto parsed = parsers::parse_yaml(src);
      for (const auto& d : parsed.doc) note_yaml(d.root, note);
    }
  }

  // The last line of what starts on `line` (the line itself when nothing does).
  [[nodiscard]] std::uint32_t last_line(std::uint32_t line) const {
    const auto it = last_.find(line);
    return it == last_.end() ? line : it->second;
  }

 private:
  template <class Note>
  void note_block(const model::Block& b, const Note& note, bool top = true) {
    note(b.span);
    for (const auto& a : b.attributes) note(a.span);
    for (const auto& child : b.blocks) note_block(child, note, false);
    if (top) top_spans_.push_back(b.span);
  }

  template <class Note>
  void note_yaml(const model::yaml::Node& node, const Note& note) {
    if (node.is_mapping()) {
      for (const auto& kv : node.pairs()) {
        if (kv.inherited) continue;
        const Span k = kv.key.span();
        const Span v = kv.value.span();
        note(Span{k.begin, std::max(k.end, v.end)});
        note_yaml(kv.value, note);
      }
    } else if (node.is_sequence()) {
      for (const auto& item : node.items()) {
        note(item.span());
        note_yaml(item, note);
      }
    }
  }

  std::map<std::uint32_t, std::uint32_t> last_;

 public:
  std::vector<Span> top_spans_;  // top-level HCL blocks
};

struct Reader {
  const Document& doc;
  std::span<const Rule* const> rules;
  std::vector<Comment> comments;
  std::vector<InlineSuppression> out;
  // Directives that cover "the next construct": resolved once every comment is read.
  std::vector<std::size_t> next_construct;
  std::vector<std::size_t> enclosing;  // checkov in HCL: the block around the comment

  [[nodiscard]] bool is_comment_line(std::uint32_t line) const {
    return std::any_of(comments.begin(), comments.end(),
                       [&](const Comment& c) { return c.line == line && c.own_line; });
  }

  // The first line after `line` with content that is not a comment of its own.
  [[nodiscard]] std::uint32_t next_content_line(std::uint32_t line) const {
    const std::uint32_t count = doc.source.lines().line_count();
    for (std::uint32_t n = line + 1; n <= count; ++n) {
      if (trim(doc.source.line_text(n)).empty() || is_comment_line(n)) continue;
      return n;
    }
    return line + 1;
  }

  std::vector<const Rule*> peer_rules(std::string_view tool, std::string_view id) const {
    std::vector<const Rule*> found;
    for (const Rule* r : rules) {
      for (const PeerId& p : r->meta.peers) {
        if (!iequals(p.tool, tool)) continue;
        // KICS pragmas name the query's full UUID; lintel records its first segment.
        const bool match = tool == "kics" ? istarts_with(id, p.id) : iequals(p.id, id);
        if (match) {
          found.push_back(r);
          break;
        }
      }
    }
    return found;
  }

  InlineSuppression& start(const Comment& c, std::string tool, std::size_t pragma_at,
                           std::size_t pragma_len) {
    InlineSuppression s;
    s.tool = std::move(tool);
    const auto body_offset =
        static_cast<std::uint32_t>(c.body.data() - doc.source.text().data());
    s.comment = Span{body_offset + static_cast<std::uint32_t>(pragma_at),
                     body_offset + static_cast<std::uint32_t>(pragma_at + pragma_len)};
    s.comment_line = c.line;
    s.first_line = s.last_line = c.line;
    out.push_back(std::move(s));
    return out.back();
  }

  // Line scope: a comment of its own covers the next construct, a trailing one its own line.
  void cover_line_or_next(const Comment& c) {
    if (c.own_line) next_construct.push_back(out.size() - 1);
  }

  void add_peer_tokens(InlineSuppression& s, std::string_view list, std::string_view separators) {
    std::size_t pos = 0;
    while (pos < list.size()) {
      const auto end = list.find_first_of(separators, pos);
      std::string_view tok = trim(list.substr(pos, end == std::string_view::npos ? end : end - pos));
      pos = end == std::string_view::npos ? list.size() : end + 1;
      if (tok.empty()) continue;
      if (s.tool == "trivy" && istarts_with(tok, "AVD-")) tok.remove_prefix(4);
      InlineSuppression::Token t;
      t.text = std::string(tok);
      t.rules = peer_rules(s.tool, tok);
      s.tokens.push_back(std::move(t));
    }
  }

  void read_lintel(const Comment& c, std::string_view body, std::size_t at) {
    std::size_t len = 13;  // "lintel:ignore" or "lintel-ignore"
    bool file = false;
    if (istarts_with(body.substr(at + len), "-file")) {
      file = true;
      len += 5;
    }
    std::string_view rest = body.substr(at + len);
    if (!rest.empty() && !is_space(rest.front()) && rest.front() != '=' && rest.front() != ':')
      return;  // `lintel:ignored`, not a pragma
    InlineSuppression& s = start(c, "lintel", at, body.size() - at);
    s.file_wide = file;
    if (!rest.empty() && (rest.front() == '=' || rest.front() == ':')) rest.remove_prefix(1);
    rest = trim(rest);
    // Tokens: a comma-separated list (blanks allowed after commas), then the reason.
    const auto is_token_char = [](char ch) {
      return std::isalnum(static_cast<unsigned char>(ch)) != 0 || ch == '_' || ch == '-' ||
             ch == ':' || ch == '.';
    };
    for (;;) {
      std::size_t n = 0;
      while (n < rest.size() && is_token_char(rest[n])) ++n;
      std::string_view tok = rest.substr(0, n);
      rest.remove_prefix(n);
      bool trailing_colon = false;
      if (tok.ends_with(':')) {
        tok.remove_suffix(1);
        trailing_colon = true;
      }
      if (!tok.empty()) {
        InlineSuppression::Token t;
        t.text = std::string(tok);
        t.rules = match_rules(tok, rules);
        s.tokens.push_back(std::move(t));
      }
      const std::string_view after = trim(rest);
      if (!trailing_colon && !after.empty() && after.front() == ',') {
        rest = trim(after.substr(1));
        continue;
      }
      rest = after;
      break;
    }
    while (!rest.empty() && (rest.front() == ':' || rest.front() == '-' || rest.front() == '#' ||
                             is_space(rest.front())))
      rest.remove_prefix(1);
    s.justification = std::string(trim(rest));
    s.all_rules = s.tokens.empty();
    if (!file) cover_line_or_next(c);
  }

  void read_comment(const Comment& c) {
    const std::string_view body = c.body;
    const std::string_view t = trim(body);
    const std::size_t lead = t.empty() ? 0 : static_cast<std::size_t>(t.data() - body.data());
    if (const auto at = body.find("lintel:ignore"); at != std::string_view::npos) {
      read_lintel(c, body, at);
      return;
    }
    if (const auto at = body.find("lintel-ignore"); at != std::string_view::npos) {
      read_lintel(c, body, at);
      return;
    }
    if (istarts_with(t, "hadolint ")) {
      std::string_view rest = trim(t.substr(9));
      bool global = false;
      if (istarts_with(rest, "global ")) {
        global = true;
        rest = trim(rest.substr(7));
      }
      if (!istarts_with(rest, "ignore=")) return;
      rest.remove_prefix(7);
      const auto hash = rest.find('#');
      const std::string_view list = trim(rest.substr(0, hash));
      InlineSuppression& s = start(c, "hadolint", lead, t.size());
      if (hash != std::string_view::npos) s.justification = std::string(trim(rest.substr(hash + 1)));
      add_peer_tokens(s, list, ", ");
      s.file_wide = global;
      if (!global) cover_line_or_next(c);
      return;
    }
    if (istarts_with(t, "checkov:skip=")) {
      std::string_view rest = t.substr(13);
      const auto colon = rest.find(':');
      InlineSuppression& s = start(c, "checkov", lead, t.size());
      if (colon != std::string_view::npos) s.justification = std::string(trim(rest.substr(colon + 1)));
      add_peer_tokens(s, rest.substr(0, colon), ", ");
      if (doc.kind == FileKind::terraform) {
        enclosing.push_back(out.size() - 1);
      } else {
        s.file_wide = true;  // Checkov applies a Dockerfile skip to the whole file
      }
      return;
    }
    if (istarts_with(t, "kics-scan ")) {
      const std::string_view rest = trim(t.substr(10));
      if (istarts_with(rest, "ignore-line")) {
        InlineSuppression& s = start(c, "kics", lead, t.size());
        s.all_rules = true;
        s.first_line = s.last_line = next_content_line(c.line);
      } else if (istarts_with(rest, "ignore-block")) {
        start(c, "kics", lead, t.size()).all_rules = true;
        next_construct.push_back(out.size() - 1);
      } else if (rest == "ignore") {
        InlineSuppression& s = start(c, "kics", lead, t.size());
        s.all_rules = true;
        s.file_wide = true;
      } else if (istarts_with(rest, "disable=")) {
        InlineSuppression& s = start(c, "kics", lead, t.size());
        s.file_wide = true;
        add_peer_tokens(s, rest.substr(8), ", ");
      }
      return;
    }
    for (const std::string_view prefix : {std::string_view("trivy:ignore:"), std::string_view("tfsec:ignore:")}) {
      if (!istarts_with(t, prefix)) continue;
      std::string_view id = t.substr(prefix.size());
      // `id[attr=value]:exp:2026-12-31` and a trailing reason: the ID is what comes first.
      id = id.substr(0, id.find_first_of("[: \t"));
      InlineSuppression& s = start(c, "trivy", lead, t.size());
      add_peer_tokens(s, id, ",");
      cover_line_or_next(c);
      return;
    }
    if (istarts_with(t, "tflint-ignore-file:") || istarts_with(t, "tflint-ignore:")) {
      const bool file = istarts_with(t, "tflint-ignore-file:");
      std::string_view rest = t.substr(file ? 19 : 14);
      const auto hash = rest.find('#');
      InlineSuppression& s = start(c, "tflint", lead, t.size());
      if (hash != std::string_view::npos) s.justification = std::string(trim(rest.substr(hash + 1)));
      rest = trim(rest.substr(0, hash));
      if (rest == "all") {
        s.all_rules = true;
      } else {
        add_peer_tokens(s, rest, ", ");
      }
      s.file_wide = file;
      if (!file) cover_line_or_next(c);
      return;
    }
    if (istarts_with(t, "zizmor:")) {
      std::string_view rest = trim(t.substr(7));
      if (!istarts_with(rest, "ignore[")) return;
      rest.remove_prefix(7);
      const auto close = rest.find(']');
      if (close == std::string_view::npos) return;
      InlineSuppression& s = start(c, "zizmor", lead, t.size());
      s.within_span = true;
      add_peer_tokens(s, rest.substr(0, close), ", ");
      s.justification = std::string(trim(rest.substr(close + 1)));
      return;
    }
    if (istarts_with(t, "dclint ")) {
      const std::string_view rest = trim(t.substr(7));
      if (istarts_with(rest, "disable-file")) {
        InlineSuppression& s = start(c, "dclint", lead, t.size());
        s.all_rules = true;
        s.file_wide = true;
      } else if (istarts_with(rest, "disable-line")) {
        InlineSuppression& s = start(c, "dclint", lead, t.size());
        const std::string_view list = trim(rest.substr(12));
        if (list.empty()) {
          s.all_rules = true;
        } else {
          add_peer_tokens(s, list, ", ");
        }
        cover_line_or_next(c);
      } else if (rest == "disable" || istarts_with(rest, "disable ")) {
        InlineSuppression& s = start(c, "dclint", lead, t.size());
        s.file_wide = true;
        const std::string_view list = trim(rest.substr(7));
        if (list.empty()) {
          s.all_rules = true;
        } else {
          add_peer_tokens(s, list, ", ");
        }
      }
      return;
    }
  }

  // Secret-scanner allow markers work anywhere on the line, comment or not.
  void read_secret_markers() {
    const SourceFile& src = doc.source;
    const std::uint32_t count = src.lines().line_count();
    for (std::uint32_t n = 1; n <= count; ++n) {
      const std::string_view line = src.line_text(n);
      if (line.find(':') == std::string_view::npos) continue;
      struct Marker {
        std::string_view text;
        std::string_view tool;
        bool next_line;
      };
      static constexpr std::array<Marker, 4> kMarkers = {{
          {"gitleaks:allow", "gitleaks", false},
          {"trufflehog:ignore", "trufflehog", false},
          {"pragma: allowlist nextline secret", "detect-secrets", true},
          {"pragma: allowlist secret", "detect-secrets", false},
      }};
      for (const Marker& m : kMarkers) {
        const auto at = line.find(m.text);
        if (at == std::string_view::npos) continue;
        Comment c;
        c.line = n;
        c.offset = src.lines().line_start(n);
        c.body = line;
        InlineSuppression& s = start(c, std::string(m.tool), at, m.text.size());
        s.secrets_only = true;
        if (m.next_line) s.first_line = s.last_line = n + 1;
        break;
      }
    }
  }

  // Kubernetes object annotations: `ignore-check.kube-linter.io/<check>: "why"`,
  // `kube-linter.io/ignore-all`, and Checkov's `checkov.io/skipN: CKV_K8S_20=why`. Each covers
  // the object (the YAML document) that carries it.
  void read_k8s_annotations() {
    const std::string_view text = doc.source.text();
    if (doc.kind != FileKind::kubernetes) return;
    if (text.find("kube-linter.io/") == std::string_view::npos &&
        text.find("checkov.io/skip") == std::string_view::npos)
      return;
    const auto parsed = parsers::parse_yaml(doc.source);
    for (const auto& d : parsed.doc) {
      const auto annotations = d.root.find("metadata").find("annotations");
      if (!annotations.is_mapping()) continue;
      const Span span = d.span.end > d.span.begin ? d.span : d.root.span();
      if (span.end <= span.begin) continue;
      const std::uint32_t first = doc.source.position(span.begin).line;
      const std::uint32_t last = doc.source.position(span.end - 1).line;
      for (const auto& kv : annotations.pairs()) {
        const std::string_view key = kv.key.text();
        const std::string_view value = kv.value.text();
        InlineSuppression s;
        s.comment = kv.key.span();
        s.comment_line = doc.source.position(s.comment.begin).line;
        s.first_line = first;
        s.last_line = last;
        if (key.starts_with("ignore-check.kube-linter.io/")) {
          s.tool = "kube-linter";
          add_peer_tokens(s, key.substr(28), ",");
          s.justification = std::string(trim(value));
        } else if (key == "kube-linter.io/ignore-all") {
          s.tool = "kube-linter";
          s.all_rules = true;
          s.justification = std::string(trim(value));
        } else if (key.starts_with("checkov.io/skip")) {
          s.tool = "checkov";
          const auto eq = value.find('=');
          add_peer_tokens(s, trim(value.substr(0, eq)), ",");
          if (eq != std::string_view::npos) s.justification = std::string(trim(value.substr(eq + 1)));
        } else {
          continue;
        }
        out.push_back(std::move(s));
      }
    }
  }

  void resolve_scopes() {
    bool needs_constructs = !next_construct.empty() || !enclosing.empty();
    if (!needs_constructs) return;
    const Constructs constructs(doc, !next_construct.empty());
    for (const std::size_t i : next_construct) {
      InlineSuppression& s = out[i];
      s.first_line = next_content_line(s.comment_line);
      s.last_line = constructs.last_line(s.first_line);
    }
    for (const std::size_t i : enclosing) {
      InlineSuppression& s = out[i];
      bool found = false;
      for (const Span b : constructs.top_spans_) {
        if (b.end <= b.begin) continue;
        const std::uint32_t first = doc.source.position(b.begin).line;
        const std::uint32_t last = doc.source.position(b.end - 1).line;
        if (first <= s.comment_line && s.comment_line <= last) {
          s.first_line = first;
          s.last_line = last;
          found = true;
          break;
        }
      }
      if (!found) {
        // Above a block rather than inside it: the block that follows.
        s.first_line = next_content_line(s.comment_line);
        s.last_line = constructs.last_line(s.first_line);
      }
    }
  }
};

// Quick test: no pragma marker anywhere in the text means no suppression to read. Every file
// goes through it, so it is one pass, 16 bytes at a time (perf: a find() per marker was 14
// passes, a sixth of a secrets-only scan; a byte loop, 12 instructions a byte): the offsets
// where a marker's first byte is followed by a marker's second byte (about 1% of them in the
// real-world corpus) are the only ones worth a comparison. When the secret rules run, their
// scanner has already answered (SecretScan::pragma_markers).
using model::pragma_at;

using bytes16::Bytes16;

// The distinct first two bytes of the markers.
constexpr std::size_t kPragmaPairCount = [] {
  std::vector<std::string_view> pairs;
  for (const std::string_view m : model::kPragmaMarkers)
    if (std::find(pairs.begin(), pairs.end(), m.substr(0, 2)) == pairs.end()) pairs.push_back(m.substr(0, 2));
  return pairs.size();
}();
constexpr std::array<std::string_view, kPragmaPairCount> kPragmaPairs = [] {
  std::array<std::string_view, kPragmaPairCount> pairs{};
  std::size_t n = 0;
  for (const std::string_view m : model::kPragmaMarkers)
    if (std::find(pairs.begin(), pairs.begin() + n, m.substr(0, 2)) == pairs.begin() + n)
      pairs[n++] = m.substr(0, 2);
  return pairs;
}();

bool may_have_pragmas(std::string_view text) {
  const char* const data = text.data();
  const std::size_t n = text.size();
  std::size_t i = 0;
  for (; i + 17 <= n; i += 16) {
    const Bytes16 a = bytes16::load(data + i);
    const Bytes16 b = bytes16::load(data + i + 1);
    Bytes16 hit{};
    for (const auto& pair : kPragmaPairs)
      hit |= bytes16::equal_to(a, pair[0]) & bytes16::equal_to(b, pair[1]);
    if (bytes16::first_hit(hit) == 16) continue;
    for (std::size_t k = 0; k < 16; ++k)
      if (hit[k] != 0 && pragma_at(text, i + k)) return true;
  }
  for (; i + 1 < n; ++i)
    if (pragma_at(text, i)) return true;
  return false;
}

bool covers_location(const InlineSuppression& s, const Finding& f) {
  if (s.file_wide) return true;
  if (!f.span) return false;
  if (s.within_span) {
    const Span sp = *f.span;
    return (sp.begin <= s.comment.begin && s.comment.begin < sp.end) ||
           f.start.line == s.comment_line;
  }
  return s.first_line <= f.start.line && f.start.line <= s.last_line;
}

bool is_suppression_rule(std::string_view id) { return id == kUnused || id == kUnknown; }

}  // namespace

std::vector<InlineSuppression> find_inline_suppressions(const Document& doc,
                                                        std::span<const Rule* const> rules) {
  const bool markers = doc.secrets != nullptr ? doc.secrets->pragma_markers
                                              : may_have_pragmas(doc.source.text());
  if (!markers) return {};
  Reader reader{doc, rules, find_comments(doc.source, doc.kind), {}, {}, {}};
  for (const Comment& c : reader.comments) reader.read_comment(c);
  reader.read_secret_markers();
  reader.read_k8s_annotations();
  reader.resolve_scopes();
  return std::move(reader.out);
}

std::vector<SuppressionDiagnostic> apply_inline_suppressions(
    std::vector<InlineSuppression>& suppressions, std::vector<Finding>& findings,
    const std::function<bool(const Rule&)>& ran) {
  for (Finding& f : findings) {
    if (is_suppression_rule(f.rule_id)) continue;
    for (InlineSuppression& s : suppressions) {
      if (!covers_location(s, f)) continue;
      bool hit = false;
      if (s.all_rules) {
        hit = true;
      } else if (s.secrets_only) {
        hit = f.rule_id.starts_with("SEC");
      } else {
        for (InlineSuppression::Token& t : s.tokens) {
          const bool names = std::any_of(t.rules.begin(), t.rules.end(), [&](const Rule* r) {
            return r->meta.id.view() == f.rule_id;
          });
          if (names) {
            t.used = true;
            hit = true;
          }
        }
      }
      if (!hit) continue;
      s.used = true;
      if (!f.suppressed())
        f.suppressions.push_back({Suppression::Kind::in_source, s.justification});
    }
  }

  std::vector<SuppressionDiagnostic> out;
  for (const InlineSuppression& s : suppressions) {
    const bool own = s.tool == "lintel";
    std::vector<std::string> unused;
    for (const InlineSuppression::Token& t : s.tokens) {
      if (t.rules.empty()) {
        if (own)
          out.push_back({std::string(kUnknown), s.comment,
                         fmt::format("suppression names unknown rule \"{}\"", t.text)});
        continue;
      }
      const bool any_ran = std::any_of(t.rules.begin(), t.rules.end(),
                                       [&](const Rule* r) { return ran(*r); });
      if (!t.used && any_ran) unused.push_back(t.text);
    }
    if (!unused.empty()) {
      out.push_back({std::string(kUnused), s.comment,
                     fmt::format("unused suppression: {} reported nothing {}",
                                 fmt::join(unused, ", "), s.file_wide ? "in this file" : "here")});
    } else if (own && s.all_rules && !s.used) {
      out.push_back({std::string(kUnused), s.comment,
                     fmt::format("unused suppression: no rule reported anything {}",
                                 s.file_wide ? "in this file" : "here")});
    }
  }
  return out;
}

}  // namespace lintel::engine
