# The two commands: `make scan` and `make test`. Both install what is missing first.
BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX ?= /usr/local
PATHS ?= fixtures/demo-project
# Sanitizer (ASan + UBSan) and fuzzing build dirs, and how long each fuzz harness runs.
ASAN_DIR ?= build-asan
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
# A sanitizer error fails the run with a code no lintel exit means (1 is "findings").
SANITIZER_ENV = ASAN_OPTIONS=exitcode=86:detect_leaks=1:abort_on_error=0 \
  UBSAN_OPTIONS=exitcode=86:halt_on_error=1:print_stacktrace=1

.PHONY: all deps configure build scan test install clean docs bench asan fuzz

all: build

deps:
	@bash scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

scan: build
	@$(BUILD_DIR)/lintel scan $(PATHS); status=$$?; \
	  if [ $$status -ge 2 ]; then exit $$status; fi; \
	  echo "(lintel exited $$status: 1 means findings at or above the threshold)"

# The whole suite, then once more under ASan + UBSan (which includes the corpus scan).
test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory asan

# Only lintel and lintel_tests, at -O1 without debug info: see CMakeLists.txt (LINTEL_SANITIZE).
# tests/cli/corpus.sh scans ../shared/corpus/realworld (skipped with a message when absent).
asan: deps
	@cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=Release -DLINTEL_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN_DIR) -j $(JOBS) --target lintel lintel_tests
	@cd $(ASAN_DIR) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS)

# libFuzzer harnesses (tests/fuzz) with clang, ASan and UBSan; each runs FUZZ_SECONDS.
fuzz:
	@bash scripts/install-deps.sh --fuzz
	@cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=Release -DLINTEL_FUZZ=ON -DLINTEL_BUILD_TESTS=OFF \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz_all
	@bash tests/fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

docs: build
	@$(BUILD_DIR)/lintel docs --out docs/rules

bench: build
	@bash bench/run.sh

install: build
	@install -D -m 0755 $(BUILD_DIR)/lintel $(DESTDIR)$(PREFIX)/bin/lintel

clean:
	@rm -rf $(BUILD_DIR) $(ASAN_DIR) $(FUZZ_DIR)
