// The docker-compose model (Compose specification: https://compose-spec.io). Built by
// parsers/compose from the positioned YAML tree; rules read it and never the text.
//
// What the parser has already done, so rules do not have to:
// - YAML anchors, aliases and merge keys (`<<: *default`, also in `x-` extension fields) are
//   resolved by the YAML tree.
// - `extends` (same file, or another file through the engine's reader) is merged into the
//   service per the Compose spec's merge rules, with a bounded depth and cycle detection.
// - `include:` files contribute their services to the project: they are listed after the file's
//   own services with `included == true`, for cross-service rules (duplicate ports, container
//   names, depends_on targets). Findings are only ever reported on this file's own services.
// - Every scalar value is interpolated (`${X}`, `${X:-d}`, `${X-d}`, `${X:?e}`, `${X?e}`,
//   `${X:+a}`, `${X+a}`, `$X`, `$$`) with the values of the `.env` file beside the compose file.
//   A variable with no known value stays unknown: `resolved` is empty and rules stay silent.
//
// Spans: every value keeps the YAML node it was read from and a span in *this* file. A value
// that comes from another file (an `extends: {file: …}` base or an included file) has its span
// replaced by the local `extends` value (or the `include` entry), so a finding on it still lands
// in the file being linted; `node` keeps pointing into the other file's tree.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/model/yaml.hpp"
#include "analyzer/source.hpp"

namespace lintel::model {

// Stands for the value of an unknown variable inside the structured parts the parser derives
// from a partially known string (image registry/name/tag, port and volume fields): in
// `${REGISTRY}/app:latest` the tag "latest" is known while the registry is "\x1a".
inline constexpr char kUnknownChar = '\x1a';

[[nodiscard]] inline bool is_known(std::string_view part) {
  return part.find(kUnknownChar) == std::string_view::npos;
}

// A scalar value after interpolation.
struct ComposeValue {
  Scalar<std::string> text;  // the YAML scalar's text as written; span where findings go
  Span key;                  // the key that introduced the value; empty for sequence items
  yaml::Node node;           // the node it was read from (possibly another file's tree)
  // The value after interpolation; nullopt when a variable in it has no known value.
  std::optional<std::string> resolved;
  // `text` with every unknown variable replaced by one kUnknownChar (== *resolved when known).
  std::string partial;
  bool interpolated = false;  // `text` has a `$` expression other than `$$`
  // `text` consists only of variable references whose defaults are empty or references
  // themselves (`${DB_PASSWORD}`, `$TOKEN`, `${A:-$B}`, `${A:-}`): the value comes from elsewhere.
  bool only_references = false;
  // The characters written outside variable references, defaults and alternatives included:
  // what the file itself commits to (`${USER}:${PASS}` gives ":", `${PASS:-changeme}`
  // gives "changeme").
  std::string literal_text;
  bool external = false;  // read from another file: `text.span` is the local anchor

  [[nodiscard]] bool unresolved() const { return !resolved.has_value(); }
  // The resolved value equals `v` (false when unknown).
  [[nodiscard]] bool is(std::string_view v) const { return resolved && *resolved == v; }
  // The span of the whole `key: value` pair, or of the value when it has no key.
  [[nodiscard]] Span pair_span() const { return key.empty() ? text.span : key.cover(text.span); }
};

// A Compose boolean field (`privileged`, `read_only`, `disable`). Compose accepts YAML 1.1
// spellings (`yes`, `on`) and, after interpolation, the strings true/false/yes/no/on/off/y/n.
struct ComposeBool {
  ComposeValue raw;
  std::optional<bool> value;  // nullopt when unknown or not a boolean
  [[nodiscard]] bool is_true() const { return value.value_or(false); }
  [[nodiscard]] bool is_false() const { return value.has_value() && !*value; }
};

// `image:` split OCI-style into [registry/]name[:tag][@digest] from the interpolated value
// (`parsers::split_image_ref`). Parts that depend on an unknown variable contain kUnknownChar.
struct ComposeImage {
  ComposeValue ref;
  std::string registry;
  std::string name;
  std::optional<std::string> tag;
  std::optional<std::string> digest;

