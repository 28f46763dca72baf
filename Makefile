# The two commands: `make run` and `make test`. Everything else is a step they share.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin

.PHONY: help run test deps db db-stop certs build release install clean contract proto-snapshot proto-check bench settings-table citus citus-stop test-citus

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

run: deps db certs release ## Set up, build (release) and run attrd in the foreground
	@scripts/run.sh

test: deps db certs ## Set up, then run every test
	@scripts/test.sh

deps: ## Install the missing system and Python packages
	@scripts/deps.sh

db: deps ## Start the private PostgreSQL cluster under .data/ (created on first use)
	@scripts/db.sh start

db-stop: ## Stop the private PostgreSQL cluster
	@scripts/db.sh stop

citus: ## Start the private Citus cluster (coordinator + 2 workers) under .data/citus/
	@scripts/citus.sh start

citus-stop: ## Stop the private Citus cluster
	@scripts/citus.sh stop

test-citus: deps certs ## Storage and service suites and the contract client against the Citus cluster
	@scripts/test-citus.sh

certs: deps ## Create the development PKI under certs/dev/ if missing or stale
	@certs/dev-pki.sh

build: deps ## Debug build
	swift build

release: deps ## Release build of attrd and attrctl
	swift build -c release

install: release ## Install the release attrd and attrctl in PREFIX/bin (PREFIX=/usr/local unless given)
	install -d "$(DESTDIR)$(BINDIR)"
	install -m 755 .build/release/attrd .build/release/attrctl "$(DESTDIR)$(BINDIR)/"

bench: deps db certs ## Benchmarks with peers (release builds); rewrites docs/BENCHMARKS.md's results
	@scripts/deps.sh bench
	@scripts/bench.sh

clean: ## Remove build products (keeps .data/ and certs/dev/)
	rm -rf .build .build-contract .build-bench Benchmarks/.build

# The C contract client (Tests/Contract): protoc-c code for proto/, OpenSSL, ARPC/1 from docs/PROTOCOL.md.
CONTRACT_DIR := .build-contract
CONTRACT_GEN := $(CONTRACT_DIR)/gen
PROTOS := $(shell find proto -name '*.proto' | sort)
CONTRACT_PB := $(patsubst proto/%.proto,$(CONTRACT_GEN)/%.pb-c.c,$(PROTOS))
# The well-known types proto/ imports (from libprotobuf-dev's /usr/include).
# (descriptor: arpc/access/v1/access.proto extends google.protobuf.MethodOptions.)
WKT_DIR := /usr/include
WKT_PROTOS := timestamp field_mask wrappers descriptor
CONTRACT_WKT_PB := $(patsubst %,$(CONTRACT_GEN)/google/protobuf/%.pb-c.c,$(WKT_PROTOS))
CONTRACT_SRC := $(wildcard Tests/Contract/*.c)
CONTRACT_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Werror -Wno-format-truncation -ITests/Contract -I$(CONTRACT_GEN)

contract: $(CONTRACT_DIR)/arpc-contract ## Build the C contract client

$(CONTRACT_GEN)/google/protobuf/%.pb-c.c $(CONTRACT_GEN)/google/protobuf/%.pb-c.h: $(WKT_DIR)/google/protobuf/%.proto
	@mkdir -p $(CONTRACT_GEN)
	protoc-c --proto_path=$(WKT_DIR) --c_out=$(CONTRACT_GEN) google/protobuf/$*.proto

$(CONTRACT_GEN)/%.pb-c.c $(CONTRACT_GEN)/%.pb-c.h: proto/%.proto | $(CONTRACT_WKT_PB)
	@mkdir -p $(CONTRACT_GEN)
	protoc-c --proto_path=proto --proto_path=$(WKT_DIR) --c_out=$(CONTRACT_GEN) $<

$(CONTRACT_DIR)/arpc-contract: $(CONTRACT_SRC) $(wildcard Tests/Contract/*.h) $(CONTRACT_PB) $(CONTRACT_WKT_PB)
	gcc $(CONTRACT_CFLAGS) -o $@ $(CONTRACT_SRC) $(CONTRACT_PB) $(CONTRACT_WKT_PB) -lprotobuf-c -lssl -lcrypto

settings-table: ## Rewrite README's configuration table from the declared settings
	scripts/settings-table.sh

proto-snapshot: ## Accept the current proto/ as the compatibility baseline (proto/snapshot.binpb)
	protoc --proto_path=proto --include_imports --descriptor_set_out=proto/snapshot.binpb $(PROTOS)

proto-check: ## Fail if proto/ breaks compatibility with proto/snapshot.binpb
	@scripts/proto-compat.py --self-test
	@scripts/proto-compat.py proto proto/snapshot.binpb
