//! The refunds the fake has recorded, in memory: a restart forgets them all, which is what a
//! fake for demos and tests wants.

use axum::body::Bytes;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::behaviour::Fate;
use crate::callback::Delivery;

/// What the fake answers when a refund fails after being accepted.
pub const FAILURE_REASON: &str = "account_closed";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    Completed,
    Failed,
}

/// A refund as the operator's API shows it: in answers to `/v1/refunds` and in callbacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefundView {
    /// `FOP-` and 12 upper-case letters and digits.
    pub operator_ref: String,
    pub idempotency_key: String,
    pub amount_minor: i64,
    pub currency: String,
    pub payment_reference: String,
    pub status: Status,
    /// `account_closed` when `failed`.
    pub failure_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When it left `pending`, whether completed or failed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// A refund as the fake's own back door (`/_fake/refunds`) shows it: the view and what only
/// tests need to see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefundRecord {
    #[serde(flatten)]
    pub view: RefundView,
    pub callback_url: Option<String>,
    /// How many times the fake moved money for this refund. It is 1 by construction; it is
    /// counted so that a test can prove, rather than assume, that a retried or replayed
    /// request was not executed twice.
    pub executions: u32,
}

/// What a client asks to refund (the body of `POST /v1/refunds`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RefundRequest {
    pub amount_minor: i64,
    pub currency: String,
    pub payment_reference: String,
    #[serde(default)]
    pub callback_url: Option<String>,
}

impl RefundRequest {
    /// The checks a real operator would make before taking a request; an `Err` is the message
    /// of a 400.
    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.amount_minor <= 0 {
            return Err("amount_minor must be greater than 0".into());
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err("currency must be 3 upper-case letters (ISO 4217)".into());
        }
        if self.payment_reference.trim().is_empty() {
            return Err("payment_reference must not be empty".into());
        }
        if let Some(url) = &self.callback_url {
            // Plain HTTP only: the fake is reached on loopback or a private network.
            let ok = url
                .parse::<axum::http::Uri>()
                .is_ok_and(|u| u.scheme_str() == Some("http") && u.host().is_some());
            if !ok {
                return Err("callback_url must be an http:// URL".into());
            }
        }
        Ok(())
    }

    /// Whether a request under an already used key asks for the same refund.
    fn same_as(&self, view: &RefundView) -> bool {
        self.amount_minor == view.amount_minor
            && self.currency == view.currency
            && self.payment_reference == view.payment_reference
    }
}

struct Refund {
    record: RefundRecord,
    settle_at: DateTime<Utc>,
    fate: Fate,
}

/// What a request under a given idempotency key turned into.
pub(crate) enum Accepted {
    /// A new refund, recorded now: settles at the given time.
    New(RefundView, DateTime<Utc>),
    /// The key's refund, as it stands: nothing recorded or executed.
    Replay(RefundView),
    /// The key was used for a different refund.
    KeyReused,
}

#[derive(Default)]
pub(crate) struct Store {
    /// Oldest first; a fake's handful of refunds needs no index.
    refunds: Vec<Refund>,
}

impl Store {
    pub(crate) fn accept(
        &mut self,
        key: &str,
        request: RefundRequest,
        fate: Fate,
        complete_after: Duration,
        now: DateTime<Utc>,
    ) -> Accepted {
        if let Some(existing) = self.by_key(key) {
            return if request.same_as(&existing.view) {
                Accepted::Replay(existing.view.clone())
            } else {
                Accepted::KeyReused
            };
        }
        let view = RefundView {
            operator_ref: self.new_operator_ref(),
            idempotency_key: key.to_owned(),
            amount_minor: request.amount_minor,
            currency: request.currency,
            payment_reference: request.payment_reference,
            status: Status::Pending,
            failure_reason: None,
            created_at: now,
            completed_at: None,
        };
        let settle_at = now + complete_after;
        self.refunds.push(Refund {
            record: RefundRecord {
                view: view.clone(),
                callback_url: request.callback_url,
                executions: 1,
            },
            settle_at,
            fate,
        });
        Accepted::New(view, settle_at)
    }

    pub(crate) fn by_key(&self, key: &str) -> Option<&RefundRecord> {
        self.records().find(|r| r.view.idempotency_key == key)
    }

    pub(crate) fn by_ref(&self, operator_ref: &str) -> Option<&RefundRecord> {
        self.records().find(|r| r.view.operator_ref == operator_ref)
    }

    pub(crate) fn records(&self) -> impl Iterator<Item = &RefundRecord> {
        self.refunds.iter().map(|r| &r.record)
    }

    pub(crate) fn clear(&mut self) {
        self.refunds.clear();
    }

    /// Settles the pending refunds whose time has come (all of them with `force`), each as its
    /// fate says, and returns the callbacks to deliver.
    pub(crate) fn settle(&mut self, now: DateTime<Utc>, force: bool) -> Vec<Delivery> {
        let mut deliveries = Vec::new();
        for refund in &mut self.refunds {
            let view = &mut refund.record.view;
            if view.status != Status::Pending || !(force || refund.settle_at <= now) {
                continue;
            }
            if refund.fate.fails_later {
                view.status = Status::Failed;
                view.failure_reason = Some(FAILURE_REASON.to_owned());
            } else {
                view.status = Status::Completed;
            }
            view.completed_at = Some(now);
            tracing::info!(
                operator_ref = %view.operator_ref,
                status = ?view.status,
                "fake operator: refund settled"
            );
            if let Some(url) = &refund.record.callback_url {
                deliveries.push(Delivery {
                    operator_ref: view.operator_ref.clone(),
                    url: url.clone(),
                    body: Bytes::from(serde_json::to_vec(&*view).expect("a view serialises")),
                    times: if refund.fate.duplicate_callback { 2 } else { 1 },
                });
            }
        }
        deliveries
    }

    fn new_operator_ref(&self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        // Not from the behaviour's seeded generator: resetting it would deal the same
        // references again, colliding with the refunds already recorded.
        let mut rng = rand::thread_rng();
        loop {
            let suffix: String = (0..12)
                .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
                .collect();
            let operator_ref = format!("FOP-{suffix}");
            if self.by_ref(&operator_ref).is_none() {
                return operator_ref;
            }
        }
    }
}
