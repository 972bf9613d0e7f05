//! The browser's `Intl` objects, for what it knows better than we do (time zones, currency
//! symbols and their places, the CLDR plural rules of every language). `None` natively, or
//! where the browser lacks them.

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
    call(formatter, locale_tag, options, "format", value)
}

/// The CLDR plural category (`one`, `few`, `other`…) of the count `n` in the language of
/// `locale_tag`: `new Intl.PluralRules(locale_tag).select(n)`.
pub fn plural_category(locale_tag: &str, n: usize) -> Option<String> {
    call("PluralRules", locale_tag, &[], "select", || {
        JsValue::from_f64(n as f64)
    })
}

/// `new Intl[constructor](locale_tag, options)[method](value())`, as a string.
fn call(
    constructor: &str,
    locale_tag: &str,
    options: &[(&str, &str)],
    method: &str,
    value: impl FnOnce() -> JsValue,
) -> Option<String> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let constructor: Function = Reflect::get(&intl, &constructor.into())
        .ok()?
        .dyn_into()
        .ok()?;
    let opts = Object::new();
    for (name, v) in options {
        Reflect::set(&opts, &(*name).into(), &(*v).into()).ok()?;
    }
    let args = Array::of2(&JsValue::from_str(&regional(locale_tag)), &opts);
    let instance = Reflect::construct(&constructor, &args).ok()?;
    let method: Function = Reflect::get(&instance, &method.into())
        .ok()?
        .dyn_into()
        .ok()?;
    method.call1(&instance, &value()).ok()?.as_string()
}

/// The browser's own tag for the language `tag` names, region included, where the browser
/// lists one (`en` read as `en-GB`: 24-hour times, the day first), else `tag` itself: the app
/// speaks the language, the user's region says how dates and numbers are written.
fn regional(tag: &str) -> String {
    let Some(languages) = web_sys::window().map(|w| w.navigator().languages()) else {
        return tag.to_owned();
    };
    languages
        .iter()
        .filter_map(|l| l.as_string())
        .find(|l| l.split('-').next() == Some(tag))
        .unwrap_or_else(|| tag.to_owned())
}
