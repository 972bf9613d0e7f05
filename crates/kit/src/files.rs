//! Handing the user a file the app holds (a report read as it streamed, a new API key): saved
//! through the browser's download, never through the network again.

use wasm_bindgen::JsCast;

/// How long an object URL outlives the click that saves it: a browser may start reading it only
/// after the click's task ends.
const URL_LIFETIME_MS: i32 = 30_000;

/// Saves `parts` (strings, or byte arrays as they came) as the file `name`: a `Blob` behind an
/// object URL (the policy's `default-src 'self'` does not govern a download), a link with
/// `download` clicked, removed at once, and the URL revoked a little later. False if the
/// browser refused any step.
pub fn save(parts: &js_sys::Array, name: &str, media_type: &str) -> bool {
    let saved = (|| -> Result<(), wasm_bindgen::JsValue> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(media_type);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let window = web_sys::window().ok_or(wasm_bindgen::JsValue::NULL)?;
        let document = window.document().ok_or(wasm_bindgen::JsValue::NULL)?;
        let link: web_sys::HtmlElement = document.create_element("a")?.unchecked_into();
        link.set_attribute("href", &url)?;
        link.set_attribute("download", name)?;
        link.set_hidden(true);
        let body = document.body().ok_or(wasm_bindgen::JsValue::NULL)?;
        body.append_child(&link)?;
        link.click();
        link.remove();
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        window.set_timeout_with_callback_and_timeout_and_arguments_0(
            revoke.unchecked_ref(),
            URL_LIFETIME_MS,
        )?;
        Ok(())
    })();
    saved.is_ok()
}

/// Saves `text` as the file `name` (UTF-8).
pub fn save_text(text: &str, name: &str, media_type: &str) -> bool {
    save(
        &js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text)),
        name,
        media_type,
    )
}
