# The two commands: `make demo` (set up, build, serve the demo article) and `make test`
# (set up, then every check CI runs). Everything a fresh machine lacks is installed by `setup`.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
CRATE := hashrate_outage_chart
# The wasm-bindgen CLI must match the crate version locked in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3; exit}' Cargo.lock 2>/dev/null)
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: build-test-panic setup build demo test lint native-test browser-test golden strings demo-data fuzz bench package calibrate size-costs

setup:
	@bash scripts/setup.sh "$(WASM_BINDGEN_VERSION)"

# Two wasm modules from the one crate (src/web/): the chart module, which every chart page
# loads, and the tools module (cargo feature `tools`: the adapters behind convert()), which a
# page fetches only when it first converts files. Its own target folder keeps each build warm.
# The wasm names source files in its panic locations: map this checkout and the cargo home to
# fixed names, so the module is the same bytes (and size) wherever it is built, and carries no
# path of the build machine.
# A toolchain with the rust-src component names the standard library's files by their place on
# disk; without it, by /rustc/<commit>: map the first to the second, so both build the same bytes.
# ($(shell) sees make's own environment, not the PATH exported above: rustup's bin goes first here.)
RUST_SRC := $(shell PATH="$(HOME)/.cargo/bin:$$PATH" rustc --print sysroot 2>/dev/null)/lib/rustlib/src/rust
RUSTC_COMMIT := $(shell PATH="$(HOME)/.cargo/bin:$$PATH" rustc -vV 2>/dev/null | awk '/^commit-hash:/ {print $$2}')
$(if $(RUSTC_COMMIT),,$(warning rustc not found: the wasm may name this machine's rust-src path))
WASM_RUSTFLAGS := --remap-path-prefix=$(CURDIR)=/hoc --remap-path-prefix=$(HOME)/.cargo=/cargo \
  --remap-path-prefix=$(RUST_SRC)=/rustc/$(RUSTC_COMMIT)

build: setup
	RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo build --release --lib --target $(WASM_TARGET)
	RUSTFLAGS="$(WASM_RUSTFLAGS)" cargo build --release --lib --target $(WASM_TARGET) --features tools --target-dir target/tools
	rm -rf www/pkg
	wasm-bindgen --target web --remove-name-section --out-dir www/pkg \
	  target/$(WASM_TARGET)/release/$(CRATE).wasm
	wasm-bindgen --target web --remove-name-section --out-dir www/pkg --out-name $(CRATE)_tools \
	  target/tools/$(WASM_TARGET)/release/$(CRATE).wasm
	@# The script-tag/CDN path in one minified file (esbuild from npm): the same modules as
	@# index.js, bundled; the wasm glue and the .wasm stay beside it in pkg/.
	@# What loads only on use is split off into www/chunks/: convert()'s file reading and the
	@# chart's styles past the table control (chart-css.js), fetched beside the engine when the
	@# first chart mounts, so a page whose chart is far down downloads index.min.js alone.
	rm -rf www/chunks
	node_modules/.bin/esbuild www/index.js --bundle --splitting --format=esm --minify --legal-comments=none \
	  --log-level=warning --outdir=www --entry-names=[name].min --chunk-names=chunks/[name]-[hash]
	@# embed.html's script bundled the same way: the iframe page fetches one script, not
	@# embed.js's graph of a dozen modules a round trip apart (no preload of the wasm: Safari
	@# would fetch it twice, README "Embedding").
	node_modules/.bin/esbuild www/embed.js --bundle --format=esm --minify --legal-comments=none \
	  --log-level=warning --outfile=www/embed.min.js
	@printf 'web package: www/index.min.js %s bytes, %s gzipped\n' \
	  "$$(wc -c < www/index.min.js)" "$$(gzip -9c www/index.min.js | wc -c)"
	@# wasm-opt -O1 from npm's binaryen 132 (a devDependency): -2.1 KB gzipped on the chart
	@# module; -O2, -Os and -Oz make it smaller raw but larger gzipped (BENCHMARKS.md has the
	@# figures). Not Debian's binaryen 108: it repoints wasm-bindgen's externref table export
	@# at the funcref table and the module no longer instantiates. The glue is minified in
	@# place (-3 KB gzipped); its exports keep their names. --converge (the passes again until
	@# nothing changes) and dropping the producers section (toolchain names): -0.6 KB gzipped,
	@# ~5 s more per module. The target-features section stays: tools that read the shipped
	@# module (wasm-opt itself) need it.
	@for m in $(CRATE) $(CRATE)_tools; do \
	  node_modules/.bin/wasm-opt -O1 --converge --strip-producers \
	    www/pkg/$${m}_bg.wasm -o www/pkg/$${m}_bg.wasm && \
	  node_modules/.bin/esbuild www/pkg/$${m}.js --minify --format=esm --legal-comments=none \
	    --log-level=warning --allow-overwrite --outfile=www/pkg/$${m}.js; done
	@for m in $(CRATE) $(CRATE)_tools; do printf 'web package: www/pkg/%s_bg.wasm %s bytes, %s gzipped\n' \
	  "$$m" "$$(wc -c < www/pkg/$${m}_bg.wasm)" "$$(gzip -9c www/pkg/$${m}_bg.wasm | wc -c)"; done

demo: build
	@echo "Demo article: http://127.0.0.1:$(PORT)/"
	@echo "Chart maker: http://127.0.0.1:$(PORT)/maker.html"
	cd www && python3 -m http.server $(PORT) --bind 127.0.0.1

lint: setup
	cargo fmt --all -- --check
	cargo clippy --all-targets -- -D warnings
	@# The chart module with its size conventions (clippy/chart/clippy.toml names the line).
	CLIPPY_CONF_DIR=clippy/chart cargo clippy --lib --target $(WASM_TARGET) -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --features tools --target-dir target/tools -- -D warnings

# The real-data tests (#[ignore] with a reason) run when ../shared/data is beside the clone,
# as on CI; without it the runner lists them as ignored and says why.
native-test: setup
	@if [ -d ../shared/data ]; then \
	  echo "native tests: ../shared/data is here: the real-data tests run too"; \
	  cargo test -- --include-ignored; \
	else \
	  echo "native tests: ../shared/data is absent: the real-data tests are skipped (listed as ignored)"; \
	  cargo test; \
	fi

# The same module with the test-only panicking export (feature test-panic), for the test of
# the real panic hook (tests/browser/robustness.test.mjs); never shipped.
build-test-panic: build
	cargo build --release --lib --target $(WASM_TARGET) --features test-panic --target-dir target/test-panic
	rm -rf www/pkg-test-panic
	wasm-bindgen --target web --out-dir www/pkg-test-panic \
	  target/test-panic/$(WASM_TARGET)/release/$(CRATE).wasm

# The browser suite (tests/browser/, Playwright) in Chromium and Firefox, and the WebKit suite
# (tests/webkit/, WebDriver to WebKitGTK's MiniBrowser under Xvfb). ENGINE=chromium, firefox or
# webkit runs one; every engine runs even when an earlier one fails, and the exit says which.
ENGINE ?= all
browser-test: build build-test-panic
	@case "$(ENGINE)" in \
	  all) engines="chromium firefox webkit" ;; \
	  chromium|firefox|webkit) engines="$(ENGINE)" ;; \
	  *) echo "ENGINE=$(ENGINE): use chromium, firefox or webkit (or leave it unset for all three)"; exit 2 ;; \
	esac; \
	failed=""; \
	for engine in $$engines; do \
	  echo "== browser tests in $$engine"; \
	  start=$$(date +%s); \
	  if [ "$$engine" = webkit ]; then \
	    ENGINE=webkit xvfb-run -a -s "-screen 0 1920x1200x24" node --test --test-concurrency=1 tests/webkit/ || failed="$$failed $$engine"; \
	  else \
	    ENGINE=$$engine node --test --test-concurrency=1 tests/browser/ || failed="$$failed $$engine"; \
	  fi; \
	  echo "== browser tests in $$engine: $$(( $$(date +%s) - start )) s"; \
	done; \
	if [ -n "$$failed" ]; then echo "browser tests failed in:$$failed"; exit 1; fi

