use guichet_domain::payments::RefundFilter;
use guichet_domain::Permission;
use leptos::prelude::*;

use super::refund_list::RefundList;
use crate::components::{Guarded, PageHeading, Words};
use crate::i18n::text;
use crate::state::session::use_session;

/// « To approve »: the refunds others asked for that wait for the viewer's decision, each a
/// link to the refund's page where it is approved or rejected.
#[component]
pub fn ApprovalsPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::RefundsApprove]><Approvals/></Guarded> }
}

#[component]
fn Approvals() -> impl IntoView {
    let time_zone = super::time_zone(use_session().me_untracked().as_ref());
    let filter = Signal::stored(RefundFilter {
        status: None,
        to_decide: Some(true),
    });
    view! {
        <section class="gu-page gu-refunds">
            <div class="gu-page__head">
                <PageHeading text=text("approvals.title")/>
            </div>
            <p class="gu-page__summary"><Words text=text("approvals.intro")/></p>
            <RefundList filter time_zone empty="approvals.empty"/>
        </section>
    }
}
