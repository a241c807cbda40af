# The two commands: `make scan` and `make test`. Both install what is missing first.
BUILD_DIR ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX ?= /usr/local
PATHS ?= fixtures/demo-project

.PHONY: all deps configure build scan test install clean docs bench

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

test: build
	@cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

docs: build
	@$(BUILD_DIR)/lintel docs --out docs/rules

bench: build
	@bash bench/run.sh

install: build
	@install -D -m 0755 $(BUILD_DIR)/lintel $(DESTDIR)$(PREFIX)/bin/lintel

clean:
	@rm -rf $(BUILD_DIR)
