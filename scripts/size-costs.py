#!/usr/bin/env python3
"""What each separable feature of the chart module costs, in gzip bytes (`make size-costs`).

A measurement, not a test: for each experiment it checks HEAD out into a scratch worktree, cuts
one feature out of the wasm build with the smallest edit that makes its code dead (an export
that returns at once, a call cut in the core), builds the chart module exactly as `make build`
does (cargo release for wasm32, wasm-bindgen --remove-name-section, wasm-opt -O1 --converge
--strip-producers, gzip -9) and prints its size beside the untouched build. Savings do not add
up: code that several features share leaves only with the last of them, so the combined rows
are measured, not summed. An edit whose anchor text is no longer in the source stops the run
and says which (the source moved on; update the edit).

Usage: scripts/size-costs.py [EXPERIMENT ...]   (default: all, about 13 minutes; ~35 s per build)
"""

import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target", "size-costs")
WASM_OPT = os.path.join(ROOT, "node_modules", ".bin", "wasm-opt")
C = "src/web/chart.rs"


def first_line(path, signature, statement):
    """Inserts `statement` as the first line of the function whose signature line is given."""
    return (path, signature, signature + "\n        " + statement)


TABLE = first_line(C, "pub fn table(&mut self) -> Result<JsValue, JsError> {", "return Ok(JsValue::NULL);")
READOUT = (C, "        let theme = self.theme_or_spec(theme)?;\n        let has_time = self.has_time;",
           "        return Ok(JsValue::NULL);\n        let theme = self.theme_or_spec(theme)?;\n        let has_time = self.has_time;")
DRAW_READOUT = (C, "        let theme = self.theme_or_spec(theme)?;\n        let context =\n            context.ok_or_else(|| JsError::new(\"the overlay",
                "        return Ok(());\n        let theme = self.theme_or_spec(theme)?;\n        let context =\n            context.ok_or_else(|| JsError::new(\"the overlay")
READOUT_AT = first_line(C, "pub fn readout_at(&mut self, x: f64, width: f64, height: f64) -> i32 {", "return -1;")
TIMES_NEW = (C, "let times = readout_times(&spec);", "let times: Vec<i64> = Vec::new();")
TIMES_SET = (C, "self.times = readout_times(&self.spec);", "self.times = Vec::new();")
HAS_TIME = (C, "    has_time_of_day(times, &spec.options.time_zone) && crate::layout::half_period_ms(times) == 0", "    false")
SUMMARY = (C, "        let impacts = measured(&mut self.impacts, &self.spec);\n        let (spec, locale) = (&self.spec, &self.presentation.locale);\n        self.summary\n            .get_or_insert_with(|| summary_with(spec, locale, impacts))\n            .clone()",
           "        String::new()")
SUMMARY_SVG = ("src/render/mod.rs", "&summary_with(spec, &presentation.locale, impacts)", "\"\"")
TO_SVG = first_line(C, "pub fn svg_parts(&mut self, width: u32, height: u32, theme: &str) -> Result<JsValue, JsError> {", "return Ok(JsValue::NULL);")
IMPACT = first_line(C, "pub fn impact(&mut self) -> Result<JsValue, JsError> {", "return Ok(JsValue::NULL);")
LAYOUT = first_line(C, "pub fn layout(&mut self, width: f64, height: f64, theme: &str) -> Result<JsValue, JsError> {", "return Ok(JsValue::NULL);")
SHA_FOOTER = ("src/layout/prepare.rs", ".then(|| crate::spec::provenance::data_sha256(spec))", ".then(String::new)")
SHA_SVG = (C, ".then(|| crate::spec::provenance::data_sha256(&self.spec))", ".then(String::new)")
TO_JS = ("src/web/mod.rs", "    value\n        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())\n        .map_err(|e| JsError::new(&e.to_string()))",
         "    let _ = value;\n    Ok(JsValue::NULL)")
DID_YOU_MEAN = ("src/spec/fields.rs", "            let suggestion = allowed\n                .iter()\n                .map(|a| (edit_distance(a, key), *a))\n                .filter(|(d, _)| *d <= 2)\n                .min()\n                .map(|(_, a)| format!(\"did you mean \\\"{a}\\\"? \"))\n                .unwrap_or_default();",
                "            let suggestion = \"\";")
