//! Specs and paths the browser tests share (hand-made, none a measurement; see pages/README.md).

/** The hand-made spec file: ten daily values, one outage band; its title starts "Test chart". */
export const SMALL_SPEC_URL = '/tests/browser/pages/small.json';

/**
 * The small inline spec of many tests: five daily hash-rate values, 4–8 January 2022, in TH/s
 * (shown in EH/s), with one outage from 5 January 11:00 to 7 January 00:00 UTC. `title`,
 * `subtitle` and `outageLabel` name it after the test; a fresh object each call, to change.
 */
export function fiveDaySpec({ title = 'Test chart', subtitle, outageLabel = 'Test shutdown' } = {}) {
  return {
    title,
    ...(subtitle === undefined ? {} : { subtitle }),
    series: [
      {
        id: 'hashrate',
        label: 'Hash rate',
        unit: 'TH/s',
        points: [
          ['2022-01-04', 177400000],
          ['2022-01-05', 181000000],
          ['2022-01-06', 176000000],
          ['2022-01-07', 169000000],
          ['2022-01-08', 178300000],
        ],
      },
    ],
    outages: [{ start: '2022-01-05T11:00:00Z', end: '2022-01-07T00:00:00Z', label: outageLabel }],
  };
}

/** The demo's Kazakhstan story (measured data: the January 2022 shutdown). */
export const STORY_SPEC_URL = '/www/data/kazakhstan-2022.json';

/** The demo's simulated Kazakhstan spec. */
export const SIMULATED_SPEC_URL = '/www/data/kazakhstan-simulated.json';

/** Markup that would run script if text from a spec ever became HTML. */
export const MARKUP = '<img src=x onerror=alert(1)>';
