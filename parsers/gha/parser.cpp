// Workflow and action metadata YAML to model::WorkflowDoc.
//
// Heuristics and trade-offs worth knowing:
// - The first YAML document is the workflow; GitHub reads no other. A document whose root has
//   `runs` and no `jobs` is an action metadata file, anything else a workflow.
// - The parser reports no schema errors (that is actionlint's job): a key of the wrong shape is
//   left out of the model, and rules treat every field as possibly absent. Only YAML syntax
//   errors become diagnostics.
// - Positions inside scalars go through yaml::Node::source_offset, whose cost grows with the
//   offset. OffsetMap caches exact anchors and walks forward from the nearest one while the
//   value and the source agree (across line breaks too in literal block scalars, where the
//   value is the lines minus their indentation), so mapping a whole `run:` script is linear;
//   a per-file budget bounds the work on hostile input, after which positions fall back to the
//   value's span.
// - `run:` is parsed as a shell script only for POSIX shells. Each `${{ … }}` is replaced, at
//   the same length, by `${___…}`, a parameter expansion: the shell model then sees an unknown
//   word exactly where the expression was, so nothing derived from it looks literal.
#include "parsers/gha/parser.hpp"

#include <algorithm>
#include <utility>

#include "parsers/dockerfile/parser.hpp"
#include "parsers/gha/expression.hpp"
#include "parsers/shell/parser.hpp"
#include "parsers/yaml/parser.hpp"

namespace lintel::parsers {
namespace {

using model::yaml::Node;
namespace gha = model::gha;

// Total value bytes the uncached source_offset lookups of one file may walk.
constexpr std::uint64_t kOffsetBudget = 64u << 20;
// Steps and jobs beyond these counts are not modelled (GitHub allows 256 jobs; steps have no
// documented limit but real jobs have dozens).
constexpr std::size_t kMaxJobs = 4096;
constexpr std::size_t kMaxSteps = 4096;

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Maps offsets in a scalar's value to source offsets; see the file comment.
class OffsetMap {
 public:
  OffsetMap(std::string_view source, Node node, std::uint64_t& budget)
      : source_(source),
        node_(node),
        value_(node.text()),
        literal_(node.style() == model::yaml::ScalarStyle::literal),
        folded_(node.style() == model::yaml::ScalarStyle::folded),
        // An escape can start with the very character it stands for (a doubled backslash or
        // quote), so a byte-for-byte walk through a quoted scalar could drift: ask the tree.
        walkable_(node.style() != model::yaml::ScalarStyle::single_quoted &&
                  node.style() != model::yaml::ScalarStyle::double_quoted),
        indent_(node.block_indent()),
        budget_(budget) {}

  std::optional<std::uint32_t> at(std::uint32_t v) {
    if (v >= value_.size()) return std::nullopt;
    auto it = std::upper_bound(anchors_.begin(), anchors_.end(), v,
                               [](std::uint32_t x, const Anchor& a) { return x < a.value; });
    if (walkable_ && it != anchors_.begin()) {
      if (const auto s = extend(*(it - 1), v)) {
        remember(v, *s, it);
        return s;
      }
    }
    if (!charge(v + 1u)) return std::nullopt;
    const auto s = node_.source_offset(source_, v);
    if (s) remember(v, *s, it);
    return s;
  }

  // [b, e) of the value in the source, when both ends are exact.
  std::optional<Span> span(std::uint32_t b, std::uint32_t e) {
    const auto sb = at(b);
    if (!sb) return std::nullopt;
    if (e <= b) return Span{*sb, *sb};
    const auto se = at(e - 1);
    if (!se || *se < *sb) return std::nullopt;
    return Span{*sb, *se + 1};
  }

 private:
  struct Anchor {
    std::uint32_t value;
    std::uint32_t source;
  };
  using Iter = std::vector<Anchor>::iterator;

  bool charge(std::uint64_t cost) {
    if (budget_ < cost) return false;
    budget_ -= cost;
    return true;
  }

