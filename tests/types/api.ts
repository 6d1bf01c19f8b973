//! Uses the public API the way the README does; only has to type-check.

import { mount, convert, Chart, HashrateOutageChartElement } from '../../www/index.js';
import type { ChartSpec, ImpactResult, MountOptions } from '../../www/index.js';
import type { HashrateOutageChartElement as FromElement } from '../../www/element.js';

export async function useApi(host: HTMLElement, spec: ChartSpec, files: FileList): Promise<void> {
  const options: MountOptions = { theme: 'dark', height: 420, locale: 'de-DE' };
  const chart: Chart = await mount(host, spec, options);
  await mount(host, '/data/kazakhstan.json');
  chart.update(spec);
  chart.update(JSON.stringify(spec));
  chart.setColumns('hashrate', new Float64Array([1641340800000]), new Float64Array([NaN]));
  chart.setColumns(0, [1641340800000], [null]);
  chart.setOptions({ theme: 'auto' });
  chart.resize();
  chart.restyle();
  const svg: string = await chart.toSVG();
  const plotWidth: number = chart.layout().plot.width;
  const impacts: ImpactResult[] = chart.impact();
  const first = chart.readout(0).entries[0]?.value;
  chart.showReadout(chart.readoutCount - 1, { announce: true });
  chart.toggleTable(true);
  const state: [string, 'light' | 'dark', number, HTMLCanvasElement | null, Element] =
    [chart.locale, chart.theme, chart.readoutIndex, chart.canvas, chart.element];
  const bytes: number = Chart.wasmMemoryBytes();
  chart.destroy();
  const { spec: converted, report } = await convert(files, { unit: 'TH/s', title: 'Kazakhstan' });
  await convert({ name: 'a.csv', text: 'time,v_eh_per_s\n2022-01-01,1\n' });
  void [svg, plotWidth, impacts, first, state, bytes, converted, report.join()];
  // @ts-expect-error: "blue" is not a theme
  await mount(host, spec, { theme: 'blue' });
}

export function useElement(): void {
  const element = document.querySelector('hashrate-outage-chart');
  const typed: HashrateOutageChartElement | null = element;
  const same: FromElement | null = typed;
  element?.addEventListener('error', (event) => {
    const message: string = event.detail.message;
    void message;
  });
  const created: HashrateOutageChartElement = document.createElement('hashrate-outage-chart');
  const chart: Chart | null = created.chart;
  void [same, chart];
}
