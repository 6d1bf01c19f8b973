//! Text measured in the chart's actual font: advance widths of the characters the chart uses,
//! from a canvas, shared by every chart on the page.


/** Measured fonts: family and characters → em widths, shared by every chart on the page. */
const fontCache = new Map();
let measuringContext = null;

/**
 * The advance widths, in ems, of ASCII and `extra` characters in `family`, regular and bold,
 * measured with a canvas at 1000 px (no kerning); null when the font measures as the core's
 * built-in table (`probe`, from ChartCore.builtinProbe: a few strings and their widths), which
 * takes one measureText per string instead of one per character. Cached until a web font loads.
 */
export function measureFont(family, extra, probe) {
  const key = `${family}\n${extra}\n${document.fonts?.size ?? 0}:${document.fonts?.status ?? ''}`;
  if (fontCache.has(key)) return fontCache.get(key);
  if (!measuringContext) {
    const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(8, 8) : document.createElement('canvas');
    measuringContext = canvas.getContext('2d');
  }
  const context = measuringContext;
  if ('fontKerning' in context) context.fontKerning = 'none';
  if (probe && matchesProbe(context, family, probe)) {
    fontCache.set(key, null);
    return null;
  }
  let text = '';
  for (let code = 32; code < 127; code++) text += String.fromCharCode(code);
  text += extra;
  const chars = Array.from(text);
  const regular = new Float64Array(chars.length);
  const bold = new Float64Array(chars.length);
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

/** Whether every probe text measures its built-in width (within 0.05 %), regular and bold. */
function matchesProbe(context, family, probe) {
  for (const [weight, widths] of [['', probe.regular], ['bold ', probe.bold]]) {
    context.font = `${weight}1000px ${family}`;
    for (let i = 0; i < probe.texts.length; i++) {
      const width = context.measureText(probe.texts[i]).width / 1000;
      if (!(Math.abs(width - widths[i]) <= widths[i] * 5e-4 + 1e-3)) return false;
    }
  }
  return true;
}