  // Walks from an exact anchor to `v` while the value and the source agree byte for byte. In a
  // block scalar a line break of the value is a line break of the source followed by the
  // block's indentation (or less, on an empty line), and in a folded one a folding space is
  // such a line break too: that is how YAML builds the value. Anything else (an empty line
  // that folding dropped, a plain scalar's fold) stops the walk and the caller asks the tree.
  std::optional<std::uint32_t> extend(const Anchor& a, std::uint32_t v) {
    if (!charge(v - a.value)) return std::nullopt;
    const auto n = static_cast<std::uint32_t>(source_.size());
    std::uint32_t s = a.source;
    for (std::uint32_t i = a.value; i < v; ++i) {
      const char c = value_[i];
      if (s < n && source_[s] == c && c != '\n') {
        ++s;
        continue;
      }
      const bool line_break = c == '\n' || (c == ' ' && folded_);
      if (!line_break || !(literal_ || folded_)) return std::nullopt;
      if (s < n && source_[s] == '\r') ++s;
      if (s >= n || source_[s] != '\n') return std::nullopt;
      ++s;
      for (std::uint32_t k = 0; k < indent_ && s < n && source_[s] == ' '; ++k) ++s;
    }
    if (s >= n || source_[s] != value_[v]) return std::nullopt;
    return s;
  }

  void remember(std::uint32_t v, std::uint32_t s, Iter before) {
    if (before != anchors_.begin() && (before - 1)->value == v) return;
    anchors_.insert(before, Anchor{v, s});
  }

  std::string_view source_;
  Node node_;
  std::string_view value_;
  bool literal_ = false;
  bool folded_ = false;
  bool walkable_ = false;
  std::uint32_t indent_ = 0;
  std::uint64_t& budget_;
  std::vector<Anchor> anchors_;
};

bool is_posix_shell(std::string_view shell) {
  constexpr std::string_view kShells[] = {"bash", "sh", "dash", "zsh", "ksh", "ash", "mksh"};
  return std::find(std::begin(kShells), std::end(kShells), shell) != std::end(kShells);
}

// The command word of a `shell:` value (`bash -e {0}` is bash, `/usr/bin/sh` is sh), lower-cased.
std::string shell_program(std::string_view shell) {
  const auto start = shell.find_first_not_of(" \t");
  if (start == std::string_view::npos) return {};
  std::string_view word = shell.substr(start);
  word = word.substr(0, std::min(word.find_first_of(" \t"), word.size()));
  if (const auto slash = word.rfind('/'); slash != std::string_view::npos)
    word = word.substr(slash + 1);
  return ascii_lower(word);
}

class Builder {
 public:
  explicit Builder(const SourceFile& file) : file_(file) {}

  // The shell limits the run scripts reached (model::ShellLimit), in the order met.
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  model::WorkflowDoc build(const model::yaml::Stream& stream) {
    model::WorkflowDoc doc;
    doc.yaml = stream;
    if (stream.empty()) return doc;
    const Node root = stream[0].root;
    if (!root.is_mapping()) return doc;
    doc.is_action = root.find_pair("runs").has_value() && !root.find_pair("jobs").has_value();
    if (auto n = root.find("name")) doc.name = to_value(n);
    if (doc.is_action) {
      build_action(root, doc);
    } else {
      build_workflow(root, doc);
    }
    return doc;
  }

 private:
  // --- values -----------------------------------------------------------------------------

  Span map_or(OffsetMap& offsets, std::uint32_t b, std::uint32_t e, Span fallback, bool& exact) {
    if (const auto s = offsets.span(b, e)) {
      exact = true;
      return *s;
    }
    exact = false;
    return fallback;
  }

  gha::Value to_value(Node n) {
    OffsetMap offsets(file_.text(), n, budget_);
    return to_value(n, offsets);
  }

