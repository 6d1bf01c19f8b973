// An Astro site that embeds the chart with a component (src/components/HashrateChart.astro).
// Build it with `npx astro build` in this folder, after `make build` at the repository's root.
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  // Astro bundles the component's <script> with Vite, which finds the chart's .wasm and its
  // language modules through `new URL(…, import.meta.url)` and emits them as assets: nothing to
  // copy by hand. The package is not on the npm registry yet, so this alias points its name at
  // the built files of this repository; in your site, `npm install` the tarball that
  // `make package` builds and delete the alias.
  vite: {
    resolve: {
      alias: [{ find: /^hashrate-outage-chart$/, replacement: fileURLToPath(new URL('../../www/index.js', import.meta.url)) }],
    },
  },
});
