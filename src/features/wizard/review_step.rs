use guichet_domain::tickets::{Field, TicketDetail};
use guichet_redact::Kind;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::model::{deflections, fits, is_redacted, pieces, visible_fields, Piece, Step};
use super::state::WizardState;
use crate::api::{self, ApiError, IdempotencyKey};
use crate::attachments::{upload_missing, UploadProgress};
use crate::components::{Button, ButtonKind, ErrorPanel};
use crate::i18n::labels::field_value;
use crate::i18n::{t, tr, trn};
use crate::state::announcer::use_announcer;

/// Step 4: exactly what will be sent, every redaction highlighted with its kind; values that
/// are not secrets may be kept (never cards, passwords, PINs, private keys or tokens). Then the
/// submit, which carries the draft's idempotency key.
#[component]
pub fn ReviewStep(state: WizardState) -> impl IntoView {
    let announcer = use_announcer();
    let go = crate::state::entry::use_go();
    let failure = RwSignal::new(None::<ApiError>);
    let Some(category) = state.draft.with_untracked(|d| d.category) else {
        state.update(|d| d.step = Step::Category);
        return ().into_any();
    };
    let submit = Action::new_local(move |(): &()| async move {
        // Each file is uploaded once, even if the submit is retried.
        let files = state.draft.get_untracked().files;
        let mut ids = upload_missing(state.upload, &files, |i, id| {
            state.update(|d| {
                if let Some(f) = d.files.get_mut(i) {
                    f.uploaded_id = Some(id);
                }
            })
        })
        .await?;
        let shots = state.screenshots.get_untracked();
        ids.extend(
            upload_missing(state.upload, &shots, |i, id| {
                state.screenshots.update(|s| {
                    if let Some(s) = s.get_mut(i) {
                        s.uploaded_id = Some(id);
                    }
                })
            })
            .await?,
        );
        let draft = state.draft.get_untracked();
        let ticket = draft.to_new_ticket(ids).ok_or(ApiError::Network)?;
        api::tickets::create(&ticket, &IdempotencyKey::from_stored(draft.key.clone())).await
    });
    Effect::new(move |_| match submit.value().get() {
        Some(Ok(TicketDetail { ticket, .. })) => {
            state.discard();
            if let Some(a) = announcer {
                a.notify(tr("wizard.filed", &[("number", &ticket.number)]));
            }
            go(&crate::state::entry::ticket_path(&ticket.id, false), false);
        }
        Some(Err(error)) => {
            state.errors.set(error.fields());
            if let Some(a) = announcer {
                a.announce(crate::i18n::labels::error_message(&error));
            }
            failure.set(Some(error));
        }
        None => {}
    });
    let send = Callback::new(move |_| {
        if state.restoring.get_untracked() {
            return;
        }
        failure.set(None);
        spawn_local(async move {
            // What is sent is what the engine answered for the last keystroke and choice.
            state.settled().await;
            if state.engine_missing.get_untracked() {
                return;
            }
            state.flush();
            match state.check() {
                Ok(()) => {
                    submit.dispatch(());
                }
                Err(errors) => {
                    state.errors.set(errors);
                    state.update(|d| d.step = Step::Details);
                }
            }
        });
    });
    let back = Callback::new(move |_| state.update(|d| d.step = Step::Evidence));
    let deflected = Memo::new(move |_| state.draft.with(deflections));
    let keep_phones = Memo::new(move |_| state.keep.with(|k| k.phones));
    view! {
        <p>{move || t("wizard.review_intro")}</p>
        <For each=move || deflected.get() key=|d| *d let:d>
            <p class="gu-notice" role="note">{move || t(d.message_key())}</p>
        </For>
        <dl class="gu-review">
            <dt>{move || t("wizard.category")}</dt>
            <dd>{move || t(&format!("ticket.category.{}", category.as_str()))}</dd>
            <dt>{move || t("wizard.urgency")}</dt>
            <dd>{move || state.draft.with(|d| t(&format!("ticket.urgency.{}", d.urgency.as_str())))}</dd>
            {visible_fields(category)
                .into_iter()
                .map(|(field, _)| view! { <ReviewField state field/> })
                .collect_view()}
        </dl>
        <label class="gu-choice">
            <input
                type="checkbox"
                class="gu-choice__input"
                prop:checked=move || keep_phones.get()
                on:change:target=move |ev| {
                    let on = ev.target().checked();
                    state.keep.update(|k| k.phones = on);
                }
            />
            <span class="gu-choice__label">{move || t("wizard.keep_phones")}</span>
        </label>
        <Show when=move || state.draft.with(|d| !d.files.is_empty())>
            <h3 class="gu-review__files-title">{move || t("wizard.files")}</h3>
            <ul class="gu-items">
                <For each=move || state.draft.get().files key=|f| (f.name.clone(), f.text.len()) let:file>
                    <li class="gu-items__item">
                        <details>
                            <summary>
                                {file.name.clone()} " — "
                                {move || trn("wizard.file_found", file.found, &[])}
                            </summary>
                            <pre class="gu-review__text">{preview(&file.text)}</pre>
                        </details>
                    </li>
                </For>
            </ul>
        </Show>
        <Show when=move || state.screenshots.with(|s| !s.is_empty())>
            <h3 class="gu-review__files-title">{move || t("wizard.shots")}</h3>
            <ul class="gu-items">
                <For each=move || state.screenshots.get() key=|s| s.name.clone() let:shot>
                    <li class="gu-items__item">
                        {shot.name.clone()} " — "
                        {move || trn("wizard.shot.covered", shot.covered, &[])}
                    </li>
                </For>
            </ul>
        </Show>
        <UploadProgress upload=state.upload/>
        {move || failure.get().map(|error| view! { <ErrorPanel error/> })}
        <div class="gu-actions gu-wizard__nav">
            <Button kind=ButtonKind::Secondary on_click=back>{move || t("wizard.back")}</Button>
            <Button on_click=send busy=Signal::derive(move || submit.pending().get() || state.restoring.get())>{move || t("wizard.submit")}</Button>
        </div>
    }
    .into_any()
}

