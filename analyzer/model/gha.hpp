// The GitHub Actions model: workflows (`.github/workflows/*.yml`) and action metadata files
// (`action.yml`: composite, docker and JavaScript actions). Built by parsers/gha from the
// positioned YAML tree; rules read it and never the text.
// Workflow syntax: https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax
// Action metadata: https://docs.github.com/actions/reference/workflows-and-actions/metadata-syntax
//
// What the parser has already done, so rules do not have to:
// - Every string value (gha::Value) carries the `${{ … }}` expressions found in it, each with its
//   source span, and each expression is parsed into the context paths it reads
//   (`github.event['issue'].title || ''` reads `github.event.issue.title`), normalised and
//   positioned, with whether the value read reaches the expression's result.
// - The shorthand forms are expanded: `on` as a string, a list or a map; `needs` and `runs-on` as
//   a string or a list; `permissions` as a string (`read-all`, `write-all`) or a map (`{}` is an
//   empty map); `environment` and `container` as a string or a map.
// - `uses:` is split into owner/repo[/path]@ref, `./local` or `docker://image`.
// - `run:` scripts run by a POSIX shell are parsed into the shell command model, with every span
//   mapped back into the file (inside block scalars too); each `${{ … }}` is seen by the shell
//   as a parameter expansion of the same length, so it is an unknown word, never literal text.
//
// Spans: a position inside a scalar (an expression, a shell word, a `uses` ref) is exact where
// the YAML tree can map it (block scalars, plain scalars, the first line of quoted scalars;
// see yaml::Node::source_offset); elsewhere it falls back to the whole value's span and the
// position says `exact == false`. A value reached through a YAML alias maps into the anchored
// definition.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/dockerfile.hpp"
#include "analyzer/model/shell.hpp"
#include "analyzer/model/yaml.hpp"
#include "analyzer/source.hpp"

namespace lintel::model {
namespace gha {

// One read of a context inside an expression: `github.event.issue.title`, `env.TOKEN`,
// `steps.build.outputs.version`.
struct ContextAccess {
  // Normalised: lower-cased (context and property names are case-insensitive); a string index
  // becomes a property (`github.event['issue']` is `github.event.issue`); an object filter
  // stays `*` (`github.event.commits.*.message`); a numeric or computed index becomes `*` too
  // (`commits[0]`, `matrix[inputs.key]` read "some element").
  std::string path;
  std::string text;  // as written in the expression
  Span span;         // the access in the source, or the enclosing value when not exact
  bool exact = true;
  // Whether the value read can be part of the expression's result. False when it only feeds a
  // comparison, a `!`, a boolean function (`contains`, `startsWith`, `endsWith`, status
  // functions), `hashFiles`, an index (`a[b]`: b), or the left side of `&&` (only a falsy,
  // harmless value passes there).
  bool rendered = true;
  // The innermost function the value is passed to, lower-cased (`tojson`, `format`, `join`);
  // empty when none.
  std::string function;

  // `path` is `prefix` or starts with `prefix` followed by a `.`.
  [[nodiscard]] bool is_under(std::string_view prefix) const {
    return path == prefix || (path.size() > prefix.size() && path.starts_with(prefix) &&
                              path[prefix.size()] == '.');
  }
};

// One `${{ … }}` in a string value.
struct Expression {
  std::string text;         // between `${{` and `}}`, as written (not trimmed)
  Span span;                // from `${{` through `}}` in the source
  bool exact = true;        // false: `span` is the enclosing value's span
  std::uint32_t begin = 0;  // where `${{` starts in the value text (Value::value)
  std::uint32_t end = 0;    // just past `}}` in the value text
  bool valid = true;        // false: a syntax error; `contexts` lists every context-like token
  std::vector<ContextAccess> contexts;  // in source order
};

// A YAML scalar as the workflow reads it: the text, where it was written and its expressions.
// A collection where a string was expected has empty text, `is_scalar == false` and the
// collection's span.
struct Value {
  std::string value;
  Span span;        // the node as written (quotes and block header included)
  yaml::Node node;  // for offsets inside the value (yaml::Node::source_offset)
  bool is_scalar = true;
  std::vector<Expression> expressions;

