use guichet_domain::{OrgKind, Permission};
use leptos::prelude::*;
use leptos_router::components::A;

use super::model::{listed, sorted, Shown};
use super::user_row::UserRow;
use crate::api;
use crate::components::{DataTable, Guarded, Loaded, PageHeading, SelectField, TextField};
use crate::i18n::{t, text};
use crate::state::session::use_session;

/// The organisation's users, with their roles and status; managers change roles and
/// (de)activate from here.
#[component]
pub fn UsersPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::UsersRead]><UsersList/></Guarded> }
}

#[component]
fn UsersList() -> impl IntoView {
    let session = use_session();
    // Read once: the shell re-mounts the page when the session changes.
    let me = session.me_untracked();
    let can_manage = Signal::stored(session.can_untracked(Permission::UsersManage));
    let org_kind = Signal::stored(
        me.as_ref()
            .map_or(OrgKind::Merchant, |me| me.organisation.kind),
    );
    let my_id = Signal::stored(me.map(|me| me.user.id));
    let users = LocalResource::new(api::users::list);
    let refresh = Callback::new(move |()| users.refetch());
    let query = RwSignal::new(String::new());
    let shown = RwSignal::new(Shown::Active.as_str().to_owned());
    let shown_options = Signal::derive(|| {
        Shown::ALL
            .into_iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    t(&format!("users.shown.{}", s.as_str())),
                )
            })
            .collect::<Vec<_>>()
    });

    view! {
        <section class="gu-page">
            <div class="gu-page__head">
                <PageHeading text=text("users.title")/>
                <Show when=move || can_manage.get()>
                    <A href="/users/new" attr:class="gu-button gu-button--primary">
                        {move || t("users.new")}
                    </A>
                </Show>
            </div>
            <div class="gu-users-filters" role="search">
                <TextField label=text("users.search") name="q" value=query input_type="search"/>
                <SelectField label=text("users.shown") name="shown" value=shown options=shown_options/>
            </div>
            <Loaded resource=users let:list>
                {
                            let all = sorted(list);
                            let rows = Memo::new(move |_| {
                                let (which, q) = (Shown::parse(&shown.get()), query.get());
                                all.iter().filter(|u| listed(u, which, &q)).cloned().collect::<Vec<_>>()
                            });
                            view! {
                                <p class="gu-page__summary" role="status">
                                    {move || crate::i18n::trn("users.count", rows.with(Vec::len), &[])}
                                </p>
                                <DataTable
                                    caption=text("users.caption")
                                    headers=vec![
                                        text("users.column.name"),
                                        text("users.column.email"),
                                        text("users.column.roles"),
                                        text("users.column.status"),
                                        text("users.column.actions"),
                                    ]
                                >
                                    <For each=move || rows.get() key=|u| (u.id.clone(), u.active, u.roles.clone()) let:user>
                                        <UserRow user can_manage org_kind my_id on_changed=refresh/>
                                    </For>
                                </DataTable>
                            }
                }
            </Loaded>
        </section>
    }
}
