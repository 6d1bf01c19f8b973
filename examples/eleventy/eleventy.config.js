// An Eleventy site that embeds the chart with a shortcode: {% hashrateChart "/charts/x.json" %}.
// Build it with `npx @11ty/eleventy` in this folder, after `make build` at the repository's root.
// In your own site, point WIDGET at wherever you keep the widget's built files (a copy of
// www/'s, or node_modules/hashrate-outage-chart).
const WIDGET = '../../www';

export default function (eleventyConfig) {
  // The widget's files, copied as they are to /hashrate-outage-chart/: the script tag's bundle
  // and its pieces, the other languages' words and the wasm package (the iframe page needs embed.html and
  // embed.min.js too).
  eleventyConfig.addPassthroughCopy({
    [`${WIDGET}/index.min.js`]: 'hashrate-outage-chart/index.min.js',
    [`${WIDGET}/chunks/*.js`]: 'hashrate-outage-chart/chunks',
    [`${WIDGET}/locale/*.js`]: 'hashrate-outage-chart/locale',
    [`${WIDGET}/pkg/hashrate_outage_chart*.{js,wasm}`]: 'hashrate-outage-chart/pkg',
    // The chart's spec: here the demo's, as the newsroom's own data would be.
    [`${WIDGET}/data/kazakhstan-2022.json`]: 'charts/kazakhstan-2022.json',
  });

  // The script tag goes out once per page, however many charts the page holds.
  const written = new Set();
  eleventyConfig.addShortcode('hashrateChart', function (src, alt = '') {
    const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    const page = this.page.url;
    const script = written.has(page) ? '' : '<script type="module" src="/hashrate-outage-chart/index.min.js"></script>\n';
    written.add(page);
    return `${script}<hashrate-outage-chart src="${escape(src)}"${alt ? ` alt="${escape(alt)}"` : ''}></hashrate-outage-chart>`;
  });
  eleventyConfig.on('eleventy.before', () => written.clear());
}
