use guichet_domain::developers::{ApiKey, ApiScope, CreatedApiKey, NewApiKey, RollApiKey};
use guichet_domain::tickets::Environment;
use leptos::prelude::*;

use super::developers_page::Dialog;
use super::model::{KeyForm, DEFAULT_OVERLAP, OVERLAPS};
use super::texts::{environment_name, scope_description, scope_name};
use crate::api;
use crate::components::{
    Button, ButtonKind, CheckboxGroup, ErrorPanel, ModalDialog, SelectField, TextField, Words,
};
use crate::i18n::time::today_in;
use crate::i18n::{t, text, tr, trn};
use crate::redactor;
use crate::state::form_feedback::field_error;
use crate::state::submit::use_submit;

/// « Créer une clé »: a name (redacted before it is sent, as the team reads it), the
/// environment, the permissions from the catalogue with what each allows, and an optional last
/// day; checked as the server checks them. Created, the dialog gives way to its secret.
#[component]
pub fn CreateDialog(
    dialog: RwSignal<Option<Dialog>>,
    reread: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let environment = RwSignal::new(Environment::Test.as_str().to_owned());
    let scopes = RwSignal::new(Vec::<ApiScope>::new());
    let expires_on = RwSignal::new(String::new());
    let time_zone = super::time_zone();
    let create = use_submit(
        move |asked: NewApiKey, intent| async move {
            let name = redactor::sendable(&asked.name).await?;
            api::api_keys::create(&NewApiKey { name, ..asked }, &intent).await
        },
        move |created: CreatedApiKey| {
            let message = tr("key.created", &[("name", &created.key.name)]);
            reread.run(());
            dialog.set(Some(Dialog::Secret(created)));
            Some(message)
        },
    );
    let errors = create.feedback.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = KeyForm {
            name: name.get_untracked(),
            environment: Environment::parse(&environment.get_untracked())
                .unwrap_or(Environment::Test),
            scopes: scopes.get_untracked(),
            expires_on: expires_on.get_untracked(),
        };
        create.send(form.check(today_in(&time_zone)));
    };
    let busy = create.pending();
    let environments = Signal::derive(|| {
        Environment::ALL
            .map(|e| (e.as_str().to_owned(), environment_name(e)))
            .to_vec()
    });
    let title = t("key.form.title");
    view! {
        <ModalDialog label=title.clone() on_close>
            <h2 class="gu-card__title">{title}</h2>
            <form class="gu-key-form" novalidate=true on:submit=submit>
                <TextField label=text("key.form.name") name="name" value=name hint=text("key.form.name_hint")
                    error=field_error(errors, "name") required=true disabled=busy autocomplete="off"/>
                <SelectField label=text("key.form.environment") name="environment" value=environment
                    options=environments disabled=busy/>
                <p class="gu-field__hint"><Words text=text("key.form.environment_hint")/></p>
                <CheckboxGroup
                    legend=text("key.form.scopes")
                    options=Signal::derive(|| ApiScope::ALL.to_vec())
                    selected=scopes
                    value=ApiScope::as_str
                    name=scope_name
                    description=scope_description
                    error=field_error(errors, "scopes")
                    disabled=busy
                />
                <TextField label=text("key.form.expires_on") name="expires_on" input_type="date" value=expires_on
                    hint=text("key.form.expires_on_hint") error=field_error(errors, "expires_on") disabled=busy/>
                {move || create.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
                <div class="gu-actions">
                    <Button button_type="submit" busy=busy><Words text=text("key.form.submit")/></Button>
                    <Button kind=ButtonKind::Secondary disabled=busy on_click=Callback::new(move |_| on_close.run(()))>
                        <Words text=text("common.cancel")/>
                    </Button>
                </div>
            </form>
        </ModalDialog>
    }
}

/// Rolling a key: what happens, how long the old secret keeps working (none to a day), then
/// the new secret, once.
#[component]
pub fn RollDialog(
    key: ApiKey,
    dialog: RwSignal<Option<Dialog>>,
    reread: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let overlap = RwSignal::new(DEFAULT_OVERLAP.to_string());
    let id = key.id.clone();
    let roll = use_submit(
        move |asked: RollApiKey, intent| {
            let id = id.clone();
            async move { api::api_keys::roll(&id, &asked, &intent).await }
        },
        move |created: CreatedApiKey| {
            let message = tr("key.rolled", &[("name", &created.key.name)]);
            reread.run(());
            dialog.set(Some(Dialog::Secret(created)));
            Some(message)
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let overlap_hours = overlap.get_untracked().parse().unwrap_or(DEFAULT_OVERLAP);
        roll.send(Ok(RollApiKey { overlap_hours }));
    };
    let busy = roll.pending();
    let overlaps = Signal::derive(|| {
        OVERLAPS
            .map(|h| {
                let words = if h == 0 {
                    t("key.roll.overlap.0")
                } else {
                    trn("key.roll.overlap", h as usize, &[])
                };
                (h.to_string(), words)
            })
            .to_vec()
    });
    let title = tr("key.roll.title", &[("name", &key.name)]);
    let effect = tr("key.roll.effect", &[("fingerprint", &key.fingerprint)]);
    view! {
        <ModalDialog label=title.clone() on_close>
            <h2 class="gu-card__title">{title}</h2>
            <form class="gu-key-form" novalidate=true on:submit=submit>
                <p>{effect}</p>
                <SelectField label=text("key.roll.overlap") name="overlap_hours" value=overlap options=overlaps
                    error=field_error(roll.feedback.errors, "overlap_hours") disabled=busy/>
                {move || roll.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
                <div class="gu-actions">
                    <Button button_type="submit" busy=busy><Words text=text("key.roll.submit")/></Button>
                    <Button kind=ButtonKind::Secondary disabled=busy on_click=Callback::new(move |_| on_close.run(()))>
                        <Words text=text("common.cancel")/>
                    </Button>
                </div>
            </form>
        </ModalDialog>
    }
}

/// Revoking a key: which secret stops, and what its permissions allowed, which stops with it.
#[component]
pub fn RevokeDialog(key: ApiKey, reread: Callback<()>, on_close: Callback<()>) -> impl IntoView {
    let id = key.id.clone();
    let revoke = use_submit(
        move |(): (), intent| {
            let id = id.clone();
            async move { api::api_keys::revoke(&id, &intent).await }
        },
        move |revoked: ApiKey| {
            reread.run(());
            on_close.run(());
            Some(tr("key.revoked", &[("name", &revoked.name)]))
        },
    );
    let busy = revoke.pending();
    let title = tr("key.revoke.title", &[("name", &key.name)]);
    let effect = tr("key.revoke.effect", &[("fingerprint", &key.fingerprint)]);
    let scopes = key.scopes.clone();
    view! {
        <ModalDialog label=title.clone() on_close>
            <h2 class="gu-card__title">{title}</h2>
            <p>{effect}</p>
            <ul class="gu-key-form__stops">
                {scopes.into_iter().map(|s| view! { <li>{move || scope_name(s)}</li> }).collect_view()}
            </ul>
            {move || revoke.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <div class="gu-actions">
                <Button kind=ButtonKind::Danger busy=busy on_click=Callback::new(move |_| revoke.send(Ok(())))>
                    <Words text=text("key.revoke.submit")/>
                </Button>
                <Button kind=ButtonKind::Secondary disabled=busy on_click=Callback::new(move |_| on_close.run(()))>
                    <Words text=text("common.cancel")/>
                </Button>
            </div>
        </ModalDialog>
    }
}