/// The first 4,000 characters of a redacted file: enough to check, light enough to render.
fn preview(text: &str) -> String {
    match text.char_indices().nth(4000) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// One field as it will be sent; in what the user typed each redaction is highlighted and named, with
/// "Not a secret: keep it" where the kind allows.
#[component]
fn ReviewField(state: WizardState, field: Field) -> impl IntoView {
    let typed = state.typed(field);
    let cleaned = state.cleaned(field);
    let redaction = Memo::new(move |_| {
        typed.with(|v| {
            cleaned.with(|c| {
                // Until the engine answers for what is typed, nothing of it is shown.
                let Some(c) = c.as_ref().filter(|c| fits(c, v)) else {
                    return (Vec::new(), Vec::new());
                };
                let kept: Vec<(String, String)> = c
                    .findings
                    .iter()
                    .filter(|f| f.kind.may_be_kept())
                    .map(|f| (f.placeholder.clone(), v[f.range.clone()].to_owned()))
                    .collect();
                (pieces(v, c), kept)
            })
        })
    });
    let empty = Memo::new(move |_| typed.with(|v| v.trim().is_empty()));
    view! {
        <Show when=move || !empty.get()>
            <dt>{move || t(&format!("ticket.field.{}", field.as_str()))}</dt>
            <dd class="gu-review__value">
                {move || {
                    if !is_redacted(field) {
                        return typed.with(|v| field_value(field, v)).into_any();
                    }
                    let (parts, keepable) = redaction.get();
                    view! {
                        <p class="gu-review__text">
                            {parts
                                .into_iter()
                                .map(|p| match p {
                                    Piece::Plain(s) => s.into_any(),
                                    Piece::Redacted { placeholder, kind } => view! {
                                        <mark class="gu-redacted" title=kind_label(&kind)>
                                            {placeholder}
                                            <span class="gu-visually-hidden">
                                                {format!(" ({})", kind_label(&kind))}
                                            </span>
                                        </mark>
                                    }
                                    .into_any(),
                                })
                                .collect_view()}
                        </p>
                        {keepable
                            .into_iter()
                            .map(|(placeholder, value)| {
                                let label = tr("wizard.keep_value", &[("placeholder", &placeholder)]);
                                let keep = Callback::new(move |_| {
                                    let value = value.clone();
                                    state.keep.update(|k| k.values.push(value));
                                });
                                view! {
                                    <Button kind=ButtonKind::Quiet on_click=keep>{label}</Button>
                                }
                            })
                            .collect_view()}
                    }
                    .into_any()
                }}
            </dd>
        </Show>
    }
}

/// A finding's kind for people: the generic kinds are translated, provider keys keep their
/// documented names.
fn kind_label(kind: &str) -> String {
    match Kind::from_name(kind) {
        Some(k) if is_generic(k) => t(&format!("redact.kind.{}", kind.to_ascii_lowercase())),
        _ => tr("redact.kind.provider", &[("name", &kind.replace('_', " "))]),
    }
}

fn is_generic(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Card
            | Kind::Iban
            | Kind::BankAccount
            | Kind::Jwt
            | Kind::Bearer
            | Kind::BasicAuth
            | Kind::Password
            | Kind::Pin
            | Kind::Otp
            | Kind::Cvv
            | Kind::PrivateKey
            | Kind::Phone
            | Kind::Secret
            | Kind::Token
    )
}
