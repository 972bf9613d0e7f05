//! The redaction engine, which runs in a Web Worker (`crates/redact-worker`): the only code that
//! talks to it. The worker starts on the first request, so a page that never redacts never
//! fetches the engine, and no redaction ever holds the page.
//!
//! An answer is `None` when the engine cannot be had (the worker failed to load): callers keep
//! what they have and send nothing, since text is never sent unredacted.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;

use guichet_redact::{Kind, Policy};
use js_sys::{Array, ArrayBuffer, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, MessageEvent, Worker};

/// Trunk's loader for the worker bundle (worker files keep their names: see the server's
/// cache rules).
const WORKER: &str = "/redact-worker_loader.js";

/// One redacted span of the text asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    /// Byte range of the secret in the text asked.
    pub range: Range<usize>,
    pub placeholder: String,
}

/// The text with every finding replaced by its placeholder, and the findings in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub findings: Vec<Found>,
}

/// The engine's own answer, for unit tests that call it directly as the worker does.
#[cfg(any(test, feature = "fixtures"))]
impl From<guichet_redact::Redaction> for Cleaned {
    fn from(r: guichet_redact::Redaction) -> Self {
        Cleaned {
            text: r.text,
            findings: r
                .findings
                .into_iter()
                .map(|f| Found {
                    kind: f.kind,
                    range: f.range,
                    placeholder: f.placeholder,
                })
                .collect(),
        }
    }
}

/// Redacts `text` under `policy`.
pub async fn redact(text: &str, policy: &Policy) -> Option<Cleaned> {
    decode(&ask(Asked::Text(text), policy, None).await?)
}

/// Redacts a file's name as the engine reads file names (`guichet_redact::redact_file_name`).
pub async fn redact_file_name(name: &str) -> Option<Cleaned> {
    decode(&ask(Asked::FileName(name), &Policy::default(), None).await?)
}

/// Text as it may leave the browser, redacted under the default policy. The engine missing is
/// a failed send, to try again: nothing goes unredacted.
pub async fn sendable(text: &str) -> Result<String, crate::api::ApiError> {
    redact(text, &Policy::default())
        .await
        .map(|c| c.text)
        .ok_or(crate::api::ApiError::Network)
}

/// Why a picked file was not cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// The browser could not read it as text.
    Unreadable,
    /// The engine could not be had: nothing is kept, since text is never sent unredacted.
    NoEngine,
}

/// A picked file once cleaned: its text, and how many secrets were redacted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanedFile {
    pub text: String,
    pub found: usize,
}

/// Reads and redacts a picked file (an attachment) in the worker, in pieces; `progress` hears
/// the share done after each. The page never reads the original: a 10 MiB log costs it a copy
/// of the cleaned bytes, never a long task.
pub async fn redact_file(
    file: &Blob,
    policy: &Policy,
    progress: impl Fn(f64) + 'static,
) -> Result<CleanedFile, FileProblem> {
    let answer = ask(Asked::File(file), policy, Some(Box::new(progress)))
        .await
        .ok_or(FileProblem::NoEngine)?;
    let get = |name: &str| Reflect::get(&answer, &name.into()).unwrap_or(JsValue::UNDEFINED);
    if get("unreadable").is_truthy() {
        return Err(FileProblem::Unreadable);
    }
    let bytes = get("bytes")
        .dyn_into::<ArrayBuffer>()
        .map_err(|_| FileProblem::NoEngine)?;
    Ok(CleanedFile {
        text: String::from_utf8(Uint8Array::new(&bytes).to_vec())
            .map_err(|_| FileProblem::NoEngine)?,
        found: get("found").as_f64().unwrap_or(0.0) as usize,
    })
}