ISO = first_line("src/time/iso.rs", "pub fn parse_iso8601(s: &str) -> Result<i64, String> {", "return Err(String::from(\"ISO 8601 times are not supported\"));")
ZONES = first_line("src/time/zone.rs", "pub fn parse_time_zone(s: &str) -> Result<i32, String> {", "return if s == \"UTC\" { Ok(0) } else { Err(String::from(\"unsupported\")) };")
# The impacts are measured in one place (analysis::spec_impacts) and shared by the layout, the
# summary and impact(): measuring none cuts the verdicts, the expected-range bands and the
# impact sentences with them.
ANALYSIS_NONE = first_line("src/analysis/impact.rs", "pub fn spec_impacts(spec: &Spec) -> Impacts {", "return Vec::new();")
STYLE = first_line(C, "pub fn set_style(&mut self, style_json: &str) -> Result<(), JsError> {", "return Ok(());")
LOCALE = first_line(C, "pub fn set_locale(&mut self, locale_json: &str) -> Result<(), JsError> {", "return Ok(());")
PROBE = first_line(C, "pub fn builtin_probe(&self, extra: &str) -> Result<JsValue, JsError> {", "return Ok(JsValue::NULL);")
METRICS = first_line(C, "pub fn set_font_metrics(&mut self, chars: &str, regular: &[f64], bold: &[f64]) -> String {", "return \"builtin\".to_string();")
PANIC_TEXT = ("src/web/mod.rs", "let message = format!(\"internal error (please report): {info}\");",
              "let _ = info;\n        let message = String::from(\"internal error\");")
# A bump allocator that never frees: the most replacing dlmalloc could save (not usable).
BUMP = ("src/lib.rs", "#![forbid(unsafe_code)]", "#![allow(static_mut_refs)]\n" + """
#[cfg(target_arch = "wasm32")]
mod bump {
    use std::alloc::{GlobalAlloc, Layout};
    struct Bump;
    static mut NEXT: usize = 0;
    static mut END: usize = 0;
    unsafe impl GlobalAlloc for Bump {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            let at = (NEXT + l.align() - 1) & !(l.align() - 1);
            if at + l.size() > END {
                let pages = l.size() / 65536 + 2;
                let page = core::arch::wasm32::memory_grow(0, pages);
                if page == usize::MAX {
                    return core::ptr::null_mut();
                }
                NEXT = page * 65536;
                END = NEXT + pages * 65536;
                return self.alloc(l);
            }
            NEXT = at + l.size();
            at as *mut u8
        }
        unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
    }
    #[global_allocator]
    static A: Bump = Bump;
}
""")

EXPLAIN = [TABLE, READOUT, DRAW_READOUT, READOUT_AT, TIMES_NEW, TIMES_SET, HAS_TIME, SUMMARY, SUMMARY_SVG, TO_SVG]
ANALYSIS = [ANALYSIS_NONE, IMPACT]
PAGE = [STYLE, LOCALE, PROBE, METRICS]
# What a reader or an embedder would lose; not the two rows that break the page or only bound
# a cost (layout(), which the shell reads; the structured values every export returns).
FEATURES = EXPLAIN + ANALYSIS + PAGE + [SHA_FOOTER, SHA_SVG, DID_YOU_MEAN, ISO, ZONES]

# name: (what a reader or a page would lose, edits)
EXPERIMENTS = {
    "table": ("the data table (Show data table)", [TABLE]),
    "readout": ("the pointer and keyboard read-out (tooltip, crosshair)", [READOUT, DRAW_READOUT]),
    "summary": ("the chart in words (canvas aria-label, SVG <title>)", [SUMMARY, SUMMARY_SVG]),
    "toSvg": ("chart.toSVG()", [TO_SVG]),
    "explain": ("all of src/explain/ (table, read-out, summary) and toSVG()", EXPLAIN),
    "impact-export": ("chart.impact() (the verdicts on the chart stay)", [IMPACT]),
    "analysis": ("the outage analysis: verdicts, expected-range bands, impact sentences, impact()", ANALYSIS),
    "layout-export": ("chart.layout() (the shell needs part of it: plot box, theme, colours)", [LAYOUT]),
    "sha256": ("the data's SHA-256 (footer and SVG metadata)", [SHA_FOOTER, SHA_SVG]),
    "structured-values": ("every structured value to JS (serde-wasm-bindgen): an upper bound", [TO_JS]),
    "did-you-mean": ("the spelling hint in unknown-key errors", [DID_YOU_MEAN]),
    "iso8601": ("ISO 8601 times in specs (integer milliseconds only)", [ISO]),
    "time-zones": ("options.timeZone other than UTC", [ZONES]),
    "style": ("--hoc-* colours and font", [STYLE]),
    "locale": ("other languages' words, dates and numbers", [LOCALE]),
    "font-metrics": ("measuring the page's own font (built-in widths only)", [PROBE, METRICS]),
    "panic-text": ("the panic message a trapped chart reports", [PANIC_TEXT]),
    "allocator": ("dlmalloc, for a bump allocator that never frees (an upper bound, not usable)", [BUMP]),
    "all-features": ("every feature above (not layout-export, structured-values, panic-text, allocator)", FEATURES),
    "all": ("every row above", FEATURES + [LAYOUT, TO_JS, PANIC_TEXT, BUMP]),
}