  [[nodiscard]] bool has_expressions() const { return !expressions.empty(); }
  // The value is exactly one expression, give or take surrounding whitespace.
  [[nodiscard]] bool is_single_expression() const;
};

struct Entry {
  Scalar<std::string> key;
  Value value;
};

// A mapping of names to string values: `env`, `with`, `secrets`, `outputs`.
struct Map {
  std::vector<Entry> entries;  // in source order (duplicates kept; `find` returns the last)
  Span span;                   // the mapping (or the expression string); empty when absent
  bool present = false;        // the key was written
  // The whole mapping given as one string, e.g. `env: ${{ fromJSON(inputs.env) }}`.
  std::optional<Value> expression;

  [[nodiscard]] const Entry* find(std::string_view key) const;
  // Environment variable names as the expression `env` context sees them (case-insensitive).
  [[nodiscard]] const Entry* find_ignore_case(std::string_view key) const;
};

enum class UsesKind : std::uint8_t {
  repository,  // owner/repo[/path]@ref: an action or (job level) a reusable workflow
  local,       // ./path
  docker,      // docker://image
  invalid,     // anything else (empty, an expression, no owner/repo)
};

// A `uses:` reference, split.
struct Uses {
  Value text;  // as written
  UsesKind kind = UsesKind::invalid;
  std::string owner;  // repository: as written (GitHub compares them case-insensitively)
  std::string repo;
  std::string path;   // a subdirectory or workflow file path, without a leading '/'; may be empty
  std::optional<Scalar<std::string>> ref;  // after the last `@` of a repository reference
  std::string local_path;                  // local: as written, `./` included
  std::optional<ImageRef> image;           // docker: the reference after `docker://`, split

  // owner/repo[/path], lower-cased, for comparing against well-known actions.
  [[nodiscard]] std::string action() const;
  // `owner/repo` (case-insensitively) with any path and ref: is_action("actions/checkout").
  [[nodiscard]] bool is_action(std::string_view owner_repo) const;
  // A reusable workflow: a repository reference to `.github/workflows/*.yml|yaml`, or a local
  // `./.github/workflows/*.yml|yaml`.
  [[nodiscard]] bool is_reusable_workflow() const;
};

struct PermissionScope {
  Scalar<std::string> name;  // `contents`, `id-token`, … (as written)
  Value level;               // `read`, `write`, `none`
};

struct Permissions {
  Scalar<std::string> key;  // the `permissions` key
  Span span;                // its value
  // The string form: `read-all`, `write-all` (anything else, an expression, kept as written).
  std::optional<Value> shorthand;
  bool is_mapping = false;  // the map form, `{}` included
  std::vector<PermissionScope> scopes;

  [[nodiscard]] bool is_write_all() const { return shorthand && shorthand->value == "write-all"; }
  [[nodiscard]] bool is_read_all() const { return shorthand && shorthand->value == "read-all"; }
  [[nodiscard]] const PermissionScope* scope(std::string_view name) const;
};

// A filter of an event (`branches`, `paths-ignore`, `types`, …; `cron` for `schedule`,
// `workflows` for `workflow_run`), its values from a string or a list.
struct TriggerFilter {
  Scalar<std::string> key;
  std::vector<Value> values;
};

struct Trigger {
  Scalar<std::string> event;  // `push`, `pull_request_target`, … with its span (key or item)
  yaml::Node config;          // the map form's value (absent for the string and list forms)
  std::vector<TriggerFilter> filters;
  // `workflow_dispatch` / `workflow_call` input names, `workflow_call` secret names.
  std::vector<Scalar<std::string>> inputs;
  std::vector<Scalar<std::string>> secrets;

