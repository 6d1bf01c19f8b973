//! The chart's size on the page: its width and height in CSS px (the height rule below), the
//! device-pixel ratio it is drawn at (higher while printing), and what changes them: the
//! element's size, the ratio (zoom, another screen) and printing.

/** The device-pixel ratio a chart is printed at, at least (a sharp page on paper). */
const PRINT_RATIO = 3;

function contentBox(element) {
  const style = getComputedStyle(element);
  const px = (name) => parseFloat(style[name]) || 0;
  return {
    width: Math.max(0, element.clientWidth - px('paddingLeft') - px('paddingRight')),
    height: Math.max(0, element.clientHeight - px('paddingTop') - px('paddingBottom')),
  };
}

/**
 * The CSS size of `canvas` in `element`, whose `controls` row goes under it, by the height
 * rule, first that applies:
 *   1. `height` (the option, CSS px);
 *   2. the element's own content height, when the host gave it one (CSS height, flex or
 *      grid sizing): detected as a height that does not change with the canvas's height,
 *      and then the chart and its "Show data table" row fill it;
 *   3. otherwise `autoHeight(width)`.
 * Leaves the canvas 0 px high: the caller gives it its height (the draw writes it once).
 */
export function measure(element, canvas, controls, height, autoHeight) {
  // The element with the canvas as it is, then without it (0 px): when the element grew by
  // all of the canvas, its height follows the canvas; when not at all with a canvas of 64 px
  // or more, it is the host's. Only in between is it asked again, with a 64 px canvas.
  const shown = canvas.offsetHeight;
  const before = contentBox(element).height;
  canvas.style.height = '0px';
  const box = contentBox(element);
  const grew = before - box.height;
  const fixed = grew === shown && shown > 0 ? false : !grew && shown >= 64 ? true : ((canvas.style.height = '64px'), contentBox(element).height === box.height);
  const cssWidth = Math.round(box.width);
  let cssHeight;
  if (height) cssHeight = Math.round(height);
  else if (fixed && box.height >= 1) cssHeight = Math.max(1, Math.floor(box.height - controls.getBoundingClientRect().height));
  else cssHeight = autoHeight(cssWidth);
  return { cssWidth, cssHeight };
}

/**
 * Watches what changes a chart's size or pixel ratio: the element's size and the ratio call
 * `schedule` (a redraw in the next frame), printing `redraw` (at once, before the page is
 * laid out for paper). Returns the ratio to draw at now, and what stops watching.
 */
export function watchSize(element, schedule, redraw) {
  let printing = false;
  let query = null;
  // A (resolution: Xdppx) query fires once when the ratio leaves X; then watch the new X.
  const onRatio = () => {
    query?.removeEventListener('change', onRatio);
    query = matchMedia(`(resolution: ${devicePixelRatio || 1}dppx)`);
    query.addEventListener('change', onRatio);
    schedule();
  };
  const onPrint = (event) => {
    printing = event.type === 'beforeprint';
    redraw();
  };
  const observer = new ResizeObserver(() => schedule());
  observer.observe(element);
  addEventListener('beforeprint', onPrint);
  addEventListener('afterprint', onPrint);
  onRatio();
  const ratio = () => {
    const dpr = devicePixelRatio || 1;
    return printing ? Math.max(PRINT_RATIO, dpr) : dpr;
  };
  const stop = () => {
    observer.disconnect();
    query.removeEventListener('change', onRatio);
    removeEventListener('beforeprint', onPrint);
    removeEventListener('afterprint', onPrint);
  };
  return [ratio, stop];
}
