// Terraform model: value helpers, JSON, and the bounded expression evaluator.
#include "analyzer/model/terraform.hpp"

#include <cmath>
#include <cstdio>
#include <set>

namespace lintel::model {

namespace {

constexpr int kMaxDepth = 64;
constexpr long kMaxWork = 20000;
constexpr std::size_t kMaxString = 1U << 16;
constexpr int kMaxJsonDepth = 64;

Value unknown_at(Span span, std::size_t file) {
  Value v;
  v.span = span;
  v.file = file;
  return v;
}

std::string number_text(double n) {
  if (std::isfinite(n) && std::floor(n) == n && std::fabs(n) < 1e15) {
    return std::to_string(static_cast<long long>(n));
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%g", n);
  return buf;
}

// ---- JSON -------------------------------------------------------------------------------------

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : s_(text) {}
  std::optional<Value> parse() {
    auto v = value(0);
    ws();
    if (!v || i_ != s_.size()) return std::nullopt;
    return v;
  }

 private:
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool lit(std::string_view w) {
    if (s_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }
  std::optional<std::string> str() {
    if (i_ >= s_.size() || s_[i_] != '"') return std::nullopt;
    ++i_;
    std::string out;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return std::nullopt;
      const char e = s_[i_++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (i_ + 4 > s_.size()) return std::nullopt;
          unsigned cp = 0;
          for (int k = 0; k < 4; ++k) {
            const char h = s_[i_++];
            cp <<= 4U;
            if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
            else return std::nullopt;
          }
          if (cp < 0x80) {
            out += static_cast<char>(cp);
          } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6U));
            out += static_cast<char>(0x80 | (cp & 0x3FU));
          } else {
            out += static_cast<char>(0xE0 | (cp >> 12U));
            out += static_cast<char>(0x80 | ((cp >> 6U) & 0x3FU));
            out += static_cast<char>(0x80 | (cp & 0x3FU));
          }
          break;
        }
        default: out += e;
      }
    }
    return std::nullopt;
  }
  std::optional<Value> value(int depth) {
    if (depth > kMaxJsonDepth) return std::nullopt;
    ws();
    if (i_ >= s_.size()) return std::nullopt;
    Value v;
    const char c = s_[i_];
    if (c == '{') {
      ++i_;
      v.kind = Value::Kind::map;
      ws();
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        return v;
      }
      while (true) {
        ws();
        auto k = str();
        if (!k) return std::nullopt;
        ws();
        if (!lit(":")) return std::nullopt;
        auto item = value(depth + 1);
        if (!item) return std::nullopt;
        v.entries.emplace_back(std::move(*k), std::move(*item));
        ws();
        if (lit(",")) continue;
        if (lit("}")) return v;
        return std::nullopt;
      }
    }
    if (c == '[') {
      ++i_;
      v.kind = Value::Kind::list;
      ws();
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        return v;
      }
      while (true) {
        auto item = value(depth + 1);
        if (!item) return std::nullopt;
        v.items.push_back(std::move(*item));
        ws();
        if (lit(",")) continue;
        if (lit("]")) return v;
        return std::nullopt;
      }
    }
    if (c == '"') {
      auto s = str();
      if (!s) return std::nullopt;
      v.kind = Value::Kind::string;
      v.string = std::move(*s);
      return v;
    }
    if (lit("true")) {
      v.kind = Value::Kind::boolean;
      v.boolean = true;
      return v;
    }
    if (lit("false")) {
      v.kind = Value::Kind::boolean;
      return v;
    }
    if (lit("null")) {
      v.kind = Value::Kind::null;
      return v;
    }
    const std::size_t start = i_;
    while (i_ < s_.size() && (std::string_view("+-0123456789.eE").find(s_[i_]) != std::string_view::npos)) ++i_;
    if (start == i_) return std::nullopt;
    const std::string num(s_.substr(start, i_ - start));
    char* end = nullptr;
    v.kind = Value::Kind::number;
    v.number = std::strtod(num.c_str(), &end);
    if (end != num.c_str() + num.size()) return std::nullopt;
    return v;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

