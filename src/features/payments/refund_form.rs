use guichet_domain::payments::{NewRefund, RefundDetail, RefundReason};
use guichet_domain::{Money, PurchaseId};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::model::RefundForm;
use super::texts::refund_reason_name;
use crate::api;
use crate::components::{
    Button, ButtonKind, ErrorPanel, ModalDialog, SelectField, TextArea, TextField, Words,
};
use crate::i18n::money::format_money;
use crate::i18n::{t_or_raw, text, tr};
use crate::redactor;
use crate::state::form_feedback::field_error;
use crate::state::locale::use_locale;
use crate::state::submit::use_submit;

/// « Create a refund » over the purchase's page: the amount (the whole refundable amount to
/// begin with, checked as it is typed), a reason and a note for the approver. The note is
/// redacted before it leaves the browser. Once asked, the refund's page opens.
#[component]
pub fn RefundDialog(
    /// The purchase refunded.
    purchase_id: PurchaseId,
    /// Its reference, to name it.
    reference: String,
    /// What may still be refunded.
    refundable: Money,
    /// Asked to close (cancel, Escape).
    on_close: Callback<()>,
) -> impl IntoView {
    let label = tr("refund.form.title", &[("reference", &reference)]);
    view! {
        <ModalDialog label=label.clone() on_close>
            <h2 class="gu-card__title">{label}</h2>
            <RefundFormView purchase_id refundable on_close/>
        </ModalDialog>
    }
}

#[component]
fn RefundFormView(
    purchase_id: PurchaseId,
    refundable: Money,
    on_close: Callback<()>,
) -> impl IntoView {
    let locale = use_locale();
    let start = RefundForm::new(refundable);
    let amount = RwSignal::new(start.amount);
    let reason = RwSignal::new(start.reason.as_str().to_owned());
    let note = RwSignal::new(String::new());
    let form = move || RefundForm {
        amount: amount.get(),
        reason: RefundReason::parse(&reason.get()).unwrap_or(RefundReason::Other),
        note: note.get(),
    };
    let navigate = use_navigate();
    let save = use_submit(
        move |refund: NewRefund, key| {
            let id = purchase_id.clone();
            async move {
                let note = redactor::sendable(&refund.note).await?;
                api::payments::ask_refund(&id, &NewRefund { note, ..refund }, &key).await
            }
        },
        move |asked: RefundDetail| {
            navigate(&format!("/refunds/{}", asked.refund.id), Default::default());
            Some(tr(
                "refund.asked",
                &[("amount", &format_money(asked.refund.amount, locale.get()))],
            ))
        },
    );
    let errors = save.feedback.errors;
    // The amount is checked as it is typed; the rest when the form is sent.
    let amount_error = {
        let sent = field_error(errors, "amount_minor");
        Signal::derive(move || {
            let live = form().check(refundable).err().and_then(|e| {
                e.get("amount_minor")
                    .and_then(|keys| keys.first().map(|k| t_or_raw(k)))
            });
            live.or_else(|| sent.get())
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.send(untrack(form).check(refundable));
    };
    let busy = save.pending();
    let reasons = Signal::derive(|| {
        RefundReason::ALL
            .map(|r| (r.as_str().to_owned(), refund_reason_name(r)))
            .to_vec()
    });
    let hint = move || {
        tr(
            "refund.form.amount_hint",
            &[("amount", &format_money(refundable, locale.get()))],
        )
    };
    view! {
        <form class="gu-refund-form" novalidate=true on:submit=submit>
            <TextField label=text("refund.form.amount") name="amount" inputmode="decimal" value=amount hint=hint error=amount_error required=true disabled=busy/>
            <SelectField label=text("refund.form.reason") name="reason" value=reason options=reasons disabled=busy/>
            <TextArea
                label=text("refund.form.note")
                name="note"
                value=note
                hint=text("refund.form.note_hint")
                error=field_error(errors, "note")
                disabled=busy
            />
            {move || save.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <div class="gu-actions">
                <Button button_type="submit" busy=busy><Words text=text("refund.form.submit")/></Button>
                <Button kind=ButtonKind::Secondary disabled=busy on_click=move |_| on_close.run(())>
                    <Words text=text("common.cancel")/>
                </Button>
            </div>
        </form>
    }
}
