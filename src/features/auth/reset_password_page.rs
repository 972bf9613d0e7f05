use guichet_domain::entries::{FORGOT_PATH, LOGIN_PATH};
use leptos::prelude::*;

use super::model::{reset_password_request, reset_token};
use super::NewPasswordFields;
use crate::api;
use crate::components::{Button, ErrorPanel, PageHeading};
use crate::i18n::{t, text};
use crate::state::form_feedback::field_error;
use crate::state::submit::use_submit;

/// Where the mailed link leads: the new password, typed twice. The link's token is in the
/// fragment, which never reaches a server's log; once the password is saved, on to log in.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let token = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|fragment| reset_token(&fragment));
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let go = crate::state::entry::use_go();

    // The token is spent by the first success: a replay is refused, nothing to key.
    let reset = use_submit(
        |request, _key| async move { api::auth::reset_password(&request).await },
        move |()| {
            go(LOGIN_PATH, true);
            Some(t("reset.done"))
        },
    );
    let (errors, failure) = (reset.feedback.errors, reset.feedback.failure);
    let link_error = field_error(errors, "token");

    let form = move |token: String| {
        let submit = move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            reset.send(reset_password_request(
                &token,
                &new.get_untracked(),
                &confirm.get_untracked(),
            ));
        };
        view! {
            {move || failure.get().map(|error| view! { <ErrorPanel error=error/> })}
            {move || {
                link_error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="gu-notice gu-notice--warning">
                                {message} " " <a href=FORGOT_PATH>{t("reset.ask_again")}</a>
                            </p>
                        }
                    })
            }}
            <form class="gu-form gu-auth__form" novalidate=true on:submit=submit>
                <NewPasswordFields new confirm errors/>
                <Button button_type="submit" busy=reset.pending()>
                    {move || t("reset.submit")}
                </Button>
            </form>
        }
    };

    view! {
        <section class="gu-auth">
            <PageHeading text=text("reset.title")/>
            {match token {
                Some(token) => form(token).into_any(),
                None => {
                    view! {
                        <p class="gu-notice gu-notice--warning">
                            {t("reset.no_link")} " " <a href=FORGOT_PATH>{t("reset.ask_again")}</a>
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
