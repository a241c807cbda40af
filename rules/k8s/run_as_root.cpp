// K8S003 run-as-root: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): effective `runAsNonRoot` not true and `runAsUser` not > 0, or `runAsUser: 0`
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_23"}, {"checkov", "CKV_K8S_40"}, {"kube-linter", "run-as-non-root"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule run_as_root{
    .meta = {.id = "K8S003",
             .slug = "run-as-root",
             .severity = Severity::error,
             .format = Format::kubernetes,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             .peers = kPeers,
             .status = RuleStatus::preview},
    .check = for_format<model::K8sDoc, check>,
};

}  // namespace lintel::rules::k8s
