use guichet_domain::api::User;
use guichet_domain::{OrgKind, UserId};
use leptos::prelude::*;

use super::role_editor::RoleEditor;
use super::status_toggle::StatusToggle;
use crate::i18n::labels::role_list;
use crate::i18n::{t, tr};

/// The role editor in a modal dialog: focus moves into it and comes back to the page when it
/// closes; Escape cancels.
#[component]
fn RoleDialog(user: User, org_kind: Signal<OrgKind>, on_done: Callback<bool>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let name = user.name.clone();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let _ = d.show_modal();
        }
    });
    let done = Callback::new(move |saved: bool| {
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
        on_done.run(saved);
    });
    view! {
        <dialog class="gu-dialog" node_ref=dialog aria-label=move || tr("users.roles_of", &[("name", &name)]) on:cancel=move |_: web_sys::Event| on_done.run(false)>
            <RoleEditor user org_kind on_done=done/>
        </dialog>
    }
}

/// One user in the list, with the actions a manager may take.
#[component]
pub fn UserRow(
    /// The user shown.
    user: User,
    /// Whether the viewer may change roles and status.
    #[prop(into)]
    can_manage: Signal<bool>,
    /// The organisation's kind, which decides the roles offered.
    #[prop(into)]
    org_kind: Signal<OrgKind>,
    /// The viewer's own id (their own account cannot be deactivated).
    #[prop(into)]
    my_id: Signal<Option<UserId>>,
    /// Called after a change was saved, to reload the list.
    on_changed: Callback<()>,
) -> impl IntoView {
    let editing = RwSignal::new(false);
    let roles = user.roles.clone();
    let (active, pending) = (user.active, user.must_change_password);
    let is_me = {
        let id = user.id.clone();
        move || my_id.with(|me| me.as_ref() == Some(&id))
    };
    let editor_user = user.clone();
    let toggle_user = user.clone();
    view! {
        <tr class="gu-table__row" class=("gu-table__row--inactive", !active)>
            <td class="gu-table__cell">{user.name.clone()}</td>
            <td class="gu-table__cell">{user.email.clone()}</td>
            <td class="gu-table__cell">
                {move || role_list(&roles)}
                // The editor opens over the page, so that the table keeps its columns.
                <Show when=move || editing.get()>
                    <RoleDialog
                        user=editor_user.clone()
                        org_kind
                        on_done=Callback::new(move |saved: bool| {
                            editing.set(false);
                            if saved {
                                on_changed.run(());
                            }
                        })
                    />
                </Show>
            </td>
            <td class="gu-table__cell">
                <span class="gu-badge" class=("gu-badge--active", active) class=("gu-badge--inactive", !active)>
                    {move || if active { t("users.status.active") } else { t("users.status.inactive") }}
                </span>
                <Show when=move || pending && active>
                    <span class="gu-badge gu-badge--pending">{move || t("users.status.pending_password")}</span>
                </Show>
            </td>
            <td class="gu-table__cell gu-table__cell--actions">
                <Show when=move || can_manage.get() && !editing.get()>
                    <button
                        type="button"
                        class="gu-button gu-button--quiet"
                        on:click=move |_| editing.set(true)
                    >
                        {move || t("users.change_roles")}
                    </button>
                </Show>
                <Show when=move || can_manage.get() && !is_me()>
                    <StatusToggle user=toggle_user.clone() on_changed/>
                </Show>
            </td>
        </tr>
    }
}
