//! The web glue: every line of wasm-bindgen / web-sys code, in two wasm modules built from
//! this one crate. The **chart** module (`chart.rs`, the default build) is what a page needs to
//! draw and explain charts; the **tools** module (`tools.rs`, cargo feature `tools`) holds the
//! data adapters behind `convert()`, fetched only when a page first converts files. Both carry
//! the panic hook below.

#[cfg(not(feature = "tools"))]
mod canvas;
#[cfg(not(feature = "tools"))]
mod chart;
#[cfg(feature = "tools")]
mod tools;

use wasm_bindgen::prelude::*;

thread_local! {
    /// The message of the last panic, kept for the JS shell: in wasm a panic aborts the call
    /// with an opaque "unreachable" trap, so the hook records what went wrong first.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Runs once when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("internal error (please report): {info}");
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(message));
    }));
}

/// Test builds only (cargo feature `test-panic`): panics with `message`, as a bug would.
#[cfg(feature = "test-panic")]
#[wasm_bindgen(js_name = testPanic)]
pub fn test_panic(message: &str) {
    panic!("{message}");
}

/// A JSON value as the plain JS value it stands for (objects, arrays, numbers, strings), so
/// the page gets structured values without parsing text. The chart module passes its own
/// `text::json::Value`s, the tools module serde_json's.
pub(crate) fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The message of the last panic, once (then cleared); undefined when there was none.
#[wasm_bindgen(js_name = takePanic)]
pub fn take_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}
