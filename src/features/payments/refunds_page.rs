use guichet_domain::payments::{RefundFilter, RefundStatus};
use guichet_domain::Permission;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::refund_list::RefundList;
use super::texts::refund_status_name;
use crate::components::{Guarded, PageHeading, SelectField};
use crate::i18n::{t, text};
use crate::state::session::use_session;

/// « Refunds »: every refund of the organisation, newest first, by status (kept in the address:
/// `/refunds?status=failed`).
#[component]
pub fn RefundsPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::PaymentsRead]><Refunds/></Guarded> }
}

#[component]
fn Refunds() -> impl IntoView {
    let time_zone = super::time_zone(use_session().me_untracked().as_ref());
    let query = use_query_map();
    let status =
        Memo::new(move |_| query.with(|q| q.get("status").and_then(|s| RefundStatus::parse(&s))));
    let chosen = RwSignal::new(String::new());
    Effect::new(move |_| {
        chosen.set(
            status
                .get()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        )
    });
    let navigate = use_navigate();
    let choose = move |_| {
        let path = match RefundStatus::parse(&chosen.get_untracked()) {
            Some(s) => format!("/refunds?status={}", s.as_str()),
            None => "/refunds".to_owned(),
        };
        navigate(&path, Default::default());
    };
    let options = Signal::derive(|| {
        std::iter::once((String::new(), t("refunds.filter.all_statuses")))
            .chain(RefundStatus::ALL.map(|s| (s.as_str().to_owned(), refund_status_name(s))))
            .collect::<Vec<_>>()
    });
    let filter = Signal::derive(move || RefundFilter {
        status: status.get(),
        to_decide: None,
    });
    view! {
        <section class="gu-page gu-refunds">
            <div class="gu-page__head">
                <PageHeading text=text("refunds.title")/>
            </div>
            <div class="gu-users-filters" on:change=choose>
                <SelectField label=text("refunds.filter.status") name="status" value=chosen options/>
            </div>
            <RefundList filter time_zone empty="refunds.empty"/>
        </section>
    }
}