test: lint native-test browser-test

# Rewrite the golden SVGs after a reviewed, intended change of the drawing.
golden:
	UPDATE_GOLDEN=1 cargo test --test golden --test stories --test i18n

# Rewrite www/strings.js (the page's texts per language) from the tables in src/text/i18n.rs.
strings:
	UPDATE_STRINGS=1 cargo test --test i18n www_strings_js_is_generated_from_the_tables

# The demo article's data (www/data/README.md): the chain facts of its window from
# ../shared/data (scripts/chain-facts.py), the chart computed from them by from-blocks with the
# story's outages, and the simulation of a 13% loss (arguments in kazakhstan-simulated.args).
# tests/cli.rs checks both committed JSON files are exactly what the commands make.
demo-data:
	python3 scripts/chain-facts.py
	cargo run --quiet -- from-blocks www/data/kazakhstan-2022-chain.csv --with www/data/kazakhstan-2022-story.json > www/data/kazakhstan-2022.json
	xargs -d '\n' cargo run --quiet -- simulate < www/data/kazakhstan-simulated.args > www/data/kazakhstan-simulated.json

# The placebo-and-power harness on the real daily series in ../shared/data (README "Impact"):
# CALIBRATE_WINDOWS random windows (default 500), seed CALIBRATE_SEED (default 2026).
CALIBRATE_WINDOWS ?= 500
CALIBRATE_SEED ?= 2026
calibrate:
	cargo run --release --quiet -- calibrate --windows $(CALIBRATE_WINDOWS) --seed $(CALIBRATE_SEED)

