//! Specs the validator refuses must not type-check either: each @ts-expect-error line has to
//! be an error, or tsc fails ("Unused '@ts-expect-error' directive").

import type { ChartSpec } from '../../www/index.js';

export const unknownKey = {
  // @ts-expect-error: unknown key (the validator says: did you mean "series"?)
  serie: [],
  series: [{ id: 'hashrate', unit: 'TH/s', points: [['2022-01-04', 1]] }],
} satisfies ChartSpec;

export const wrongTheme = {
  series: [{ id: 'hashrate', unit: 'TH/s', points: [['2022-01-04', 1]] }],
  // @ts-expect-error: "blue" is not "light", "dark" or "auto"
  options: { theme: 'blue' },
} satisfies ChartSpec;

export const bothForms = {
  // @ts-expect-error: a series gives points or t/v, not both
  series: [{ id: 'hashrate', unit: 'TH/s', points: [['2022-01-04', 1]], t: [1641340800000], v: [1] }],
} satisfies ChartSpec;

// @ts-expect-error: a series needs a unit
export const noUnit = { series: [{ id: 'hashrate', points: [['2022-01-04', 1]] }] } satisfies ChartSpec;

export const badAxis = {
  // @ts-expect-error: axis is "left" or "right"
  series: [{ id: 'hashrate', unit: 'TH/s', axis: 'top', points: [['2022-01-04', 1]] }],
} satisfies ChartSpec;

export const badTime = {
  series: [{ id: 'hashrate', unit: 'TH/s', points: [['2022-01-04', 1]] }],
  // @ts-expect-error: times are strings or numbers
  outages: [{ start: new Date(), end: '2022-01-05' }],
} satisfies ChartSpec;

export const unknownOption = {
  series: [{ id: 'hashrate', unit: 'TH/s', points: [['2022-01-04', 1]] }],
  // @ts-expect-error: no such option
  options: { zoom: true },
} satisfies ChartSpec;
