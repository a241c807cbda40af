// The Dockerfile parser: one pass over the lines, BuildKit semantics
// (moby/buildkit frontend/dockerfile/parser and instructions; reference:
// https://docs.docker.com/reference/dockerfile/).
//
// Choices worth knowing:
// - Diagnostics (LNT001) are limited to input BuildKit itself rejects. Warnings BuildKit only lints
//   (legacy `ENV k v`, empty continuation lines, casing) are not parse errors. After an error the
//   parser keeps going and builds what it can.
// - An unknown variable stays as written in `expanded`/`resolved` (BuildKit would substitute "")
//   and marks the value unresolved, so rules can stay silent instead of guessing.
// - RUN, CMD and ENTRYPOINT in shell form are handed to parsers::parse_shell with the source text
//   rewritten in place (same length), so script spans are source spans. scripts[0] is the command
//   line only, with heredoc markers blanked (`cat <<EOF | sh` is the pipeline `cat | sh`); each
//   heredoc body is parsed on its own. A stage whose SHELL is not a POSIX shell (pwsh, cmd) gets
//   empty scripts: its RUN lines are not sh.
// - A RUN heredoc body is a script when BuildKit runs it as one (`RUN <<EOF`, unless its `#!` line
//   names another interpreter) or when it feeds a shell's stdin: `RUN bash -e <<EOF`,
//   `RUN sudo sh <<EOF`, `RUN cat <<EOF | sh` (read from scripts[0], so wrappers count). The body
//   of `RUN python3 <<EOF`, `RUN bash -c '…' <<EOF` or `RUN cat <<EOF >file` is data and gets an
//   empty script, so that scripts[1 + i] always belongs to heredocs[i].
// - An exec-form RUN runs no shell: unless it is `["sh", "-c", "…"]` (whose string is the script),
//   its JSON strings become a script of one command, so rules see `RUN ["sudo", "id"]` as they
//   see `RUN sudo id`.
// - `COPY --from=` and `RUN --mount=…,from=` values that name an image (they contain `:`, `/` or
//   `@`, so no stage name or index) get an ImageRef, resolved with the instruction's scope.
#include "parsers/dockerfile/parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "parsers/dockerfile/expand.hpp"
#include "parsers/dockerfile/lines.hpp"
#include "parsers/dockerfile/scripts.hpp"
#include "parsers/dockerfile/words.hpp"
#include "parsers/shell/parser.hpp"

namespace lintel::parsers {
namespace dockerfile {
namespace {

using model::InstructionKind;

struct KeywordEntry {
  std::string_view name;
  InstructionKind kind;
};
constexpr std::array<KeywordEntry, 18> kKeywords = {{
    {"ADD", InstructionKind::add},
    {"ARG", InstructionKind::arg},
    {"CMD", InstructionKind::cmd},
    {"COPY", InstructionKind::copy},
    {"ENTRYPOINT", InstructionKind::entrypoint},
    {"ENV", InstructionKind::env},
    {"EXPOSE", InstructionKind::expose},
    {"FROM", InstructionKind::from},
    {"HEALTHCHECK", InstructionKind::healthcheck},
    {"LABEL", InstructionKind::label},
    {"MAINTAINER", InstructionKind::maintainer},
    {"ONBUILD", InstructionKind::onbuild},
    {"RUN", InstructionKind::run},
    {"SHELL", InstructionKind::shell},
    {"STOPSIGNAL", InstructionKind::stopsignal},
    {"USER", InstructionKind::user},
    {"VOLUME", InstructionKind::volume},
    {"WORKDIR", InstructionKind::workdir},
}};

std::uint32_t u32(std::size_t n) { return static_cast<std::uint32_t>(n); }

// (perf: find() is memchr, which skips a line at a time; std::count went byte by byte.)
std::size_t count_newlines(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = s.find('\n'); i != std::string_view::npos; i = s.find('\n', i + 1)) ++n;
  return n;
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && lower(a) == lower(b);
}

InstructionKind kind_of(std::string_view keyword_upper) {
  if (keyword_upper.empty()) return InstructionKind::unknown;
  // (perf: the first letter rules out almost every entry without a string comparison.)
  for (const KeywordEntry& e : kKeywords)
    if (e.name.front() == keyword_upper.front() && e.name == keyword_upper) return e.kind;
  return InstructionKind::unknown;
}

bool has_json_form(InstructionKind k) {
  switch (k) {
    case InstructionKind::run:
    case InstructionKind::cmd:
    case InstructionKind::entrypoint:
    case InstructionKind::shell:
    case InstructionKind::add:
    case InstructionKind::copy:
    case InstructionKind::volume:
      return true;
    default:
      return false;
  }
}

bool runs_shell(InstructionKind k) {
  return k == InstructionKind::run || k == InstructionKind::cmd ||
         k == InstructionKind::entrypoint || k == InstructionKind::healthcheck;
}

// The length of a valid UTF-8 sequence starting at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  if (b >= 0xC2 && b <= 0xDF) {
    n = 2;
  } else if (b >= 0xE0 && b <= 0xEF) {
    n = 3;
  } else if (b >= 0xF0 && b <= 0xF4) {
    n = 4;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

// User text for a diagnostic message: valid UTF-8 (SARIF is JSON), no control characters, and
// short, whatever bytes the file holds.
std::string printable(std::string_view s, std::size_t max_chars = 60) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size(); ++chars) {
    if (chars == max_chars) return out + "...";
    const auto b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b < 0x7F) {
      out += s[i++];
    } else if (const std::size_t n = b >= 0x80 ? utf8_length(s, i) : 0; n > 0) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out += fmt::format("\\x{:02X}", b);
      ++i;
    }
  }
  return out;
}

// A heredoc marker (`<<EOF`, `<<-"EOF"`, `0<<EOF`) found in an instruction's line.
struct Marker {
  Range word;       // the whole marker, logical offsets
  Range delimiter;  // the part after `<<` / `<<-`
  std::string name;
  bool strip_tabs = false;
  bool quoted = false;
  bool reads_stdin = true;  // no file descriptor, or 0
};

