use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::model::filter_from_query;
use super::purchase_filters::PurchaseFilters;
use super::purchase_list::PurchaseList;
use crate::api;
use crate::components::{Guarded, PageHeading, Words};
use crate::i18n::text;
use crate::state::session::use_session;

/// « Purchases »: every purchase of the organisation, filtered and sorted as the page's address
/// says (a link or a reload shows the same view), with the count of matches and the export of
/// that view as CSV.
#[component]
pub fn PurchasesPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::PaymentsRead]><Purchases/></Guarded> }
}

#[component]
fn Purchases() -> impl IntoView {
    let me = use_session().me_untracked();
    let (time_zone, currency) = (super::time_zone(me.as_ref()), super::currency(me.as_ref()));
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|q| filter_from_query(|name| q.get(name))));
    view! {
        <section class="gu-page gu-purchases">
            <div class="gu-page__head">
                <PageHeading text=text("purchases.title")/>
                <a class="gu-button gu-button--secondary" href=move || api::payments::export_url(&filter.get()) download="">
                    <Words text=text("purchases.export")/>
                </a>
            </div>
            <PurchaseFilters filter currency time_zone=time_zone.clone()/>
            <PurchaseList filter time_zone/>
        </section>
    }
}
