// GHA009 ungated-production: a production deployment without a gate in front of it.
//
// A job deploys to production when its `environment` name, or failing that its id or `name`,
// contains the word prod, production or prd. Words are split at non-alphanumerics, case changes
// and digits (`deployProd`, `deploy_prod`, `prod-eu`, `Deploy to PRD`), so `product`,
// `reproduce` or `prodigy` are not production, and `pre-prod`, `non-prod` and `preprod` are
// not either (`pre`/`non` before the word). An environment whose name reads as staging wins over
// the job's id.
// Reported:
// - a production job without `environment:` (no required reviewers, wait timers or branch
//   rules can apply), at the job key;
// - a production job whose `needs`, followed transitively, reach no staging job (id, name or
//   environment containing staging, stage, stg, preprod, uat), at its environment.
// Reusable-workflow calls cannot set `environment` (the called workflow does), so only the
// second check applies to them. Environments given by an expression count as present; their
// name is unknown, so only the job's id and name decide.
#include <set>

#include "rules/gha/common.hpp"

namespace lintel::rules::gha {
namespace impl_ungated_production {

constexpr std::string_view kReferences[] = {
    "https://docs.github.com/actions/managing-workflow-runs-and-deployments/managing-deployments/"
    "managing-environments-for-deployment#deployment-protection-rules",
    "https://docs.github.com/actions/reference/workflows-and-actions/workflow-syntax"
    "#jobsjob_idneeds",
};
constexpr std::string_view kTags[] = {"best-practice"};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }

// Lower-cased words: `deployToProd-eu2` is deploy, to, prod, eu, 2.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!is_alpha(c) && !is_digit(c)) {
      flush();
      continue;
    }
    if (i > 0 && ((is_upper(c) && is_lower(text[i - 1])) || (is_digit(c) != is_digit(text[i - 1]))))
      flush();
    word += is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  flush();
  return out;
}

bool is_one_of(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

bool names_production(std::string_view text) {
  const auto ws = words(text);
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (!is_one_of(ws[i], {"prod", "production", "prd"})) continue;
    if (i > 0 && is_one_of(ws[i - 1], {"pre", "non", "not"})) continue;
    return true;
  }
  return false;
}

bool names_staging(std::string_view text) {
  const auto ws = words(text);
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (is_one_of(ws[i], {"staging", "stage", "stg", "preprod", "preproduction", "uat"}))
      return true;
    if (i > 0 && ws[i - 1] == "pre" && is_one_of(ws[i], {"prod", "production", "prd"})) return true;
  }
  return false;
}

// The environment name when it is written literally.
const mg::Value* literal_environment(const mg::Job& job) {
  if (!job.environment || !job.environment->name) return nullptr;
  const mg::Value& name = *job.environment->name;
  return name.has_expressions() || name.value.empty() ? nullptr : &name;
}

bool is_production(const mg::Job& job) {
  if (const mg::Value* env = literal_environment(job)) {
    if (names_production(env->value)) return true;
    if (names_staging(env->value)) return false;
  }
  return names_production(job.id.value) || (job.name && names_production(job.name->value));
}

bool is_staging(const mg::Job& job) {
  const mg::Value* env = literal_environment(job);
  return names_staging(job.id.value) || (job.name && names_staging(job.name->value)) ||
         (env && names_staging(env->value));
}

// Whether some job `job` needs, directly or through others, is a staging job.
bool needs_staging(const WorkflowDoc& doc, const mg::Job& job) {
  std::set<std::string> seen;
  std::vector<const mg::Job*> todo{&job};
  while (!todo.empty()) {
    const mg::Job* current = todo.back();
    todo.pop_back();
    for (const mg::Value& need : current->needs) {
      if (!seen.insert(need.value).second) continue;
      const mg::Job* dep = doc.job(need.value);
      if (dep == nullptr) continue;
      if (is_staging(*dep)) return true;
      todo.push_back(dep);
    }
  }
  return false;
}

void check(const WorkflowDoc& doc, Reporter& out) {
  for (const mg::Job& job : doc.jobs) {
    if (!is_production(job) || (!job.has_steps && !job.is_reusable_call())) continue;
    if (!job.environment && !job.is_reusable_call()) {
      out.report(job.id.span,
                 fmt::format("{} deploys to production without an environment, so no protection "
                             "rules apply",
                             job_label(job)));
      continue;
    }
    if (needs_staging(doc, job)) continue;
    const Span at = job.environment ? (job.environment->name ? job.environment->name->span
                                                             : job.environment->span)
                                    : job.id.span;
    out.report(at, fmt::format("{} deploys to production without needing a staging job first",
                               job_label(job)));
  }
}

}  // namespace impl_ungated_production

extern const Rule ungated_production{
    .meta = {.id = "GHA009",
             .slug = "ungated-production",
             .severity = Severity::warning,
             .format = Format::actions,
             .summary = "Production deployment job without an environment or staging gate",
             .what = "Reports a job that deploys to production (its `environment` name, or its id "
                     "or `name`, contains the word `prod`, `production` or `prd`; `product` or "
                     "`pre-prod` do not count) when it has no `environment:`, or when none of "
                     "the jobs it `needs` (directly or through other jobs) is a staging job "
                     "(`staging`, `stage`, `stg`, `preprod`, `uat`).",
             .why = "An environment is where GitHub enforces deployment protection: required "
                    "reviewers, wait timers, allowed branches and environment-scoped secrets. A "
                    "production job without one deploys whatever reaches it, and a production "
                    "deployment that does not wait for staging ships changes nobody has seen "
                    "running.",
             .fix = "Give the job `environment: production` and configure protection rules for "
                    "that environment in the repository settings, and make it depend on the "
                    "staging deployment: `needs: deploy-staging`.",
             .bad = "on: push\n"
                    "jobs:\n"
                    "  deploy-prod:\n"
                    "    runs-on: ubuntu-latest\n"
                    "    steps:\n"
                    "      - run: ./deploy.sh production\n",
             .good = "on: push\n"
                     "jobs:\n"
                     "  deploy-staging:\n"
                     "    runs-on: ubuntu-latest\n"
                     "    environment: staging\n"
                     "    steps:\n"
                     "      - run: ./deploy.sh staging\n"
                     "  deploy-prod:\n"
                     "    needs: deploy-staging\n"
                     "    runs-on: ubuntu-latest\n"
                     "    environment: production\n"
                     "    steps:\n"
                     "      - run: ./deploy.sh production\n",
             .references = impl_ungated_production::kReferences,
             .tags = impl_ungated_production::kTags},
    .check = for_format<WorkflowDoc, impl_ungated_production::check>,
};

}  // namespace lintel::rules::gha
