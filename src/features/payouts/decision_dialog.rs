use guichet_domain::balances::payouts::{Payout, PayoutAccount};
use guichet_domain::payments::refunds::check_rejection;
use guichet_domain::payments::RefundRejection;
use guichet_domain::FieldErrors;
use leptos::prelude::*;

use super::book::use_book;
use super::model::{decision_key, Decide};
use super::texts::account_kind_name;
use crate::api;
use crate::components::{Button, ButtonKind, ErrorPanel, ModalDialog, TextArea, Words};
use crate::i18n::money::format_money;
use crate::i18n::time::{format_day, DayStyle};
use crate::i18n::{t, text, tr};
use crate::redactor;
use crate::state::form_feedback::field_error;
use crate::state::locale::use_locale;
use crate::state::submit::use_submit;

/// What a decision is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    Payout(Payout),
    Account(PayoutAccount),
}

impl Subject {
    /// The prefix of its words.
    pub fn prefix(&self) -> &'static str {
        match self {
            Subject::Payout(_) => "payout",
            Subject::Account(_) => "account",
        }
    }

    /// It, restated: what moves where, or which account, and who asked.
    fn restated(&self, locale: crate::i18n::Locale) -> String {
        match self {
            Subject::Payout(p) => tr(
                "payout.question",
                &[
                    ("amount", &format_money(p.amount, locale)),
                    (
                        "account",
                        &format!("{} · {}", p.account_label, p.account_masked),
                    ),
                    ("day", &format_day(p.on, locale.tag(), DayStyle::Full)),
                    ("name", &p.requested_by),
                ],
            ),
            Subject::Account(a) => tr(
                "account.question",
                &[
                    ("kind", &account_kind_name(a.kind)),
                    ("masked", &a.masked),
                    ("label", &a.label),
                    ("name", &a.requested_by),
                ],
            ),
        }
    }
}

/// The outcome of a decision, as the server answered it.
#[derive(Debug, Clone, PartialEq)]
enum Decided {
    Payout(Payout),
    Account(PayoutAccount),
}

/// A decision's dialog: it restates what is decided on, says what follows, asks for the reason
/// of a rejection (redacted before it is sent, as the requester reads it), and sends the
/// decision under the key of its intent. The server decides who may: the page offers it where
/// the server's `can_decide` (or `can_cancel`) says so.
#[component]
pub fn DecisionDialog(
    /// The payout or the account.
    subject: Subject,
    /// Approve, reject, or withdraw one's payout request.
    decide: Decide,
    /// Asked to close (cancel, Escape, or once decided).
    on_close: Callback<()>,
) -> impl IntoView {
    let book = use_book();
    let locale = use_locale();
    let prefix = subject.prefix();
    let key = move |part: &str| decision_key(prefix, decide, part);
    let reason = RwSignal::new(String::new());
    let target = subject.clone();
    let send = use_submit(
        move |rejection: Option<RefundRejection>, idempotency| {
            let target = target.clone();
            async move {
                let rejection = match rejection {
                    Some(r) => Some(RefundRejection {
                        reason: redactor::sendable(&r.reason).await?,
                    }),
                    None => None,
                };
                let key = &idempotency;
                match (target, rejection) {
                    (Subject::Payout(p), Some(r)) => api::payouts::reject(&p.id, &r, key)
                        .await
                        .map(Decided::Payout),
                    (Subject::Payout(p), None) if decide == Decide::Cancel => {
                        api::payouts::cancel(&p.id, key).await.map(Decided::Payout)
                    }
                    (Subject::Payout(p), None) => {
                        api::payouts::approve(&p.id, key).await.map(Decided::Payout)
                    }
                    (Subject::Account(a), Some(r)) => api::payouts::reject_account(&a.id, &r, key)
                        .await
                        .map(Decided::Account),
                    (Subject::Account(a), None) => api::payouts::approve_account(&a.id, key)
                        .await
                        .map(Decided::Account),
                }
            }
        },
        move |decided| {
            match decided {
                Decided::Payout(p) => book.record(p),
                Decided::Account(a) => book.record_account(a),
            }
            on_close.run(());
            Some(t(&key("done")))
        },
    );
    let rejects = decide == Decide::Reject;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checked: Result<Option<RefundRejection>, FieldErrors> = if rejects {
            let rejection = RefundRejection {
                reason: reason.get_untracked().trim().to_owned(),
            };
            check_rejection(&rejection).map(|()| Some(rejection))
        } else {
            Ok(None)
        };
        send.send(checked);
    };
    let busy = send.pending();
    let title = Signal::derive(move || t(&key("title")));
    let restated = move || subject.restated(locale.get());
    let dismiss = if decide == Decide::Cancel {
        text("payout.keep")
    } else {
        text("common.cancel")
    };
    let confirm_kind = if decide == Decide::Approve {
        ButtonKind::Primary
    } else {
        ButtonKind::Danger
    };
    view! {
        <ModalDialog label=title on_close>
            <h2 class="gu-card__title">{title}</h2>
            <p class="gu-confirm__question">{restated}</p>
            <p>{move || t(&key("effect"))}</p>
            <form class="gu-payout-form" novalidate=true on:submit=submit>
                {rejects.then(|| view! {
                    <TextArea
                        label=text("decision.reason")
                        name="reason"
                        value=reason
                        hint=text("decision.reason_hint")
                        error=field_error(send.feedback.errors, "reason")
                        required=true
                        disabled=busy
                    />
                })}
                {move || send.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
                <div class="gu-actions">
                    <Button kind=confirm_kind button_type="submit" busy=busy>{move || t(&key("confirm"))}</Button>
                    <Button kind=ButtonKind::Secondary disabled=busy on_click=move |_| on_close.run(())>
                        <Words text=dismiss/>
                    </Button>
                </div>
            </form>
        </ModalDialog>
    }
}
