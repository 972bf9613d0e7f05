//! The demo's refunds: a few in each state for each shop, so that the approvals inbox, a
//! purchase's timeline and the balance show what they are for on a first visit. Operations asked
//! for them, Finance decided; the texts are French, as both shops are.

use chrono::{DateTime, Duration, Utc};
use guichet_domain::payments::{PaymentEventKind, PurchaseStatus, RefundReason, RefundStatus};
use guichet_domain::{Money, OrgId, RefundId, UserId};

use crate::error::AppError;
use crate::store::purchases::NewPurchase;
use crate::store::refunds::{self, NewEvent, NewRefundRow};
use crate::store::{ledger, Conn};

/// What becomes of a demo refund: asked so long ago, and where it ends.
struct Story {
    days_ago: i64,
    /// The share of the purchase refunded, in percent.
    percent: i64,
    reason: RefundReason,
    note: &'static str,
    end: RefundStatus,
}

const STORIES: [Story; 6] = [
    Story {
        days_ago: 0,
        percent: 100,
        reason: RefundReason::CustomerRequest,
        note: "Article retourné en boutique, emballage intact.",
        end: RefundStatus::PendingApproval,
    },
    Story {
        days_ago: 1,
        percent: 50,
        reason: RefundReason::Duplicate,
        note: "Le client a été débité deux fois pour la même commande.",
        end: RefundStatus::PendingApproval,
    },
    Story {
        days_ago: 5,
        percent: 100,
        reason: RefundReason::Other,
        note: "Geste commercial après une livraison tardive.",
        end: RefundStatus::Rejected,
    },
    Story {
        days_ago: 9,
        percent: 30,
        reason: RefundReason::CustomerRequest,
        note: "Un article manquant dans le colis.",
        end: RefundStatus::Completed,
    },
    Story {
        days_ago: 20,
        percent: 100,
        reason: RefundReason::Fraud,
        note: "Carte déclarée volée par son titulaire.",
        end: RefundStatus::Completed,
    },
    Story {
        days_ago: 41,
        percent: 100,
        reason: RefundReason::CustomerRequest,
        note: "Commande annulée avant l'expédition.",
        end: RefundStatus::Completed,
    },
];

/// Writes the demo refunds of a shop among its `purchases`, at `now`.
pub async fn seed(
    conn: &mut Conn,
    org: &OrgId,
    operations: &UserId,
    finance: &UserId,
    purchases: &[NewPurchase],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    for story in &STORIES {
        // The latest completed purchase at least a few hours older than the request.
        let asked = now - Duration::days(story.days_ago) - Duration::hours(2);
        let Some(purchase) = purchases.iter().rev().find(|p| {
            p.status == PurchaseStatus::Completed && p.created_at < asked - Duration::hours(3)
        }) else {
            continue;
        };
        let id: RefundId = crate::store::new_id();
        let amount = Money::new(
            (purchase.amount_minor * story.percent / 100).max(1),
            purchase.currency,
        );
        refunds::insert(
            conn,
            &NewRefundRow {
                id: &id,
                org_id: org,
                purchase_id: &purchase.id,
                amount,
                reason: story.reason,
                note: story.note,
                requested_by: operations,
                at: asked,
            },
        )
        .await?;
        let step = |kind, at, user: Option<&UserId>, detail: Option<&'static str>| {
            (kind, at, user.cloned(), detail)
        };
        let mut steps = vec![step(
            PaymentEventKind::RefundRequested,
            asked,
            Some(operations),
            None,
        )];
        let decided = asked + Duration::minutes(50);
        match story.end {
            RefundStatus::Rejected => {
                let why = "Déjà remboursé en espèces en boutique.";
                refunds::decide(
                    conn,
                    &id,
                    RefundStatus::Rejected,
                    finance,
                    Some(why),
                    decided,
                )
                .await?;
                steps.push(step(
                    PaymentEventKind::RefundRejected,
                    decided,
                    Some(finance),
                    Some(why),
                ));
            }
            RefundStatus::Completed => {
                let done = decided + Duration::hours(3);
                refunds::decide(conn, &id, RefundStatus::Processing, finance, None, decided)
                    .await?;
                let row = refunds::find(conn, None, &id)
                    .await?
                    .ok_or_else(|| AppError::internal("a demo refund"))?;
                refunds::begin_attempt(conn, &row, decided).await?;
                refunds::record_answer(
                    conn,
                    &id,
                    RefundStatus::Completed,
                    Some(&format!("DEMO-{}", &id.as_str()[..8])),
                    None,
                    done,
                )
                .await?;
                ledger::refund_completed(conn, org, &id, amount, done).await?;
                steps.push(step(
                    PaymentEventKind::RefundApproved,
                    decided,
                    Some(finance),
                    None,
                ));
                steps.push(step(
                    PaymentEventKind::RefundSent,
                    decided,
                    Some(finance),
                    None,
                ));
                steps.push(step(
                    PaymentEventKind::RefundPending,
                    decided + Duration::seconds(2),
                    None,
                    None,
                ));
                steps.push(step(PaymentEventKind::RefundCompleted, done, None, None));
            }
            _ => {}
        }
        for (kind, at, user, detail) in steps {
            let operator_step = user.is_none() || kind == PaymentEventKind::RefundSent;
            refunds::add_event(
                conn,
                &NewEvent {
                    purchase_id: &purchase.id,
                    refund_id: &id,
                    kind,
                    at,
                    user_id: user.as_ref(),
                    request_id: None,
                    attempt: operator_step.then_some(1),
                    detail,
                },
            )
            .await?;
        }
    }
    Ok(())
}
