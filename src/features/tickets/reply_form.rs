use guichet_domain::tickets::{NewMessage, TicketDetail};
use guichet_domain::TicketId;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api;
use crate::attachments::{
    upload_missing, AttachedFiles, DraftFile, Keep, Screenshot, ScreenshotPicker, TextFilePicker,
    Upload, UploadProgress,
};
use crate::components::{Button, ErrorPanel, TextArea};
use crate::i18n::{t, text};
use crate::redactor;
use crate::state::form_feedback::field_error;
use crate::state::submit::use_submit;
use guichet_domain::tickets::message_text;

/// What one press of Send means: the message, and the files and screenshots by name and
/// size, so that a retry of the same reply keeps its key even once some files are uploaded.
#[derive(Debug, Clone, PartialEq)]
struct Reply {
    message: NewMessage,
    files: Vec<(String, u64)>,
}

/// Adds a message to the conversation, with log files and screenshots if need be. The desk may tick
/// "Internal note" to write for the desk only. The text and the files are redacted in the
/// browser before they are sent, and screenshots covered and re-encoded, as the wizard does.
#[component]
pub fn ReplyForm(
    /// The ticket answered.
    ticket_id: TicketId,
    /// The viewer is the desk (offers internal notes).
    desk: bool,
    /// Called with the ticket as saved.
    on_saved: Callback<TicketDetail>,
) -> impl IntoView {
    let id = StoredValue::new(ticket_id);
    let body = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let files = RwSignal::new(Vec::<DraftFile>::new());
    let reading = RwSignal::new(Vec::<(String, f64)>::new());
    let refused = RwSignal::new(Vec::<String>::new());
    let shots = RwSignal::new(Vec::<Screenshot>::new());
    let editing = RwSignal::new(false);
    let upload = RwSignal::new(None::<Upload>);
    let send = use_submit(
        move |reply: Reply, key| {
            let id = id.get_value();
            async move {
                // Each file is uploaded once, even if the reply is sent again.
                let mut attachment_ids =
                    upload_missing(upload, &files.get_untracked(), |i, uploaded| {
                        files.try_update(|f| {
                            if let Some(f) = f.get_mut(i) {
                                f.uploaded_id = Some(uploaded);
                            }
                        });
                    })
                    .await?;
                attachment_ids.extend(
                    upload_missing(upload, &shots.get_untracked(), |i, uploaded| {
                        shots.try_update(|s| {
                            if let Some(s) = s.get_mut(i) {
                                s.uploaded_id = Some(uploaded);
                            }
                        });
                    })
                    .await?,
                );
                let message = NewMessage {
                    body: redactor::sendable(&reply.message.body).await?,
                    attachment_ids,
                    ..reply.message
                };
                api::tickets::add_message(&id, &message, &key).await
            }
        },
        move |saved: TicketDetail| {
            // The tab stays as the agent chose it: a note after a note is never sent publicly.
            let note = internal.get_untracked();
            body.set(String::new());
            files.set(Vec::new());
            shots.set(Vec::new());
            on_saved.run(saved);
            Some(t(if note {
                "ticket.reply.note_added"
            } else {
                "ticket.reply.sent"
            }))
        },
    );
    let feedback = send.feedback;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A file still being cleaned or covered would be left behind.
        if !reading.with_untracked(Vec::is_empty) || editing.get_untracked() {
            return;
        }
        let reply = message_text("body", &body.get_untracked(), true).map(|text| Reply {
            message: NewMessage {
                body: text.to_owned(),
                internal: desk && internal.get_untracked(),
                attachment_ids: Vec::new(),
            },
            files: files
                .with_untracked(|f| {
                    f.iter()
                        .map(|f| (f.name.clone(), f.size))
                        .collect::<Vec<_>>()
                })
                .into_iter()
                .chain(shots.with_untracked(|s| {
                    s.iter()
                        .map(|s| (s.name.clone(), s.bytes.len() as u64))
                        .collect::<Vec<_>>()
                }))
                .collect(),
        });
        send.send(reply);
    };
    let pending = send.pending();
    let busy =
        Signal::derive(move || pending.get() || editing.get() || reading.with(|r| !r.is_empty()));
    let on_read = Callback::new(move |file: DraftFile| files.update(|f| f.push(file)));
    let on_shot = Callback::new(move |shot: Screenshot| shots.update(|s| s.push(shot)));
    let body_label = Signal::derive(move || {
        t(if internal.get() {
            "ticket.reply.note_body"
        } else {
            "ticket.reply.body"
        })
    });
    view! {
        <section class="gu-ticket-section" aria-labelledby="gu-reply-title">
            <h2 id="gu-reply-title">{move || t("ticket.reply.title")}</h2>
            {desk.then(|| view! { <ComposerTabs internal disabled=pending/> })}
            {move || feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <form
                id="gu-reply-form"
                class="gu-form gu-reply"
                class:gu-reply--internal=move || internal.get()
                role=desk.then_some("tabpanel")
                aria-labelledby=move || desk.then(|| if internal.get() { "gu-tab-note" } else { "gu-tab-public" })
                novalidate=true
                on:submit=submit
            >
                <TextArea
                    label=body_label
                    name="body"
                    value=body
                    rows=5
                    required=true
                    disabled=pending
                    hint=text("ticket.reply.hint")
                    error=field_error(feedback.errors, "body")
                />
                <TextFilePicker
                    id="gu-reply-files"
                    keep=Signal::stored(Keep::default())
                    used=Signal::derive(move || files.with(Vec::len) + shots.with(Vec::len))
                    reading
                    refused
                    on_read
                    disabled=pending
                />
                <ScreenshotPicker
                    id="gu-reply-shots"
                    used=Signal::derive(move || {
                        files.with(Vec::len) + shots.with(Vec::len) + reading.with(Vec::len)
                    })
                    refused
                    editing
                    on_done=on_shot
                    disabled=pending
                />
                <For each=move || refused.get() key=|m| m.clone() let:message>
                    <p class="gu-field-error" role="alert">{message}</p>
                </For>
                <AttachedFiles
                    files
                    shots
                    on_remove_file=Callback::new(move |index| files.update(|f| {
                        if index < f.len() {
                            f.remove(index);
                        }
                    }))
                    on_remove_shot=Callback::new(move |index| shots.update(|s| {
                        if index < s.len() {
                            s.remove(index);
                        }
                    }))
                    disabled=pending
                />
                <UploadProgress upload/>
                <Button button_type="submit" busy=busy>
                    {move || if internal.get() { t("ticket.reply.add_note") } else { t("ticket.reply.send") }}
                </Button>
            </form>
        </section>
    }
}