/// What the engine is asked to read.
enum Asked<'a> {
    Text(&'a str),
    FileName(&'a str),
    File(&'a Blob),
}

struct Pending {
    resolve: Function,
    progress: Option<Box<dyn Fn(f64)>>,
}

/// The worker, and the requests made before it said it was ready (a message it gets before it
/// has set its handler is lost).
struct Running {
    worker: Worker,
    waiting: Option<Vec<Object>>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
    static PENDING: RefCell<HashMap<u32, Pending>> = RefCell::new(HashMap::new());
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// The worker's answer to `asked`; `None` when the engine cannot be had.
async fn ask(
    asked: Asked<'_>,
    policy: &Policy,
    progress: Option<Box<dyn Fn(f64)>>,
) -> Option<JsValue> {
    let message = Object::new();
    match asked {
        Asked::Text("") | Asked::FileName("") => return Some(empty_answer()),
        Asked::Text(text) => set(&message, "text", &text.into()),
        Asked::FileName(name) => {
            set(&message, "text", &name.into());
            set(&message, "file_name", &true.into());
        }
        Asked::File(file) => set(&message, "file", file),
    }
    ensure_running()?;
    let id = NEXT_ID.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let mut resolve = None;
    let answer = Promise::new(&mut |r, _| resolve = Some(r));
    PENDING.with(|p| {
        p.borrow_mut().insert(
            id,
            Pending {
                resolve: resolve.expect("the executor runs at once"),
                progress,
            },
        )
    });
    set(&message, "id", &id.into());
    set(&message, "keep_phones", &policy.keep_phone_numbers.into());
    let allow: Array = policy.allow.iter().map(|v| JsValue::from_str(v)).collect();
    set(&message, "allow", &allow);
    if !send(message) {
        PENDING.with(|p| p.borrow_mut().remove(&id));
        return None;
    }
    JsFuture::from(answer)
        .await
        .ok()
        .filter(|a| !a.is_undefined())
}

/// The answer for an empty text: nothing to find.
fn empty_answer() -> JsValue {
    let answer = Object::new();
    set(&answer, "text", &"".into());
    set(&answer, "findings", &Array::new());
    answer.into()
}

/// Posts a request, or keeps it until the worker is ready.
fn send(message: Object) -> bool {
    RUNNING.with(|r| match r.borrow_mut().as_mut() {
        Some(Running {
            waiting: Some(waiting),
            ..
        }) => {
            waiting.push(message);
            true
        }
        Some(Running { worker, .. }) => worker.post_message(&message).is_ok(),
        None => false,
    })
}

/// The worker, started on first use; after a failure the next request starts a new one.
fn ensure_running() -> Option<()> {
    if RUNNING.with(|r| r.borrow().is_some()) {
        return Some(());
    }
    let worker = Worker::new(WORKER).ok()?;
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        if Reflect::get(&data, &"ready".into()).is_ok_and(|v| v.is_truthy()) {
            RUNNING.with(|r| {
                if let Some(running) = r.borrow_mut().as_mut() {
                    for message in running.waiting.take().unwrap_or_default() {
                        let _ = running.worker.post_message(&message);
                    }
                }
            });
            return;
        }
        let Some(id) = Reflect::get(&data, &"id".into())
            .ok()
            .and_then(|v| v.as_f64())
        else {
            return;
        };
        let id = id as u32;
        if let Some(done) = Reflect::get(&data, &"progress".into())
            .ok()
            .and_then(|v| v.as_f64())
        {
            PENDING.with(|p| {
                if let Some(Pending {
                    progress: Some(progress),
                    ..
                }) = p.borrow().get(&id)
                {
                    progress(done);
                }
            });
            return;
        }
        if let Some(pending) = PENDING.with(|p| p.borrow_mut().remove(&id)) {
            let _ = pending.resolve.call1(&JsValue::NULL, &data);
        }
    });
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {
        // Every request in flight is answered "unavailable", and the next one starts afresh.
        if let Some(running) = RUNNING.with(|r| r.borrow_mut().take()) {
            running.worker.terminate();
        }
        let pending: Vec<Pending> =
            PENDING.with(|p| p.borrow_mut().drain().map(|(_, v)| v).collect());
        for p in pending {
            let _ = p.resolve.call1(&JsValue::NULL, &JsValue::UNDEFINED);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both live as long as the page.
    on_message.forget();
    on_error.forget();
    RUNNING.with(|r| {
        *r.borrow_mut() = Some(Running {
            worker,
            waiting: Some(Vec::new()),
        })
    });
    Some(())
}

fn decode(data: &JsValue) -> Option<Cleaned> {
    let text = Reflect::get(data, &"text".into()).ok()?.as_string()?;
    let findings = Array::from(&Reflect::get(data, &"findings".into()).ok()?)
        .iter()
        .filter_map(|f| {
            let f = Array::from(&f);
            Some(Found {
                kind: Kind::from_name(&f.get(0).as_string()?)?,
                range: f.get(1).as_f64()? as usize..f.get(2).as_f64()? as usize,
                placeholder: f.get(3).as_string()?,
            })
        })
        .collect();
    Some(Cleaned { text, findings })
}

fn set(object: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(object, &name.into(), value);
}

/// Resolves after a short while, for a caller waiting on answers already asked.
pub async fn pause() {
    let wait = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
        }
    });
    let _ = JsFuture::from(wait).await;
}
