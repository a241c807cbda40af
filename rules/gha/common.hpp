// Predicates shared by the GitHub Actions rules: walking steps, naming them in messages, the
// attacker-controlled contexts (GHA002, GHA005) and `env` indirection.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/gha.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::gha {

using model::WorkflowDoc;
namespace mg = model::gha;

// --- steps ---------------------------------------------------------------------------------

// A step with the job it belongs to (null for the steps of a composite action).
struct StepRef {
  const mg::Job* job = nullptr;
  const mg::Step* step = nullptr;
};

// Every step of the file: each job's, in order, or a composite action's.
[[nodiscard]] inline std::vector<StepRef> all_steps(const WorkflowDoc& doc) {
  std::vector<StepRef> out;
  for (const mg::Job& job : doc.jobs)
    for (const mg::Step& step : job.steps) out.push_back({&job, &step});
  if (doc.runs)
    for (const mg::Step& step : doc.runs->steps) out.push_back({nullptr, &step});
  return out;
}

// `job "build"`.
[[nodiscard]] inline std::string job_label(const mg::Job& job) {
  return fmt::format("job \"{}\"", job.id.value);
}

// `job "build" step 3` (1-based), or `action step 2` for a composite action's step.
[[nodiscard]] inline std::string step_label(const StepRef& ref) {
  if (ref.job == nullptr) return fmt::format("action step {}", ref.step->index + 1);
  return fmt::format("{} step {}", job_label(*ref.job), ref.step->index + 1);
}

[[nodiscard]] inline bool is_checkout(const mg::Step& step) {
  return step.uses && step.uses->is_action("actions/checkout");
}

// --- context paths -------------------------------------------------------------------------

// Splits a normalised context path at its dots.
[[nodiscard]] inline std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto dot = std::min(path.find('.', start), path.size());
    out.push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

// Whether `path` matches `pattern` segment by segment, `*` on either side matching any one
// segment (`github.event.commits.*.message` matches `github.event.commits.*.message` and
// `github.event.*.body` matches `github.event.issue.body`). With `prefix`, `path` may also be a
// proper prefix of `pattern` (`github.event.issue` of `github.event.issue.title`).
[[nodiscard]] inline bool path_matches(std::string_view path, std::string_view pattern,
                                       bool prefix = false) {
  const auto a = path_segments(path);
  const auto b = path_segments(pattern);
  if (a.size() > b.size() || (a.size() < b.size() && !prefix)) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i] && a[i] != "*" && b[i] != "*") return false;
  return true;
}

// Whether `path` is `prefix` or lies below it (`github.event.pull_request.head.sha` is under
// `github.event.pull_request.head`), with the same `*` matching as path_matches.
[[nodiscard]] inline bool path_under(std::string_view path, std::string_view prefix) {
  const auto a = path_segments(path);
  const auto b = path_segments(prefix);
  if (a.size() < b.size()) return false;
  for (std::size_t i = 0; i < b.size(); ++i)
    if (a[i] != b[i] && a[i] != "*" && b[i] != "*") return false;
  return true;
}

// Contexts whose text an outside contributor chooses freely: issue, pull request, comment,
// review and discussion text, branch names of forks, commit messages and author identities.
// From actionlint's untrusted-input list (rhysd/actionlint `docs/checks.md`, "Script injection
// by potentially untrusted inputs") plus the `workflow_run`, `discussion`, `changes` and
// `merge_group` fields zizmor classes as arbitrary. Numbers, SHAs, logins, repository names
// and labels (fixed or constrained character sets) are left out on purpose.
inline constexpr std::string_view kAttackerControlled[] = {
    "github.head_ref",
    "github.event.issue.title",
    "github.event.issue.body",
    "github.event.pull_request.title",
    "github.event.pull_request.body",
    "github.event.pull_request.head.ref",
    "github.event.pull_request.head.label",
    "github.event.pull_request.head.repo.default_branch",
    "github.event.pull_request.head.repo.description",
    "github.event.comment.body",
    "github.event.review.body",
    "github.event.review_comment.body",
    "github.event.discussion.title",
    "github.event.discussion.body",
    "github.event.changes.title.from",
    "github.event.changes.body.from",
    "github.event.pages.*.page_name",
    "github.event.commits.*.message",
    "github.event.commits.*.author.email",
    "github.event.commits.*.author.name",
    "github.event.commits.*.committer.email",
    "github.event.commits.*.committer.name",
    "github.event.head_commit.message",
    "github.event.head_commit.author.email",
    "github.event.head_commit.author.name",
    "github.event.head_commit.committer.email",
    "github.event.head_commit.committer.name",
    "github.event.merge_group.head_commit.message",
    "github.event.merge_group.head_commit.author.email",
    "github.event.merge_group.head_commit.author.name",
    "github.event.workflow_run.head_branch",
    "github.event.workflow_run.display_title",
    "github.event.workflow_run.head_commit.message",
    "github.event.workflow_run.head_commit.author.email",
    "github.event.workflow_run.head_commit.author.name",
    "github.event.workflow_run.head_commit.committer.email",
    "github.event.workflow_run.head_commit.committer.name",
    "github.event.workflow_run.head_repository.description",
    "github.event.workflow_run.pull_requests.*.head.ref",
    "github.event.check_suite.head_branch",
    "github.event.check_run.check_suite.head_branch",
};

