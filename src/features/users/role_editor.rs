use guichet_domain::api::{SetRolesRequest, User};
use guichet_domain::validate;
use guichet_domain::{OrgKind, Role};
use leptos::prelude::*;

use crate::api::{self, ApiError, IdempotencyKey};
use crate::components::{Button, ButtonKind, ErrorPanel, RolePicker};
use crate::i18n::{t, t_or_raw, tr};
use crate::state::announcer::use_announcer;

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
    let announcer = use_announcer();
    let selected = RwSignal::new(user.roles.clone());
    let check_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ApiError>);
    let key = StoredValue::new(IdempotencyKey::new());
    let id = user.id.clone();
    let name = user.name.clone();

    let save = Action::new_local(move |roles: &Vec<Role>| {
        let (id, request, key) = (
            id.clone(),
            SetRolesRequest {
                roles: roles.clone(),
            },
            key.get_value(),
        );
        async move { api::users::set_roles(&id, &request, &key).await }
    });
    Effect::new(move |_| match save.value().get() {
        Some(Ok(saved)) => {
            if let Some(a) = announcer {
                a.announce(tr("users.roles_saved", &[("name", &saved.name)]));
            }
            on_done.run(true);
        }
        Some(Err(error)) => {
            // A retry after an outage is the same intent and keeps the key.
            if !error.is_transient() {
                key.set_value(IdempotencyKey::new());
            }
            failure.set(Some(error));
        }
        None => {}
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let roles = selected.get_untracked();
        match validate::roles(&roles, org_kind.get_untracked()) {
            Ok(()) => {
                check_error.set(None);
                save.dispatch(roles);
            }
            Err(k) => check_error.set(Some(t_or_raw(k))),
        }
    };
    let busy = save.pending();
    let legend = move || tr("users.roles_of", &[("name", &name)]);

    view! {
        <form class="gu-role-editor" novalidate=true on:submit=submit>
            <RolePicker
                legend=legend
                options=Signal::derive(move || Role::for_org(org_kind.get()).to_vec())
                selected
                error=check_error
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
