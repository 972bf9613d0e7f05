use guichet_domain::payments::RefundFilter;
use guichet_domain::Permission;
use leptos::prelude::*;

use super::refund_list::RefundList;
use crate::components::{Guarded, PageHeading, Words};
use crate::i18n::text;
use crate::state::session::use_session;

/// « To approve »: the refunds others asked for that wait for the viewer's decision, each a
/// link to the refund's page where it is approved or rejected; and below them what other areas
/// have waiting for the viewer, which the entry puts in (the console: payouts and their
/// accounts).
#[component]
pub fn ApprovalsPage(
    /// What else waits for the viewer's decision, each part under its own heading.
    #[prop(optional)]
    children: Option<ChildrenFn>,
) -> impl IntoView {
    view! {
        <Guarded needs=&[Permission::RefundsApprove]>
            <Approvals more=children.clone()/>
        </Guarded>
    }
}

#[component]
fn Approvals(more: Option<ChildrenFn>) -> impl IntoView {
    let time_zone = super::time_zone(use_session().me_untracked().as_ref());
    let filter = Signal::stored(RefundFilter {
        status: None,
        to_decide: Some(true),
    });
    // With other parts below, the refunds have their heading too.
    let heading = more.is_some().then(|| {
        view! { <h2 class="gu-card__title"><Words text=text("approvals.refunds")/></h2> }
    });
    view! {
        <section class="gu-page gu-refunds">
            <div class="gu-page__head">
                <PageHeading text=text("approvals.title")/>
            </div>
            <p class="gu-page__summary"><Words text=text("approvals.intro")/></p>
            <section class="gu-approvals__refunds">
                {heading}
                <RefundList filter time_zone empty="approvals.empty"/>
            </section>
            {more.map(|more| more())}
        </section>
    }
}
