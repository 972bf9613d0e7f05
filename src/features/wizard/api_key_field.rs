use guichet_domain::developers::KeyFingerprint;
use guichet_domain::tickets::{fingerprint, key_environment, Environment, Field};
use leptos::prelude::*;

use super::state::WizardState;
use crate::components::{Button, ButtonKind};
use crate::i18n::{t, tr};
use crate::state::form_feedback::field_error;

/// The API key the problem is about: one of the organisation's keys, chosen by its name, or a
/// pasted key, reduced at once to its fingerprint (prefix, last four characters, environment);
/// the key itself is never kept, stored or sent. A pasted production key gets a warning: it now
/// sits on this device's clipboard.
#[component]
pub fn ApiKeyField(state: WizardState, required: bool) -> impl IntoView {
    let kept = state.typed(Field::ApiKey);
    let error = field_error(state.errors, "api_key");
    let exposed = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let last_len = StoredValue::new(0usize);
    let id = crate::components::unique_id("api-key");
    let take = move |whole_value: bool| {
        let Some(el) = input.get() else { return };
        let v = el.value();
        let jumped = v.len() > last_len.get_value() + 1;
        last_len.set_value(v.len());
        // Typed keys are taken when the field is left; pasted ones at once.
        if !(whole_value || jumped) {
            return;
        }
        if let Some(fp) = fingerprint(&v) {
            exposed.set(key_environment(&v) == Some(Environment::Production));
            if let Some(env) = key_environment(&v) {
                let environment = state.typed(Field::Environment);
                if environment.get_untracked().is_empty() {
                    environment.set(env.as_str().to_owned());
                }
            }
            kept.set(fp);
        } else if v.contains("...") {
            kept.set(v.trim().to_owned());
        }
        el.set_value("");
        last_len.set_value(0);
    };
    let ours = LocalResource::new(crate::api::api_keys::fingerprints);
    let choose = move |key: KeyFingerprint| {
        let environment = state.typed(Field::Environment);
        if environment.get_untracked().is_empty() {
            environment.set(key.environment.as_str().to_owned());
        }
        exposed.set(false);
        kept.set(key.fingerprint);
    };
    let offered = move || {
        let keys = ours.get().and_then(Result::ok).unwrap_or_default();
        (!keys.is_empty()).then(|| {
            view! {
                <div class="gu-api-key__ours" role="group" aria-labelledby="gu-api-key-ours">
                    <p class="gu-field__hint" id="gu-api-key-ours">{move || t("wizard.api_key_ours")}</p>
                    <ul class="gu-api-key__list">
                        {keys.into_iter().map(|key| {
                            let name = format!("{} · {}", key.name, key.fingerprint);
                            view! {
                                <li>
                                    <Button kind=ButtonKind::Secondary on_click=Callback::new(move |_| choose(key.clone()))>
                                        {name}
                                    </Button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    let change = Callback::new(move |_| {
        kept.set(String::new());
        exposed.set(false);
    });
    let label = move || {
        let name = t("ticket.field.api_key");
        if required {
            name
        } else {
            tr("wizard.optional", &[("name", &name)])
        }
    };
    view! {
        <div class="gu-field" class=("gu-field--invalid", move || error.get().is_some())>
            {move || if kept.with(String::is_empty) {
                view! {
                    <label class="gu-field__label" for=id.clone()>{label}</label>
                    <p class="gu-field__hint" id="gu-api-key-hint">{move || t("wizard.hint.api_key")}</p>
                    <input
                        id=id.clone()
                        node_ref=input
                        type="password"
                        class="gu-field__input"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby=move || if error.get().is_some() { "gu-api-key-hint gu-api-key-error" } else { "gu-api-key-hint" }
                        aria-invalid=move || error.get().map(|_| "true")
                        on:input=move |_| take(false)
                        on:change=move |_| take(true)
                    />
                    {offered}
                }
                .into_any()
            } else {
                view! {
                    <p class="gu-field__label">{label}</p>
                    <p class="gu-api-key">
                        <code class="gu-api-key__fingerprint" data-testid="api-key-fingerprint">{move || kept.get()}</code>
                        " "
                        <Button kind=ButtonKind::Quiet on_click=change>{move || t("wizard.api_key_change")}</Button>
                    </p>
                }
                .into_any()
            }}
            <Show when=move || exposed.get()>
                <div class="gu-notice" role="status">
                    <p>{move || t("wizard.api_key_exposed")}</p>
                </div>
            </Show>
            <Show when=move || error.get().is_some()>
                <p id="gu-api-key-error" class="gu-field-error">{move || error.get()}</p>
            </Show>
        </div>
    }
}
