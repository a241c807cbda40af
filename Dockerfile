# lintel in a container: a build stage with the compiler and the tree-sitter sources, and a slim
# runtime stage with only the binary and the shared libraries it links.
#
#   docker build -t lintel .
#   docker run --rm -v "$PWD:/src:ro" lintel scan .
#
# The base images are pinned to an explicit Debian point release (12.15, bookworm). A tag can
# still be re-pushed; CI should pin the digest as well (`debian:12.15-slim@sha256:…`) and let
# Renovate or Dependabot bump tag, digest and the apt versions below together. The apt versions
# are what bookworm 12.15 and bookworm-security offered when this file was written (nodejs and
# ca-certificates come from the security archive: nodejs needs the libnode108 of the same
# version); an update that withdraws one of them makes the build fail loudly rather than
# silently install another version.

FROM debian:12.15-slim AS build

# SHELL with pipefail so that any pipe added to a RUN later fails on its first command.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# Build tools and libraries (what scripts/install-deps.sh installs, minus the test-only
# packages), and nodejs/npm to fetch the pinned tree-sitter runtime and grammar sources.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      ca-certificates=20250419~deb12u2 \
      g++=4:12.2.0-3 \
      cmake=3.25.1-1 \
      make=4.3-4.1 \
      pkg-config=1.8.1-1 \
      libyaml-dev=0.2.5-1 \
      libre2-dev=20220601+dfsg-1+b1 \
      libfmt-dev=9.1.0+ds1-2 \
      libtomlplusplus-dev=3.3.0+ds-1 \
      nlohmann-json3-dev=3.11.2-2 \
      nodejs=18.20.4+dfsg-1~deb12u3 \
      npm=9.2.0~ds1-1 \
 && rm -rf /var/lib/apt/lists/*

# The tree-sitter sources first, so that the npm layer is cached across source edits.
WORKDIR /src/third_party/tree-sitter
COPY third_party/tree-sitter/package.json third_party/tree-sitter/package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

WORKDIR /src
COPY . .
# The Makefile's `build` target also runs scripts/install-deps.sh, which would install the
# test packages unpinned; configure and build the lintel target directly instead.
RUN cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DLINTEL_BUILD_TESTS=OFF \
 && cmake --build build -j "$(nproc)" --target lintel \
 && strip build/lintel \
 && build/lintel version

FROM debian:12.15-slim AS runtime

# Only the shared libraries build/lintel links (check with `ldd build/lintel`).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libfmt9=9.1.0+ds1-2 \
      libre2-9=20220601+dfsg-1+b1 \
      libtomlplusplus3=3.3.0+ds-1 \
      libyaml-0-2=0.2.5-1 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=build /src/build/lintel /usr/local/bin/lintel

# A numeric, unprivileged user: no passwd entry is needed and Kubernetes' runAsNonRoot can
# verify it. Mount the code to scan at /src (read-only is enough unless -o writes a report there).
USER 10001:10001
WORKDIR /src

# lintel is a command-line tool, not a service: the healthcheck only proves the binary and its
# libraries load.
HEALTHCHECK --interval=5m --timeout=10s --retries=1 CMD ["lintel", "version"]

ENTRYPOINT ["lintel"]
CMD ["scan", "."]