# Fuzzing (not part of `make test`): each target for FUZZ_SECONDS, seeded from the bad-input
# corpus and the fixtures. cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP lets the stable
# toolchain build it (no second toolchain can be fetched here).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := spec_render adapter_csv adapter_blockchain adapter_ioda adapter_cloudflare
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
	@bash scripts/fuzz-seeds.sh
	cd fuzz && for t in $(FUZZ_TARGETS); do \
	  echo "== $$t ($(FUZZ_SECONDS) s)"; \
	  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none -O $$t corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 2>&1 \
	    | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|INFO: Done|==[0-9]+== ERROR|SUMMARY)" || exit 1; \
	done

# The side-by-side benchmark against uPlot and Chart.js (not part of `make test`): prints a
# table of medians and ratios; BENCH_ROUNDS=7 (cold starts: BENCH_COLD_ROUNDS=15) by default.
# Then the embeds' cold load with 50 ms per request: the iframe page as shipped and unbundled, the
# script-tag snippet without and with a wasm preload (not advised)
# (bench/embed.mjs; BENCH_LATENCY_MS, BENCH_EMBED_ROUNDS). See BENCHMARKS.md.
# BASE=<commit> also measures this build against that commit's in one page (bench/builds.mjs).
bench: build
	node bench/run.mjs
	node bench/embed.mjs
	$(if $(BASE),bash scripts/base-build.sh $(BASE) && node bench/builds.mjs,@echo 'make bench BASE=<commit>: this build against another commit'"'"'s')

# What each separable feature of the chart module costs in gzip bytes (not part of `make test`):
# every feature cut from a scratch worktree of HEAD in turn, built as `build` does, about 13 minutes.
# SIZE_COSTS="table readout" measures only those. See BENCHMARKS.md ("What 90,000 bytes would take").
size-costs: build
	python3 scripts/size-costs.py $(SIZE_COSTS)

# The npm package `hashrate-outage-chart` (www/package.json): `npm pack` into target/npm/, then
# its size (the .tgz is gzipped) and file list. tests/browser/consumer.test.mjs installs such a
# tarball into a fresh Vite app.
PACK_REPORT := let t = ""; process.stdin.on("data", (d) => (t += d)).on("end", () => { const [p] = JSON.parse(t);
PACK_REPORT += console.log("npm package: target/npm/" + p.filename + ": " + p.size + " bytes (the .tgz, gzipped), "
PACK_REPORT += + p.unpackedSize + " bytes unpacked, " + p.entryCount + " files");
PACK_REPORT += for (const f of p.files) console.log(String(f.size).padStart(10) + "  " + f.path); });
package: build
	rm -rf target/npm && mkdir -p target/npm
	cd www && npm pack --json --pack-destination ../target/npm | node -e '$(PACK_REPORT)'
