// DF006 secret-in-env-arg: TODO(#2) describe the heuristics and the false-positive trade-offs.
// Spec: flags `ENV`/`ARG` whose key names a secret (password, passwd, secret, token, api_key, private_key, access_key, credential…); must not flag: keys like `*_FILE`, `*_PATH`, `TOKEN_URL`; values that are `$VAR` references
#include "rules/dockerfile/common.hpp"

namespace lintel::rules::dockerfile {
namespace {

constexpr PeerId kPeers[] = {{"buildkit", "SecretsUsedInArgOrEnv"}};

void check(const model::DockerfileDoc& doc, Reporter& out) {
  (void)doc;
  (void)out;
}

}  // namespace

extern const Rule secret_in_env_arg{
    .meta = {.id = "DF006",
             .slug = "secret-in-env-arg",
             .severity = Severity::error,
             .format = Format::dockerfile,
             .summary = "TODO",
             .what = "TODO",
             .why = "TODO",
             .fix = "TODO",
             .bad = "FROM alpine:3.20\n",
             .good = "FROM alpine:3.20\n",
             .peers = kPeers,},
    .check = for_format<model::DockerfileDoc, check>,
};

}  // namespace lintel::rules::dockerfile
