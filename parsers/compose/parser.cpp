// YAML tree to model::ComposeDoc. The YAML tree has already resolved anchors, aliases and merge
// keys; this file adds what Compose itself does when it loads a project:
// - interpolation of every scalar value with the `.env` beside the file (interpolate.hpp);
// - `extends` within the file and from other files, merged per the Compose spec's merge rules
//   (https://github.com/compose-spec/compose-spec/blob/main/05-services.md#extends and
//   13-merge.md): scalars are overridden by the extending service, mappings are merged key by
//   key, `environment` by variable, `volumes` by container path, `depends_on` and `secrets` by
//   name, and sequences (`ports`, `cap_add`, `security_opt`…) are combined;
// - `include:` files, whose services join the project (interpolated with the including file's
//   variables overlaid by the `.env` beside the included file, as Compose does).
// Other files are read through the engine's FileReader only; the depth of `extends` chains and
// `include` nesting and the number of files read are bounded, and cycles end the chain.
// Semantic problems (an unknown base service, a missing file, a cycle) are not parse errors:
// `ComposeExtends::resolved` stays false and rules treat the service as incomplete.
#include "parsers/compose/parser.hpp"

#include <deque>
#include <filesystem>
#include <map>
#include <set>

#include "parsers/compose/interpolate.hpp"
#include "parsers/compose/syntax.hpp"
#include "parsers/dockerfile/parser.hpp"
#include "parsers/yaml/parser.hpp"