  gha::Value to_value(Node n, OffsetMap& offsets) {
    gha::Value v;
    v.node = n;
    v.span = n.span();
    if (!n.is_scalar()) {
      v.is_scalar = false;
      return v;
    }
    v.value = std::string(n.text());
    for (const gha_expr::ExpressionRange& r : gha_expr::find_expressions(v.value)) {
      gha::Expression e;
      e.begin = r.begin;
      e.end = r.end;
      e.text = v.value.substr(r.begin + 3, r.end - r.begin - 5);
      e.span = map_or(offsets, r.begin, r.end, v.span, e.exact);
      const auto parsed = gha_expr::parse_expression(e.text);
      e.valid = parsed.valid;
      const std::uint32_t base = r.begin + 3;
      for (const gha_expr::ParsedAccess& a : parsed.accesses) {
        gha::ContextAccess c;
        c.path = a.path;
        c.text = e.text.substr(a.begin, a.end - a.begin);
        c.rendered = a.rendered;
        c.function = a.function;
        c.span = map_or(offsets, base + a.begin, base + a.end, e.span, c.exact);
        c.exact = c.exact && e.exact;
        e.contexts.push_back(std::move(c));
      }
      v.expressions.push_back(std::move(e));
    }
    return v;
  }

  std::optional<gha::Value> optional_value(Node parent, std::string_view key) {
    const Node n = parent.find(key);
    if (!n) return std::nullopt;
    return to_value(n);
  }

  static Scalar<std::string> key_of(Node key) {
    return {std::string(key.text()), key.span()};
  }

  // A string or a list of strings (`needs`, `runs-on`, filter values).
  std::vector<gha::Value> to_values(Node n) {
    std::vector<gha::Value> out;
    if (n.is_sequence()) {
      for (const Node item : n.items()) out.push_back(to_value(item));
    } else if (n.is_scalar() && !n.is_null()) {
      out.push_back(to_value(n));
    }
    return out;
  }

  gha::Map to_map(Node n) {
    gha::Map out;
    if (!n) return out;
    out.present = true;
    out.span = n.span();
    if (n.is_scalar()) {
      if (!n.is_null()) out.expression = to_value(n);
      return out;
    }
    for (const auto& pair : n.pairs()) {
      if (!pair.key.is_scalar()) continue;
      out.entries.push_back({key_of(pair.key), to_value(pair.value)});
    }
    return out;
  }

  // --- uses -------------------------------------------------------------------------------

  gha::Uses uses(Node n) {
    OffsetMap offsets(file_.text(), n, budget_);
    gha::Uses u;
    u.text = to_value(n, offsets);
    const std::string& text = u.text.value;
    if (!n.is_scalar() || text.empty() || u.text.has_expressions()) return u;
    if (text.starts_with("./") || text.starts_with(".\\")) {
      u.kind = gha::UsesKind::local;
      u.local_path = text;
      return u;
    }
    if (text.starts_with("docker://")) {
      u.kind = gha::UsesKind::docker;
      model::ImageRef image;
      image.text = {text.substr(9), u.text.span};
      image.resolved = image.text.value;
      split_image_ref(image.resolved, image);
      u.image = std::move(image);
      return u;
    }
    const auto at = text.rfind('@');
    const std::string_view name = std::string_view(text).substr(0, at);
    const auto slash = name.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == name.size()) return u;
    u.kind = gha::UsesKind::repository;
    u.owner = std::string(name.substr(0, slash));
    const std::string_view rest = name.substr(slash + 1);
    const auto path_slash = rest.find('/');
    u.repo = std::string(rest.substr(0, path_slash));
    if (path_slash != std::string_view::npos) {
      std::string_view path = rest.substr(path_slash + 1);
      while (path.starts_with('/')) path.remove_prefix(1);
      u.path = std::string(path);
    }
    if (at != std::string::npos) {
      bool exact = false;
      const auto b = static_cast<std::uint32_t>(at + 1);
      const Span span = map_or(offsets, b, static_cast<std::uint32_t>(text.size()), u.text.span,
                               exact);
      u.ref = Scalar<std::string>{text.substr(at + 1), span};
    }
    return u;
  }

  // --- workflow-level pieces ---------------------------------------------------------------