// BuildKit's heredocsFromLine: every word of the line (backslash escapes, quotes kept) that
// matches `^(\d*)<<(-?)([^<]*)$` with a non-empty name is a heredoc.
std::vector<Marker> find_markers(std::string_view line, std::uint32_t from) {
  std::vector<Marker> markers;
  if (line.find("<<", from) == std::string_view::npos) return markers;
  const std::string_view tail = line.substr(from);
  for (const Range& r : split_raw_words(tail, '\\')) {
    const std::string_view word = r.of(tail);
    std::size_t i = 0;
    while (i < word.size() && word[i] >= '0' && word[i] <= '9') ++i;
    const std::string_view fd = word.substr(0, i);
    if (word.substr(i, 2) != "<<") continue;
    i += 2;
    const bool strip = i < word.size() && word[i] == '-';
    if (strip) ++i;
    const std::string_view rest = word.substr(i);
    if (rest.empty() || rest.find('<') != std::string_view::npos) continue;
    std::string name = unquote(rest, '\\');
    if (name.empty()) continue;
    const auto quotes = [](std::string_view s) {
      return std::count(s.begin(), s.end(), '\'') + std::count(s.begin(), s.end(), '"');
    };
    Marker m;
    m.word = {from + r.begin, from + r.end};
    m.delimiter = {from + r.begin + u32(i), from + r.end};
    m.quoted = quotes(rest) != quotes(name);
    m.name = std::move(name);
    m.strip_tabs = strip;
    m.reads_stdin = fd.find_first_not_of('0') == std::string_view::npos;
    markers.push_back(std::move(m));
  }
  return markers;
}

// An instruction as parsed from its line, plus the logical ranges the semantic pass needs.
struct Draft {
  model::Instruction ins;
  std::uint32_t keyword_begin = 0;                   // logical
  Range args;                                        // logical
  std::vector<Range> word_raw;                       // shell form: raw range of each word (logical)
  std::vector<std::optional<Range>> pair_value_raw;  // parallel to ins.pairs (logical)
  std::vector<JsonString> json;                      // exec form literals (logical ranges)
  std::optional<Range> shell;                        // shell-form command text (logical)
  std::vector<Marker> markers;                       // heredoc markers, parallel to ins.heredocs
  std::vector<Draft> inner;                          // ONBUILD: the wrapped instruction
};

struct StageState {
  VarMap args;
  VarMap env;
  bool posix_shell = true;
};

class Parser {
 public:
  Parser(const SourceFile& file, const std::map<std::string, std::string>* build_args)
      : text_(file.text()), build_args_(build_args) {}

  ParseResult<model::DockerfileDoc> run() {
    std::uint32_t start = 0;
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") start = 3;
    // Reserve for the likely number of instructions so the (large) Instruction values are not
    // moved again and again as the vector grows; bounded for files of many tiny lines.
    const std::size_t lines = count_newlines(text_);
    out_.doc.instructions.reserve(std::min(lines + 1, text_.size() / 16 + 16));
    LineReader reader(text_, start);
    PhysicalLine line;
    bool directives_done = false;
    while (reader.next(line)) {
      if (!directives_done && read_directive(line)) continue;
      directives_done = true;
      read_instruction(reader, line);
    }
    out_.doc.escape = escape_;
    return std::move(out_);
  }

 private:
  void diag(Span span, std::string message) {
    out_.diagnostics.push_back({span, std::move(message)});
  }
  [[nodiscard]] std::string_view logical() const { return line_.text(); }
  [[nodiscard]] Span span_of(Range r) const { return line_.source_span(r.begin, r.end); }
  [[nodiscard]] Span span_of(std::uint32_t b, std::uint32_t e) const {
    return line_.source_span(b, e);
  }

  // ---- parser directives -------------------------------------------------------------------

  // `# name = value` at the top of the file (BuildKit's
  // `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` for the keys syntax, escape and check). False
  // ends the directive section.
  bool read_directive(const PhysicalLine& line) {
    const std::uint32_t e = line.content_end;
    std::uint32_t i = skip_spaces(text_, line.begin, e);
    if (i >= e || text_[i] != '#') return false;
    i = skip_spaces(text_, i + 1, e);
    const std::uint32_t key_begin = i;
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (i >= e || !alpha(text_[i])) return false;
    while (i < e && (alpha(text_[i]) || (text_[i] >= '0' && text_[i] <= '9'))) ++i;
    const std::uint32_t key_end = i;
    i = skip_spaces(text_, i, e);
    if (i >= e || text_[i] != '=') return false;
    const std::uint32_t value_begin = skip_spaces(text_, i + 1, e);
    std::uint32_t value_end = e;
    while (value_end > value_begin && is_space(text_[value_end - 1])) --value_end;
    if (value_end == value_begin) return false;
    const std::string key = lower(text_.substr(key_begin, key_end - key_begin));
    if (key != "syntax" && key != "escape" && key != "check") return false;
    const std::string value(text_.substr(value_begin, value_end - value_begin));
    const Span value_span{value_begin, value_end};
    for (const model::Directive& d : out_.doc.directives) {
      if (d.name.value == key) {
        diag({line.begin, e}, fmt::format("only one {} parser directive can be used", key));
        return true;
      }
    }
    if (key == "escape") {
      if (value == "\\" || value == "`") {
        escape_ = value[0];
      } else {
        diag(value_span,
             fmt::format("invalid escape token '{}' does not match ` or \\", printable(value)));
      }
    }
    out_.doc.directives.push_back({{key, {key_begin, key_end}}, {value, value_span}});
    return true;
  }

  // ---- logical lines -----------------------------------------------------------------------

