// K8S010 writable-root-fs: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): `readOnlyRootFilesystem` not true
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_22"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule writable_root_fs{
    .meta = {.id = "K8S010",
             .slug = "writable-root-fs",
             .severity = Severity::warning,
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