  // The reference has no tag and no digest, and no unknown variable could supply one (a
  // variable in the registry or an earlier path component cannot add a tag).
  [[nodiscard]] bool is_untagged() const {
    if (tag || digest) return false;
    const std::size_t slash = name.rfind('/');
    const std::string_view last =
        slash == std::string::npos ? std::string_view(name) : std::string_view(name).substr(slash + 1);
    return !ref.partial.empty() && is_known(last);
  }
};

// `build:` in its short form (a context string) or long form (a mapping).
struct ComposeBuild {
  Span span;      // the `build` key
  yaml::Node node;
  bool short_form = false;
  std::optional<ComposeValue> context;     // default `.`
  std::optional<ComposeValue> dockerfile;  // default `Dockerfile`, relative to the context
  std::optional<ComposeValue> dockerfile_inline;
  std::optional<ComposeValue> target;
  // The Dockerfile's path relative to the compose file's directory (or absolute): the context
  // joined with the dockerfile, lexically normalised. nullopt when it cannot be known: a remote
  // context (git URL, http), an unresolved variable, or `dockerfile_inline`.
  std::optional<std::string> dockerfile_path;
  bool remote_context = false;
};

struct ComposeHealthcheck {
  Span span;  // the `healthcheck` key
  yaml::Node node;
  // `test:` as a list (`["CMD", "curl", …]`) or as one string (shell form).
  std::vector<ComposeValue> test;
  bool test_is_list = false;
  std::optional<ComposeBool> disable;

  // `disable: true`, or `test: ["NONE"]` / `test: NONE`: the check is turned off.
  [[nodiscard]] bool disabled() const {
    if (disable && disable->is_true()) return true;
    return !test.empty() && test.front().is("NONE");
  }
  // The value that turns the check off, for reporting; null when not disabled.
  [[nodiscard]] const ComposeValue* disabling_value() const {
    if (disable && disable->is_true()) return &disable->raw;
    if (!test.empty() && test.front().is("NONE")) return &test.front();
    return nullptr;
  }
};

// One `environment` entry: `KEY: value` (map form) or `- KEY=value` (list form). `KEY` alone
// (list) or `KEY:` with a null value (map) passes the variable through from the shell.
struct ComposeEnvVar {
  Scalar<std::string> key;           // span: the key (map) or the key part of the item (list)
  std::optional<ComposeValue> value;  // nullopt when passed through
  Span span;                         // the whole entry
  bool list_form = false;
};

// One `ports` entry, short (`"127.0.0.1:8080-8081:80-81/udp"`) or long syntax (`target`,
// `published`, `host_ip`, `protocol`). Fields derived from unknown variables hold kUnknownChar.
struct ComposePort {
  Span span;  // the entry
  yaml::Node node;
  bool long_syntax = false;
  std::optional<ComposeValue> raw;  // the short-syntax string
  std::string host_ip;              // "" = all interfaces (also `[::1]` is stored as `::1`)
  std::string published;            // host port or range as written after interpolation; ""
                                    // when published only on the container side
  std::string target;               // container port or range
  std::string protocol = "tcp";     // lower-cased
  // Host port range when `published` is a known number or range, else nullopt.
  std::optional<std::uint32_t> host_first;
  std::optional<std::uint32_t> host_last;
  std::optional<std::uint32_t> target_first;
  std::optional<std::uint32_t> target_last;
  bool unresolved = false;  // some part depends on an unknown variable