  void read_instruction(LineReader& reader, const PhysicalLine& first) {
    const std::uint32_t begin = skip_spaces(text_, first.begin, first.content_end);
    if (begin == first.content_end || text_[begin] == '#') return;  // blank or comment
    line_.reset(begin);
    ContinuationCut cut = cut_continuation(text_, begin, first.content_end, escape_);
    line_.append(text_.substr(begin, cut.content_end - begin), begin);
    while (cut.continues) {
      const std::uint32_t join_begin = cut.content_end;
      PhysicalLine next;
      if (!reader.next(next)) break;
      if (is_comment_or_blank_line(text_, next)) continue;
      line_.add_join({join_begin, next.begin});
      cut = cut_continuation(text_, next.begin, next.content_end, escape_);
      line_.append(text_.substr(next.begin, cut.content_end - next.begin), next.begin);
    }
    const std::string_view t = logical();
    std::uint32_t end = u32(t.size());
    while (end > 0 && is_space(t[end - 1])) --end;
    if (end == 0) return;  // only continuation characters

    Draft d = parse(0, 0);
    Span span{line_.source_at(d.keyword_begin), line_.source_at(end - 1) + 1};
    Draft& target = d.ins.kind == InstructionKind::onbuild && !d.inner.empty() ? d.inner[0] : d;
    if (can_contain_heredoc(target.ins)) {
      target.markers = find_markers(t, d.keyword_begin);
      if (!target.markers.empty()) span.end = read_heredocs(reader, target);
    }
    d.ins.span = span;
    for (Draft& inner : d.inner) inner.ins.span = {line_.source_at(inner.keyword_begin), span.end};
    apply(d);
    spare_word_raw_ = std::move(d.word_raw);
  }

  // A Draft's word_raw takes the storage the previous instruction's left behind (perf: one
  // allocation per file instead of one per instruction).
  std::vector<Range> reuse_word_raw() {
    std::vector<Range> ranges = std::move(spare_word_raw_);
    ranges.clear();
    return ranges;
  }

  static bool can_contain_heredoc(const model::Instruction& ins) {
    const bool kind = ins.kind == InstructionKind::run || ins.kind == InstructionKind::copy ||
                      ins.kind == InstructionKind::add;
    return kind && !ins.exec_form;
  }

  // Reads the bodies of `d.markers` from the lines after the instruction; returns where the
  // instruction ends (after the last delimiter line).
  std::uint32_t read_heredocs(LineReader& reader, Draft& d) {
    std::uint32_t end = reader.position();
    bool failed = false;
    for (const Marker& m : d.markers) {
      model::Heredoc h;
      h.delimiter = {m.name, span_of(m.delimiter)};
      h.strip_tabs = m.strip_tabs;
      h.quoted = m.quoted;
      const std::uint32_t body_begin = reader.position();
      std::uint32_t body_end = u32(text_.size());
      bool terminated = false;
      PhysicalLine line;
      while (!failed && reader.next(line)) {
        std::string_view content = text_.substr(line.begin, line.content_end - line.begin);
        if (m.strip_tabs)
          content.remove_prefix(std::min(content.find_first_not_of('\t'), content.size()));
        if (content == m.name) {
          terminated = true;
          body_end = line.begin;
          end = line.content_end;
          break;
        }
        h.body.value.append(content);
        if (text_[line.end - 1] == '\n') h.body.value += '\n';
      }
      if (!terminated && !failed) {
        failed = true;
        end = u32(text_.size());
        diag(span_of(m.word), fmt::format("unterminated heredoc: no line \"{}\" before the end "
                                          "of the file",
                                          printable(m.name)));
      }
      h.body.span = {std::min(body_begin, body_end), body_end};
      d.ins.heredocs.push_back(std::move(h));
    }
    return end;
  }

  // ---- structure ---------------------------------------------------------------------------

  // Parses the instruction starting at logical offset `start`; `depth` > 0 inside ONBUILD.
  Draft parse(std::uint32_t start, unsigned depth) {
    const std::string_view t = logical();
    const auto n = u32(t.size());
    Draft d;
    d.word_raw = reuse_word_raw();
    model::Instruction& ins = d.ins;
    std::uint32_t k0 = start;
    while (k0 < n && is_space(t[k0])) ++k0;
    std::uint32_t k1 = k0;
    while (k1 < n && !is_space(t[k1])) ++k1;
    d.keyword_begin = k0;
    ins.keyword = {upper(t.substr(k0, k1 - k0)), span_of(k0, k1)};
    ins.kind = kind_of(ins.keyword.value);
    if (ins.kind == InstructionKind::unknown)
      diag(ins.keyword.span,
           fmt::format("unknown instruction \"{}\"", printable(ins.keyword.value)));

    std::vector<RawFlag> flags;
    std::uint32_t a = extract_flags(t, k1, flags);
    for (RawFlag& f : flags) ins.flags.push_back(make_flag(f));
    a = skip_spaces(t, a, n);
    std::uint32_t e = n;
    while (e > a && is_space(t[e - 1])) --e;
    d.args = {a, e};
    ins.args = {std::string(t.substr(a, e - a)), span_of(a, e)};

    switch (ins.kind) {
      case InstructionKind::healthcheck:
        parse_healthcheck(d);
        break;
      case InstructionKind::onbuild:
        set_words(d, d.args);
        if (a < e && depth == 0) parse_onbuild(d);
        break;
      case InstructionKind::env:
      case InstructionKind::label:
        set_words(d, d.args);
        parse_name_values(d);
        break;
      case InstructionKind::arg:
        set_words(d, d.args);
        parse_arg_names(d);
        break;
      default:
        if (has_json_form(ins.kind) && try_exec_form(d, d.args)) break;
        set_words(d, d.args);
        if (runs_shell(ins.kind) && a < e) d.shell = d.args;
        if (ins.kind == InstructionKind::shell && a < e)
          diag(ins.args.span, "SHELL requires the arguments to be in JSON form");
        break;
    }
    return d;
  }