def run(command, cwd, env=None):
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def build(tree):
    """The chart module as `make build` makes it: (raw bytes, gzip -9 bytes)."""
    home = os.path.expanduser("~")
    env = dict(os.environ)
    env["PATH"] = f"{home}/.cargo/bin:{env['PATH']}"
    # The Makefile's WASM_RUSTFLAGS: this checkout, cargo's home and rust-src mapped to fixed names.
    sysroot = run(["rustc", "--print", "sysroot"], tree, env).strip()
    commit = next(line.split()[1] for line in run(["rustc", "-vV"], tree, env).splitlines() if line.startswith("commit-hash:"))
    env["RUSTFLAGS"] = (f"--remap-path-prefix={tree}=/hoc --remap-path-prefix={home}/.cargo=/cargo "
                        f"--remap-path-prefix={sysroot}/lib/rustlib/src/rust=/rustc/{commit}")
    run(["cargo", "build", "-q", "--release", "--lib", "--target", "wasm32-unknown-unknown", "--target-dir", TARGET], tree, env)
    out = os.path.join(tree, "pkg")
    shutil.rmtree(out, ignore_errors=True)
    run(["wasm-bindgen", "--target", "web", "--remove-name-section", "--out-dir", out,
         os.path.join(TARGET, "wasm32-unknown-unknown", "release", "hashrate_outage_chart.wasm")], tree, env)
    wasm = os.path.join(out, "hashrate_outage_chart_bg.wasm")
    run([WASM_OPT, "-O1", "--converge", "--strip-producers", wasm, "-o", wasm], tree, env)
    gzipped = subprocess.run(["gzip", "-9c", wasm], capture_output=True, check=True).stdout
    return os.path.getsize(wasm), len(gzipped)


def main():
    names = sys.argv[1:] or list(EXPERIMENTS)
    for name in names:
        if name not in EXPERIMENTS:
            sys.exit(f"no experiment {name!r}; there are: {', '.join(EXPERIMENTS)}")
    tree = tempfile.mkdtemp(prefix="size-costs-")
    try:
        run(["git", "worktree", "add", "-q", "--detach", tree, "HEAD"], ROOT)
        base = build(tree)
        print(f"chart module at HEAD: {base[0]:,} bytes, {base[1]:,} gzip -9; each row: the change when the feature is cut")
        print(f"{'experiment':<20}{'raw':>10}{'gzip':>9}  what is lost")
        for name in names:
            lost, edits = EXPERIMENTS[name]
            run(["git", "checkout", "-q", "--", "."], tree)
            for path, anchor, replacement in edits:
                file = os.path.join(tree, path)
                text = open(file).read()
                if text.count(anchor) != 1:
                    sys.exit(f"{name}: the edit's anchor is in {path} {text.count(anchor)} times, not once: {anchor[:70]!r}")
                open(file, "w").write(text.replace(anchor, replacement))
            raw, gz = build(tree)
            print(f"{name:<20}{raw - base[0]:>+10,}{gz - base[1]:>+9,}  {lost}", flush=True)
    finally:
        # Never hides the error that got here; a worktree left by a killed run is pruned next time.
        subprocess.run(["git", "worktree", "remove", "--force", tree], cwd=ROOT, capture_output=True)
        shutil.rmtree(tree, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, capture_output=True)


if __name__ == "__main__":
    main()