namespace lintel::parsers {
namespace {

namespace yaml = model::yaml;
using compose::Env;
using model::ComposeBool;
using model::ComposeService;
using model::ComposeValue;

constexpr int kMaxExtendsDepth = 16;
constexpr int kMaxIncludeDepth = 8;
constexpr std::size_t kMaxRelatedFiles = 64;

// --- paths (lexical only: no I/O) ---

std::string normal(const std::filesystem::path& p) {
  std::string s = p.lexically_normal().generic_string();
  return s.empty() ? "." : s;
}

std::string dir_of(std::string_view path) {
  return std::filesystem::path(std::string(path)).parent_path().generic_string();
}

// `rel` relative to `dir` ("" = the working directory); absolute paths stay as they are.
std::string join_path(std::string_view dir, std::string_view rel) {
  const std::filesystem::path r{std::string(rel)};
  if (r.is_absolute() || dir.empty() || dir == ".") return normal(r);
  return normal(std::filesystem::path(std::string(dir)) / r);
}

bool is_absolute_path(std::string_view p) { return std::filesystem::path(std::string(p)).is_absolute(); }

// --- files and layers ---

struct FileCtx {
  std::string read_path;  // the path given to the reader (the linted file: its own path)
  std::string read_dir;   // its directory, for the reader ("" = working directory)
  std::string rel_dir;    // its directory relative to the linted file's directory
  bool local = false;     // the file being linted
  yaml::Node root;
  yaml::Node services;
  Env env;
  std::string_view source;  // the linted file's text (for sub-spans); empty for other files
};

// One mapping contributing to a service: the service itself, then each base along `extends`.
// Values read from a layer with an anchor report at the anchor (a span in the linted file).
struct Layer {
  yaml::Node map;
  const FileCtx* file = nullptr;
  std::optional<Span> anchor;
};

std::optional<bool> to_bool(std::string_view s) {
  std::string l(s);
  for (char& c : l)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (l == "true" || l == "yes" || l == "y" || l == "on") return true;
  if (l == "false" || l == "no" || l == "n" || l == "off") return false;
  return std::nullopt;
}

ComposeValue make_value(std::string text, yaml::Node node, Span span, Span key,
                        const Layer& layer) {
  ComposeValue v;
  v.node = node;
  v.external = layer.anchor.has_value();
  v.text.span = layer.anchor ? *layer.anchor : span;
  v.key = layer.anchor ? Span{} : key;
  compose::Interpolated in = compose::interpolate(text, layer.file->env);
  v.text.value = std::move(text);
  v.resolved = std::move(in.resolved);
  v.partial = std::move(in.partial);
  v.interpolated = in.interpolated;
  v.only_references = in.only_references;
  v.literal_text = std::move(in.literal_text);
  return v;
}

ComposeValue value_of(yaml::Node node, yaml::Node key, const Layer& layer) {
  return make_value(std::string(node.text()), node, node.span(), key.span(), layer);
}

ComposeBool bool_of(yaml::Node node, yaml::Node key, const Layer& layer) {
  ComposeBool b;
  b.raw = value_of(node, key, layer);
  if (b.raw.resolved) b.value = to_bool(*b.raw.resolved);
  return b;
}

// The span of text()[from, to) of a scalar in the linted file, or the fallback span.
Span sub_span(const Layer& layer, yaml::Node item, std::size_t from, std::size_t to) {
  if (layer.anchor) return *layer.anchor;
  if (!layer.file->local || layer.file->source.empty()) return item.span();
  const auto first = static_cast<std::uint32_t>(from);
  if (to <= from) {
    // Empty: the position right after the previous character.
    if (from == 0) return {item.content_span().begin, item.content_span().begin};
    const auto before = item.source_offset(layer.file->source, first - 1);
    return before ? Span{*before + 1, *before + 1} : item.span();
  }
  const auto b = item.source_offset(layer.file->source, first);
  const auto e = item.source_offset(layer.file->source, static_cast<std::uint32_t>(to - 1));
  if (!b || !e || *e < *b) return item.span();
  return {*b, *e + 1};
}

// The first layer whose mapping has `key` with a non-null value.
struct Found {
  yaml::Node key;
  yaml::Node value;
  const Layer* layer = nullptr;
};

std::optional<Found> first_pair(const std::vector<Layer>& layers, std::string_view key) {
  for (const Layer& layer : layers) {
    const auto kv = layer.map.find_pair(key);
    if (kv && !kv->value.is_null()) return Found{kv->key, kv->value, &layer};
  }
  return std::nullopt;
}

// The first layer with a non-null value at the mapping path `keys`.
std::optional<Found> first_path(const std::vector<Layer>& layers,
                                std::initializer_list<std::string_view> keys) {
  for (const Layer& layer : layers) {
    yaml::Node at = layer.map;
    std::optional<yaml::Node::KeyValue> kv;
    for (const std::string_view k : keys) {
      kv = at.find_pair(k);
      if (!kv) break;
      at = kv->value;
    }
    if (kv && !kv->value.is_null()) return Found{kv->key, kv->value, &layer};
  }
  return std::nullopt;
}

std::optional<ComposeValue> first_scalar(const std::vector<Layer>& layers, std::string_view key) {
  const auto f = first_pair(layers, key);
  if (!f || !f->value.is_scalar()) return std::nullopt;
  return value_of(f->value, f->key, *f->layer);
}

std::optional<ComposeBool> first_bool(const std::vector<Layer>& layers, std::string_view key) {
  const auto f = first_pair(layers, key);
  if (!f || !f->value.is_scalar()) return std::nullopt;
  return bool_of(f->value, f->key, *f->layer);
}

// --- service fields ---

void fill_image(model::ComposeService& svc, const std::vector<Layer>& layers) {
  auto ref = first_scalar(layers, "image");
  if (!ref) return;
  model::ComposeImage image;
  model::ImageRef split;
  split_image_ref(ref->partial, split);
  image.registry = std::move(split.registry);
  image.name = std::move(split.name);
  image.tag = std::move(split.tag);
  image.digest = std::move(split.digest);
  image.ref = std::move(*ref);
  svc.image = std::move(image);
}

void set_dockerfile_path(model::ComposeBuild& build, std::string_view context_dir) {
  if (build.dockerfile_inline) return;
  std::string context = ".";
  if (build.context) {
    if (!build.context->resolved) return;
    if (!build.context->resolved->empty()) context = *build.context->resolved;
  }
  if (compose::is_remote_context(context)) {
    build.remote_context = true;
    return;
  }
  std::string dockerfile = "Dockerfile";
  if (build.dockerfile) {
    if (!build.dockerfile->resolved || build.dockerfile->resolved->empty()) return;
    dockerfile = *build.dockerfile->resolved;
  }
  if (is_absolute_path(dockerfile)) {
    build.dockerfile_path = normal(dockerfile);
    return;
  }
  build.dockerfile_path = join_path(join_path(context_dir, context), dockerfile);
}

void fill_build(model::ComposeService& svc, const std::vector<Layer>& layers) {
  std::string context_dir;
  bool have_context_dir = false;
  for (const Layer& layer : layers) {
    const auto kv = layer.map.find_pair("build");
    if (!kv || kv->value.is_null()) continue;
    if (!svc.build) {
      svc.build.emplace();
      svc.build->span = layer.anchor ? *layer.anchor : kv->key.span();
      svc.build->node = kv->value;
      svc.build->short_form = kv->value.is_scalar();
    }
    model::ComposeBuild& build = *svc.build;
    if (!have_context_dir) {
      context_dir = layer.file->rel_dir;  // the default context `.` is the declaring file's dir
      have_context_dir = true;
    }
    if (kv->value.is_scalar()) {
      if (!build.context) {
        build.context = value_of(kv->value, kv->key, layer);
        context_dir = layer.file->rel_dir;
      }
      continue;
    }
    const auto take = [&](std::string_view key, std::optional<ComposeValue>& slot) {
      if (slot) return false;
      const auto sub = kv->value.find_pair(key);
      if (!sub || !sub->value.is_scalar() || sub->value.is_null()) return false;
      slot = value_of(sub->value, sub->key, layer);
      return true;
    };
    if (take("context", build.context)) context_dir = layer.file->rel_dir;
    take("dockerfile", build.dockerfile);
    take("dockerfile_inline", build.dockerfile_inline);
    take("target", build.target);
  }
  if (svc.build) set_dockerfile_path(*svc.build, context_dir);
}

void fill_healthcheck(model::ComposeService& svc, const std::vector<Layer>& layers) {
  for (const Layer& layer : layers) {
    const auto kv = layer.map.find_pair("healthcheck");
    if (!kv || !kv->value.is_mapping()) continue;
    if (!svc.healthcheck) {
      svc.healthcheck.emplace();
      svc.healthcheck->span = layer.anchor ? *layer.anchor : kv->key.span();
      svc.healthcheck->node = kv->value;
    }
    model::ComposeHealthcheck& hc = *svc.healthcheck;
    if (const auto test = kv->value.find_pair("test"); test && !test->value.is_null() && hc.test.empty()) {
      if (test->value.is_sequence()) {
        hc.test_is_list = true;
        for (const yaml::Node item : test->value.items())
          if (item.is_scalar()) hc.test.push_back(value_of(item, {}, layer));
        if (!hc.test.empty()) hc.test.front().key = layer.anchor ? Span{} : test->key.span();
      } else if (test->value.is_scalar()) {
        hc.test.push_back(value_of(test->value, test->key, layer));
      }
    }
    if (const auto disable = kv->value.find_pair("disable");
        disable && disable->value.is_scalar() && !disable->value.is_null() && !hc.disable)
      hc.disable = bool_of(disable->value, disable->key, layer);
  }
}

model::ComposeEnvVar env_from_item(yaml::Node item, const Layer& layer) {
  model::ComposeEnvVar e;
  e.list_form = true;
  e.span = layer.anchor ? *layer.anchor : item.span();
  const std::string text(item.text());
  const std::size_t eq = text.find('=');
  const std::size_t key_end = eq == std::string::npos ? text.size() : eq;
  e.key = {text.substr(0, key_end), sub_span(layer, item, 0, key_end)};
  if (eq != std::string::npos) {
    const Span span = sub_span(layer, item, eq + 1, text.size());
    e.value = make_value(text.substr(eq + 1), item, span, Span{}, layer);
  }
  return e;
}

void fill_environment(model::ComposeService& svc, const std::vector<Layer>& layers) {
  std::set<std::string, std::less<>> seen;
  for (const Layer& layer : layers) {
    const yaml::Node env = layer.map.find("environment");
    std::vector<model::ComposeEnvVar> entries;
    if (env.is_mapping()) {
      for (const yaml::Pair& p : env.pairs()) {
        if (!p.key.is_scalar()) continue;
        model::ComposeEnvVar e;
        e.key = {std::string(p.key.text()), layer.anchor ? *layer.anchor : p.key.span()};
        e.span = layer.anchor ? *layer.anchor : p.key.span().cover(p.value.span());
        if (p.value.is_scalar() && !p.value.is_null()) e.value = value_of(p.value, p.key, layer);
        entries.push_back(std::move(e));
      }
    } else if (env.is_sequence()) {
      for (const yaml::Node item : env.items())
        if (item.is_scalar() && !item.is_null()) entries.push_back(env_from_item(item, layer));
    }
    // A key written twice in one layer is kept twice (the last wins in Compose, both are
    // visible to rules); across layers the extending service wins.
    std::set<std::string, std::less<>> here;
    for (model::ComposeEnvVar& e : entries) {
      if (seen.contains(e.key.value)) continue;
      here.insert(e.key.value);
      svc.environment.push_back(std::move(e));
    }
    seen.insert(here.begin(), here.end());
  }
}

void fill_ports(model::ComposeService& svc, const std::vector<Layer>& layers) {
  std::set<std::string> seen;
  for (const Layer& layer : layers) {
    const yaml::Node ports = layer.map.find("ports");
    if (!ports.is_sequence()) continue;
    std::set<std::string> here;
    for (const yaml::Node item : ports.items()) {
      model::ComposePort port;
      port.node = item;
      port.span = layer.anchor ? *layer.anchor : item.span();
      if (item.is_scalar()) {
        if (item.is_null()) continue;
        port.raw = value_of(item, {}, layer);
        compose::parse_port_short(port.raw->partial, port);
      } else if (item.is_mapping()) {
        port.long_syntax = true;
        const auto field = [&](std::string_view key) -> std::string {
          const yaml::Node v = item.find(key);
          if (!v.is_scalar() || v.is_null()) return {};
          return compose::interpolate(v.text(), layer.file->env).partial;
        };
        port.target = field("target");
        port.published = field("published");
        port.host_ip = field("host_ip");
        if (const std::string proto = field("protocol"); !proto.empty()) {
          port.protocol = proto;
          for (char& c : port.protocol)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        compose::finish_port(port);
      } else {
        continue;
      }
      const std::string key = port.host_ip + "|" + port.published + "|" + port.target + "|" +
                              port.protocol;
      if (seen.contains(key)) continue;
      here.insert(key);
      svc.ports.push_back(std::move(port));
    }
    seen.insert(here.begin(), here.end());
  }
}

model::VolumeType volume_type_named(std::string_view type) {
  using model::VolumeType;
  if (type == "volume") return VolumeType::volume;
  if (type == "bind") return VolumeType::bind;
  if (type == "tmpfs") return VolumeType::tmpfs;
  if (type == "npipe") return VolumeType::npipe;
  if (type == "cluster") return VolumeType::cluster;
  if (type == "image") return VolumeType::image;
  return VolumeType::unknown;
}

void fill_volumes(model::ComposeService& svc, const std::vector<Layer>& layers) {
  std::set<std::string> seen;  // container paths: the extending service's mount wins
  for (const Layer& layer : layers) {
    const yaml::Node volumes = layer.map.find("volumes");
    if (!volumes.is_sequence()) continue;
    std::set<std::string> here;
    for (const yaml::Node item : volumes.items()) {
      model::ComposeVolume vol;
      vol.node = item;
      vol.span = layer.anchor ? *layer.anchor : item.span();
      if (item.is_scalar()) {
        if (item.is_null()) continue;
        vol.raw = value_of(item, {}, layer);
        compose::parse_volume_short(vol.raw->partial, vol);
      } else if (item.is_mapping()) {
        vol.long_syntax = true;
        const auto field = [&](std::string_view key) -> std::string {
          const yaml::Node v = item.find(key);
          if (!v.is_scalar() || v.is_null()) return {};
          return compose::interpolate(v.text(), layer.file->env).partial;
        };
        vol.source = field("source");
        vol.target = field("target");
        const std::string type = field("type");
        vol.type = type.empty() ? compose::volume_type_of_source(vol.source) : volume_type_named(type);
        vol.read_only = to_bool(field("read_only")).value_or(false);
        vol.unresolved = !model::is_known(vol.source) || !model::is_known(vol.target) ||
                         !model::is_known(type) || vol.type == model::VolumeType::unknown;
      } else {
        continue;
      }
      if (!vol.target.empty() && seen.contains(vol.target)) continue;
      here.insert(vol.target);
      svc.volumes.push_back(std::move(vol));
    }
    seen.insert(here.begin(), here.end());
  }
}

// Sequences of strings combined across layers, without repeating a value.
void fill_strings(std::vector<ComposeValue>& out, const std::vector<Layer>& layers,
                  std::string_view key) {
  std::set<std::string> seen;
  for (const Layer& layer : layers) {
    const yaml::Node seq = layer.map.find(key);
    if (!seq.is_sequence()) continue;
    std::set<std::string> here;
    for (const yaml::Node item : seq.items()) {
      if (!item.is_scalar() || item.is_null()) continue;
      ComposeValue v = value_of(item, {}, layer);
      if (seen.contains(v.partial)) continue;
      here.insert(v.partial);
      out.push_back(std::move(v));
    }
    seen.insert(here.begin(), here.end());
  }
}

void fill_depends_on(model::ComposeService& svc, const std::vector<Layer>& layers) {
  std::set<std::string, std::less<>> seen;
  for (const Layer& layer : layers) {
    const yaml::Node deps = layer.map.find("depends_on");
    std::vector<model::ComposeDependency> entries;
    if (deps.is_sequence()) {
      for (const yaml::Node item : deps.items()) {
        if (!item.is_scalar() || item.is_null()) continue;
        model::ComposeDependency d;
        d.service = {std::string(item.text()), layer.anchor ? *layer.anchor : item.span()};
        d.span = d.service.span;
        entries.push_back(std::move(d));
      }
    } else if (deps.is_mapping()) {
      for (const yaml::Pair& p : deps.pairs()) {
        if (!p.key.is_scalar()) continue;
        model::ComposeDependency d;
        d.long_syntax = true;
        d.service = {std::string(p.key.text()), layer.anchor ? *layer.anchor : p.key.span()};
        d.span = layer.anchor ? *layer.anchor : p.key.span().cover(p.value.span());
        if (const auto cond = p.value.find_pair("condition"); cond && cond->value.is_scalar())
          d.condition = value_of(cond->value, cond->key, layer);
        entries.push_back(std::move(d));
      }
    }
    std::set<std::string, std::less<>> here;
    for (model::ComposeDependency& d : entries) {
      if (seen.contains(d.service.value)) continue;
      here.insert(d.service.value);
      svc.depends_on.push_back(std::move(d));
    }
    seen.insert(here.begin(), here.end());
  }
}

void fill_secrets(model::ComposeService& svc, const std::vector<Layer>& layers) {
  std::set<std::string> seen;
  for (const Layer& layer : layers) {
    const yaml::Node secrets = layer.map.find("secrets");
    if (!secrets.is_sequence()) continue;
    std::set<std::string> here;
    for (const yaml::Node item : secrets.items()) {
      model::ComposeSecretRef ref;
      ref.span = layer.anchor ? *layer.anchor : item.span();
      if (item.is_scalar() && !item.is_null()) {
        ref.source = value_of(item, {}, layer);
      } else if (item.is_mapping()) {
        const auto source = item.find_pair("source");
        if (!source || !source->value.is_scalar()) continue;
        ref.source = value_of(source->value, source->key, layer);
        if (const auto target = item.find_pair("target"); target && target->value.is_scalar())
          ref.target = value_of(target->value, target->key, layer);
      } else {
        continue;
      }
      if (seen.contains(ref.source.partial)) continue;
      here.insert(ref.source.partial);
      svc.secrets.push_back(std::move(ref));
    }
    seen.insert(here.begin(), here.end());
  }
}

void fill_resources(model::ComposeService& svc, const std::vector<Layer>& layers) {
  const auto scalar_at = [&](std::initializer_list<std::string_view> keys)
      -> std::optional<ComposeValue> {
    const auto f = first_path(layers, keys);
    if (!f || !f->value.is_scalar()) return std::nullopt;
    return value_of(f->value, f->key, *f->layer);
  };
  svc.memory_limit = scalar_at({"deploy", "resources", "limits", "memory"});
  svc.cpus_limit = scalar_at({"deploy", "resources", "limits", "cpus"});
  svc.mem_limit = first_scalar(layers, "mem_limit");
  svc.cpus = first_scalar(layers, "cpus");
}

void fill_service(model::ComposeService& svc, const std::vector<Layer>& layers) {
  fill_image(svc, layers);
  fill_build(svc, layers);
  svc.user = first_scalar(layers, "user");
  fill_healthcheck(svc, layers);
  fill_resources(svc, layers);
  fill_environment(svc, layers);
  fill_ports(svc, layers);
  fill_volumes(svc, layers);
  fill_strings(svc.cap_add, layers, "cap_add");
  fill_strings(svc.cap_drop, layers, "cap_drop");
  fill_strings(svc.security_opt, layers, "security_opt");
  fill_strings(svc.profiles, layers, "profiles");
  svc.read_only = first_bool(layers, "read_only");
  svc.privileged = first_bool(layers, "privileged");
  svc.network_mode = first_scalar(layers, "network_mode");
  svc.pid = first_scalar(layers, "pid");
  svc.ipc = first_scalar(layers, "ipc");
  svc.userns_mode = first_scalar(layers, "userns_mode");
  fill_depends_on(svc, layers);
  fill_secrets(svc, layers);
  svc.container_name = first_scalar(layers, "container_name");
}

// --- the project ---

class Builder {
 public:
  Builder(const SourceFile& file, const FileReader& read, model::ComposeDoc& doc)
      : file_(file), read_(read), doc_(doc) {}

  void build() {
    FileCtx& local = files_.emplace_back();
    local.read_path = normal(file_.path());
    local.read_dir = dir_of(file_.path());
    local.local = true;
    local.source = file_.text();
    local.root = root_of(doc_.yaml);
    local.services = local.root.find("services");
    if (const auto text = read_file(join_path(local.read_dir, ".env")))
      local.env = compose::parse_dotenv(*text);
    by_path_[local.read_path] = &local;

    const Layer top{local.root, &local, std::nullopt};
    if (const auto v = local.root.find_pair("version"); v && v->value.is_scalar())
      doc_.version = value_of(v->value, v->key, top);
    if (const auto n = local.root.find_pair("name"); n && n->value.is_scalar())
      doc_.name = value_of(n->value, n->key, top);
    if (const auto s = local.root.find_pair("services")) doc_.services_key = s->key.span();

    add_services(local, std::nullopt, false);
    std::set<std::string> visiting{local.read_path};
    add_includes(local, std::nullopt, 0, visiting);
  }

 private:
  static yaml::Node root_of(const yaml::Stream& stream) {
    for (const yaml::Document& d : stream)
      if (d.root.is_mapping()) return d.root;
    return {};
  }

  std::optional<std::string> read_file(const std::string& path) const {
    if (!read_) return std::nullopt;
    return read_(path);
  }

  // Loads another compose file (an extends or include target), once per path.
  const FileCtx* load(const std::string& read_path, const std::string& rel_dir, const Env& env,
                      bool own_dotenv) {
    if (const auto it = by_path_.find(read_path); it != by_path_.end()) return it->second;
    if (files_.size() >= kMaxRelatedFiles) return nullptr;
    const auto text = read_file(read_path);
    if (!text) {
      by_path_[read_path] = nullptr;
      return nullptr;
    }
    const SourceFile source(read_path, *text);
    auto parsed = parse_yaml(source);
    FileCtx& ctx = files_.emplace_back();
    ctx.read_path = read_path;
    ctx.read_dir = dir_of(read_path);
    ctx.rel_dir = rel_dir;
    ctx.env = env;
    if (own_dotenv) {
      if (const auto dotenv = read_file(join_path(ctx.read_dir, ".env")))
        for (auto& [k, v] : compose::parse_dotenv(*dotenv)) ctx.env[k] = v;
    }
    ctx.root = root_of(parsed.doc);
    ctx.services = ctx.root.find("services");
    doc_.related.push_back(std::move(parsed.doc));
    by_path_[read_path] = &ctx;
    return &ctx;
  }

  // Appends `node`'s layer and those of its bases to `layers`. Returns false when an `extends`
  // along the chain could not be resolved.
  bool collect(const FileCtx& file, yaml::Node node, std::optional<Span> anchor, int depth,
               std::set<std::string>& visited, std::vector<Layer>& layers,
               std::optional<model::ComposeExtends>& written) {
    layers.push_back({node, &file, anchor});
    const auto ext = node.find_pair("extends");
    if (!ext || ext->value.is_null()) return true;
    const Layer& layer = layers.back();
    model::ComposeExtends spec;
    spec.span = anchor ? *anchor : ext->key.span();
    if (ext->value.is_scalar()) {
      spec.service = value_of(ext->value, ext->key, layer);
    } else if (ext->value.is_mapping()) {
      const auto service = ext->value.find_pair("service");
      if (service && service->value.is_scalar()) spec.service = value_of(service->value, service->key, layer);
      if (const auto f = ext->value.find_pair("file"); f && f->value.is_scalar())
        spec.file = value_of(f->value, f->key, layer);
    }
    if (depth == 0) written = spec;
    if (!spec.service.resolved || spec.service.resolved->empty()) return false;
    if (depth >= kMaxExtendsDepth) return false;

    const FileCtx* target = &file;
    if (spec.file) {
      if (!spec.file->resolved || spec.file->resolved->empty()) return false;
      const std::string& rel = *spec.file->resolved;
      const std::string path = join_path(file.read_dir, rel);
      // Interpolation inside an extended file uses the project's variables (the linted file's).
      target = load(path, join_path(file.rel_dir, dir_of(rel)), files_.front().env, false);
      if (target == nullptr) return false;
    }
    const std::string key = target->read_path + '\n' + *spec.service.resolved;
    if (!visited.insert(key).second) return false;  // a cycle
    const yaml::Node base = target->services.find(*spec.service.resolved);
    if (!base.is_mapping()) return false;
    std::optional<Span> next_anchor = anchor;
    if (!next_anchor && !target->local) next_anchor = ext->key.span();
    return collect(*target, base, next_anchor, depth + 1, visited, layers, written);
  }

  void add_services(const FileCtx& file, std::optional<Span> anchor, bool included) {
    if (!file.services.is_mapping()) return;
    for (const yaml::Pair& p : file.services.pairs()) {
      if (!p.key.is_scalar()) continue;
      ComposeService svc;
      svc.name = {std::string(p.key.text()), anchor ? *anchor : p.key.span()};
      svc.node = p.value;
      svc.included = included;
      std::vector<Layer> layers;
      std::set<std::string> visited{file.read_path + '\n' + svc.name.value};
      std::optional<model::ComposeExtends> written;
      const yaml::Node map = p.value.is_mapping() ? p.value : yaml::Node();
      const bool ok = collect(file, map, anchor, 0, visited, layers, written);
      if (written) {
        svc.extends = std::move(written);
        svc.extends->resolved = ok;
      }
      fill_service(svc, layers);
      doc_.services.push_back(std::move(svc));
    }
  }

  // `include: [a.yml, {path: b.yml, env_file: …}]`: the services of each file join the project.
  void add_includes(const FileCtx& file, std::optional<Span> anchor, int depth,
                    std::set<std::string>& visiting) {
    const yaml::Node include = file.root.find("include");
    if (!include.is_sequence() || depth >= kMaxIncludeDepth) return;
    for (const yaml::Node entry : include.items()) {
      const Span entry_anchor = anchor ? *anchor : entry.span();
      std::vector<yaml::Node> paths;
      Env env = file.env;
      bool own_dotenv = true;
      if (entry.is_scalar()) {
        paths.push_back(entry);
      } else if (entry.is_mapping()) {
        const yaml::Node path = entry.find("path");
        if (path.is_scalar()) paths.push_back(path);
        for (const yaml::Node p : path.items()) paths.push_back(p);
        const yaml::Node env_file = entry.find("env_file");
        std::vector<yaml::Node> env_files;
        if (env_file.is_scalar() && !env_file.is_null()) env_files.push_back(env_file);
        for (const yaml::Node e : env_file.items()) env_files.push_back(e);
        for (const yaml::Node e : env_files) {
          own_dotenv = false;
          const auto name = compose::interpolate(e.text(), file.env).resolved;
          if (!name) continue;
          if (const auto text = read_file(join_path(file.read_dir, *name)))
            for (auto& [k, v] : compose::parse_dotenv(*text)) env[k] = v;
        }
      }
      for (const yaml::Node p : paths) {
        if (!p.is_scalar() || p.is_null()) continue;
        const auto rel = compose::interpolate(p.text(), file.env).resolved;
        if (!rel || rel->empty()) continue;
        const std::string path = join_path(file.read_dir, *rel);
        if (visiting.contains(path)) continue;
        const FileCtx* ctx = load(path, join_path(file.rel_dir, dir_of(*rel)), env, own_dotenv);
        if (ctx == nullptr) continue;
        visiting.insert(path);
        add_services(*ctx, entry_anchor, true);
        add_includes(*ctx, entry_anchor, depth + 1, visiting);
        visiting.erase(path);
      }
    }
  }

  const SourceFile& file_;
  const FileReader& read_;
  model::ComposeDoc& doc_;
  std::deque<FileCtx> files_;  // stable addresses: layers point into it
  std::map<std::string, const FileCtx*> by_path_;
};

}  // namespace

ParseResult<model::ComposeDoc> parse_compose(const SourceFile& file, const FileReader& read) {
  auto yaml = parse_yaml(file);
  ParseResult<model::ComposeDoc> out;
  out.doc.yaml = std::move(yaml.doc);
  out.diagnostics = std::move(yaml.diagnostics);
  Builder(file, read, out.doc).build();
  return out;
}

}  // namespace lintel::parsers