  model::Flag make_flag(const RawFlag& f) const {
    const std::string_view raw = f.raw.of(logical());
    model::Flag flag;
    flag.span = span_of(f.raw);
    const std::string_view word = std::string_view(f.word).substr(2);  // without `--`
    const std::size_t eq = word.find('=');
    const std::size_t raw_eq = raw.find('=');
    const std::uint32_t name_end =
        raw_eq == std::string_view::npos ? f.raw.end : f.raw.begin + u32(raw_eq);
    flag.name = {std::string(word.substr(0, eq)), span_of(f.raw.begin + 2, name_end)};
    if (eq != std::string_view::npos) {
      const std::uint32_t value_begin =
          raw_eq == std::string_view::npos ? f.raw.begin : name_end + 1;
      flag.value =
          Scalar<std::string>{std::string(word.substr(eq + 1)), span_of(value_begin, f.raw.end)};
    }
    return flag;
  }

  // Shell-form words: split on unquoted whitespace, quotes removed.
  // (perf: a RUN script of a few KB is hundreds of words, so a word with no quote or escape is
  // copied straight from the line, and spans come from a forward cursor, not a search each.)
  void set_words(Draft& d, Range r) {
    const std::string_view s = r.of(logical());
    std::vector<RawWord>& raw = scratch_words_;
    split_raw_words(s, escape_, raw);
    d.ins.words.reserve(d.ins.words.size() + raw.size());
    d.word_raw.reserve(d.word_raw.size() + raw.size());
    LogicalLine::Cursor spans = line_.cursor();
    for (const RawWord& w : raw) {
      const Range abs{r.begin + w.range.begin, r.begin + w.range.end};
      const std::string_view text = w.range.of(s);
      d.ins.words.push_back(
          {w.quoted ? unquote_quoted(text, escape_) : std::string(text), spans.span(abs.begin, abs.end)});
      d.word_raw.push_back(abs);
    }
  }

  // JSON exec form; false when `r` is not a JSON array (shell form).
  bool try_exec_form(Draft& d, Range r) {
    const std::string_view s = r.of(logical());
    if (s.empty() || s.front() != '[') return false;
    std::vector<JsonString> items;
    const JsonArray result = parse_json_array(s, items);
    if (result == JsonArray::not_json) return false;
    if (result == JsonArray::not_strings) {
      diag(span_of(r), "when using JSON array syntax, arrays must be comprised of strings only");
      return false;
    }
    d.ins.exec_form = true;
    for (JsonString& item : items) {
      item.literal = {r.begin + item.literal.begin, r.begin + item.literal.end};
      d.ins.words.push_back({item.value, span_of(item.literal)});
      d.json.push_back(std::move(item));
    }
    return true;
  }

  // `HEALTHCHECK [flags] CMD command` / `HEALTHCHECK NONE`: words[0] is the upper-cased type.
  void parse_healthcheck(Draft& d) {
    const std::string_view t = logical();
    model::Instruction& ins = d.ins;
    if (d.args.begin == d.args.end) return;
    std::uint32_t sep = d.args.begin;
    while (sep < d.args.end && !is_space(t[sep])) ++sep;
    const std::string type = upper(t.substr(d.args.begin, sep - d.args.begin));
    ins.words.push_back({type, span_of(d.args.begin, sep)});
    d.word_raw.push_back({d.args.begin, sep});
    const Range rest{skip_spaces(t, sep, d.args.end), d.args.end};
    if (type == "NONE") {
      if (rest.begin < rest.end) diag(ins.args.span, "HEALTHCHECK NONE takes no arguments");
      return;
    }
    if (type != "CMD") {
      diag(ins.words[0].span,
           fmt::format("unknown type \"{}\" in HEALTHCHECK (try CMD)", printable(type)));
      return;
    }
    if (rest.begin == rest.end) {
      diag(ins.args.span, "missing command after HEALTHCHECK CMD");
      return;
    }
    if (try_exec_form(d, rest)) return;
    set_words(d, rest);
    d.shell = rest;
  }

