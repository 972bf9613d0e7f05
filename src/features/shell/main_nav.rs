use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;

use super::model::visible_entries;
use crate::i18n::t;
use crate::state::entry::rel_for;

/// The main navigation: only the entries the user's permissions allow. On narrow screens it
/// scrolls sideways on one line (its height never changes) rather than hiding behind a menu button.
#[component]
pub fn MainNav(
    /// The signed-in user's permissions.
    #[prop(into)]
    permissions: Signal<Vec<Permission>>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <nav
            class=move || crate::components::classes("gu-nav", class.get())
            aria-label=move || t("nav.label")
        >
            <ul class="gu-nav__list">
                {move || {
                    visible_entries(&permissions.get())
                        .into_iter()
                        .map(|entry| {
                            view! {
                                <li class="gu-nav__item">
                                    <A href=entry.path exact=true attr:class="gu-nav__link" attr:rel=rel_for(entry.path)>
                                        {move || t(entry.label_key)}
                                    </A>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </nav>
    }
}
