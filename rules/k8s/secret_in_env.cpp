// K8S015 secret-in-env: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `env[].value` literal whose name names a secret
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {


void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule secret_in_env{
    .meta = {.id = "K8S015",
             .slug = "secret-in-env",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             
             .status = RuleStatus::preview},
    .check = for_format<model::K8sDoc, check>,
};

}  // namespace lintel::rules::k8s