  void parse_onbuild(Draft& d) {
    Draft inner = parse(d.args.begin, 1);
    switch (inner.ins.kind) {
      case InstructionKind::onbuild:
        diag(inner.ins.keyword.span, "chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
        break;
      case InstructionKind::from:
      case InstructionKind::maintainer:
        diag(inner.ins.keyword.span,
             fmt::format("{} isn't allowed as an ONBUILD trigger", inner.ins.keyword.value));
        break;
      default:
        break;
    }
    d.inner.push_back(std::move(inner));
  }

  model::KeyValue make_pair(Range key, std::optional<Range> value, Range whole) {
    const std::string_view t = logical();
    model::KeyValue kv;
    kv.key = {unquote(key.of(t), escape_), span_of(key)};
    if (value) kv.value = Scalar<std::string>{unquote(value->of(t), escape_), span_of(*value)};
    kv.span = span_of(whole);
    return kv;
  }

  void add_pair(Draft& d, Range key, std::optional<Range> value, Range whole) {
    if (key.begin == key.end)
      diag(span_of(whole), fmt::format("{} names can not be blank", d.ins.keyword.value));
    d.ins.pairs.push_back(make_pair(key, value, whole));
    d.pair_value_raw.push_back(value);
  }

  // ENV and LABEL: `k=v ...`, or the legacy `k v` when the first word has no `=`.
  void parse_name_values(Draft& d) {
    const std::string_view t = logical();
    const std::string& kw = d.ins.keyword.value;
    const std::vector<Range>& words = d.word_raw;  // the words of the arguments
    if (words.empty()) {
      diag(d.ins.keyword.span, fmt::format("{} requires at least one argument", kw));
      return;
    }
    if (words[0].of(t).find('=') == std::string_view::npos) {
      std::uint32_t key_end = d.args.begin;
      while (key_end < d.args.end && !is_space(t[key_end])) ++key_end;
      const std::uint32_t value_begin = skip_spaces(t, key_end, d.args.end);
      if (value_begin == d.args.end) {
        diag(d.ins.args.span, fmt::format("{} must have two arguments", kw));
        add_pair(d, {d.args.begin, key_end}, std::nullopt, d.args);
        return;
      }
      add_pair(d, {d.args.begin, key_end}, Range{value_begin, d.args.end}, d.args);
      return;
    }
    d.ins.pairs.reserve(words.size());
    for (const Range& abs : words) {
      const std::size_t eq = abs.of(t).find('=');
      if (eq == std::string_view::npos) {
        diag(span_of(abs), fmt::format("can't find = in \"{}\": {} must be of the form "
                                       "name=value",
                                       printable(abs.of(t)), kw));
        add_pair(d, abs, std::nullopt, abs);
        continue;
      }
      const std::uint32_t at = abs.begin + u32(eq);
      add_pair(d, {abs.begin, at}, Range{at + 1, abs.end}, abs);
    }
  }

  // ARG: `NAME` or `NAME=value`, one or more.
  void parse_arg_names(Draft& d) {
    const std::string_view t = logical();
    const std::vector<Range>& words = d.word_raw;  // the words of the arguments
    if (words.empty()) diag(d.ins.keyword.span, "ARG requires at least one argument");
    d.ins.pairs.reserve(words.size());
    for (const Range& abs : words) {
      const std::size_t eq = abs.of(t).find('=');
      if (eq == std::string_view::npos) {
        add_pair(d, abs, std::nullopt, abs);
        continue;
      }
      const std::uint32_t at = abs.begin + u32(eq);
      add_pair(d, {abs.begin, at}, Range{at + 1, abs.end}, abs);
    }
  }

  // ---- semantics: stages, scopes, expansion ------------------------------------------------

  void apply(Draft& d) {
    model::Instruction& ins = d.ins;
    const auto index = u32(out_.doc.instructions.size());
    if (ins.kind == InstructionKind::from) {
      start_stage(d, index);
    } else {
      ins.stage = stage_;
      if (stage_ >= 0) {
        out_.doc.stages[static_cast<std::size_t>(stage_)].instructions.push_back(index);
      } else if (ins.kind == InstructionKind::arg) {
        out_.doc.global_args.push_back(index);
      } else if (ins.kind != InstructionKind::unknown) {
        diag(ins.keyword.span, fmt::format("{} before the first FROM: only ARG may come before "
                                           "it",
                                           ins.keyword.value));
      }
    }
    const Vars vars = scope_for(ins.kind);
    describe(d, vars, current_.posix_shell);
    switch (ins.kind) {
      case InstructionKind::arg:
        declare_args(d, vars);
        break;
      case InstructionKind::env:
        set_env(d, vars);
        break;
      case InstructionKind::shell:
        if (ins.exec_form && !ins.words.empty())
          current_.posix_shell = is_posix_shell(ins.words[0].value);
        break;
      default:
        break;
    }
    adopt_inner(d);
    out_.doc.instructions.push_back(std::move(d.ins));
  }

  // Moves the ONBUILD trigger into `Instruction::onbuild`.
  static void adopt_inner(Draft& d) {
    for (Draft& inner : d.inner) {
      adopt_inner(inner);
      d.ins.onbuild.push_back(std::move(inner.ins));
    }
  }

  [[nodiscard]] Vars scope_for(InstructionKind kind) const {
    if (stage_ < 0 || kind == InstructionKind::from) return {nullptr, &globals_};
    return {&current_.env, &current_.args};
  }

  // Fills what depends on variables and on the shell: expanded, user, ports, scripts. ONBUILD
  // triggers run in a later build, so nothing of this file's scope is known to them.
  void describe(Draft& d, const Vars& vars, bool posix_shell) {
    model::Instruction& ins = d.ins;
    const bool raw = (ins.exec_form && ins.kind != InstructionKind::add &&
                      ins.kind != InstructionKind::copy && ins.kind != InstructionKind::volume) ||
                     ins.kind == InstructionKind::onbuild;
    if (raw) {
      ins.expanded = ins.args.value;  // no shell, no substitution
    } else {
      // CMD, ENTRYPOINT and HEALTHCHECK run in the container, where ARGs no longer exist.
      const bool runtime = ins.kind == InstructionKind::cmd ||
                           ins.kind == InstructionKind::entrypoint ||
                           ins.kind == InstructionKind::healthcheck;
      const Vars scope = runtime ? Vars{vars.env, nullptr} : vars;
      Expansion e = expand(ins.args.value, escape_, Quotes::keep, &scope);
      ins.expanded = std::move(e.text);
      ins.unresolved = e.unresolved;
    }
    if (ins.kind == InstructionKind::user) parse_user(d, vars);
    if (ins.kind == InstructionKind::expose) parse_ports(d, vars);
    flag_images(ins, vars);
    build_scripts(d, posix_shell);
    for (const model::ShellScript& script : ins.scripts) {
      for (const model::ShellLimit& limit : script.limits) diag(limit.span, limit.message);
    }
    for (Draft& inner : d.inner) {
      inner.ins.stage = ins.stage;
      describe(inner, Vars{}, true);
    }
  }

  void start_stage(Draft& d, std::uint32_t index) {
    model::Instruction& ins = d.ins;
    if (stage_ >= 0) finished_[static_cast<std::size_t>(stage_)] = current_;
    model::Stage stage;
    stage.index = u32(out_.doc.stages.size());
    stage.from = index;
    const std::vector<Scalar<std::string>>& words = ins.words;
    if (words.empty()) {
      diag(ins.keyword.span, "FROM requires an image");
    } else {
      const bool named = words.size() == 3 && iequals(words[1].value, "as");
      if (words.size() != 1 && !named)
        diag(ins.args.span, "FROM requires either one or three arguments");
      stage.image = image_ref(d);
      if (named) {
        stage.name = words[2];
        // BuildKit lower-cases stage names; the first stage of a name is the one referenced.
        stage_names_.emplace(lower(words[2].value), static_cast<int>(stage.index));
        if (!is_valid_stage_name(lower(words[2].value)))
          diag(words[2].span, fmt::format("invalid name for build stage: \"{}\", name can't "
                                          "start with a number or contain symbols",
                                          printable(words[2].value)));
      }
    }
    stage_ = static_cast<int>(stage.index);
    ins.stage = stage_;
    current_ = StageState{};
    if (stage.image.stage_ref >= 0)
      current_ = finished_[static_cast<std::size_t>(stage.image.stage_ref)];
    current_.args.clear();  // ARGs are per stage; ENV and SHELL come with the base stage
    out_.doc.stages.push_back(std::move(stage));
    finished_.resize(out_.doc.stages.size());
  }

  static bool is_valid_stage_name(std::string_view name) {
    if (name.empty() || name[0] < 'a' || name[0] > 'z') return false;
    return std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
    });
  }

  model::ImageRef image_ref(const Draft& d) const {
    model::ImageRef image;
    const std::string_view raw = d.word_raw[0].of(logical());
    image.text = {std::string(raw), d.ins.words[0].span};
    const Vars globals{nullptr, &globals_};
    Expansion e = expand(raw, escape_, Quotes::remove, &globals);
    image.resolved = std::move(e.text);
    image.unresolved = e.unresolved;
    split_image_ref(image.resolved, image);
    image.is_scratch = iequals(image.resolved, "scratch");
    if (const auto it = stage_names_.find(lower(image.resolved)); it != stage_names_.end())
      image.stage_ref = it->second;
    return image;
  }

  // The value an ARG takes: a build arg from config, else its default, else (in a stage) the
  // global ARG of the same name.
  Var arg_value(const Draft& d, std::size_t i, const Vars& vars) const {
    const std::string& key = d.ins.pairs[i].key.value;
    if (build_args_) {
      if (const auto it = build_args_->find(key); it != build_args_->end())
        return {it->second, true};
    }
    if (const std::optional<Range>& raw = d.pair_value_raw[i]) {
      Expansion e = expand(raw->of(logical()), escape_, Quotes::remove, &vars);
      return {std::move(e.text), !e.unresolved};
    }
    if (stage_ >= 0) {
      if (const auto it = globals_.find(key); it != globals_.end()) return it->second;
    }
    return {};
  }

  // All values of one instruction are computed with the scope before it (as BuildKit does).
  void declare_args(const Draft& d, const Vars& vars) {
    std::vector<Var> values;
    for (std::size_t i = 0; i < d.ins.pairs.size(); ++i) values.push_back(arg_value(d, i, vars));
    VarMap& target = stage_ < 0 ? globals_ : current_.args;
    for (std::size_t i = 0; i < values.size(); ++i)
      target[d.ins.pairs[i].key.value] = std::move(values[i]);
  }

  void set_env(const Draft& d, const Vars& vars) {
    std::vector<Var> values;
    for (const std::optional<Range>& raw : d.pair_value_raw) {
      if (!raw) {
        values.push_back({});
        continue;
      }
      Expansion e = expand(raw->of(logical()), escape_, Quotes::remove, &vars);
      values.push_back({std::move(e.text), !e.unresolved});
    }
    for (std::size_t i = 0; i < values.size(); ++i)
      current_.env[d.ins.pairs[i].key.value] = std::move(values[i]);
  }

  // USER user[:group]; the first `:` outside `${...}` separates them.
  void parse_user(Draft& d, const Vars& vars) {
    const std::string_view t = logical();
    const Range r = d.args;
    if (r.begin == r.end) {
      diag(d.ins.keyword.span, "USER requires exactly one argument");
      return;
    }
    std::uint32_t colon = r.end;
    int braces = 0;
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      const char c = t[i];
      if (c == '$' && i + 1 < r.end && t[i + 1] == '{') {
        ++braces;
        ++i;
      } else if (c == '}' && braces > 0) {
        --braces;
      } else if (c == ':' && braces == 0) {
        colon = i;
        break;
      }
    }
    model::UserSpec user;
    const Range user_raw{r.begin, colon};
    user.user = {std::string(user_raw.of(t)), span_of(user_raw)};
    if (colon < r.end) {
      const Range group_raw{colon + 1, r.end};
      user.group = Scalar<std::string>{std::string(group_raw.of(t)), span_of(group_raw)};
    }
    Expansion e = expand(user_raw.of(t), escape_, Quotes::remove, &vars);
    if (!user.group) {
      if (const std::size_t c = e.text.find(':'); c != std::string::npos) e.text.resize(c);
    }
    user.resolved_user = std::move(e.text);
    user.unresolved = e.unresolved;
    d.ins.user = std::move(user);
  }

  // A decimal number, saturating instead of overflowing (so `99999999999999999999` is still out
  // of range rather than wrapped); nullopt when not all digits.
  static std::optional<std::uint64_t> parse_number(std::string_view s) {
    if (s.empty()) return std::nullopt;
    std::uint64_t n = 0;
    constexpr std::uint64_t kMax = ~std::uint64_t{0};
    for (const char c : s) {
      if (c < '0' || c > '9') return std::nullopt;
      const auto digit = static_cast<std::uint64_t>(c - '0');
      n = n > (kMax - digit) / 10 ? kMax : n * 10 + digit;
    }
    return n;
  }

  static model::PortSpec port_spec(Scalar<std::string> text, const Expansion& e) {
    model::PortSpec port;
    port.text = std::move(text);
    port.has_variable = e.has_variable;
    port.protocol = "tcp";
    std::string_view value = e.text;
    if (const std::size_t slash = value.rfind('/'); slash != std::string_view::npos) {
      const std::string_view proto = value.substr(slash + 1);
      if (!proto.empty() && proto.find('$') == std::string_view::npos) port.protocol = lower(proto);
      value = value.substr(0, slash);
    }
    if (e.unresolved) return port;
    const std::size_t dash = value.find('-');
    port.first = parse_number(value.substr(0, dash));
    port.last = dash == std::string_view::npos ? port.first : parse_number(value.substr(dash + 1));
    if (!port.first || !port.last) {
      port.first.reset();
      port.last.reset();
    }
    return port;
  }

  void parse_ports(Draft& d, const Vars& vars) {
    for (std::size_t i = 0; i < d.word_raw.size(); ++i) {
      const std::string_view raw = d.word_raw[i].of(logical());
      const Expansion e = expand(raw, escape_, Quotes::remove, &vars);
      d.ins.ports.push_back(port_spec({std::string(raw), d.ins.words[i].span}, e));
    }
  }

  // ---- shell scripts -----------------------------------------------------------------------

  // `blanks` are source spans inside `range` to hide from the shell (heredoc markers).
  model::ShellScript shell_script(Span range, bool posix_shell,
                                  const std::vector<Span>& blanks = {}) const {
    if (!posix_shell || range.empty()) {
      model::ShellScript empty;
      empty.span = range;
      return empty;
    }
    const auto inside = [range](const Span& b) {
      return b.begin >= range.begin && b.end <= range.end;
    };
    // (perf: most scripts need no rewriting; parse_shell copies what it keeps, so a view of the
    // source saves copying every script.)
    if (std::none_of(blanks.begin(), blanks.end(), inside) &&
        is_shell_text_verbatim(text_, range, line_.joins()))
      return parse_shell(text_.substr(range.begin, range.size()), range.begin);
    std::string text = shell_text(text_, range, line_.joins());
    for (const Span& b : blanks) {
      if (b.begin < range.begin || b.end > range.end) continue;
      const auto first = static_cast<std::ptrdiff_t>(b.begin - range.begin);
      const auto last = static_cast<std::ptrdiff_t>(b.end - range.begin);
      std::fill(text.begin() + first, text.begin() + last, ' ');
    }
    return parse_shell(text, range.begin);
  }

  void build_scripts(Draft& d, bool posix_shell) {
    model::Instruction& ins = d.ins;
    if (!runs_shell(ins.kind)) return;
    if (ins.exec_form) {
      if (!add_shell_c_script(d) && ins.kind == InstructionKind::run) add_command_script(d);
      return;
    }
    if (!d.shell) return;
    // The command line alone, heredoc markers blanked: tree-sitter-bash misreads a line with
    // several heredocs or with no command (`RUN <<EOF`), and the bodies get scripts of their own.
    std::vector<Span> markers;
    for (const Marker& m : d.markers) markers.push_back(span_of(m.word));
    ins.scripts.push_back(shell_script(span_of(*d.shell), posix_shell, markers));
    if (ins.kind != InstructionKind::run) return;
    const std::vector<bool> scripts = heredoc_scripts(d);
    for (std::size_t i = 0; i < ins.heredocs.size(); ++i) {
      const model::Heredoc& h = ins.heredocs[i];
      ins.scripts.push_back(shell_script(h.body.span, posix_shell && scripts[i]));
    }
  }

  // `["sh", "-c", "script"]`: the script string is shell. False for any other exec form.
  bool add_shell_c_script(Draft& d) {
    std::vector<std::string_view> values;
    for (const JsonString& j : d.json) values.push_back(j.value);
    const int index = shell_c_script_index(values);
    if (index < 0) return false;
    const JsonString& literal = d.json[static_cast<std::size_t>(index)];
    const Span span = span_of(literal.literal);
    const bool exact = literal.exact && span.size() == literal.literal.end - literal.literal.begin;
    if (exact) {
      d.ins.scripts.push_back(parse_shell(literal.value, span.begin + 1));
      return true;
    }
    model::ShellScript script = parse_shell(literal.value, 0);
    pin_spans(script, span);
    d.ins.scripts.push_back(std::move(script));
    return true;
  }

  // `RUN ["apt-get", "install", "curl"]`: no shell, so the strings are the command's words.
  void add_command_script(Draft& d) {
    std::vector<model::ShellWord> words;
    words.reserve(d.ins.words.size());
    for (const Scalar<std::string>& w : d.ins.words) words.push_back({w.value, w.span, true});
    d.ins.scripts.push_back(command_script(std::move(words), d.ins.args.span, text_));
  }

  // Which heredoc bodies of a shell-form RUN are shell scripts (see the file comment).
  [[nodiscard]] std::vector<bool> heredoc_scripts(const Draft& d) const {
    const model::Instruction& ins = d.ins;
    std::vector<bool> result(ins.heredocs.size(), false);
    const auto is_marker = [&d](const Range& r) {
      return std::any_of(d.markers.begin(), d.markers.end(), [&r](const Marker& m) {
        return m.word.begin == r.begin && m.word.end == r.end;
      });
    };
    if (ins.words.size() == 1 && d.markers.size() == 1 && is_marker(d.word_raw[0])) {
      result[0] = shebang_is_shell(ins.heredocs[0].body.value);
      return result;
    }
    if (ins.scripts.empty()) return result;
    for (std::size_t i = 0; i < result.size() && i < d.markers.size(); ++i)
      result[i] =
          d.markers[i].reads_stdin && feeds_shell(ins.scripts[0], span_of(d.markers[i].word));
    return result;
  }

  // Whether the heredoc whose marker sits at `marker` in the command line `line` (markers blanked)
  // is read by a shell as its script: the command the marker belongs to is a shell reading stdin
  // (`sh`, `bash -e`, `sudo bash -s`, `<<EOF bash`), or a bare `cat` piped straight into one
  // (`cat <<EOF | sh`).
  [[nodiscard]] bool feeds_shell(const model::ShellScript& line, Span marker) const {
    const model::ShellCommand* owner = marker_owner(line, marker);
    if (owner == nullptr) return false;
    if (reads_script_from_stdin(*owner)) return true;
    const auto run = model::follow_wrappers(*owner);
    if (!run || model::base_name(run->name->value) != "cat") return false;
    for (const model::ShellWord& w : run->args)
      if (w.value != "-" && w.value != "--" && w.value != "-u") return false;
    const model::ShellPipeline& pipe = line.pipelines[owner->pipeline];
    return std::any_of(pipe.commands.begin(), pipe.commands.end(), [&](std::uint32_t i) {
      const model::ShellCommand& next = line.commands[i];
      return next.pipe_position == owner->pipe_position + 1 && reads_script_from_stdin(next);
    });
  }

  // The top-level command a heredoc marker is a redirection of: the command before it when only
  // blanks (and line continuations) separate them (`cat <<EOF`, `cat > f <<EOF`), else the one
  // after it (`<<EOF bash`, `a && <<EOF sh`).
  [[nodiscard]] const model::ShellCommand* marker_owner(const model::ShellScript& line,
                                                        Span marker) const {
    const model::ShellCommand* before = nullptr;
    const model::ShellCommand* after = nullptr;
    for (const model::ShellCommand& c : line.commands) {
      if (c.depth != 0) continue;
      if (c.span.begin <= marker.begin) {
        before = &c;
      } else if (after == nullptr) {
        after = &c;
      }
    }
    if (before == nullptr) return after;
    if (before->span.end >= marker.begin) return before;
    const std::string gap =
        shell_text(text_, Span{before->span.end, marker.begin}, line_.joins());
    const bool blank = gap.find_first_not_of(" \t\r\n\\") == std::string::npos;
    return blank ? before : after;
  }

  // A POSIX shell (behind wrappers too) run without `-c` and without a script file operand, or
  // with `-s`: it reads its script from stdin. `sh -e -o pipefail`, `bash -s -- a b`, `sudo sh`.
  static bool reads_script_from_stdin(const model::ShellCommand& cmd) {
    const auto run = model::follow_wrappers(cmd);
    if (!run || !is_posix_shell(run->name->value)) return false;
    bool dash_s = false;
    for (std::size_t i = 0; i < run->args.size(); ++i) {
      const model::ShellWord& word = run->args[i];
      const std::string_view w = word.value;
      if (!word.is_literal) return dash_s;
      if (w == "-o" || w == "+o" || w == "--rcfile" || w == "--init-file") {
        ++i;
        continue;
      }
      if (w == "--" || w == "-") return dash_s || i + 1 == run->args.size();
      if (w.size() < 2 || (w[0] != '-' && w[0] != '+')) return dash_s;  // a script file
      if (w.starts_with("--")) continue;                                // --norc, --login
      if (w[0] == '-' && w.find('c') != std::string_view::npos) return false;
      if (w[0] == '-' && w.find('s') != std::string_view::npos) dash_s = true;
      if (w.back() == 'o' || w.back() == 'O') ++i;  // `-eo pipefail`: the option's name
    }
    return true;
  }

  // ---- images named by flags ---------------------------------------------------------------

  // `value` as an image reference when it names one: after expansion it contains `:`, `/` or `@`
  // (stage names and indexes contain none) and is no stage name.
  [[nodiscard]] std::optional<model::ImageRef> flag_image(std::string_view value, Span span,
                                                          const Vars& vars) const {
    model::ImageRef image;
    image.text = {std::string(value), span};
    Expansion e = expand(value, escape_, Quotes::remove, &vars);
    if (e.text.empty() || e.text.find_first_of(":/@") == std::string::npos) return std::nullopt;
    if (stage_names_.find(lower(e.text)) != stage_names_.end()) return std::nullopt;
    image.resolved = std::move(e.text);
    image.unresolved = e.unresolved;
    split_image_ref(image.resolved, image);
    return image;
  }

  // COPY `--from=<image>` and RUN `--mount=…,from=<image>`.
  void flag_images(model::Instruction& ins, const Vars& vars) const {
    for (const model::Flag& f : ins.flags) {
      if (!f.value) continue;
      const std::string_view value = f.value->value;
      if (ins.kind == InstructionKind::copy && f.name.value == "from") {
        ins.from_image = flag_image(value, f.value->span, vars);
        continue;
      }
      if (ins.kind != InstructionKind::run || f.name.value != "mount") continue;
      // The value's span maps byte for byte only when quote removal left it unchanged.
      const bool exact = f.value->span.size() == value.size();
      for (std::size_t start = 0; start <= value.size();) {
        const std::size_t end = std::min(value.find(',', start), value.size());
        const std::string_view field = value.substr(start, end - start);
        const std::size_t eq = field.find('=');
        if (eq != std::string_view::npos && iequals(field.substr(0, eq), "from")) {
          const auto begin = static_cast<std::uint32_t>(start + eq + 1);
          const Span span = exact ? Span{f.value->span.begin + begin,
                                         f.value->span.begin + static_cast<std::uint32_t>(end)}
                                  : f.value->span;
          if (auto image = flag_image(field.substr(eq + 1), span, vars))
            ins.mount_images.push_back(std::move(*image));
        }
        start = end + 1;
      }
    }
  }

  std::string_view text_;
  const std::map<std::string, std::string>* build_args_;
  ParseResult<model::DockerfileDoc> out_;
  char escape_ = '\\';
  LogicalLine line_;
  VarMap globals_;
  StageState current_;
  std::vector<StageState> finished_;  // each stage's scope at its end, for `FROM <stage>`
  std::map<std::string, int, std::less<>> stage_names_;  // lower-cased name -> stage index
  std::vector<RawWord> scratch_words_;  // reused by set_words to avoid an allocation per line
  std::vector<Range> spare_word_raw_;   // see reuse_word_raw()
  int stage_ = -1;
};

}  // namespace
}  // namespace dockerfile

ParseResult<model::DockerfileDoc> parse_dockerfile(
    const SourceFile& file, const std::map<std::string, std::string>* build_args) {
  return dockerfile::Parser(file, build_args).run();
}

}  // namespace lintel::parsers
