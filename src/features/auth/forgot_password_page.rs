use guichet_domain::api::{PasswordResetRequest, RESET_LINK_MINUTES};
use guichet_domain::entries::LOGIN_PATH;
use leptos::prelude::*;

use crate::api;
use crate::components::{Button, ErrorPanel, PageHeading, TextField};
use crate::i18n::{t, text, tr};
use crate::state::form_feedback::field_error;
use crate::state::submit::use_submit;

/// « Forgot your password? »: asks for a link to choose a new one. The page says the same for
/// any address, as the server does, so that nobody learns which have an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let sent_to = RwSignal::new(None::<String>);

    // Asking twice mails twice (within the server's limit): no key.
    let ask = use_submit(
        |request: PasswordResetRequest, _key| async move {
            api::auth::ask_password_reset(&request).await?;
            Ok(request.email)
        },
        move |to: String| {
            sent_to.set(Some(to));
            None
        },
    );
    let (errors, failure) = (ask.feedback.errors, ask.feedback.failure);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sent_to.set(None);
        let request = PasswordResetRequest {
            email: email.get_untracked().trim().to_owned(),
        };
        ask.send(request.parse().map(|_| request));
    };
    let minutes = RESET_LINK_MINUTES.to_string();

    view! {
        <section class="gu-auth">
            <PageHeading text=text("forgot.title")/>
            <p class="gu-auth__intro">{move || t("forgot.intro")}</p>
            <div role="status">
                {move || {
                    sent_to
                        .get()
                        .map(|to| {
                            view! {
                                <p class="gu-notice gu-notice--success">
                                    {tr("forgot.sent", &[("email", &to), ("minutes", &minutes)])}
                                </p>
                            }
                        })
                }}
            </div>
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
                <Button button_type="submit" busy=ask.pending()>
                    {move || t("forgot.submit")}
                </Button>
            </form>
            <p class="gu-auth__aside">
                <a href=LOGIN_PATH>{move || t("forgot.back")}</a>
            </p>
        </section>
    }
}
