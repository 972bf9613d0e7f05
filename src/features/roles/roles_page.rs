use guichet_domain::api::RoleSummary;
use guichet_domain::Permission;
use leptos::prelude::*;

use crate::api;
use crate::components::{Guarded, Loaded, PageHeading};
use crate::i18n::labels::{permission_name, role_description, role_name};
use crate::i18n::{t, text, trn};

/// Each role of the organisation: what it is for, what it allows, and how many hold it.
#[component]
pub fn RolesPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::UsersRead]><RolesList/></Guarded> }
}

#[component]
fn RolesList() -> impl IntoView {
    let roles = LocalResource::new(api::roles::list);
    view! {
        <section class="gu-page">
            <PageHeading text=text("roles.title")/>
            <p class="gu-page__summary">{move || t("roles.intro")}</p>
            <Loaded resource=roles let:list>
                <ul class="gu-role-list">
                    {list.into_iter().map(|summary| view! { <RoleCard summary/> }).collect_view()}
                </ul>
            </Loaded>
        </section>
    }
}

#[component]
fn RoleCard(summary: RoleSummary) -> impl IntoView {
    let role = summary.role;
    let count = summary.user_count;
    let heading_id = format!("gu-role-{}", role.as_str());
    view! {
        <li class="gu-card gu-role-card">
            <h2 id=heading_id.clone() class="gu-card__title">{move || role_name(role)}</h2>
            <p class="gu-role-card__description">{move || role_description(role)}</p>
            <p class="gu-role-card__count">
                {move || trn("roles.user_count", count as usize, &[])}
            </p>
            <h3 class="gu-role-card__subtitle">{move || t("roles.permissions")}</h3>
            <ul class="gu-role-card__permissions" aria-labelledby=heading_id>
                {summary
                    .permissions
                    .into_iter()
                    .map(|p| view! { <li>{move || permission_name(p)}</li> })
                    .collect_view()}
            </ul>
        </li>
    }
}