  [[nodiscard]] const TriggerFilter* filter(std::string_view key) const;
};

struct Environment {
  Span span;                  // the `environment` value
  std::optional<Value> name;  // the string form, or the map's `name`
  std::optional<Value> url;
};

// A job's `container` or one of its `services`.
struct Container {
  Span span;                   // the value (a string or a map)
  std::optional<Value> image;  // the string form, or the map's `image`
  // `image` split, when it has no expression and is not empty.
  std::optional<ImageRef> image_ref;
  Span credentials;  // the `credentials` mapping; empty when absent
  std::optional<Value> username;
  std::optional<Value> password;
  Map env;
  std::vector<Value> ports;
  std::vector<Value> volumes;
  std::optional<Value> options;
};

struct Service {
  Scalar<std::string> name;  // the key under `services`
  Container container;
};

struct Step {
  std::uint32_t index = 0;  // 0-based position among its job's (or action's) steps
  Span span;                // the step mapping
  yaml::Node node;
  std::optional<Value> id;
  std::optional<Value> name;
  std::optional<Value> condition;  // `if`
  std::optional<Uses> uses;
  Map with;
  std::optional<Value> run;
  // The shell running `run`: `shell`, else `defaults.run.shell` of the job then the workflow,
  // else the runner's default (`pwsh` when `runs-on` names a Windows runner, else `bash`).
  // Lower-cased command word, e.g. `bash`, `sh`, `pwsh`, `python`; empty when it is an expression.
  std::string effective_shell;
  // `run` parsed as a POSIX shell script (spans in the file), when the shell is one (bash, sh,
  // dash, zsh, ksh, ash or an expression, which most likely is one of them).
  std::optional<ShellScript> script;
  std::optional<Value> shell;
  Map env;
  std::optional<Value> working_directory;
  std::optional<Value> continue_on_error;
  std::optional<Value> timeout_minutes;
};

struct Job {
  Scalar<std::string> id;  // the key under `jobs`
  Span span;               // the job's value
  yaml::Node node;
  std::optional<Value> name;
  std::vector<Value> runs_on;  // string, list, or the map form's `group` and `labels`
  std::vector<Value> needs;
  std::optional<Value> condition;  // `if`
  std::optional<Environment> environment;
  std::optional<Value> timeout_minutes;
  std::optional<Container> container;
  std::vector<Service> services;
  std::optional<Permissions> permissions;
  Map env;
  Map outputs;
  yaml::Node strategy;
  std::optional<Value> default_shell;              // `defaults.run.shell`
  std::optional<Value> default_working_directory;  // `defaults.run.working-directory`
  std::optional<Value> continue_on_error;
  bool has_steps = false;  // a `steps` key is written
  std::vector<Step> steps;
  // A reusable-workflow call: `uses` with `with` and `secrets` (`secrets: inherit` is
  // `secrets_inherit`).
  std::optional<Uses> uses;
  Map with;
  Map secrets;
  std::optional<Value> secrets_inherit;

  [[nodiscard]] bool is_reusable_call() const { return uses.has_value(); }
};

// An action's `runs`.
struct ActionRuns {
  Scalar<std::string> key;     // the `runs` key
  Span span;                   // its value
  std::optional<Value> using_;  // `composite`, `docker`, `node20`, …
  std::vector<Step> steps;     // composite actions
  // Docker actions: `image` (`Dockerfile`, or `docker://…`, split into `image_uses`).
  std::optional<Value> image;
  std::optional<Uses> image_uses;
  Map env;
  std::vector<Value> args;
  std::optional<Value> entrypoint;
  // JavaScript actions.
  std::optional<Value> main;
  std::optional<Value> pre;
  std::optional<Value> post;

