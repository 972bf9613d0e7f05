use guichet_domain::payments::{RefundDetail, RefundRejection};
use guichet_domain::Permission;
use leptos::prelude::*;

use super::model::{rejection, Decision};
use crate::api;
use crate::components::{Button, ButtonKind, ErrorPanel, ModalDialog, TextArea, Words};
use crate::i18n::money::format_money;
use crate::i18n::{t, text, tr};
use crate::redactor;
use crate::state::form_feedback::field_error;
use crate::state::locale::use_locale;
use crate::state::session::use_session;
use crate::state::submit::use_submit;

/// Which dialog is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    None,
    Approve,
    Reject,
}

/// What the viewer may do with a refund: approve it (after a dialog that restates amount,
/// purchase and customer) or reject it (with a reason, redacted before it is sent), or ask the
/// operator again after a failure; or, when the decision is not theirs, why not.
#[component]
pub fn RefundActions(
    /// The refund, replaced by the server's answer after each action.
    detail: RwSignal<RefundDetail>,
) -> impl IntoView {
    let approves = use_session().can_untracked(Permission::RefundsApprove);
    let decision =
        Memo::new(move |_| detail.with(|d| Decision::of(d.refund.status, d.can_decide, approves)));
    let open = RwSignal::new(Open::None);
    let close = Callback::new(move |()| open.set(Open::None));
    let id = detail.with_untracked(|d| d.refund.id.clone());
    let saved = Callback::new(move |after: RefundDetail| {
        detail.set(after);
        open.set(Open::None);
    });
    let retry_id = id.clone();
    let retry = use_submit(
        move |(), key| {
            let id = retry_id.clone();
            async move { api::payments::retry(&id, &key).await }
        },
        move |after| {
            saved.run(after);
            Some(t("refund.retried"))
        },
    );
    view! {
        <div class="gu-refund-actions">
            {move || match decision.get() {
                Decision::Open => view! {
                    <div class="gu-actions">
                        <button type="button" class="gu-button gu-button--primary" on:click=move |_| open.set(Open::Approve)>
                            <Words text=text("refund.approve")/>
                        </button>
                        <button type="button" class="gu-button gu-button--danger" on:click=move |_| open.set(Open::Reject)>
                            <Words text=text("refund.reject")/>
                        </button>
                    </div>
                }
                .into_any(),
                Decision::OwnRequest => view! { <p class="gu-notice"><Words text=text("refund.own_request")/></p> }.into_any(),
                Decision::AwaitsApprover => view! { <p class="gu-notice"><Words text=text("refund.awaits_approver")/></p> }.into_any(),
                Decision::Made => ().into_any(),
            }}
            <Show when=move || detail.with(|d| d.can_retry)>
                {move || retry.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
                <div class="gu-actions">
                    <Button kind=ButtonKind::Secondary busy=retry.pending() on_click=move |_| retry.send(Ok(()))>
                        <Words text=text("refund.retry_now")/>
                    </Button>
                </div>
            </Show>
            {
                let id = id.clone();
                move || match open.get() {
                    Open::Approve => view! { <ApproveDialog detail id=id.clone() on_close=close on_saved=saved/> }.into_any(),
                    Open::Reject => view! { <RejectDialog id=id.clone() on_close=close on_saved=saved/> }.into_any(),
                    Open::None => ().into_any(),
                }
            }
        </div>
    }
}

/// The confirmation of an approval, restating what will move.
#[component]
fn ApproveDialog(
    detail: RwSignal<RefundDetail>,
    id: guichet_domain::RefundId,
    on_close: Callback<()>,
    on_saved: Callback<RefundDetail>,
) -> impl IntoView {
    let locale = use_locale();
    let approve = use_submit(
        move |(), key| {
            let id = id.clone();
            async move { api::payments::approve(&id, &key).await }
        },
        move |after| {
            on_saved.run(after);
            Some(t("refund.approved"))
        },
    );
    let question = move || {
        detail.with(|d| {
            tr(
                "refund.approve_question",
                &[
                    ("amount", &format_money(d.refund.amount, locale.get())),
                    ("reference", &d.purchase.reference),
                    ("customer", &d.purchase.customer),
                ],
            )
        })
    };
    let busy = approve.pending();
    view! {
        <ModalDialog label=text("refund.approve_title") on_close>
            <h2 class="gu-card__title"><Words text=text("refund.approve_title")/></h2>
            <p class="gu-confirm__question">{question}</p>
            <p><Words text=text("refund.approve_effect")/></p>
            {move || approve.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <div class="gu-actions">
                <Button busy=busy on_click=move |_| approve.send(Ok(()))><Words text=text("refund.approve")/></Button>
                <Button kind=ButtonKind::Secondary disabled=busy on_click=move |_| on_close.run(())>
                    <Words text=text("common.cancel")/>
                </Button>
            </div>
        </ModalDialog>
    }
}

/// A rejection, with the reason the requester reads.
#[component]
fn RejectDialog(
    id: guichet_domain::RefundId,
    on_close: Callback<()>,
    on_saved: Callback<RefundDetail>,
) -> impl IntoView {
    let reason = RwSignal::new(String::new());
    let reject = use_submit(
        move |asked: RefundRejection, key| {
            let id = id.clone();
            async move {
                let reason = redactor::sendable(&asked.reason).await?;
                api::payments::reject(&id, &RefundRejection { reason }, &key).await
            }
        },
        move |after| {
            on_saved.run(after);
            Some(t("refund.rejected"))
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        reject.send(rejection(&reason.get_untracked()));
    };
    let busy = reject.pending();
    view! {
        <ModalDialog label=text("refund.reject_title") on_close>
            <h2 class="gu-card__title"><Words text=text("refund.reject_title")/></h2>
            <form class="gu-refund-form" novalidate=true on:submit=submit>
                <TextArea
                    label=text("refund.rejection_reason")
                    name="reason"
                    value=reason
                    hint=text("refund.reject_hint")
                    error=field_error(reject.feedback.errors, "reason")
                    required=true
                    disabled=busy
                />
                {move || reject.feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
                <div class="gu-actions">
                    <Button kind=ButtonKind::Danger button_type="submit" busy=busy><Words text=text("refund.reject")/></Button>
                    <Button kind=ButtonKind::Secondary disabled=busy on_click=move |_| on_close.run(())>
                        <Words text=text("common.cancel")/>
                    </Button>
                </div>
            </form>
        </ModalDialog>
    }
}
