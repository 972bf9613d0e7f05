use guichet_domain::api::Me;
use guichet_domain::OrgKind;
use leptos::prelude::*;
use leptos_router::components::A;

use super::model::quick_links;
use crate::components::PageHeading;
use crate::i18n::labels::role_name;
use crate::i18n::time::zone_name;
use crate::i18n::{t, tr};
use crate::state::locale::current_locale;
use crate::state::session::use_session;

/// The overview: a welcome, the organisation, the user's roles and shortcuts.
#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    session.me_untracked().map(|me| view! { <Overview me/> })
}

#[component]
fn Overview(me: Me) -> impl IntoView {
    let name = me.user.name.clone();
    let org = me.organisation.clone();
    let roles = me.user.roles.clone();
    let links = quick_links(&me.permissions);
    let kind = org.kind;
    let zone = org.time_zone.clone();
    view! {
        <section class="gu-home">
            <PageHeading text=move || tr("home.welcome", &[("name", &name)])/>
            <div class="gu-home__grid">
                <section class="gu-card" aria-labelledby="gu-home-org">
                    <h2 id="gu-home-org" class="gu-card__title">{move || t("home.organisation")}</h2>
                    <dl class="gu-facts">
                        <dt>{move || t("home.organisation.name")}</dt>
                        <dd>{org.name.clone()}</dd>
                        <dt>{move || t("home.organisation.kind")}</dt>
                        <dd>
                            {move || match kind {
                                OrgKind::Provider => t("org.kind.provider"),
                                OrgKind::Merchant => t("org.kind.merchant"),
                            }}
                        </dd>
                        {org.currency.clone().map(|c| view! {
                            <dt>{move || t("home.organisation.currency")}</dt>
                            <dd>{c}</dd>
                        })}
                        <dt>{move || t("home.organisation.time_zone")}</dt>
                        <dd>{move || zone_name(&zone, current_locale().tag())}</dd>
                    </dl>
                </section>
                <section class="gu-card" aria-labelledby="gu-home-roles">
                    <h2 id="gu-home-roles" class="gu-card__title">{move || t("home.your_roles")}</h2>
                    <ul class="gu-tags">
                        {roles
                            .into_iter()
                            .map(|r| view! { <li class="gu-tag">{move || role_name(r)}</li> })
                            .collect_view()}
                    </ul>
                </section>
            </div>
            <section class="gu-home__links" aria-labelledby="gu-home-links">
                <h2 id="gu-home-links" class="gu-section-title">{move || t("home.shortcuts")}</h2>
                <ul class="gu-link-list">
                    {links
                        .into_iter()
                        .map(|l| view! {
                            <li class="gu-link-list__item">
                                <A href=l.path attr:class="gu-link-list__link" attr:rel=crate::state::entry::rel_for(l.path)>{move || t(l.label_key)}</A>
                                <p class="gu-link-list__description">{move || t(l.description_key)}</p>
                            </li>
                        })
                        .collect_view()}
                </ul>
            </section>
        </section>
    }
}
