use std::time::Duration;

use guichet_domain::payments::{RefundDetail, RefundStatus};
use guichet_domain::{Permission, RefundId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::model::keeps_reading;
use super::payment_timeline::PaymentTimeline;
use super::refund_actions::RefundActions;
use super::texts::{refund_reason_name, refund_status_name};
use crate::api;
use crate::components::{Guarded, Loaded, MoneyAmount, PageHeading, Words};
use crate::i18n::money::format_money;
use crate::i18n::time::format_instant;
use crate::i18n::{t, text, tr};
use crate::state::announcer::use_announcer;
use crate::state::locale::use_locale;
use crate::state::session::use_session;

/// How often an open refund is read again while something may still happen to it, so that
/// the requester and the approver both see it complete without reloading.
const REREAD: Duration = Duration::from_secs(3);

/// One refund: amount, purchase, customer, status and what it means, who asked and who
/// decided, the operator's attempts, the bank's delay, the timeline; and the decision or the
/// retry for those who may.
#[component]
pub fn RefundPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::PaymentsRead]><RefundLoader/></Guarded> }
}

#[component]
fn RefundLoader() -> impl IntoView {
    let params = use_params_map();
    let refund = LocalResource::new(move || {
        let id = RefundId::from(params.read().get("id").unwrap_or_default());
        async move { api::payments::refund(&id).await }
    });
    view! {
        <section class="gu-page gu-refund">
            <Loaded resource=refund error_heading=text("refund.title") let:detail>
                <RefundView detail/>
            </Loaded>
        </section>
    }
}

#[component]
fn RefundView(detail: RefundDetail) -> impl IntoView {
    let time_zone = super::time_zone(use_session().me_untracked().as_ref());
    let locale = use_locale();
    let id = detail.refund.id.clone();
    let detail = RwSignal::new(detail);
    let status = Memo::new(move |_| detail.with(|d| d.refund.status));
    Effect::new(move |_| {
        if !keeps_reading(status.get()) {
            return;
        }
        let id = id.clone();
        let reread = move || {
            let id = id.clone();
            spawn_local(async move {
                if let Ok(read) = api::payments::refund(&id).await {
                    detail.try_set(read);
                }
            });
        };
        if let Ok(handle) = set_interval_with_handle(reread, REREAD) {
            on_cleanup(move || handle.clear());
        }
    });
    // A change seen by reading again is said aloud, as a decision made here is.
    let announcer = use_announcer();
    Effect::new(move |seen: Option<RefundStatus>| {
        let now = status.get();
        if let (Some(before), Some(a)) = (seen, announcer) {
            if before != now {
                a.announce(tr("refund.now", &[("status", &refund_status_name(now))]));
            }
        }
        now
    });

    let d = detail.get_untracked();
    let amount = d.refund.amount;
    let heading = Signal::derive(move || {
        tr(
            "refund.heading",
            &[("amount", &format_money(amount, locale.get()))],
        )
    });
    let purchase_href = format!("/purchases/{}", d.purchase.id);
    let zone = StoredValue::new(time_zone.clone());
    let when = move |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map(|at| zone.with_value(|zone| format_instant(at, locale.get().tag(), zone)))
    };
    let text_of = move |f: fn(&RefundDetail) -> Option<String>| move || detail.with(f);
    view! {
        <div class="gu-page__head">
            <PageHeading text=heading/>
            <A href=purchase_href.clone()><Words text=text("refund.back")/></A>
        </div>
        <p class="gu-refund__status" role="status">
            <span class=move || format!("gu-badge gu-refund-status gu-refund-status--{}", status.get().as_str())>
                {move || refund_status_name(status.get())}
            </span>
            " "
            {move || t(&format!("refund.explain.{}", status.get().as_str()))}
        </p>
        <Show when=move || status.get() == RefundStatus::Failed>
            <p class="gu-notice gu-notice--warning">
                {move || {
                    let (attempts, next) = detail.with(|d| (d.attempts, d.next_attempt_at));
                    let next = when(next).unwrap_or_else(|| t("refund.next_attempt_soon"));
                    tr("refund.retrying", &[("n", &attempts.to_string()), ("at", &next)])
                }}
            </p>
        </Show>
        <RefundActions detail/>
        <div class="gu-purchase__layout">
            <section class="gu-card">
                <dl class="gu-facts">
                    <dt><Words text=text("refunds.column.amount")/></dt>
                    <dd><MoneyAmount money=amount/></dd>
                    <dt><Words text=text("refunds.column.purchase")/></dt>
                    <dd><A href=purchase_href>{d.purchase.reference.clone()}</A></dd>
                    <dt><Words text=text("purchases.column.customer")/></dt>
                    <dd>{d.purchase.customer.clone()}</dd>
                    <dt><Words text=text("refunds.column.reason")/></dt>
                    <dd>{move || refund_reason_name(detail.with(|d| d.refund.reason))}</dd>
                    <dt><Words text=text("refund.note")/></dt>
                    <dd>{move || detail.with(|d| if d.note.is_empty() { t("refund.no_note") } else { d.note.clone() })}</dd>
                    <dt><Words text=text("refunds.column.requested_by")/></dt>
                    <dd>{move || detail.with(|d| format!("{} · {}", d.refund.requested_by, when(Some(d.refund.requested_at)).unwrap_or_default()))}</dd>
                    <dt><Words text=text("refund.decided_by")/></dt>
                    <dd>{move || detail.with(|d| match &d.decided_by {
                        Some(who) => format!("{who} · {}", when(d.decided_at).unwrap_or_default()),
                        None => t("refund.undecided"),
                    })}</dd>
                    <Show when=move || detail.with(|d| d.rejection_reason.is_some())>
                        <dt><Words text=text("refund.rejection_reason")/></dt>
                        <dd>{text_of(|d| d.rejection_reason.clone())}</dd>
                    </Show>
                    <dt><Words text=text("refund.attempts")/></dt>
                    <dd>{move || detail.with(|d| d.attempts.to_string())}</dd>
                    <dt><Words text=text("purchase.refundable")/></dt>
                    <dd>{move || detail.with(|d| format_money(d.refundable, locale.get()))}</dd>
                </dl>
                <p class="gu-field__hint"><Words text=text("refund.bank_delay")/></p>
            </section>
            <PaymentTimeline events=Signal::derive(move || detail.with(|d| d.events.clone())) time_zone=time_zone.clone()/>
        </div>
    }
}
