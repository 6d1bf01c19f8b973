//! The wasm engine, loaded once per page: the chart module (every chart shares its instance)
//! and, on a page's first convert(), the tools module. Errors from either come out as Errors;
//! a trap (a Rust panic) as an EngineError carrying the panic's message.


const WASM_URL = new URL('./pkg/hashrate_outage_chart_bg.wasm', import.meta.url);
const GLUE_URL = new URL('./pkg/hashrate_outage_chart.js', import.meta.url);
// The tools module (the data adapters behind convert()): fetched the first time a page
// converts files, never by a page that only shows charts.
const TOOLS_WASM_URL = new URL('./pkg/hashrate_outage_chart_tools_bg.wasm', import.meta.url);
const TOOLS_GLUE_URL = new URL('./pkg/hashrate_outage_chart_tools.js', import.meta.url);

let wasmReady = null;
/** The wasm class, once loadCore() has resolved. */
export let ChartCore = null;
let toolsReady = null;
/** The message of the last Rust panic, once (then undefined), once loadCore() has resolved. */
let takePanic = null;
/** The instance's linear memory (for Chart.wasmMemoryBytes), once loadCore() has resolved. */
export let wasmMemory = null;

/** Loads and instantiates the wasm core once per page; every chart shares the instance. */
export function loadCore() {
  if (!wasmReady) {
    // Imported dynamically so that a missing build shows up as a chart error, not as a module
    // that fails to load (which would leave the custom element undefined and the page silent).
    // Bundlers leave the import as it is (the comments) and emit the glue and the .wasm as
    // assets for the two `new URL(…, import.meta.url)` above. The .wasm is requested at once,
    // beside the glue, not after it: one round trip less before the first pixels (the glue
    // then compiles it as it streams in).
    const wasm = fetch(WASM_URL);
    wasm.catch(() => {}); // a failed fetch is reported through the glue's init below
    wasmReady = import(/* webpackIgnore: true */ /* @vite-ignore */ GLUE_URL.href)
      .then(async (glue) => {
        const exports = await glue.default({ module_or_path: wasm });
        ChartCore = glue.ChartCore;
        takePanic = glue.takePanic;
        wasmMemory = exports.memory;
        return ChartCore;
      })
      .catch((cause) => {
        wasmReady = null; // let a later chart try again
        throw new Error(`Could not load the chart engine from ${GLUE_URL.pathname} and ${WASM_URL.pathname}: ${messageOf(cause)}`);
      });
  }
  return wasmReady;
}

/** Loads the tools module once, on the first convert(); resolves to its glue (convertFiles, takePanic). */
export function loadTools() {
  if (!toolsReady) {
    toolsReady = import(/* webpackIgnore: true */ /* @vite-ignore */ TOOLS_GLUE_URL.href)
      .then(async (glue) => {
        await glue.default({ module_or_path: TOOLS_WASM_URL });
        return glue;
      })
      .catch((cause) => {
        toolsReady = null;
        throw new Error(`Could not load the data tools from ${TOOLS_GLUE_URL.pathname} and ${TOOLS_WASM_URL.pathname}: ${messageOf(cause)}`);
      });
  }
  return toolsReady;
}

/** The message of anything thrown. */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

/** A trap in the wasm core (a Rust panic): the chart that hit it stops; the others go on. */
class EngineError extends Error {
  name = 'EngineError';
}

/**
 * wasm-bindgen may throw an Error or a bare string; callers always get an Error. A trap
 * (WebAssembly.RuntimeError, what a Rust panic becomes in wasm) becomes an EngineError with
 * the panic's message, which the hook in src/web/mod.rs recorded before the trap (in the
 * module that trapped: `panicOf` is the tools module's for convert()).
 */
export function asError(error, panicOf = takePanic) {
  if (error instanceof WebAssembly.RuntimeError) {
    let message;
    try {
      message = panicOf?.();
    } catch {
      message = undefined;
    }
    return new EngineError(message || `internal error in the chart engine (${error.message}); please report it`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * `core` with every method guarded: whatever a call throws comes out as an Error (see
 * asError), and a trap is passed to `onTrap` first, so the chart can stop using that core.
 */
export function guardCore(core, onTrap) {
  return new Proxy(core, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args) => {
        try {
          return value.apply(target, args);
        } catch (error) {
          const failure = asError(error);
          if (failure instanceof EngineError) onTrap(failure);
          throw failure;
        }
      };
    },
  });
}
