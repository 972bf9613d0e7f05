use guichet_domain::api::{LoginRequest, Me};
use guichet_domain::entries::FORGOT_PATH;
use leptos::prelude::*;

use super::model::login_request;
use crate::api::{self, ApiError};
use crate::components::{Button, ErrorPanel, PageHeading, TextField};
use crate::i18n::{t, text};
use crate::state::form_feedback::field_error;
use crate::state::session::use_session;
use crate::state::submit::use_submit;

/// The log-in page. On success the session is set and the guard moves on (to the home page,
/// or to the password page when a one-time password must be replaced).
#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    // Once the server asks for the e-mailed code, its field stays until the log-in succeeds.
    let code_asked = RwSignal::new(false);

    // A log-in acts on nothing a replay could repeat: it sends no key.
    let login = use_submit(
        |request: LoginRequest, _key| async move { api::auth::login(&request).await },
        move |me: Me| {
            session.signed_in(me);
            None
        },
    );
    let (errors, failure) = (login.feedback.errors, login.feedback.failure);
    Effect::new(move || {
        if matches!(failure.get(), Some(ApiError::LoginCodeRequired { .. })) {
            code_asked.set(true);
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed_code = code_asked.get_untracked().then(|| code.get_untracked());
        login.send(login_request(
            &email.get_untracked(),
            &password.get_untracked(),
            typed_code.as_deref(),
        ));
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
                <Show when=move || code_asked.get()>
                    <TextField
                        label=text("auth.code")
                        name="code"
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        value=code
                        required=true
                        error=field_error(errors, "code")
                    />
                </Show>
                <Button button_type="submit" busy=busy>
                    {move || t("auth.sign_in")}
                </Button>
            </form>
            <p class="gu-auth__aside">
                <a href=FORGOT_PATH>{move || t("auth.forgot")}</a>
            </p>
        </section>
    }
}
