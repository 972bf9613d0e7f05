use chrono::{DateTime, Utc};
use guichet_domain::balances::payouts::{NewPayout, Payout};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::book::use_book;
use super::model::{account_name, amount_example, choosable, PayoutForm};
use super::payout_review::PayoutReview;
use crate::api;
use crate::components::{
    next_frame, Button, ButtonKind, ErrorPanel, ModalDialog, SelectField, TextField, Words,
};
use crate::i18n::money::format_money;
use crate::i18n::time::format_instant;
use crate::i18n::{fill, t, t_or_raw, text, tr};
use crate::state::form_feedback::field_error;
use crate::state::locale::{current_locale, use_locale};
use crate::state::submit::use_submit;

/// « Demander un paiement »: an approved account, an amount (checked as it is typed against what
/// is available, in the currency's minor units) and a day, today or later; then a review of
/// exactly what will be asked and when it is expected, and only then the request, under the key
/// of its intent. A refusal keeps everything typed: the error with its request id, the fields
/// the server named sent back to be fixed.
#[component]
pub fn PayoutDialog(
    /// Asked to close (cancel, Escape, or once requested).
    on_close: Callback<()>,
) -> impl IntoView {
    let book = use_book();
    let locale = use_locale();
    let zone = StoredValue::new(super::time_zone());
    // The merchant's today, as the server counts it.
    let today = book.available.with_untracked(|a| a.today);
    let start = book.accounts.with_untracked(|a| PayoutForm::new(a, today));
    let account = RwSignal::new(start.account_id);
    let amount = RwSignal::new(start.amount);
    let on = RwSignal::new(start.on);
    let form = move || PayoutForm {
        account_id: account.get(),
        amount: amount.get(),
        on: on.get(),
    };
    let available = move || book.available.with(|a| a.available);
    // The request reviewed, and when the server says it would be expected.
    let reviewed = RwSignal::new(None::<(NewPayout, DateTime<Utc>)>);
    let save = use_submit(
        move |payout: NewPayout, key| async move { api::payouts::ask(&payout, &key).await },
        move |asked: Payout| {
            let locale = current_locale();
            let message = tr(
                "payout.requested",
                &[
                    ("amount", &format_money(asked.amount, locale)),
                    (
                        "expected",
                        &zone.with_value(|z| format_instant(asked.expected_by, locale.tag(), z)),
                    ),
                ],
            );
            book.record(asked);
            on_close.run(());
            Some(message)
        },
    );
    let feedback = save.feedback;
    let errors = feedback.errors;
    // The review shows while the server has refused no field (another request may have taken
    // the balance meanwhile): then the form is back, as typed, with the reasons beside it.
    let shown = move || reviewed.get().filter(|_| errors.with(|e| e.is_empty()));
    let review_heading = NodeRef::<html::H3>::new();
    let heading = NodeRef::<html::H2>::new();
    // Before the review, the server says what is available now and when a payout asked for now
    // for that day is expected (its business calendar: weekends, the country's holidays).
    let previewing = RwSignal::new(false);
    let review = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        feedback.clear();
        let on = match untrack(form).check(untrack(available), today) {
            Ok(payout) => payout.on,
            Err(fields) => return feedback.invalid(fields),
        };
        previewing.set(true);
        spawn_local(async move {
            let read = api::payouts::available(Some(on)).await;
            // Closed meanwhile: nothing to show.
            if previewing.try_set(false).is_some() {
                return;
            }
            match read {
                Ok(now) => {
                    let expected = now.expected_by;
                    let checked = untrack(form).check(now.available, now.today);
                    if book.available.with_untracked(|a| *a != now) {
                        book.available.set(now);
                    }
                    match checked {
                        Ok(payout) => {
                            reviewed.set(Some((payout, expected)));
                            focus_when_drawn(review_heading);
                        }
                        Err(fields) => feedback.invalid(fields),
                    }
                }
                Err(error) => feedback.failed(error),
            }
        });
    };
    let busy = save.pending();
    let confirm = Callback::new(move |()| {
        if let Some((payout, _)) = reviewed.get_untracked() {
            save.send(Ok(payout));
        }
    });
    // Back from the review, the form's heading takes the focus the review's buttons had.
    let back = Callback::new(move |()| {
        reviewed.set(None);
        focus_when_drawn(heading);
    });
    // The amount is checked as it is typed; the rest when the form is reviewed.
    let amount_error = {
        let sent = field_error(errors, "amount_minor");
        Signal::derive(move || {
            let live = (!amount.with(|a| a.trim().is_empty()))
                .then(|| form().check(available(), today).err())
                .flatten()
                .and_then(|e| e.get("amount_minor").and_then(|k| k.first().cloned()));
            live.map(|key| {
                let example = amount_example(available());
                fill(&t_or_raw(&key), &[("example", &example)])
            })
            .or_else(|| sent.get())
        })
    };
    let options = Signal::derive(move || {
        book.accounts.with(|all| {
            let open = choosable(all);
            let mut options = Vec::with_capacity(open.len() + 1);
            if open.len() != 1 {
                options.push((String::new(), t("payout.form.choose")));
            }
            options.extend(
                open.into_iter()
                    .map(|a| (a.id.to_string(), account_name(&a.label, &a.masked))),
            );
            options
        })
    });
    let hint = move || {
        tr(
            "payout.form.amount_hint",
            &[("amount", &format_money(available(), locale.get()))],
        )
    };
    let form_step = move || {
        view! {
            <form class="gu-payout-form" novalidate=true on:submit=review>
                <SelectField label=text("payout.form.account") name="account_id" value=account options error=field_error(errors, "account_id") disabled=busy/>
                <TextField label=text("payout.form.amount") name="amount" inputmode="decimal" value=amount hint=hint error=amount_error required=true disabled=busy/>
                <TextField label=text("payout.form.day") name="on" input_type="date" value=on hint=text("payout.form.day_hint") error=field_error(errors, "on") required=true disabled=busy/>
                <div class="gu-actions">
                    <Button button_type="submit" busy=previewing><Words text=text("payout.form.review")/></Button>
                    <Button kind=ButtonKind::Secondary on_click=move |_| on_close.run(())>
                        <Words text=text("common.cancel")/>
                    </Button>
                </div>
            </form>
        }
    };
    let review_step = move |payout: NewPayout, expected_by| {
        let chosen = book.accounts.with_untracked(|all| {
            all.iter()
                .find(|a| a.id.as_str() == payout.account_id)
                .cloned()
        });
        let currency = untrack(available).currency;
        let time_zone = zone.get_value();
        view! {
            <PayoutReview payout account=chosen currency expected_by time_zone busy heading=review_heading on_confirm=confirm on_back=back/>
        }
    };
    let steps = move || match shown() {
        Some((payout, expected_by)) => review_step(payout, expected_by).into_any(),
        None => form_step().into_any(),
    };
    view! {
        <ModalDialog label=text("payout.form.title") on_close class="gu-payout-dialog">
            <h2 class="gu-card__title" tabindex="-1" node_ref=heading><Words text=text("payout.form.title")/></h2>
            {move || save.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            {steps}
        </ModalDialog>
    }
}

/// Focuses the element once it is drawn (the next frame), if it still is.
fn focus_when_drawn<E>(node: NodeRef<E>)
where
    E: leptos::html::ElementType,
    E::Output: AsRef<web_sys::HtmlElement> + Clone + 'static,
    NodeRef<E>: GetUntracked<Value = Option<E::Output>>,
{
    next_frame(move || {
        if let Some(el) = node.get_untracked() {
            let _ = el.as_ref().focus();
        }
    });
}
