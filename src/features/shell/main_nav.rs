use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::model::{visible_entries, Counted};
use crate::api;
use crate::i18n::{integer, t, trn};
use crate::state::entry::rel_for;

/// The main navigation: only the entries the user's permissions allow. On narrow screens it
/// scrolls sideways on one line (its height never changes) rather than hiding behind a menu button.
#[component]
pub fn MainNav(
    /// The signed-in user's permissions.
    #[prop(into)]
    permissions: Signal<Vec<Permission>>,
    /// Whether the user may use what the entries lead to (not while a one-time password
    /// waits to be replaced): only then are the tickets with news counted.
    #[prop(into)]
    settled: Signal<bool>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    // How many tickets have news for the user, and how many refunds wait for their decision,
    // read again at each page change (opening a ticket or deciding reads them). Each only for
    // someone whose navigation shows it.
    let location = use_location();
    let counted = move |what: Counted| {
        settled.get()
            && visible_entries(&permissions.get())
                .iter()
                .any(|e| e.counts == what)
    };
    let unread = LocalResource::new(move || {
        location.pathname.track();
        let wanted = counted(Counted::Unread);
        async move {
            if !wanted {
                return 0;
            }
            api::tickets::unread()
                .await
                .map_or(0, |u| u64::from(u.count))
        }
    });
    let to_decide = LocalResource::new(move || {
        location.pathname.track();
        let wanted = counted(Counted::ToDecide);
        async move {
            if !wanted {
                return 0;
            }
            api::payments::to_decide().await.map_or(0, |u| u.count)
        }
    });
    let count = move |what: Counted| match what {
        Counted::Unread => unread.get().unwrap_or(0),
        Counted::ToDecide => to_decide.get().unwrap_or(0),
        Counted::Nothing => 0,
    };
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
                                        <Show when=move || { count(entry.counts) > 0 }>
                                            <span class="gu-nav__count">
                                                <span aria-hidden="true">{move || integer(count(entry.counts) as usize)}</span>
                                                <span class="gu-visually-hidden">
                                                    {move || {
                                                        let key = if entry.counts == Counted::ToDecide { "nav.to_decide" } else { "nav.unread" };
                                                        trn(key, count(entry.counts) as usize, &[])
                                                    }}
                                                </span>
                                            </span>
                                        </Show>
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
