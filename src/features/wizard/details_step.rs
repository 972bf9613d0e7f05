use guichet_domain::tickets::{Category, Environment, Field, Need, ENDPOINTS};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::model::{deflections, describe_browser, is_redacted, visible_fields, Step};
use super::state::WizardState;
use super::{ApiKeyField, StepNav};
use crate::components::{SelectField, TextArea, TextField};
use crate::i18n::labels::category_name;
use crate::i18n::{t, tr, trn};
use crate::state::announcer::use_announcer;
use crate::state::form_feedback::field_error;
use crate::state::session::use_session;

/// Step 2: the fields the category asks for, checked with the server's rules.
#[component]
pub fn DetailsStep(state: WizardState) -> impl IntoView {
    let announcer = use_announcer();
    let Some(category) = state.draft.with_untracked(|d| d.category) else {
        state.update(|d| d.step = Step::Category);
        return ().into_any();
    };
    let device = state.typed(Field::DeviceBrowser);
    if device.get_untracked().is_empty() {
        device.set(browser_description());
    }
    // A billing question names the merchant's business account and shop: the session knows
    // both, as its invoices print them. What is there (typed, or from a link) stays.
    if category == Category::Billing {
        if let Some(org) = use_session().me_untracked().map(|me| me.organisation) {
            state.fill([
                (Field::BusinessAccount, org.id.to_string()),
                (Field::ShopName, org.name),
            ]);
        }
    }
    let prefilled = state.draft.with_untracked(|d| d.prefilled);
    // The engine answers every keystroke in its own time: the check waits for the last answer.
    let next = Callback::new(move |()| {
        spawn_local(async move {
            state.settled().await;
            if state.engine_missing.get_untracked() {
                return;
            }
            match state.check() {
                Ok(()) => {
                    state.errors.set(Default::default());
                    state.update(|d| d.step = Step::Evidence);
                }
                Err(errors) => {
                    state.errors.set(errors);
                    if let Some(a) = announcer {
                        a.announce(t("error.validation"));
                    }
                }
            }
        })
    });
    // An error goes as soon as its field holds a valid value, and says what is wrong with the
    // value there now (« Required » must not stay under a field just filled in wrong); new ones
    // wait for « Next ».
    Effect::new(move |_| {
        state.draft.track();
        if state.errors.with_untracked(|e| e.is_empty()) {
            return;
        }
        let mut still = state.check().err().unwrap_or_default();
        state.errors.update(|e| {
            e.retain(|field, _| still.contains_key(field));
            for (field, messages) in e.iter_mut() {
                if let Some(now) = still.remove(field) {
                    *messages = now;
                }
            }
        });
    });
    // The advice the review gives (an outage, a key of the other environment) shows as soon as
    // what calls for it is typed.
    let deflected = Memo::new(move |_| state.draft.with(deflections));
    let (required, optional): (Vec<_>, Vec<_>) = visible_fields(category)
        .into_iter()
        .partition(|(_, need)| *need == Need::Required);
    let more = NodeRef::<leptos::html::Details>::new();
    let optional_names: Vec<&'static str> = optional.iter().map(|(f, _)| f.as_str()).collect();
    let started = optional
        .iter()
        .any(|(f, _)| !state.typed(*f).get_untracked().is_empty());
    // An error in a folded field unfolds it.
    Effect::new(move |_| {
        let wrong = state
            .errors
            .with(|e| optional_names.iter().any(|n| e.contains_key(*n)));
        if let (true, Some(el)) = (wrong, more.get()) {
            el.set_open(true);
        }
    });
    let inputs = |fields: Vec<(Field, Need)>| {
        fields
            .into_iter()
            .map(|(field, need)| field_input(state, field, need == Need::Required))
            .collect_view()
    };
    view! {
        {prefilled.then(|| view! {
            <p class="gu-notice gu-wizard__prefilled" role="status">
                {move || tr("wizard.prefilled", &[("category", &category_name(category))])}
            </p>
        })}
        <p class="gu-field__hint gu-wizard__intro">{move || t("wizard.details_intro")}</p>
        <datalist id="gu-endpoints">
            {ENDPOINTS.iter().map(|e| view! { <option value=*e></option> }).collect_view()}
        </datalist>
        <div class="gu-form">{inputs(required)}</div>
        {(!optional.is_empty()).then(|| view! {
            <details class="gu-wizard__more" node_ref=more open=started>
                <summary>{move || t("wizard.more_details")}</summary>
                <div class="gu-form">{inputs(optional)}</div>
            </details>
        })}
        <div role="status">
            <For each=move || deflected.get() key=|d| *d let:d>
                <p class="gu-notice">{move || t(d.message_key())}</p>
            </For>
        </div>
        <StepNav state on_next=next/>
    }
    .into_any()
}

fn label(field: Field, required: bool) -> impl Fn() -> String + Send + Sync + 'static {
    move || {
        let name = t(&format!("ticket.field.{}", field.as_str()));
        if required {
            name
        } else {
            tr("wizard.optional", &[("name", &name)])
        }
    }
}