bool to_json_into(const Value& v, std::string& out, int depth) {
  if (depth > kMaxJsonDepth || out.size() > kMaxString) return false;
  switch (v.kind) {
    case Value::Kind::unknown: return false;
    case Value::Kind::null: out += "null"; return true;
    case Value::Kind::boolean: out += v.boolean ? "true" : "false"; return true;
    case Value::Kind::number: out += number_text(v.number); return true;
    case Value::Kind::string: json_string(out, v.string); return true;
    case Value::Kind::list: {
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i != 0) out += ',';
        if (!to_json_into(v.items[i], out, depth + 1)) return false;
      }
      out += ']';
      return true;
    }
    case Value::Kind::map: {
      out += '{';
      for (std::size_t i = 0; i < v.entries.size(); ++i) {
        if (i != 0) out += ',';
        json_string(out, v.entries[i].first);
        out += ':';
        if (!to_json_into(v.entries[i].second, out, depth + 1)) return false;
      }
      out += '}';
      return true;
    }
  }
  return false;
}

// ---- evaluator --------------------------------------------------------------------------------

class Evaluator {
 public:
  explicit Evaluator(const TerraformModule& m) : m_(m) {}

  Value eval(const Expr& e, std::size_t file, int depth) {
    if (depth > kMaxDepth || ++work_ > kMaxWork) return unknown_at(e.span, file);
    Value v = eval_inner(e, file, depth);
    if (v.span.empty()) {
      v.span = e.span;
      v.file = file;
    }
    return v;
  }

  Value variable(std::string_view name, int depth) {
    if (const auto it = m_.tfvars.find(name); it != m_.tfvars.end()) {
      return eval(it->second.attr->expr, it->second.file, depth + 1);
    }
    if (const auto it = m_.variables.find(name); it != m_.variables.end()) {
      if (const Attribute* d = it->second.block->attr("default")) {
        return eval(d->expr, it->second.file, depth + 1);
      }
    }
    return {};
  }

 private:
  Value eval_inner(const Expr& e, std::size_t file, int depth) {
    switch (e.kind) {
      case Expr::Kind::literal: {
        Value v = e.value;
        v.span = e.span;
        v.file = file;
        return v;
      }
      case Expr::Kind::templ: return eval_template(e, file, depth);
      case Expr::Kind::tuple: {
        Value v;
        v.kind = Value::Kind::list;
        for (const Expr& c : e.children) v.items.push_back(eval(c, file, depth + 1));
        return v;
      }
      case Expr::Kind::object: {
        Value v;
        v.kind = Value::Kind::map;
        for (std::size_t i = 0; i + 1 < e.children.size(); i += 2) {
          std::string key;
          if (const std::string_view id = e.children[i].identifier(); !id.empty()) {
            key = id;
          } else {
            auto k = eval(e.children[i], file, depth + 1).as_string();
            if (!k) return unknown_at(e.span, file);
            key = std::move(*k);
          }
          v.entries.emplace_back(std::move(key), eval(e.children[i + 1], file, depth + 1));
        }
        return v;
      }
      case Expr::Kind::traversal: return eval_traversal(e, file, depth);
      case Expr::Kind::call: return eval_call(e, file, depth);
      case Expr::Kind::conditional: {
        if (e.children.size() != 3) return {};
        const auto cond = eval(e.children[0], file, depth + 1).as_bool();
        if (!cond) return {};
        return eval(e.children[*cond ? 1 : 2], file, depth + 1);
      }
      case Expr::Kind::unary: {
        if (e.children.empty()) return {};
        const Value a = eval(e.children[0], file, depth + 1);
        Value v;
        if (e.name == "!") {
          if (auto b = a.as_bool()) {
            v.kind = Value::Kind::boolean;
            v.boolean = !*b;
          }
        } else if (e.name == "-") {
          if (auto n = a.as_number()) {
            v.kind = Value::Kind::number;
            v.number = -*n;
          }
        }
        return v;
      }
      case Expr::Kind::binary: return eval_binary(e, file, depth);
      case Expr::Kind::other: return {};
    }
    return {};
  }

