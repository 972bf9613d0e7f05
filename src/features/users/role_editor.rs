use guichet_domain::api::{SetRolesRequest, User};
use guichet_domain::{OrgKind, Role};
use leptos::prelude::*;

use crate::api;
use crate::components::{Button, ButtonKind, CheckboxGroup, ErrorPanel};
use crate::i18n::labels::{role_description, role_name};
use crate::i18n::{t, tr};
use crate::state::form_feedback::field_error;
use crate::state::submit::use_submit;

/// Edits one user's roles in place.
#[component]
pub fn RoleEditor(
    /// Whose roles.
    user: User,
    /// The organisation's kind, which decides the roles offered.
    #[prop(into)]
    org_kind: Signal<OrgKind>,
    /// Called with `true` once saved, `false` on cancel.
    on_done: Callback<bool>,
) -> impl IntoView {
    let selected = RwSignal::new(user.roles.clone());
    let id = user.id.clone();
    let name = user.name.clone();

    let save = use_submit(
        move |request: SetRolesRequest, key| {
            let id = id.clone();
            async move { api::users::set_roles(&id, &request, &key).await }
        },
        move |saved: User| {
            on_done.run(true);
            Some(tr("users.roles_saved", &[("name", &saved.name)]))
        },
    );
    let failure = save.feedback.failure;

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = SetRolesRequest {
            roles: selected.get_untracked(),
        };
        save.send(
            request
                .parse(org_kind.get_untracked())
                .map(|roles| SetRolesRequest {
                    roles: roles.into_vec(),
                }),
        );
    };
    let busy = save.pending();
    let legend = move || tr("users.roles_of", &[("name", &name)]);

    view! {
        <form class="gu-role-editor" novalidate=true on:submit=submit>
            <CheckboxGroup
                legend=legend
                options=Signal::derive(move || Role::for_org(org_kind.get()).to_vec())
                selected
                value=Role::as_str
                name=role_name
                description=role_description
                error=field_error(save.feedback.errors, "roles")
                disabled=busy
            />
            {move || failure.get().map(|error| view! { <ErrorPanel error/> })}
            <div class="gu-actions">
                <Button button_type="submit" busy=busy>{move || t("users.save_roles")}</Button>
                <Button kind=ButtonKind::Secondary disabled=busy on_click=Callback::new(move |_| on_done.run(false))>
                    {move || t("common.cancel")}
                </Button>
            </div>
        </form>
    }
}
