//! Types for element.js: <hashrate-outage-chart>, its attributes, its `error` event, and the
//! tag's entry in HTMLElementTagNameMap (so document.querySelector('hashrate-outage-chart') is typed).

import type { Chart } from './chart.js';

/** `detail` of the element's non-bubbling `error` event. */
export interface HashrateOutageChartErrorDetail {
  /** The validator's message (naming the JSON path), or the URL and what went wrong. */
  message: string;
}

/** The element's events: HTMLElement's, with `error` a CustomEvent (not a script ErrorEvent). */
export type HashrateOutageChartElementEventMap = Omit<HTMLElementEventMap, 'error'> & {
  error: CustomEvent<HashrateOutageChartErrorDetail>;
};

/**
 * <hashrate-outage-chart>. Attributes: `src` (spec URL) or an inline
 * <script type="application/json"> child; `theme` (light | dark | auto); `height` (CSS px);
 * `locale` (BCP 47: the language of its words, dates and numbers); `strings` (JSON: your own
 * texts by key); `time-zone` (UTC, +06:00 or an IANA name such as Asia/Almaty); `timeout` (ms, for `src`, at most 60,000); `refresh` (seconds, 2 or more: follow `src`, redrawn in place when it changes); `fallback` (an image URL shown until the chart
 * is ready) and `alt` (its text); `allow-origins` (space-separated origins besides the page's own
 * that `src` and `fallback` may come from; http(s) only); `loading` (`eager` to load at once
 * instead of when the element comes within a screen of the viewport). Progress is in
 * `data-state`: loading | ready | error.
 */
export declare class HashrateOutageChartElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The mounted Chart while `data-state` is `ready`; otherwise null. */
  readonly chart: Chart | null;
  connectedCallback(): void;
  disconnectedCallback(): void;
  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void;
  addEventListener<K extends keyof HashrateOutageChartElementEventMap>(
    type: K,
    listener: (this: HashrateOutageChartElement, event: HashrateOutageChartElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof HashrateOutageChartElementEventMap>(
    type: K,
    listener: (this: HashrateOutageChartElement, event: HashrateOutageChartElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'hashrate-outage-chart': HashrateOutageChartElement;
  }
}