  Value eval_template(const Expr& e, std::size_t file, int depth) {
    if (e.children.size() == 1 && e.children[0].kind != Expr::Kind::literal && !e.heredoc) {
      return eval(e.children[0], file, depth + 1);  // "${x}" keeps x's type
    }
    Value v;
    v.kind = Value::Kind::string;
    for (const Expr& part : e.children) {
      auto s = eval(part, file, depth + 1).as_string();
      if (!s) return {};
      v.string += *s;
      if (v.string.size() > kMaxString) return {};
    }
    return v;
  }

  Value apply_path(Value v, const std::vector<std::string>& path, std::size_t from) {
    for (std::size_t i = from; i < path.size(); ++i) {
      if (!v.known()) return {};
      const std::string& seg = path[i];
      if (v.is_map()) {
        const Value* next = v.get(seg);
        if (next == nullptr) return {};
        Value copy = *next;
        v = std::move(copy);
      } else if (v.is_list()) {
        char* end = nullptr;
        const long idx = std::strtol(seg.c_str(), &end, 10);
        if (seg.empty() || *end != '\0' || idx < 0 || static_cast<std::size_t>(idx) >= v.items.size()) return {};
        Value copy = v.items[static_cast<std::size_t>(idx)];
        v = std::move(copy);
      } else {
        return {};
      }
    }
    return v;
  }

  Value eval_traversal(const Expr& e, std::size_t /*file*/, int depth) {
    const std::string_view root = e.root();
    if (root == "var" && e.path.size() >= 2) {
      return apply_path(variable(e.path[1], depth), e.path, 2);
    }
    if (root == "local" && e.path.size() >= 2) {
      const std::string& name = e.path[1];
      const auto it = m_.locals.find(name);
      if (it == m_.locals.end() || active_.count(name) != 0) return {};
      active_.insert(name);
      Value v = eval(it->second.attr->expr, it->second.file, depth + 1);
      active_.erase(name);
      return apply_path(std::move(v), e.path, 2);
    }
    if (root == "data" && e.path.size() >= 4 && e.path[1] == "aws_iam_policy_document" &&
        e.path[3] == "json") {
      const auto it = m_.data.find(e.path[1] + "." + e.path[2]);
      if (it == m_.data.end()) return {};
      const Value doc = policy_document(*it->second.block, it->second.file, depth);
      auto json = to_json(doc);
      if (!json) return {};
      Value v;
      v.kind = Value::Kind::string;
      v.string = std::move(*json);
      return v;
    }
    return {};
  }

  Value policy_document(const Block& b, std::size_t file, int depth) {
    Value doc;
    doc.kind = Value::Kind::map;
    Value version;
    version.kind = Value::Kind::string;
    version.string = "2012-10-17";
    doc.entries.emplace_back("Version", version);
    Value statements;
    statements.kind = Value::Kind::list;
    for (const Block* st : b.children("statement")) {
      Value s;
      s.kind = Value::Kind::map;
      Value effect;
      effect.kind = Value::Kind::string;
      effect.string = "Allow";
      if (const Attribute* a = st->attr("effect")) effect = eval(a->expr, file, depth + 1);
      s.entries.emplace_back("Effect", effect);
      constexpr std::pair<std::string_view, std::string_view> kFields[] = {
          {"actions", "Action"}, {"not_actions", "NotAction"}, {"resources", "Resource"},
          {"not_resources", "NotResource"}};
      for (const auto& [attr, key] : kFields) {
        if (const Attribute* a = st->attr(attr)) s.entries.emplace_back(std::string(key), eval(a->expr, file, depth + 1));
      }
      if (!st->children("condition").empty()) {
        Value cond;
        cond.kind = Value::Kind::map;
        s.entries.emplace_back("Condition", cond);
      }
      statements.items.push_back(std::move(s));
    }
    doc.entries.emplace_back("Statement", std::move(statements));
    return doc;
  }