  std::optional<gha::Permissions> permissions(Node parent) {
    const auto pair = parent.find_pair("permissions");
    if (!pair) return std::nullopt;
    gha::Permissions p;
    p.key = key_of(pair->key);
    p.span = pair->value.span();
    if (pair->value.is_mapping()) {
      p.is_mapping = true;
      for (const auto& scope : pair->value.pairs())
        if (scope.key.is_scalar()) p.scopes.push_back({key_of(scope.key), to_value(scope.value)});
    } else if (pair->value.is_scalar()) {
      p.shorthand = to_value(pair->value);
    }
    return p;
  }

  gha::Trigger trigger(Node event_node, Node config) {
    gha::Trigger t;
    t.event = key_of(event_node);
    t.config = config;
    if (config.is_sequence() && t.event.value == "schedule") {
      for (const Node item : config.items()) {
        const auto cron = item.find_pair("cron");
        if (!cron) continue;
        if (t.filters.empty()) t.filters.push_back({key_of(cron->key), {}});
        t.filters.front().values.push_back(to_value(cron->value));
      }
      return t;
    }
    if (!config.is_mapping()) return t;
    for (const auto& pair : config.pairs()) {
      if (!pair.key.is_scalar()) continue;
      const std::string_view key = pair.key.text();
      if (key == "inputs" || key == "secrets") {
        auto& names = key == "inputs" ? t.inputs : t.secrets;
        for (const auto& input : pair.value.pairs())
          if (input.key.is_scalar()) names.push_back(key_of(input.key));
        continue;
      }
      if (pair.value.is_mapping()) continue;  // workflow_call outputs and the like
      t.filters.push_back({key_of(pair.key), to_values(pair.value)});
    }
    return t;
  }

  void triggers(Node on, model::WorkflowDoc& doc) {
    if (on.is_scalar()) {
      if (!on.is_null()) doc.triggers.push_back(trigger(on, Node()));
    } else if (on.is_sequence()) {
      for (const Node item : on.items())
        if (item.is_scalar() && !item.is_null()) doc.triggers.push_back(trigger(item, Node()));
    } else if (on.is_mapping()) {
      for (const auto& pair : on.pairs())
        if (pair.key.is_scalar()) doc.triggers.push_back(trigger(pair.key, pair.value));
    }
  }

  void defaults(Node parent, std::optional<gha::Value>& shell,
                std::optional<gha::Value>& working_directory) {
    const Node run = parent.find("defaults").find("run");
    if (auto n = run.find("shell")) shell = to_value(n);
    if (auto n = run.find("working-directory")) working_directory = to_value(n);
  }

  // --- jobs --------------------------------------------------------------------------------

  gha::Container container(Node n) {
    gha::Container c;
    c.span = n.span();
    if (n.is_scalar()) {
      if (!n.is_null()) c.image = to_value(n);
    } else if (n.is_mapping()) {
      c.image = optional_value(n, "image");
      if (const auto creds = n.find_pair("credentials")) {
        c.credentials = creds->value.span();
        c.username = optional_value(creds->value, "username");
        c.password = optional_value(creds->value, "password");
      }
      c.env = to_map(n.find("env"));
      c.ports = to_values(n.find("ports"));
      c.volumes = to_values(n.find("volumes"));
      c.options = optional_value(n, "options");
    }
    if (c.image && c.image->is_scalar && !c.image->value.empty() && !c.image->has_expressions()) {
      model::ImageRef ref;
      ref.text = {c.image->value, c.image->span};
      ref.resolved = c.image->value;
      split_image_ref(ref.resolved, ref);
      c.image_ref = std::move(ref);
    }
    return c;
  }

  gha::Environment environment(Node n) {
    gha::Environment e;
    e.span = n.span();
    if (n.is_mapping()) {
      e.name = optional_value(n, "name");
      e.url = optional_value(n, "url");
    } else if (n.is_scalar() && !n.is_null()) {
      e.name = to_value(n);
    }
    return e;
  }

