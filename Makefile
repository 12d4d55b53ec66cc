# Parley: the commands a developer needs. `make` alone lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help dev test bench bench-search bench-scroll fmt lint build deploy deploy-prod teardown teardown-prod clean-stack install-deps

help: ## list the targets
	@echo "Parley make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 22

dev: ## run the whole app locally on http://localhost:8080 (Ctrl-C stops it)
	@scripts/dev.sh

test: ## run every test against a local stack on free ports (what CI runs)
	@scripts/test.sh

bench: ## fan-out benchmark on a release build and a local stack (figures; MEMBERS=10,100 for a quick run)
	@scripts/bench.sh

bench-search: ## search index cost and query times on 100,000 messages (figures; MESSAGES=5000 for a quick run)
	@scripts/bench-search.sh

bench-scroll: ## message list in Chromium: p95 frame time, DOM nodes, heap over 10,000 messages (figures; MESSAGES=2000 for a quick run)
	@scripts/bench-scroll.sh

install-deps: ## install redis, chromium, the npm tools and the Python venv
	@scripts/install-deps.sh --with-browser

fmt: ## format the Rust code (and the web code when it has a format script)
	cargo fmt --all
	@if [ -f web/package.json ] && node -e 'process.exit(require("./web/package.json").scripts?.format ? 0 : 1)'; then \
		npm --prefix web run format; fi

lint: ## cargo fmt --check, clippy -D warnings, web typecheck and lint, cfn-lint
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	@if [ -f web/package.json ]; then npm --prefix web run typecheck && npm --prefix web run lint; fi
	@if [ -f template.yaml ]; then \
		if [ -x .tools/venv/bin/cfn-lint ]; then .tools/venv/bin/cfn-lint template.yaml; \
		else echo "cfn-lint skipped: run make install-deps first"; fi; fi

build: ## release build of the Lambda functions (cargo lambda) and the web app
	@if command -v cargo-lambda >/dev/null 2>&1; then \
		cargo lambda build --release; \
	else \
		echo "cargo-lambda is not installed. Install it with: pip install cargo-lambda"; \
		echo "(or: .tools/venv/bin/pip install cargo-lambda and put .tools/venv/bin on PATH), then rerun make build."; \
		exit 1; \
	fi
	@if [ -f web/package.json ]; then npm --prefix web run build; fi

deploy: ## build and deploy the dev stack to AWS, publish the web app (samconfig.toml [dev]; AWS credentials needed)
	@scripts/deploy.sh dev

deploy-prod: ## the same for the prod stack (samconfig.toml [prod]: deletion protection, longer log retention)
	@scripts/deploy.sh prod

teardown: ## delete the dev stack (asks first; the table and the uploads bucket are kept)
	@scripts/teardown.sh dev

teardown-prod: ## delete the prod stack (asks first; the table and the uploads bucket are kept)
	@scripts/teardown.sh prod

clean-stack: ## stop local stacks left running (dev, test, bench) by an earlier run
	@for d in .stack/*/; do [ -d "$$d" ] && scripts/stack.sh down "$$(basename "$$d")"; done; true
