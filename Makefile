# The two commands: `make run` and `make test`. Everything else is a step they share.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help run test deps db db-stop certs build release clean

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

certs: deps ## Create the development PKI under certs/dev/ if missing or stale
	@certs/dev-pki.sh

build: deps ## Debug build
	swift build

release: deps ## Release build of attrd and attrctl
	swift build -c release

clean: ## Remove build products (keeps .data/ and certs/dev/)
	rm -rf .build