/// The desk's two ways to write, as tabs: a public reply, or an internal note the merchant
/// never sees (the form turns the notes' colour and says so). Arrow keys move between them.
#[component]
fn ComposerTabs(internal: RwSignal<bool>, #[prop(into)] disabled: Signal<bool>) -> impl IntoView {
    let tab = move |note: bool, id: &'static str, key: &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                id=id
                class="gu-tabs__tab"
                class:gu-tabs__tab--note=note
                aria-selected=move || if internal.get() == note { "true" } else { "false" }
                aria-controls="gu-reply-form"
                tabindex=move || if internal.get() == note { "0" } else { "-1" }
                disabled=move || disabled.get()
                on:click=move |_| internal.set(note)
            >
                {move || t(key)}
            </button>
        }
    };
    let arrows = move |ev: leptos::ev::KeyboardEvent| {
        if matches!(
            ev.key().as_str(),
            "ArrowLeft" | "ArrowRight" | "Home" | "End"
        ) {
            ev.prevent_default();
            let note = match ev.key().as_str() {
                "Home" => false,
                "End" => true,
                _ => !internal.get_untracked(),
            };
            internal.set(note);
            let id = if note { "gu-tab-note" } else { "gu-tab-public" };
            if let Some(el) = document().get_element_by_id(id) {
                let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
    };
    view! {
        <div class="gu-tabs" role="tablist" aria-label=move || t("ticket.reply.title") on:keydown=arrows>
            {tab(false, "gu-tab-public", "ticket.reply.public")}
            {tab(true, "gu-tab-note", "ticket.reply.internal_tab")}
        </div>
    }
}
