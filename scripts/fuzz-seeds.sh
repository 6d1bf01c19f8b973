#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the repository's own inputs (idempotent).
set -euo pipefail
cd "$(dirname "$0")/.."
seed() {
  local dir="fuzz/corpus/$1"
  shift
  mkdir -p "$dir"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "$dir/"; done
  return 0
}
# The spec target gets every corpus case as its own file, plus the spec fixtures.
mkdir -p fuzz/corpus/spec_render
python3 - <<'PY'
import json, hashlib
for case in json.load(open("tests/corpus/cases.json")):
    if "spec" not in case:
        continue
    text = case["spec"] if isinstance(case["spec"], str) else json.dumps(case["spec"])
    name = hashlib.sha1(text.encode()).hexdigest()[:16]
    open(f"fuzz/corpus/spec_render/{name}.json", "w").write(text)
PY
seed spec_render tests/fixtures/*.json www/data/*.json
seed adapter_csv tests/fixtures/adapters/*.csv
seed adapter_blockchain tests/fixtures/adapters/blockchain*.json tests/fixtures/adapters/bad_blockchain_no_unit.json
seed adapter_ioda tests/fixtures/adapters/ioda_*.json
seed adapter_cloudflare tests/fixtures/adapters/cloudflare.json
