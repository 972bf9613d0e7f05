//! The redaction engine in a Web Worker, so that it is fetched only when a page first needs it
//! and never holds the page: a 10 MiB log is read and redacted here, in pieces, with progress
//! posted after each, and its cleaned text goes back as bytes the page takes over without a
//! copy; the page never holds the original. The pages talk to it through
//! `guichet_kit::redactor`; the messages are plain objects:
//!
//! - asked about typed text: `{ id, text, keep_phones, allow: [value…], file_name }`
//!   (`file_name`: the text is a file's name, read as `guichet_redact::redact_file_name` reads
//!   one); answered `{ id, text, findings }`
//! - asked about a file: `{ id, file: Blob, keep_phones, allow }`; answered after each piece
//!   `{ id, progress }` (the share done, 0 to 1), then `{ id, bytes: ArrayBuffer, found }` (the
//!   cleaned text in UTF-8, transferred, and how many secrets were redacted: a log's findings
//!   would cost the page more to take in than its text), or `{ id, unreadable: true }`
//! - said once, when it can take requests: `{ ready: true }`
//!
//! Typed text's `findings` are `[[kind, start, end, placeholder]…]`, the ranges in bytes of the UTF-8 text.

use guichet_redact::{redact, redact_file_name, Policy, Redaction, Stream};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

/// Text redacted per piece of a large file: a 10 MiB log posts forty progress steps.
const PIECE: usize = 256 * 1024;

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let out = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        answer(&out, &event.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page that started it.
    on_message.forget();
    // A message sent before the handler was set would be lost: the page waits for this one.
    let ready = Object::new();
    set(&ready, "ready", &true.into());
    let _ = scope.post_message(&ready);
}

fn answer(out: &DedicatedWorkerGlobalScope, asked: &JsValue) {
    let get = |name: &str| Reflect::get(asked, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let id = get("id");
    let policy = Policy {
        keep_phone_numbers: get("keep_phones").is_truthy(),
        allow: Array::from(&get("allow"))
            .iter()
            .filter_map(|v| v.as_string())
            .collect(),
        ..Policy::default()
    };
    let file = get("file");
    if let Some(file) = file.dyn_ref::<Blob>() {
        let Ok(text) = FileReaderSync::new().and_then(|r| r.read_as_text(file)) else {
            let unreadable = Object::new();
            set(&unreadable, "id", &id);
            set(&unreadable, "unreadable", &true.into());
            let _ = out.post_message(&unreadable);
            return;
        };
        let redaction = in_pieces(&text, policy, |done| {
            let progress = Object::new();
            set(&progress, "id", &id);
            set(&progress, "progress", &done.into());
            let _ = out.post_message(&progress);
        });
        drop(text);
        let bytes = Uint8Array::from(redaction.text.as_bytes());
        let reply = Object::new();
        set(&reply, "id", &id);
        set(&reply, "bytes", &bytes.buffer());
        set(&reply, "found", &(redaction.findings.len() as f64).into());
        let _ = out.post_message_with_transfer(&reply, &Array::of1(&bytes.buffer()));
        return;
    }
    let text = get("text").as_string().unwrap_or_default();
    let redaction = if get("file_name").is_truthy() {
        redact_file_name(&text, &policy)
    } else {
        redact(&text, &policy)
    };
    let _ = out.post_message(&reply(&id, redaction));
}

fn in_pieces(text: &str, policy: Policy, progress: impl Fn(f64)) -> Redaction {
    let mut stream = Stream::new(policy);
    let mut out = Redaction {
        text: String::with_capacity(text.len()),
        findings: Vec::new(),
    };
    let mut at = 0;
    while at < text.len() {
        let mut end = (at + PIECE).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let piece = stream.push(&text[at..end]);
        out.text.push_str(&piece.text);
        out.findings.extend(piece.findings);
        at = end;
        progress(at as f64 / text.len() as f64);
    }
    let last = stream.finish();
    out.text.push_str(&last.text);
    out.findings.extend(last.findings);
    out
}

fn reply(id: &JsValue, redaction: Redaction) -> Object {
    let findings: Array = redaction
        .findings
        .into_iter()
        .map(|f| {
            Array::of4(
                &f.kind.as_str().into(),
                &(f.range.start as f64).into(),
                &(f.range.end as f64).into(),
                &f.placeholder.into(),
            )
        })
        .collect();
    let out = Object::new();
    set(&out, "id", id);
    set(&out, "text", &redaction.text.into());
    set(&out, "findings", &findings);
    out
}

fn set(object: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(object, &name.into(), value);
}