  Value eval_call(const Expr& e, std::size_t file, int depth) {
    const std::string& f = e.name;
    std::vector<Value> args;
    for (const Expr& c : e.children) args.push_back(eval(c, file, depth + 1));
    Value v;
    if (f == "jsonencode" && args.size() == 1) {
      auto json = to_json(args[0]);
      if (!json) return {};
      v.kind = Value::Kind::string;
      v.string = std::move(*json);
      return v;
    }
    if (f == "jsondecode" && args.size() == 1 && args[0].is_string()) {
      auto parsed = parse_json_value(args[0].string);
      return parsed ? *parsed : Value{};
    }
    if ((f == "tomap" && args.size() == 1 && args[0].is_map()) ||
        ((f == "tolist" || f == "toset") && args.size() == 1 && args[0].is_list())) {
      v = args[0];
      v.span = {};
      return v;
    }
    if (f == "tostring" && args.size() == 1) {
      if (auto s = args[0].as_string()) {
        v.kind = Value::Kind::string;
        v.string = *s;
      }
      return v;
    }
    if (f == "tonumber" && args.size() == 1) {
      if (auto n = args[0].as_number()) {
        v.kind = Value::Kind::number;
        v.number = *n;
      }
      return v;
    }
    if (f == "tobool" && args.size() == 1) {
      if (auto b = args[0].as_bool()) {
        v.kind = Value::Kind::boolean;
        v.boolean = *b;
      }
      return v;
    }
    if ((f == "lower" || f == "upper") && args.size() == 1 && args[0].is_string()) {
      v.kind = Value::Kind::string;
      v.string = args[0].string;
      for (char& c : v.string) {
        c = static_cast<char>(f == "lower" ? std::tolower(static_cast<unsigned char>(c))
                                           : std::toupper(static_cast<unsigned char>(c)));
      }
      return v;
    }
    if (f == "concat") {
      v.kind = Value::Kind::list;
      for (const Value& a : args) {
        if (!a.is_list()) return {};
        v.items.insert(v.items.end(), a.items.begin(), a.items.end());
      }
      return v;
    }
    if (f == "merge") {
      v.kind = Value::Kind::map;
      for (const Value& a : args) {
        if (a.kind == Value::Kind::null) continue;
        if (!a.is_map()) return {};
        v.entries.insert(v.entries.end(), a.entries.begin(), a.entries.end());
      }
      return v;
    }
    return {};
  }

  Value eval_binary(const Expr& e, std::size_t file, int depth) {
    if (e.children.size() != 2) return {};
    const Value a = eval(e.children[0], file, depth + 1);
    const Value b = eval(e.children[1], file, depth + 1);
    const std::string& op = e.name;
    Value v;
    if (op == "&&" || op == "||") {
      const auto x = a.as_bool();
      const auto y = b.as_bool();
      if (op == "&&" && ((x && !*x) || (y && !*y))) {
        v.kind = Value::Kind::boolean;
        return v;
      }
      if (op == "||" && ((x && *x) || (y && *y))) {
        v.kind = Value::Kind::boolean;
        v.boolean = true;
        return v;
      }
      if (!x || !y) return {};
      v.kind = Value::Kind::boolean;
      v.boolean = op == "&&" ? (*x && *y) : (*x || *y);
      return v;
    }
    if (op == "==" || op == "!=") {
      if (!a.known() || !b.known()) return {};
      const auto ja = to_json(a);
      const auto jb = to_json(b);
      if (!ja || !jb) return {};
      v.kind = Value::Kind::boolean;
      v.boolean = (*ja == *jb) == (op == "==");
      return v;
    }
    const auto x = a.as_number();
    const auto y = b.as_number();
    if (!x || !y) return {};
    if (op == "<" || op == ">" || op == "<=" || op == ">=") {
      v.kind = Value::Kind::boolean;
      v.boolean = op == "<" ? *x < *y : op == ">" ? *x > *y : op == "<=" ? *x <= *y : *x >= *y;
      return v;
    }
    v.kind = Value::Kind::number;
    if (op == "+") v.number = *x + *y;
    else if (op == "-") v.number = *x - *y;
    else if (op == "*") v.number = *x * *y;
    else if (op == "/" && *y != 0) v.number = *x / *y;
    else if (op == "%" && *y != 0) v.number = std::fmod(*x, *y);
    else return {};
    return v;
  }

