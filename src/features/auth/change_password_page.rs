use guichet_domain::api::{ChangePasswordRequest, Me};
use leptos::prelude::*;

use super::model::change_password_request;
use super::NewPasswordFields;
use crate::api;
use crate::components::{Button, ErrorPanel, PageHeading, TextField};
use crate::i18n::{t, text};
use crate::state::form_feedback::field_error;
use crate::state::session::use_session;
use crate::state::submit::use_submit;

/// Replaces the password. Required after a log-in with a one-time password; otherwise
/// reachable by choice.
#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let session = use_session();
    let go = crate::state::entry::use_go();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let required = session
        .me_untracked()
        .is_some_and(|me| me.user.must_change_password);

    // After the change, ask for `Me` again: it no longer says a change is required. The
    // server takes no key here: the current password guards a replay.
    let change = use_submit(
        |request: ChangePasswordRequest, _key| async move {
            api::auth::change_password(&request).await?;
            api::auth::me().await
        },
        move |me: Me| {
            let home = guichet_domain::entries::home_path(me.organisation.kind);
            session.signed_in(me);
            go(home, false);
            Some(t("password.changed"))
        },
    );
    let (errors, failure) = (change.feedback.errors, change.feedback.failure);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        change.send(change_password_request(
            &current.get_untracked(),
            &new.get_untracked(),
            &confirm.get_untracked(),
        ));
    };
    let busy = change.pending();

    view! {
        <section class="gu-auth">
            <PageHeading text=text("password.title")/>
            <Show when=move || required>
                <p class="gu-notice gu-notice--warning">{move || t("password.required_notice")}</p>
            </Show>
            {move || failure.get().map(|error| view! { <ErrorPanel error=error/> })}
            <form class="gu-form gu-auth__form" novalidate=true on:submit=submit>
                <TextField
                    label=text("password.current")
                    name="current_password"
                    input_type="password"
                    autocomplete="current-password"
                    value=current
                    required=true
                    error=field_error(errors, "current_password")
                />
                <NewPasswordFields new confirm errors/>
                <Button button_type="submit" busy=busy>
                    {move || t("password.submit")}
                </Button>
            </form>
        </section>
    }
}
