// TF010 iam-wildcard: an IAM policy statement that allows every action on every resource.
//
// Policies are read in all three forms: `jsonencode({...})`, JSON text (heredoc or string), and
// `data "aws_iam_policy_document"` blocks. Checked: the `policy` attribute of
// `aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy`, `aws_iam_group_policy` and
// the `inline_policy` blocks of `aws_iam_role` and attribute of
// `aws_ssoadmin_permission_set_inline_policy`, and the statements of every
// `aws_iam_policy_document` data block (reported there, at `actions`; a `policy` that refers to
// such a document is not reported a second time).
// A statement is reported when its Effect is Allow, its Resource is (or contains) `"*"`, and
// either its Action is (or contains) `"*"` / `"*:*"`, or it uses `NotAction` (Allow + NotAction
// on every resource grants everything except a deny-list, which is admin in practice).
// Statements with a `Condition` are not reported: the condition may scope them (MFA, source
// VPC), and lintel cannot judge it. Unknown parts stay silent.
#include "rules/terraform/common.hpp"

namespace lintel::rules::terraform {
namespace impl_iam_wildcard {

constexpr PeerId kPeers[] = {{"checkov", "CKV_AWS_1"}, {"checkov", "CKV_AWS_62"}, {"checkov", "CKV_AWS_63"}};
constexpr std::string_view kReferences[] = {
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    "CIS AWS Foundations Benchmark 1.16: Ensure IAM policies that allow full \"*:*\" administrative privileges are not attached",
    "https://cwe.mitre.org/data/definitions/269.html",
};
constexpr std::string_view kTags[] = {"security"};

bool contains_star(const Value* v, bool action) {
  if (v == nullptr) return false;
  for (const Value* i : as_items(*v)) {
    if (!i->is_string()) continue;
    if (i->string == "*" || (action && i->string == "*:*")) return true;
  }
  return false;
}

// Why this statement is admin-like, or empty.
std::string broad(const Value& st) {
  if (!st.is_map()) return {};
  const Value* effect = st.get("Effect");
  if (effect == nullptr || !effect->is_string() || effect->string != "Allow") return {};
  if (st.get("Condition") != nullptr) return {};
  if (!contains_star(st.get("Resource"), false)) return {};
  if (contains_star(st.get("Action"), true)) return "allows Action \"*\" on Resource \"*\"";
  if (st.get("NotAction") != nullptr && st.get("Action") == nullptr) {
    return "allows every action except its NotAction list on Resource \"*\"";
  }
  return {};
}

bool refers_to_policy_document(const Expr& e) {
  const Expr* x = &e;
  if (x->kind == Expr::Kind::templ && x->children.size() == 1) x = &x->children[0];
  return x->kind == Expr::Kind::traversal && x->path.size() >= 2 && x->path[0] == "data" &&
         x->path[1] == "aws_iam_policy_document";
}

void check_policy(const TerraformDoc& doc, const std::string& owner, const Attribute& a, Reporter& out) {
  if (refers_to_policy_document(a.expr)) return;
  const Value v = doc.eval(a.expr);
  std::optional<Value> policy;
  if (v.is_string()) policy = model::parse_json_value(v.string);
  else if (v.is_map()) policy = v;
  if (!policy || !policy->is_map()) return;
  const Value* statements = policy->get("Statement");
  if (statements == nullptr) return;
  std::size_t n = 0;
  for (const Value* st : as_items(*statements)) {
    ++n;
    const std::string why = broad(*st);
    if (why.empty()) continue;
    const std::string sid = st->get("Sid") != nullptr && st->get("Sid")->is_string()
                                ? " (Sid \"" + st->get("Sid")->string + "\")"
                                : "";
    out.report(a.expr.span, fmt::format("{} statement {}{} {}", owner, n, sid, why));
  }
}

void check(const TerraformDoc& doc, Reporter& out) {
  for_each_resource(doc, {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"},
                    [&](const Block& b) {
                      if (const Attribute* a = b.attr("policy")) check_policy(doc, resource_name(b), *a, out);
                    });
  for_each_resource(doc, {"aws_ssoadmin_permission_set_inline_policy"}, [&](const Block& b) {
    if (const Attribute* a = b.attr("inline_policy")) check_policy(doc, resource_name(b), *a, out);
  });
  for_each_resource(doc, {"aws_iam_role"}, [&](const Block& b) {
    for (const Block* inl : b.children("inline_policy")) {
      if (const Attribute* a = inl->attr("policy")) check_policy(doc, resource_name(b) + " inline policy", *a, out);
    }
  });
  for (const Block& b : doc.blocks()) {
    if (b.type.value != "data" || b.label(0) != "aws_iam_policy_document") continue;
    std::size_t n = 0;
    for (const Block* st : b.children("statement")) {
      ++n;
      Value s;
      s.kind = Value::Kind::map;
      Value effect;
      effect.kind = Value::Kind::string;
      effect.string = "Allow";
      if (const Attribute* e = st->attr("effect")) effect = doc.eval(e->expr);
      s.entries.emplace_back("Effect", effect);
      if (const Attribute* e = st->attr("actions")) s.entries.emplace_back("Action", doc.eval(e->expr));
      if (const Attribute* e = st->attr("not_actions")) s.entries.emplace_back("NotAction", doc.eval(e->expr));
      if (const Attribute* e = st->attr("resources")) s.entries.emplace_back("Resource", doc.eval(e->expr));
      if (!st->children("condition").empty()) s.entries.emplace_back("Condition", Value{});
      const std::string why = broad(s);
      if (why.empty()) continue;
      const Attribute* at = st->attr("actions") != nullptr ? st->attr("actions") : st->attr("not_actions");
      const std::string sid = string_attr(doc, *st, "sid") ? " (sid \"" + *string_attr(doc, *st, "sid") + "\")" : "";
      out.report(at != nullptr ? at->expr.span : st->type.span,
                 fmt::format("policy document data.aws_iam_policy_document.{} statement {}{} {}", b.label(1), n,
                             sid, why));
    }
  }
}

}  // namespace impl_iam_wildcard

extern const Rule iam_wildcard{
    .meta = {.id = "TF010",
             .slug = "iam-wildcard",
             .severity = Severity::error,
             .format = Format::terraform,
             .summary = "IAM policy allows every action on every resource",
             .what = "Reports IAM policy statements with `Effect = \"Allow\"`, `Resource = \"*\"` "
                     "and `Action = \"*\"` (as a string or in a list), or with `NotAction` "
                     "instead of `Action`. Policies are read from `jsonencode()`, JSON heredocs "
                     "and strings, and `aws_iam_policy_document` data blocks. Statements with a "
                     "`Condition` are not reported.",
             .why = "`*` on `*` is full administrator access: whoever gets the role, user or key "
                    "controls the whole account, including IAM itself. Allow with NotAction on "
                    "every resource is the same with a short deny-list.",
             .fix = "List the actions the workload needs and the resources it acts on (IAM "
                    "Access Analyzer can generate a policy from CloudTrail activity); keep "
                    "administrator access for break-glass roles managed outside the workload.",
             .bad = "resource \"aws_iam_policy\" \"admin\" {\n"
                    "  name = \"admin\"\n"
                    "  policy = jsonencode({\n"
                    "    Version = \"2012-10-17\"\n"
                    "    Statement = [{\n"
                    "      Effect   = \"Allow\"\n"
                    "      Action   = \"*\"\n"
                    "      Resource = \"*\"\n"
                    "    }]\n"
                    "  })\n"
                    "}\n",
             .good = "resource \"aws_iam_policy\" \"reader\" {\n"
                     "  name = \"reader\"\n"
                     "  policy = jsonencode({\n"
                     "    Version = \"2012-10-17\"\n"
                     "    Statement = [{\n"
                     "      Effect   = \"Allow\"\n"
                     "      Action   = [\"s3:GetObject\"]\n"
                     "      Resource = \"arn:aws:s3:::my-bucket/*\"\n"
                     "    }]\n"
                     "  })\n"
                     "}\n",
             .peers = impl_iam_wildcard::kPeers,
             .references = impl_iam_wildcard::kReferences,
             .tags = impl_iam_wildcard::kTags,
             .security_severity = "8.0"},
    .check = for_format<model::TerraformDoc, impl_iam_wildcard::check>,
};

}  // namespace lintel::rules::terraform
