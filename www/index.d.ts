//! Types for the package's main module (index.js): mount(), convert(), Chart, the element
//! class and the chart spec. Importing index.js also defines <hashrate-outage-chart>.

export { mount, convert, Chart } from './chart.js';
export type {
  Annotation,
  ChartLayout,
  ChartSpec,
  ColumnSeries,
  ConvertInput,
  ImpactResult,
  MountOptions,
  NumericArray,
  Outage,
  PointsSeries,
  Readout,
  Series,
  SeriesBase,
  SpecOptions,
  TimeInput,
  ValueInput,
} from './chart.js';
export { HashrateOutageChartElement } from './element.js';
export type { HashrateOutageChartErrorDetail, HashrateOutageChartElementEventMap } from './element.js';
