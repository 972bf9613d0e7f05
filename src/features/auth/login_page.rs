use guichet_domain::api::LoginRequest;
use guichet_domain::FieldErrors;
use leptos::prelude::*;

use super::model::login_request;
use crate::api::{self, ApiError};
use crate::components::{Button, ErrorPanel, PageHeading, TextField};
use crate::features::field_error;
use crate::i18n::{t, text};
use crate::state::announcer::use_announcer;
use crate::state::session::use_session;

/// The log-in page. On success the session is set and the guard moves on (to the home page,
/// or to the password page when a one-time password must be replaced).
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let announcer = use_announcer();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<ApiError>);

    let login = Action::new_local(|request: &LoginRequest| {
        let request = request.clone();
        async move { api::auth::login(&request).await }
    });
    Effect::new(move |_| match login.value().get() {
        Some(Ok(me)) => session.signed_in(me),
        Some(Err(error)) => {
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
        match login_request(&email.get_untracked(), &password.get_untracked()) {
            Ok(request) => {
                errors.set(FieldErrors::new());
                login.dispatch(request);
            }
            Err(fields) => errors.set(fields),
        }
    };
    let busy = login.pending();

    view! {
        <section class="gu-auth">
            <PageHeading text=text("auth.sign_in_title")/>
            <p class="gu-auth__intro">{move || t("auth.sign_in_intro")}</p>
            {move || failure.get().map(|error| view! { <ErrorPanel error=error/> })}
            <form class="gu-form gu-auth__form" novalidate=true on:submit=submit>
                <TextField
                    label=text("auth.email")
                    name="email"
                    input_type="email"
                    autocomplete="username"
                    value=email
                    required=true
                    error=field_error(errors, "email")
                />
                <TextField
                    label=text("auth.password")
                    name="password"
                    input_type="password"
                    autocomplete="current-password"
                    value=password
                    required=true
                    error=field_error(errors, "password")
                />
                <Button button_type="submit" busy=busy>
                    {move || t("auth.sign_in")}
                </Button>
            </form>
        </section>
    }
}
