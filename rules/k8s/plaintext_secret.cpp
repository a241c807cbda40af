// K8S020 plaintext-secret: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `kind: Secret` with non-empty `data`/`stringData` committed
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {


void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule plaintext_secret{
    .meta = {.id = "K8S020",
             .slug = "plaintext-secret",
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
