//! Text measured in the chart's actual font: advance widths of the characters the chart uses,
//! from a canvas, shared by every chart on the page.


/** Measured fonts: family and characters → em widths, shared by every chart on the page. */
const fontCache = new Map();
let measuringContext = null;

/**
 * The advance widths, in ems, of ASCII and `extra` characters in `family`, regular and bold,
 * measured with a canvas at 1000 px (no kerning). Cached until a web font loads.
 */
export function measureFont(family, extra) {
  const key = `${family}\n${extra}\n${document.fonts?.size ?? 0}:${document.fonts?.status ?? ''}`;
  const cached = fontCache.get(key);
  if (cached) return cached;
  if (!measuringContext) {
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(8, 8) : document.createElement('canvas');
    measuringContext = canvas.getContext('2d');
  }
  const context = measuringContext;
  let text = '';
  for (let code = 32; code < 127; code++) text += String.fromCharCode(code);
  text += extra;
  const chars = Array.from(text);
  const regular = new Float64Array(chars.length);
  const bold = new Float64Array(chars.length);
  if ('fontKerning' in context) context.fontKerning = 'none';
  for (const [weight, out] of [['', regular], ['bold ', bold]]) {
    context.font = `${weight}1000px ${family}`;
    chars.forEach((c, i) => {
      out[i] = context.measureText(c).width / 1000;
    });
  }
  const result = { text: chars.join(''), regular, bold };
  if (fontCache.size > 32) fontCache.clear();
  fontCache.set(key, result);
  return result;
}