  // The entry binds fixed host ports: a known host port or range that maps one-to-one onto the
  // container ports (a host range for a single container port lets the engine pick one port).
  [[nodiscard]] bool binds_fixed_host_ports() const {
    if (!host_first || !host_last) return false;
    if (*host_first == *host_last) return true;
    if (!target_first || !target_last) return false;
    return *host_last - *host_first == *target_last - *target_first;
  }
};

enum class VolumeType : std::uint8_t { volume, bind, tmpfs, npipe, cluster, image, unknown };

// One `volumes` entry, short (`./data:/data:ro`, `db:/var/lib/db`) or long syntax.
struct ComposeVolume {
  Span span;  // the entry
  yaml::Node node;
  bool long_syntax = false;
  std::optional<ComposeValue> raw;  // the short-syntax string
  VolumeType type = VolumeType::unknown;
  std::string source;  // host path or volume name after interpolation ("" = anonymous volume)
  std::string target;  // path in the container
  std::string mode;    // short syntax `ro`, `rw,z`…; "" when none
  bool read_only = false;
  bool unresolved = false;  // source, target or type depends on an unknown variable
};

// One `depends_on` entry: a list item (`- db`) or a map key (`db: {condition: …}`).
struct ComposeDependency {
  Scalar<std::string> service;             // span: the list item or the map key
  std::optional<ComposeValue> condition;   // map form; absent = service_started
  Span span;                               // the whole entry
  bool long_syntax = false;
};

// One service `secrets` entry: short (`- db_password`) or long (`- source: db_password`).
struct ComposeSecretRef {
  ComposeValue source;
  std::optional<ComposeValue> target;
  Span span;
};

// `extends: base` or `extends: {service: base, file: other.yml}` as written.
struct ComposeExtends {
  Span span;  // the `extends` key
  ComposeValue service;
  std::optional<ComposeValue> file;
  bool resolved = false;  // the base was found and merged
};

struct ComposeService {
  Scalar<std::string> name;  // the service key; for an included service, the `include` entry
  yaml::Node node;           // its mapping (as written, before extends)
  bool included = false;     // comes from an `include:` file: part of the project only
  std::optional<ComposeExtends> extends;

  std::optional<ComposeImage> image;
  std::optional<ComposeBuild> build;
  std::optional<ComposeValue> user;
  std::optional<ComposeHealthcheck> healthcheck;
  std::optional<ComposeValue> memory_limit;  // deploy.resources.limits.memory
  std::optional<ComposeValue> cpus_limit;    // deploy.resources.limits.cpus
  std::optional<ComposeValue> mem_limit;     // legacy
  std::optional<ComposeValue> cpus;          // legacy
  std::vector<ComposeEnvVar> environment;
  std::vector<ComposePort> ports;
  std::vector<ComposeVolume> volumes;
  std::vector<ComposeValue> cap_add;
  std::vector<ComposeValue> cap_drop;
  std::vector<ComposeValue> security_opt;
  std::optional<ComposeBool> read_only;
  std::optional<ComposeBool> privileged;
  std::optional<ComposeValue> network_mode;
  std::optional<ComposeValue> pid;
  std::optional<ComposeValue> ipc;
  std::optional<ComposeValue> userns_mode;
  std::vector<ComposeDependency> depends_on;
  std::vector<ComposeSecretRef> secrets;
  std::optional<ComposeValue> container_name;
  std::vector<ComposeValue> profiles;

  // Neither `image` nor `build` after extends: a fragment that another file completes (an
  // override file), so "missing X" checks have nothing to judge.
  [[nodiscard]] bool is_fragment() const { return !image && !build; }
  [[nodiscard]] const ComposeEnvVar* env(std::string_view key) const {
    const ComposeEnvVar* found = nullptr;
    for (const ComposeEnvVar& e : environment)
      if (e.key.value == key) found = &e;
    return found;
  }
};

struct ComposeDoc {
  yaml::Stream yaml;  // the tree the model was built from
  // Trees of the files read for `extends` and `include`, kept alive for the nodes that point
  // into them.
  std::vector<yaml::Stream> related;
  std::optional<ComposeValue> version;  // top-level `version` (obsolete)
  std::optional<ComposeValue> name;     // top-level `name`
  Span services_key;                    // the top-level `services` key; empty when absent
  // This file's services in source order (after extends), then those of included files.
  std::vector<ComposeService> services;

  [[nodiscard]] const ComposeService* service(std::string_view wanted) const {
    for (const ComposeService& s : services)
      if (s.name.value == wanted) return &s;
    return nullptr;
  }
};

}  // namespace lintel::model
