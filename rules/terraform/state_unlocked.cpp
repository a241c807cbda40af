// TF013 state-unlocked: a root module whose state is local or not locked.
//
// "Root module" = a folder with a `provider` block or a `terraform { backend / cloud }` block:
// child modules receive providers from their caller and never configure a backend, so a folder
// with neither is not judged. Reported once per module:
// - no `backend` and no `cloud` block: at the module's first `provider` block (files in
//   lexical order), as the state then lives on one machine, unlocked;
// - `backend "local"`: at the backend;
// - `backend "s3"` without `dynamodb_table` and without `use_lockfile = true`: at the backend.
// Other remote backends (gcs, azurerm, remote, http, consul, pg, …) lock by themselves.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_state_unlocked {

constexpr std::string_view kReferences[] = {
    "https://developer.hashicorp.com/terraform/language/state/locking",
    "https://developer.hashicorp.com/terraform/language/backend/s3",
};
constexpr std::string_view kTags[] = {"reliability"};

void check(const TerraformDoc& doc, Reporter& out) {
  const model::BlockRef* first_provider = nullptr;
  std::vector<model::BlockRef> blocks = doc.module->all_blocks();
  bool has_cloud = false;
  std::optional<model::BlockRef> backend;
  for (const model::BlockRef& r : blocks) {
    if (r.block->type.value == "provider" && first_provider == nullptr) first_provider = &r;
    if (r.block->type.value != "terraform") continue;
    if (r.block->child("cloud") != nullptr) has_cloud = true;
    if (const Block* be = r.block->child("backend")) backend = model::BlockRef{r.file, be};
  }
  if (has_cloud) return;
  if (!backend) {
    if (first_provider == nullptr || first_provider->file != doc.file) return;
    out.report(first_provider->block->head(),
               "root module has no remote backend: its state is local to one machine and not locked");
    return;
  }
  if (backend->file != doc.file) return;
  const Block& be = *backend->block;
  if (be.label(0) == "local") {
    out.report(be.head(), "root module uses the local backend: its state is not shared or locked");
    return;
  }
  if (be.label(0) != "s3") return;
  if (be.attr("dynamodb_table") != nullptr) return;
  if (const Attribute* a = be.attr("use_lockfile")) {
    const auto on = doc.eval(a->expr).as_bool();
    if (!on || *on) return;
    out.report(a->expr.span, "s3 backend disables state locking (`use_lockfile = false`, no `dynamodb_table`)");
    return;
  }
  out.report(be.head(), "s3 backend has no state locking: set `use_lockfile = true` or `dynamodb_table`");
}

}  // namespace impl_state_unlocked

extern const Rule state_unlocked{
    .meta = {.id = "TF013",
             .slug = "state-unlocked",
             .severity = Severity::info,
             .format = Format::terraform,
             .summary = "Root module state is local or not locked",
             .what = "Reports a root module (one with a `provider` block or a backend) that has "
                     "no remote backend, uses `backend \"local\"`, or uses `backend \"s3\"` "
                     "without `use_lockfile = true` or `dynamodb_table`. Child modules, which "
                     "have neither, are not judged.",
             .why = "Local state is lost with the machine and cannot be shared; without locking, "
                    "two concurrent `terraform apply` runs can corrupt the state and leave "
                    "resources unmanaged.",
             .fix = "Configure a remote backend with locking: for S3, `use_lockfile = true` "
                    "(Terraform 1.10+) or a `dynamodb_table`.",
             .bad = "terraform {\n"
                    "  backend \"s3\" {\n"
                    "    bucket = \"my-state\"\n"
                    "    key    = \"prod/terraform.tfstate\"\n"
                    "    region = \"us-east-1\"\n"
                    "  }\n"
                    "}\n",
             .good = "terraform {\n"
                     "  backend \"s3\" {\n"
                     "    bucket       = \"my-state\"\n"
                     "    key          = \"prod/terraform.tfstate\"\n"
                     "    region       = \"us-east-1\"\n"
                     "    use_lockfile = true\n"
                     "  }\n"
                     "}\n",
             .references = impl_state_unlocked::kReferences,
             .tags = impl_state_unlocked::kTags},
    .check = for_format<model::TerraformDoc, impl_state_unlocked::check>,
};

}  // namespace lintel::rules::terraform