fn field_input(state: WizardState, field: Field, required: bool) -> AnyView {
    let error = field_error(state.errors, field.as_str());
    let value = state.typed(field);
    let name = field.as_str();
    let rows = match field {
        Field::Description | Field::StepsToReproduce => Some(6),
        Field::ExpectedNotification | Field::ReceivedNotification => Some(8),
        Field::ErrorMessage => Some(3),
        _ => None,
    };
    let hint = hint_key(field).map(|k| TextProp::from(move || t(k)));
    let input = match (field, rows, hint) {
        (Field::ApiKey, ..) => return view! { <ApiKeyField state required/> }.into_any(),
        (Field::SeenAt, ..) => return view! { <SeenAtInput state required/> }.into_any(),
        (Field::Environment, ..) => {
            let options = Signal::derive(|| {
                std::iter::once((String::new(), t("wizard.choose")))
                    .chain(Environment::ALL.into_iter().map(|e| {
                        (
                            e.as_str().to_owned(),
                            t(&format!("ticket.environment.{}", e.as_str())),
                        )
                    }))
                    .collect::<Vec<_>>()
            });
            view! { <SelectField label=label(field, required) name value options error/> }
                .into_any()
        }
        (_, Some(rows), Some(hint)) => view! {
            <TextArea label=label(field, required) name value rows required error hint/>
        }
        .into_any(),
        (Field::TransactionDate, _, Some(hint)) => view! {
            <TextField label=label(field, required) name value required error hint input_type="date"/>
        }
        .into_any(),
        (_, _, Some(hint)) => {
            let list = (field == Field::Endpoint).then_some("gu-endpoints");
            view! { <TextField label=label(field, required) name value required error hint list/> }
                .into_any()
        }
        _ => {
            view! { <TextField label=label(field, required) name value required error/> }.into_any()
        }
    };
    view! {
        <div class="gu-wizard__field">
            {input}
            {is_redacted(field).then(|| view! { <RedactionNote state field/> })}
        </div>
    }
    .into_any()
}

/// Fields whose expected shape deserves a word under the label.
pub fn hint_key(field: Field) -> Option<&'static str> {
    match field {
        Field::RequestId => Some("wizard.hint.request_id"),
        Field::Endpoint => Some("wizard.hint.endpoint"),
        Field::HttpStatus => Some("wizard.hint.http_status"),
        Field::PaymentId
        | Field::TransactionId
        | Field::TaskId
        | Field::ClientId
        | Field::DebugId => Some("wizard.hint.identifier"),
        Field::Description
        | Field::StepsToReproduce
        | Field::ErrorMessage
        | Field::ExpectedNotification
        | Field::ReceivedNotification => Some("wizard.hint.redacted"),
        Field::NotificationUrl => Some("wizard.hint.url"),
        Field::DeviceBrowser => Some("wizard.hint.device"),
        Field::BusinessAccount => Some("wizard.hint.business_account"),
        Field::ShopName => Some("wizard.hint.shop_name"),
        Field::InvoiceNumber => Some("wizard.hint.invoice_number"),
        Field::TransactionDate => Some("wizard.hint.transaction_date"),
        _ => None,
    }
}

/// Under a field the user types into: what will be hidden before anything leaves the browser.
#[component]
fn RedactionNote(state: WizardState, field: Field) -> impl IntoView {
    let cleaned = state.cleaned(field);
    let found = Memo::new(move |_| cleaned.with(|c| c.as_ref().map_or(0, |c| c.findings.len())));
    view! {
        <Show when=move || { found.get() > 0 }>
            <p class="gu-redaction-note" role="status">
                {move || trn("wizard.will_hide", found.get(), &[])}
            </p>
        </Show>
    }
}

/// The day and time the problem was seen: picked in the user's zone, kept in UTC.
#[component]
fn SeenAtInput(state: WizardState, required: bool) -> impl IntoView {
    let value = state.typed(Field::SeenAt);
    let error = field_error(state.errors, "seen_at");
    let id = crate::components::unique_id("seen-at");
    view! {
        <div class="gu-field" class=("gu-field--invalid", move || error.get().is_some())>
            <label class="gu-field__label" for=id.clone()>{label(Field::SeenAt, required)}</label>
            <p class="gu-field__hint" id="gu-seen-at-hint">{move || t("wizard.hint.seen_at")}</p>
            <input
                id=id.clone()
                type="datetime-local"
                class="gu-field__input"
                aria-describedby=move || if error.get().is_some() { "gu-seen-at-hint gu-seen-at-error" } else { "gu-seen-at-hint" }
                aria-invalid=move || error.get().map(|_| "true")
                prop:value=move || utc_to_local_input(&value.get())
                on:change:target=move |ev| value.set(local_input_to_utc(&ev.target().value()))
            />
            <Show when=move || error.get().is_some()>
                <p id="gu-seen-at-error" class="gu-field-error">{move || error.get()}</p>
            </Show>
        </div>
    }
}

/// `2026-01-13T10:42` in the browser's zone to RFC 3339 UTC; empty stays empty.
fn local_input_to_utc(local: &str) -> String {
    if local.is_empty() {
        return String::new();
    }
    let date = js_sys::Date::new(&local.into());
    if date.get_time().is_nan() {
        return local.to_owned();
    }
    date.to_iso_string().into()
}

/// The reverse, for showing a stored time in the picker.
fn utc_to_local_input(utc: &str) -> String {
    if utc.is_empty() {
        return String::new();
    }
    let date = js_sys::Date::new(&utc.into());
    if date.get_time().is_nan() {
        return String::new();
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// The browser and system, from the user agent: a starting point the user can edit.
fn browser_description() -> String {
    web_sys::window()
        .and_then(|w| w.navigator().user_agent().ok())
        .map(|ua| describe_browser(&ua, &t("wizard.device")))
        .unwrap_or_default()
}
