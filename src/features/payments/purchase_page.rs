use guichet_domain::payments::PurchaseDetail;
use guichet_domain::{Permission, PurchaseId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::payment_timeline::PaymentTimeline;
use super::refund_form::RefundDialog;
use super::refund_table::RefundTable;
use super::texts::purchase_status_name;
use crate::api;
use crate::components::{Guarded, Loaded, LocalTime, MoneyAmount, PageHeading, Words};
use crate::i18n::{text, tr};
use crate::state::session::use_session;

/// One purchase: every field, its timeline, the refunds asked of it, what may still be
/// refunded, and « Create a refund » for those who may ask for one.
#[component]
pub fn PurchasePage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::PaymentsRead]><PurchaseLoader/></Guarded> }
}

#[component]
fn PurchaseLoader() -> impl IntoView {
    let params = use_params_map();
    let purchase = LocalResource::new(move || {
        let id = PurchaseId::from(params.read().get("id").unwrap_or_default());
        async move { api::payments::purchase(&id).await }
    });
    view! {
        <section class="gu-page gu-purchase">
            <Loaded resource=purchase error_heading=text("purchase.title") let:detail>
                <PurchaseView detail/>
            </Loaded>
        </section>
    }
}

#[component]
fn PurchaseView(detail: PurchaseDetail) -> impl IntoView {
    let session = use_session();
    let me = session.me_untracked();
    let time_zone = super::time_zone(me.as_ref());
    let may_refund = session.can_untracked(Permission::RefundsCreate);
    let PurchaseDetail {
        purchase,
        timeline,
        refunds,
        refundable,
    } = detail;
    let asking = RwSignal::new(false);
    let heading = tr("purchase.heading", &[("reference", &purchase.reference)]);
    let (amount, at, status) = (purchase.amount, purchase.created_at, purchase.status);
    let zone = time_zone.clone();
    let method = format!("{} {}", purchase.method.brand, purchase.method.masked);
    let id = purchase.id.clone();
    view! {
        <div class="gu-page__head">
            <PageHeading text=heading/>
            <A href="/purchases"><Words text=text("purchase.back")/></A>
        </div>
        <div class="gu-purchase__layout">
            <section class="gu-card">
                <dl class="gu-facts">
                    <dt><Words text=text("purchases.column.status")/></dt>
                    <dd>{move || purchase_status_name(status)}</dd>
                    <dt><Words text=text("purchases.column.amount")/></dt>
                    <dd><MoneyAmount money=amount/></dd>
                    <dt><Words text=text("purchases.column.date")/></dt>
                    <dd><LocalTime at time_zone=zone/></dd>
                    <dt><Words text=text("purchases.column.reference")/></dt>
                    <dd class="gu-table__cell--mono">{purchase.reference.clone()}</dd>
                    <dt><Words text=text("purchases.column.method")/></dt>
                    <dd>{method}</dd>
                    <dt><Words text=text("purchases.column.customer")/></dt>
                    <dd>{purchase.customer.clone()}</dd>
                    <dt><Words text=text("purchase.shop")/></dt>
                    <dd>{purchase.shop.clone()}</dd>
                    <dt><Words text=text("purchase.refundable")/></dt>
                    <dd><MoneyAmount money=refundable/></dd>
                </dl>
                {(may_refund && refundable.amount_minor > 0).then(|| view! {
                    <div class="gu-actions">
                        <button type="button" class="gu-button gu-button--primary" on:click=move |_| asking.set(true)>
                            <Words text=text("purchase.create_refund")/>
                        </button>
                    </div>
                })}
            </section>
            <Show when=move || asking.get()>
                <RefundDialog
                    purchase_id=id.clone()
                    reference=purchase.reference.clone()
                    refundable
                    on_close=Callback::new(move |()| asking.set(false))
                />
            </Show>
            <section class="gu-card">
                <h2 class="gu-card__title"><Words text=text("purchase.refunds")/></h2>
                {if refunds.is_empty() {
                    view! { <p class="gu-empty"><Words text=text("purchase.no_refunds")/></p> }.into_any()
                } else {
                    view! { <RefundTable refunds=Signal::stored(refunds) time_zone=time_zone.clone() purchase=false/> }.into_any()
                }}
            </section>
            <PaymentTimeline events=Signal::stored(timeline) time_zone=time_zone.clone()/>
        </div>
    }
}
