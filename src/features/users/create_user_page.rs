use guichet_domain::api::{CreateUserRequest, CreatedUser};
use guichet_domain::{FieldErrors, OrgKind, Permission, Role};
use leptos::prelude::*;
use leptos_router::components::A;

use super::model::{create_request, Attempt};
use crate::api::{self, ApiError, IdempotencyKey};
use crate::components::{Button, CopyButton, ErrorPanel, PageHeading, RolePicker, TextField};
use crate::features::field_error;
use crate::features::not_allowed::NotAllowed;
use crate::i18n::{t, text, tr};
use crate::state::announcer::use_announcer;
use crate::state::session::use_session;

/// Adds a user: e-mail, name and roles, then shows the one-time password once.
#[component]
pub fn CreateUserPage() -> impl IntoView {
    let session = use_session();
    if session.can_untracked(Permission::UsersManage) {
        view! { <CreateUserForm/> }.into_any()
    } else {
        view! { <NotAllowed/> }.into_any()
    }
}

#[component]
fn CreateUserForm() -> impl IntoView {
    let session = use_session();
    let announcer = use_announcer();
    let org_kind = Signal::stored(
        session
            .me_untracked()
            .map_or(OrgKind::Merchant, |me| me.organisation.kind),
    );
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<Role>::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<ApiError>);
    let created = RwSignal::new(None::<CreatedUser>);
    let attempt = StoredValue::new(Attempt::<CreateUserRequest>::default());

    let create = Action::new_local(|(request, key): &(CreateUserRequest, IdempotencyKey)| {
        let (request, key) = (request.clone(), key.clone());
        async move { api::users::create(&request, &key).await }
    });
    Effect::new(move |_| match create.value().get() {
        Some(Ok(user)) => {
            attempt.update_value(Attempt::settle);
            if let Some(a) = announcer {
                a.announce(tr("users.created", &[("email", &user.user.email)]));
            }
            created.set(Some(user));
        }
        Some(Err(error)) => {
            // An outage leaves the outcome unknown: the same form content keeps its key, so
            // sending it again cannot create the user twice.
            if !error.is_transient() {
                attempt.update_value(Attempt::settle);
            }
            errors.set(error.fields());
            if let Some(a) = announcer {
                a.announce(crate::components::error_panel::error_message(&error));
            }
            failure.set(Some(error));
        }
        None => {}
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let checked = create_request(
            &email.get_untracked(),
            &name.get_untracked(),
            &roles.get_untracked(),
            org_kind.get_untracked(),
        );
        match checked {
            Ok(request) => {
                errors.set(FieldErrors::new());
                let key = attempt
                    .try_update_value(|a| a.key_for(&request))
                    .unwrap_or_default();
                create.dispatch((request, key));
            }
            Err(fields) => {
                errors.set(fields);
                if let Some(a) = announcer {
                    a.announce(t("error.validation"));
                }
            }
        }
    };
    let start_over = Callback::new(move |_| {
        created.set(None);
        email.set(String::new());
        name.set(String::new());
        roles.set(Vec::new());
        errors.set(FieldErrors::new());
    });
    let busy = create.pending();

    view! {
        <section class="gu-page">
            <PageHeading text=text("users.new_title")/>
            <p><A href="/users">{move || t("users.back_to_list")}</A></p>
            {move || match created.get() {
                Some(done) => view! { <OneTimePassword created=done on_again=start_over/> }.into_any(),
                None => view! {
                    {move || failure.get().map(|error| view! { <ErrorPanel error/> })}
                    <form class="gu-form" novalidate=true on:submit=submit>
                        <TextField
                            label=text("users.field.email")
                            name="email"
                            input_type="email"
                            autocomplete="off"
                            value=email
                            required=true
                            disabled=busy
                            error=field_error(errors, "email")
                        />
                        <TextField
                            label=text("users.field.name")
                            name="name"
                            autocomplete="off"
                            value=name
                            required=true
                            disabled=busy
                            error=field_error(errors, "name")
                        />
                        <RolePicker
                            legend=text("users.field.roles")
                            options=Signal::derive(move || Role::for_org(org_kind.get()).to_vec())
                            selected=roles
                            disabled=busy
                            error=field_error(errors, "roles")
                        />
                        <Button button_type="submit" busy=busy>{move || t("users.create")}</Button>
                    </form>
                }
                .into_any(),
            }}
        </section>
    }
}

/// The new user's one-time password, shown this once, with a copy button and a warning.
#[component]
fn OneTimePassword(
    created: CreatedUser,
    on_again: Callback<leptos::ev::MouseEvent>,
) -> impl IntoView {
    let email = created.user.email.clone();
    let secret = created.one_time_password.clone();
    let copy = secret.clone();
    view! {
        <section class="gu-card gu-one-time" aria-labelledby="gu-one-time-title">
            <h2 id="gu-one-time-title" class="gu-card__title">
                {move || tr("users.created", &[("email", &email)])}
            </h2>
            <p>{move || t("users.otp_intro")}</p>
            <p class="gu-one-time__value">
                <code class="gu-one-time__code" data-testid="one-time-password">{secret}</code>
                <CopyButton value=Signal::derive(move || copy.clone()) label=text("users.otp_copy")/>
            </p>
            <p class="gu-notice gu-notice--warning">{move || t("users.otp_warning")}</p>
            <div class="gu-actions">
                <Button kind=crate::components::ButtonKind::Secondary on_click=on_again>
                    {move || t("users.create_another")}
                </Button>
            </div>
        </section>
    }
}
