//! The browser's `Intl` formatters, for what it knows better than we do (time zones, currency
//! symbols and their places). `None` natively, or where the browser lacks the formatter.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// `new Intl[formatter](locale_tag, options).format(value())`. An option the formatter refuses
/// (an unknown time zone) is an error from `construct`, never a throw past us. The value is
/// made only in the browser: natively JS values cannot be.
pub fn format(
    formatter: &str,
    locale_tag: &str,
    options: &[(&str, &str)],
    value: impl FnOnce() -> JsValue,
) -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &formatter.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let opts = Object::new();
    for (name, v) in options {
        Reflect::set(&opts, &(*name).into(), &(*v).into()).ok()?;
    }
    let args = Array::of2(&JsValue::from_str(locale_tag), &opts);
    let instance = Reflect::construct(&constructor, &args).ok()?;
    let format: Function = Reflect::get(&instance, &"format".into())
        .ok()?
        .dyn_into()
        .ok()?;
    format.call1(&instance, &value()).ok()?.as_string()
}