  // The shell a step's `run` goes to when it names none.
  struct ShellDefaults {
    const std::optional<gha::Value>* job = nullptr;
    const std::optional<gha::Value>* workflow = nullptr;
    bool windows = false;
  };

  static std::string effective_shell(const gha::Step& step, const ShellDefaults& defaults) {
    const std::optional<gha::Value>* chosen = nullptr;
    if (step.shell) {
      chosen = &step.shell;
    } else if (defaults.job && *defaults.job) {
      chosen = defaults.job;
    } else if (defaults.workflow && *defaults.workflow) {
      chosen = defaults.workflow;
    }
    if (chosen == nullptr) return defaults.windows ? "pwsh" : "bash";
    if ((*chosen)->has_expressions()) return {};
    return shell_program((*chosen)->value);
  }

  // The run script parsed, with `${{ … }}` hidden and every span mapped into the file.
  model::ShellScript script(const gha::Value& run) {
    std::string text = run.value;
    for (const gha::Expression& e : run.expressions) {
      const std::uint32_t n = e.end - e.begin;  // at least 5: `${{}}`
      text.replace(e.begin, n, "${" + std::string(n - 3, '_') + "}");
    }
    model::ShellScript s = parse_shell(text, 0);
    OffsetMap offsets(file_.text(), run.node, budget_);
    const auto fix = [&](Span& span) {
      if (const auto mapped = offsets.span(span.begin, span.end)) {
        span = *mapped;
      } else {
        span = run.span;
      }
    };
    const auto fix_word = [&](model::ShellWord& w) { fix(w.span); };
    for (model::ShellCommand& c : s.commands) {
      fix_word(c.name);
      std::for_each(c.args.begin(), c.args.end(), fix_word);
      std::for_each(c.assignments.begin(), c.assignments.end(), fix_word);
      fix(c.span);
    }
    for (model::ShellPipeline& p : s.pipelines) fix(p.span);
    for (Span& e : s.errors) fix(e);
    for (model::ShellLimit& l : s.limits) {
      fix(l.span);
      diagnostics_.push_back({l.span, l.message});
    }
    fix(s.span);
    return s;
  }

  gha::Step step(Node n, std::uint32_t index, const ShellDefaults& defaults) {
    gha::Step s;
    s.index = index;
    s.span = n.span();
    s.node = n;
    if (!n.is_mapping()) return s;
    s.id = optional_value(n, "id");
    s.name = optional_value(n, "name");
    s.condition = optional_value(n, "if");
    if (auto u = n.find("uses")) s.uses = uses(u);
    s.with = to_map(n.find("with"));
    s.shell = optional_value(n, "shell");
    s.env = to_map(n.find("env"));
    s.working_directory = optional_value(n, "working-directory");
    s.continue_on_error = optional_value(n, "continue-on-error");
    s.timeout_minutes = optional_value(n, "timeout-minutes");
    if (auto r = n.find("run")) {
      s.run = to_value(r);
      s.effective_shell = effective_shell(s, defaults);
      if (r.is_scalar() && (s.effective_shell.empty() || is_posix_shell(s.effective_shell)))
        s.script = script(*s.run);
    }
    return s;
  }

  std::vector<gha::Step> steps(Node list, const ShellDefaults& defaults) {
    std::vector<gha::Step> out;
    for (const Node item : list.items()) {
      if (out.size() >= kMaxSteps) break;
      out.push_back(step(item, static_cast<std::uint32_t>(out.size()), defaults));
    }
    return out;
  }

  static bool names_windows(const std::vector<gha::Value>& runs_on) {
    for (const gha::Value& label : runs_on)
      if (ascii_lower(label.value).find("windows") != std::string::npos) return true;
    return false;
  }

