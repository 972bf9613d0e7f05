use guichet_domain::api::{CreateUserRequest, CreatedUser};
use guichet_domain::{OrgKind, Permission, Role};
use leptos::prelude::*;
use leptos_router::components::A;

use super::model::create_request;
use crate::api;
use crate::components::{
    Button, CheckboxGroup, CopyButton, ErrorPanel, Guarded, PageHeading, TextField,
};
use crate::i18n::labels::{role_description, role_name};
use crate::i18n::{t, text, tr};
use crate::state::form_feedback::field_error;
use crate::state::session::use_session;
use crate::state::submit::use_submit;

/// Adds a user: e-mail, name and roles, then shows the one-time password once.
#[component]
pub fn CreateUserPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::UsersManage]><CreateUserForm/></Guarded> }
}

#[component]
fn CreateUserForm() -> impl IntoView {
    let session = use_session();
    let org_kind = Signal::stored(
        session
            .me_untracked()
            .map_or(OrgKind::Merchant, |me| me.organisation.kind),
    );
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<Role>::new());
    let created = RwSignal::new(None::<CreatedUser>);

    let create = use_submit(
        |request: CreateUserRequest, key| async move { api::users::create(&request, &key).await },
        move |user: CreatedUser| {
            let message = tr("users.created", &[("email", &user.user.email)]);
            created.set(Some(user));
            Some(message)
        },
    );
    let (errors, failure) = (create.feedback.errors, create.feedback.failure);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.send(create_request(
            &email.get_untracked(),
            &name.get_untracked(),
            &roles.get_untracked(),
            org_kind.get_untracked(),
        ));
    };
    let start_over = Callback::new(move |_| {
        created.set(None);
        email.set(String::new());
        name.set(String::new());
        roles.set(Vec::new());
        create.feedback.clear();
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
                        <CheckboxGroup
                            legend=text("users.field.roles")
                            options=Signal::derive(move || Role::for_org(org_kind.get()).to_vec())
                            selected=roles
                            value=Role::as_str
                            name=role_name
                            description=role_description
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
