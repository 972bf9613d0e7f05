//! The redacted text of attached files, kept in the browser's IndexedDB. A draft is written to
//! `localStorage` as the user types; a 10 MiB log there would be copied each time and would
//! soon pass the browser's quota. Here each text is written once, when attached, and read back
//! when the draft is resumed.

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Event, IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransactionMode,
};

const DATABASE: &str = "guichet";
const STORE: &str = "draft_files";

/// Keeps `text` under `key`; `false` if the browser has no IndexedDB or refused it. Kept as
/// UTF-8 bytes: a copy, where a JavaScript string would cost a 10 MiB log a long decoding task.
pub async fn put(key: &str, text: &str) -> bool {
    async fn go(key: &str, text: &str) -> Result<JsValue, JsValue> {
        let request = store(IdbTransactionMode::Readwrite)
            .await?
            .put_with_key(&Uint8Array::from(text.as_bytes()), &JsValue::from_str(key))?;
        done(&request).await
    }
    go(key, text).await.is_ok()
}

/// The text kept under `key`, if any.
pub async fn get(key: &str) -> Option<String> {
    let request = store(IdbTransactionMode::Readonly)
        .await
        .ok()?
        .get(&JsValue::from_str(key))
        .ok()?;
    let kept = done(&request).await.ok()?;
    kept.dyn_ref::<Uint8Array>()
        .and_then(|bytes| String::from_utf8(bytes.to_vec()).ok())
}

pub async fn delete(key: &str) {
    if let Ok(store) = store(IdbTransactionMode::Readwrite).await {
        if let Ok(request) = store.delete(&JsValue::from_str(key)) {
            let _ = done(&request).await;
        }
    }
}

async fn store(mode: IdbTransactionMode) -> Result<IdbObjectStore, JsValue> {
    let db = open().await?;
    let store = db
        .transaction_with_str_and_mode(STORE, mode)
        .and_then(|t| t.object_store(STORE));
    // The transaction still completes; an open connection left to the garbage collector
    // would block the version change `open` makes when the store is missing.
    db.close();
    store
}

async fn open() -> Result<IdbDatabase, JsValue> {
    let db = open_version(None).await?;
    if db.object_store_names().contains(STORE) {
        return Ok(db);
    }
    // The database exists without the store (made by another version of the app, or by
    // hand): a version up lets the upgrade create it.
    let next = db.version() as u32 + 1;
    db.close();
    open_version(Some(next)).await
}

async fn open_version(version: Option<u32>) -> Result<IdbDatabase, JsValue> {
    let factory = web_sys::window()
        .ok_or(JsValue::NULL)?
        .indexed_db()?
        .ok_or(JsValue::NULL)?;
    let request = match version {
        Some(v) => factory.open_with_u32(DATABASE, v)?,
        None => factory.open(DATABASE)?,
    };
    // First use in this browser: create the store.
    let upgrade = Closure::once(|event: Event| {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db.filter(|db| !db.object_store_names().contains(STORE)) {
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = done(&request).await;
    drop(upgrade);
    db?.dyn_into()
}

/// The result of `request`, once it succeeds.
async fn done(request: &IdbRequest) -> Result<JsValue, JsValue> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await?;
    request.result()
}
