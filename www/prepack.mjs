// npm's prepack for the package in www/ (not shipped): refuses to pack without the built
// files, so no tarball without its wasm, glue or bundles can be packed or published. They are
// made by `make build` (and `make package`, which packs) at the repository root.
import { existsSync, readFileSync } from 'node:fs';

const BUILT = [
  'index.min.js',
  'embed.min.js',
  'pkg/hashrate_outage_chart.js',
  'pkg/hashrate_outage_chart_bg.wasm',
  'pkg/hashrate_outage_chart_tools.js',
  'pkg/hashrate_outage_chart_tools_bg.wasm',
];
// index.min.js's own pieces, split off by esbuild (chunks/*.js): each one it imports.
if (existsSync(new URL('index.min.js', import.meta.url))) {
  const bundle = readFileSync(new URL('index.min.js', import.meta.url), 'utf8');
  for (const [, chunk] of bundle.matchAll(/"\.\/(chunks\/[\w.-]+\.js)"/g)) BUILT.push(chunk);
}
const missing = BUILT.filter((file) => !existsSync(new URL(file, import.meta.url)));
if (missing.length) {
  console.error(
    `hashrate-outage-chart: the built files are missing (${missing.join(', ')}): run \`make package\` ` +
      '(or `make build`) at the repository root; it builds them and packs the package into target/npm/.',
  );
  process.exit(1);
}
