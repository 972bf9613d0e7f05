use guichet_domain::tickets::{NewMessage, TicketDetail};
use guichet_domain::TicketId;
use leptos::prelude::*;

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
            let note = internal.get_untracked();
            body.set(String::new());
            internal.set(false);
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
    view! {
        <section class="gu-ticket-section" aria-labelledby="gu-reply-title">
            <h2 id="gu-reply-title">{move || t("ticket.reply.title")}</h2>
            {move || feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <form class="gu-form gu-reply" novalidate=true on:submit=submit>
                <TextArea
                    label=text("ticket.reply.body")
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
                {desk.then(|| view! {
                    <label class="gu-checkbox">
                        <input
                            type="checkbox"
                            name="internal"
                            prop:checked=move || internal.get()
                            disabled=move || pending.get()
                            on:change:target=move |ev| internal.set(ev.target().checked())
                        />
                        <span>{move || t("ticket.reply.internal")}</span>
                    </label>
                })}
                <Button button_type="submit" busy=busy>
                    {move || if internal.get() { t("ticket.reply.add_note") } else { t("ticket.reply.send") }}
                </Button>
            </form>
        </section>
    }
}