  gha::Job job(Node key, Node n, const model::WorkflowDoc& doc) {
    gha::Job j;
    j.id = key_of(key);
    j.span = n.span();
    j.node = n;
    if (!n.is_mapping()) return j;
    j.name = optional_value(n, "name");
    if (const Node runs_on = n.find("runs-on"); runs_on.is_mapping()) {
      if (auto group = runs_on.find("group")) j.runs_on.push_back(to_value(group));
      for (gha::Value& label : to_values(runs_on.find("labels"))) j.runs_on.push_back(std::move(label));
    } else {
      j.runs_on = to_values(runs_on);
    }
    j.needs = to_values(n.find("needs"));
    j.condition = optional_value(n, "if");
    if (auto e = n.find("environment")) j.environment = environment(e);
    j.timeout_minutes = optional_value(n, "timeout-minutes");
    if (auto c = n.find("container")) j.container = container(c);
    for (const auto& pair : n.find("services").pairs())
      if (pair.key.is_scalar()) j.services.push_back({key_of(pair.key), container(pair.value)});
    j.permissions = permissions(n);
    j.env = to_map(n.find("env"));
    j.outputs = to_map(n.find("outputs"));
    j.strategy = n.find("strategy");
    defaults(n, j.default_shell, j.default_working_directory);
    j.continue_on_error = optional_value(n, "continue-on-error");
    if (auto u = n.find("uses")) j.uses = uses(u);
    j.with = to_map(n.find("with"));
    if (const Node secrets = n.find("secrets"); secrets.is_scalar() && secrets.text() == "inherit") {
      j.secrets_inherit = to_value(secrets);
    } else {
      j.secrets = to_map(secrets);
    }
    if (const auto list = n.find_pair("steps")) {
      j.has_steps = true;
      const ShellDefaults shell{&j.default_shell, &doc.default_shell, names_windows(j.runs_on)};
      j.steps = steps(list->value, shell);
    }
    return j;
  }

  void build_workflow(Node root, model::WorkflowDoc& doc) {
    if (const auto on = root.find_pair("on")) {
      doc.on = key_of(on->key);
      triggers(on->value, doc);
    }
    doc.permissions = permissions(root);
    doc.env = to_map(root.find("env"));
    defaults(root, doc.default_shell, doc.default_working_directory);
    const auto jobs = root.find_pair("jobs");
    if (!jobs) return;
    doc.jobs_key = key_of(jobs->key);
    for (const auto& pair : jobs->value.pairs()) {
      if (doc.jobs.size() >= kMaxJobs) break;
      if (pair.key.is_scalar()) doc.jobs.push_back(job(pair.key, pair.value, doc));
    }
  }

  void build_action(Node root, model::WorkflowDoc& doc) {
    doc.description = optional_value(root, "description");
    for (const auto& input : root.find("inputs").pairs())
      if (input.key.is_scalar()) doc.inputs.push_back(key_of(input.key));
    const auto runs = root.find_pair("runs");
    gha::ActionRuns r;
    r.key = key_of(runs->key);
    r.span = runs->value.span();
    const Node n = runs->value;
    r.using_ = optional_value(n, "using");
    if (const Node image = n.find("image")) {
      r.image = to_value(image);
      if (r.image->value.starts_with("docker://")) r.image_uses = uses(image);
    }
    r.env = to_map(n.find("env"));
    r.args = to_values(n.find("args"));
    r.entrypoint = optional_value(n, "entrypoint");
    r.main = optional_value(n, "main");
    r.pre = optional_value(n, "pre");
    r.post = optional_value(n, "post");
    // Composite steps name their shell (it is required); no runner default applies.
    r.steps = steps(n.find("steps"), ShellDefaults{});
    doc.runs = std::move(r);
  }

  const SourceFile& file_;
  std::uint64_t budget_ = kOffsetBudget;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

ParseResult<model::WorkflowDoc> parse_workflow(const SourceFile& file) {
  auto yaml = parse_yaml(file);
  ParseResult<model::WorkflowDoc> out;
  Builder builder(file);
  out.doc = builder.build(yaml.doc);
  out.diagnostics = std::move(yaml.diagnostics);
  const std::vector<Diagnostic>& limits = builder.diagnostics();
  out.diagnostics.insert(out.diagnostics.end(), limits.begin(), limits.end());
  return out;
}

}  // namespace lintel::parsers