// The attacker-controlled context `access` renders into its expression's value, if any: the
// path itself, or (for `toJSON(github.event.issue)`, `join(…)`) an object holding one.
[[nodiscard]] inline std::optional<std::string_view> attacker_controlled(
    const mg::ContextAccess& access) {
  if (!access.rendered) return std::nullopt;
  const bool serialised = access.function == "tojson" || access.function == "join";
  for (const std::string_view pattern : kAttackerControlled)
    if (path_matches(access.path, pattern, serialised)) return pattern;
  return std::nullopt;
}

// --- env -----------------------------------------------------------------------------------

// The `env` maps a step sees, innermost first: the step's, its job's, the workflow's.
[[nodiscard]] inline std::vector<const mg::Map*> env_scopes(const WorkflowDoc& doc,
                                                            const StepRef& ref) {
  std::vector<const mg::Map*> out{&ref.step->env};
  if (ref.job != nullptr) {
    out.push_back(&ref.job->env);
    out.push_back(&doc.env);
  }
  return out;
}

// What an `env.NAME` read in a step resolves to: the attacker-controlled context that reaches
// the variable's value, through further `env.X` reads of outer scopes (a step's `env` values are
// evaluated with the job's and workflow's variables, a job's with the workflow's).
struct EnvTaint {
  const mg::Entry* entry = nullptr;  // the variable the step reads
  std::string source;                // the attacker-controlled context, as written
};

namespace detail {

inline std::optional<std::string> tainted_value(const std::vector<const mg::Map*>& scopes,
                                                std::size_t level, const mg::Value& value,
                                                int depth);

// The variable `name` in scopes[from…], innermost first, with its level.
inline std::optional<std::pair<const mg::Entry*, std::size_t>> find_env(
    const std::vector<const mg::Map*>& scopes, std::size_t from, std::string_view name) {
  for (std::size_t i = from; i < scopes.size(); ++i)
    if (const mg::Entry* e = scopes[i]->find_ignore_case(name)) return std::pair{e, i};
  return std::nullopt;
}

inline std::optional<std::string> tainted_value(const std::vector<const mg::Map*>& scopes,
                                                std::size_t level, const mg::Value& value,
                                                int depth) {
  for (const mg::Expression& e : value.expressions) {
    for (const mg::ContextAccess& a : e.contexts) {
      if (attacker_controlled(a)) return a.text;
      if (depth <= 0 || !a.rendered || !a.path.starts_with("env.")) continue;
      const std::string_view name = std::string_view(a.path).substr(4);
      if (name.find('.') != std::string_view::npos || name == "*") continue;
      const auto found = find_env(scopes, level + 1, name);
      if (!found) continue;
      if (auto inner = tainted_value(scopes, found->second, found->first->value, depth - 1))
        return inner;
    }
  }
  return std::nullopt;
}

}  // namespace detail

// For an `env.NAME` access in a step's script: the variable and the attacker-controlled context
// its value carries, or nullopt.
[[nodiscard]] inline std::optional<EnvTaint> env_taint(const WorkflowDoc& doc, const StepRef& ref,
                                                       const mg::ContextAccess& access) {
  if (!access.rendered || !access.path.starts_with("env.")) return std::nullopt;
  const std::string_view name = std::string_view(access.path).substr(4);
  if (name.empty() || name.find('.') != std::string_view::npos || name == "*") return std::nullopt;
  const auto scopes = env_scopes(doc, ref);
  const auto found = detail::find_env(scopes, 0, name);
  if (!found) return std::nullopt;
  auto source = detail::tainted_value(scopes, found->second, found->first->value, 4);
  if (!source) return std::nullopt;
  return EnvTaint{found->first, std::move(*source)};
}

}  // namespace lintel::rules::gha