  const TerraformModule& m_;
  long work_ = 0;
  std::set<std::string, std::less<>> active_;
};

}  // namespace

const Value* Value::get(std::string_view key) const {
  const Value* found = nullptr;
  for (const auto& [k, v] : entries) {
    if (k == key) found = &v;
  }
  return found;
}

std::optional<bool> Value::as_bool() const {
  if (kind == Kind::boolean) return boolean;
  if (kind == Kind::string) {
    if (string == "true") return true;
    if (string == "false") return false;
  }
  return std::nullopt;
}

std::optional<double> Value::as_number() const {
  if (kind == Kind::number) return number;
  if (kind == Kind::string && !string.empty()) {
    char* end = nullptr;
    const double d = std::strtod(string.c_str(), &end);
    if (end == string.c_str() + string.size()) return d;
  }
  return std::nullopt;
}

std::optional<std::string> Value::as_string() const {
  switch (kind) {
    case Kind::string: return string;
    case Kind::number: return number_text(number);
    case Kind::boolean: return std::string(boolean ? "true" : "false");
    default: return std::nullopt;
  }
}

std::optional<Value> parse_json_value(std::string_view text) { return JsonParser(text).parse(); }

std::optional<std::string> to_json(const Value& value) {
  std::string out;
  if (!to_json_into(value, out, 0)) return std::nullopt;
  return out;
}

const Attribute* Block::attr(std::string_view name) const {
  for (const Attribute& a : attributes) {
    if (a.name.value == name) return &a;
  }
  return nullptr;
}

const Block* Block::child(std::string_view t) const {
  for (const Block& b : blocks) {
    if (b.type.value == t) return &b;
  }
  return nullptr;
}

std::vector<const Block*> Block::children(std::string_view t) const {
  std::vector<const Block*> out;
  for (const Block& b : blocks) {
    if (b.type.value == t) out.push_back(&b);
  }
  return out;
}

std::string Block::address() const {
  std::string out;
  if (type.value == "resource" && labels.size() >= 2) return labels[0].value + "." + labels[1].value;
  if (type.value == "data" && labels.size() >= 2) return "data." + labels[0].value + "." + labels[1].value;
  out = type.value;
  for (const auto& l : labels) out += "." + l.value;
  return out;
}

Value TerraformModule::eval(const Expr& expr, std::size_t file) const {
  return Evaluator(*this).eval(expr, file, 0);
}

Value TerraformModule::variable_value(std::string_view name) const {
  return Evaluator(*this).variable(name, 0);
}

std::vector<BlockRef> TerraformModule::all_blocks() const {
  std::vector<BlockRef> out;
  for (std::size_t f = 0; f < parsed.size(); ++f) {
    for (const Block& b : parsed[f].blocks) out.push_back({f, &b});
  }
  return out;
}

const BlockRef* TerraformModule::referenced_resource(const Expr& expr) const {
  const Expr* e = &expr;
  // "${aws_s3_bucket.b.id}"
  if (e->kind == Expr::Kind::templ && e->children.size() == 1) e = &e->children[0];
  if (e->kind != Expr::Kind::traversal || e->path.size() < 2) return nullptr;
  const auto it = resources.find(e->path[0] + "." + e->path[1]);
  return it == resources.end() ? nullptr : &it->second;
}

}  // namespace lintel::model
