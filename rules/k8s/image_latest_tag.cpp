// K8S001 image-latest-tag: TODO(#3) describe the heuristics and the false-positive trade-offs.
// Spec (RULES.md): container image `:latest`
#include "analyzer/model/k8s.hpp"
#include "analyzer/rule.hpp"

namespace lintel::rules::k8s {
namespace {

constexpr PeerId kPeers[] = {{"checkov", "CKV_K8S_14"}, {"kube-linter", "latest-tag"}};

void check(const model::K8sDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule image_latest_tag{
    .meta = {.id = "K8S001",
             .slug = "image-latest-tag",
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
