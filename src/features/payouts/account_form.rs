use guichet_domain::balances::payouts::{AccountKind, NewPayoutAccount, PayoutAccount};
use leptos::prelude::*;

use super::book::use_book;
use super::model::{account_name, AccountForm};
use super::texts::account_kind_name;
use crate::api;
use crate::components::{
    Button, ButtonKind, ErrorPanel, ModalDialog, SelectField, TextField, Words,
};
use crate::i18n::{t, text, tr};
use crate::redactor;
use crate::state::form_feedback::field_error;
use crate::state::submit::use_submit;

/// « Add a payout account », or change one: a bank account by its IBAN (checked in the browser
/// with the domain's rules: its country's format, or the BCEAO's 28 characters, and its check
/// digits) or a mobile-money wallet by its number, and a name (redacted before it is sent). It
/// then waits for another person's approval, which the dialog says before it is sent.
#[component]
pub fn AccountDialog(
    /// The active account this one replaces, when changing one.
    replaces: Option<PayoutAccount>,
    /// Asked to close (cancel, Escape, or once asked).
    on_close: Callback<()>,
) -> impl IntoView {
    let book = use_book();
    let title = match &replaces {
        Some(old) => tr(
            "account.form.change_title",
            &[("account", &account_name(&old.label, &old.masked))],
        ),
        None => t("account.form.title"),
    };
    let kind = RwSignal::new(
        replaces
            .as_ref()
            .map_or(AccountKind::Bank, |a| a.kind)
            .as_str()
            .to_owned(),
    );
    let label = RwSignal::new(
        replaces
            .as_ref()
            .map(|a| a.label.clone())
            .unwrap_or_default(),
    );
    let number = RwSignal::new(String::new());
    let replaced = replaces.map(|a| a.id);
    let bank = move || kind.with(|k| AccountKind::parse(k) != Some(AccountKind::MobileMoney));
    let form = move || AccountForm {
        kind: if bank() {
            AccountKind::Bank
        } else {
            AccountKind::MobileMoney
        },
        label: label.get(),
        number: number.get(),
        replaces: replaced.clone(),
    };
    let save = use_submit(
        move |asked: NewPayoutAccount, key| async move {
            let label = redactor::sendable(&asked.label).await?;
            api::payouts::ask_account(&NewPayoutAccount { label, ..asked }, &key).await
        },
        move |account: PayoutAccount| {
            let message = tr(
                "account.asked",
                &[("account", &account_name(&account.label, &account.masked))],
            );
            book.record_account(account);
            on_close.run(());
            Some(message)
        },
    );
    let errors = save.feedback.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.send(untrack(&form).check());
    };
    let busy = save.pending();
    let kinds = Signal::derive(|| {
        [AccountKind::Bank, AccountKind::MobileMoney]
            .map(|k| (k.as_str().to_owned(), account_kind_name(k)))
            .to_vec()
    });
    let number_label = move || {
        if bank() {
            t("account.form.iban")
        } else {
            t("account.form.wallet")
        }
    };
    let number_hint = move || {
        if bank() {
            t("account.form.iban_hint")
        } else {
            t("account.form.wallet_hint")
        }
    };
    view! {
        <ModalDialog label=title.clone() on_close>
            <h2 class="gu-card__title">{title}</h2>
            <form class="gu-payout-form" novalidate=true on:submit=submit>
                <SelectField label=text("account.form.kind") name="kind" value=kind options=kinds disabled=busy/>
                <TextField label=text("account.form.label") name="label" value=label hint=text("account.form.label_hint") error=field_error(errors, "label") required=true disabled=busy/>
                <TextField label=number_label name="number" value=number hint=number_hint error=field_error(errors, "number") required=true disabled=busy autocomplete="off"/>
                <p class="gu-notice"><Words text=text("account.form.effect")/></p>
                {move || save.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
                <div class="gu-actions">
                    <Button button_type="submit" busy=busy><Words text=text("account.form.submit")/></Button>
                    <Button kind=ButtonKind::Secondary disabled=busy on_click=move |_| on_close.run(())>
                        <Words text=text("common.cancel")/>
                    </Button>
                </div>
            </form>
        </ModalDialog>
    }
}
