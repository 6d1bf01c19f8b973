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
 * Leaves the canvas at a probe's height: the caller gives it its own (the draw, at once).
 */
export function measure(element, canvas, controls, height, autoHeight) {
  // Rule 2 holds when the element's height is the same with a 0 px and a 64 px canvas. The
  // canvas as it is answers for free when the element grew by all of it (the height follows
  // the canvas) or not at all with more than 64 px of it (the height is the host's); only in
  // between is it probed again, at 64 px. One write in a redraw, where there were three.
  const shown = canvas.offsetHeight;
  const before = contentBox(element).height;
  canvas.style.height = '0px';
  const box = contentBox(element);
  const grew = before - box.height;
  let own;
  if (grew === shown && shown > 0) own = false;
  else if (!grew && shown > 64) own = true;
  else {
    canvas.style.height = '64px';
    own = contentBox(element).height === box.height;
  }
  const cssWidth = Math.round(box.width);
  let cssHeight;
  if (height) cssHeight = Math.round(height);
  else if (own && box.height >= 1) cssHeight = Math.max(1, Math.floor(box.height - controls.getBoundingClientRect().height));
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