  [[nodiscard]] bool is_composite() const { return using_ && using_->value == "composite"; }
};

}  // namespace gha

// A workflow or an action metadata file. Which one is decided by the content: a document with
// `runs` and without `jobs` is an action.
struct WorkflowDoc {
  yaml::Stream yaml;  // the tree the model was built from
  bool is_action = false;
  std::optional<gha::Value> name;

  // Workflows.
  std::optional<Scalar<std::string>> on;  // the `on` key
  std::vector<gha::Trigger> triggers;     // in source order
  std::optional<gha::Permissions> permissions;
  gha::Map env;
  std::optional<gha::Value> default_shell;              // `defaults.run.shell`
  std::optional<gha::Value> default_working_directory;  // `defaults.run.working-directory`
  std::optional<Scalar<std::string>> jobs_key;
  std::vector<gha::Job> jobs;  // in source order

  // Actions.
  std::optional<gha::Value> description;
  std::vector<Scalar<std::string>> inputs;  // input names
  std::optional<gha::ActionRuns> runs;

  [[nodiscard]] const gha::Trigger* trigger(std::string_view event) const;
  [[nodiscard]] bool has_trigger(std::string_view event) const { return trigger(event) != nullptr; }
  [[nodiscard]] const gha::Job* job(std::string_view id) const;
};

// ---------------------------------------------------------------------------------------------
// Inline definitions (the model is header-only).

namespace gha::detail {

[[nodiscard]] inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

[[nodiscard]] inline bool equals_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

[[nodiscard]] inline bool is_workflow_file(std::string_view path) {
  return path.ends_with(".yml") || path.ends_with(".yaml");
}

}  // namespace gha::detail

inline bool gha::Value::is_single_expression() const {
  if (expressions.size() != 1) return false;
  const Expression& e = expressions.front();
  const auto blank = [](std::string_view s) {
    return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
  };
  const std::string_view v = value;
  return blank(v.substr(0, e.begin)) && blank(v.substr(std::min<std::size_t>(e.end, v.size())));
}

inline const gha::Entry* gha::Map::find(std::string_view key) const {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it)
    if (it->key.value == key) return &*it;
  return nullptr;
}

inline const gha::Entry* gha::Map::find_ignore_case(std::string_view key) const {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it)
    if (detail::equals_ignore_case(it->key.value, key)) return &*it;
  return nullptr;
}

inline std::string gha::Uses::action() const {
  std::string out = owner + "/" + repo;
  if (!path.empty()) out += "/" + path;
  for (char& c : out) c = detail::lower(c);
  return out;
}

inline bool gha::Uses::is_action(std::string_view owner_repo) const {
  if (kind != UsesKind::repository) return false;
  const auto slash = owner_repo.find('/');
  if (slash == std::string_view::npos) return false;
  return detail::equals_ignore_case(owner, owner_repo.substr(0, slash)) &&
         detail::equals_ignore_case(repo, owner_repo.substr(slash + 1));
}

inline bool gha::Uses::is_reusable_workflow() const {
  if (kind == UsesKind::repository)
    return path.starts_with(".github/workflows/") && detail::is_workflow_file(path);
  if (kind == UsesKind::local)
    return local_path.starts_with("./.github/workflows/") && detail::is_workflow_file(local_path);
  return false;
}

inline const gha::PermissionScope* gha::Permissions::scope(std::string_view name) const {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it)
    if (it->name.value == name) return &*it;
  return nullptr;
}

inline const gha::TriggerFilter* gha::Trigger::filter(std::string_view key) const {
  for (const TriggerFilter& f : filters)
    if (f.key.value == key) return &f;
  return nullptr;
}

inline const gha::Trigger* WorkflowDoc::trigger(std::string_view event) const {
  for (const gha::Trigger& t : triggers)
    if (t.event.value == event) return &t;
  return nullptr;
}

inline const gha::Job* WorkflowDoc::job(std::string_view id) const {
  for (const gha::Job& j : jobs)
    if (j.id.value == id) return &j;
  return nullptr;
}

}  // namespace lintel::model
