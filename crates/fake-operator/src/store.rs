//! The refunds and transfers the fake has recorded, in memory: a restart forgets them all, which
//! is what a fake for demos and tests wants. Both live the same life (accepted pending under an
//! idempotency key, then completed or failed); only what they are sent to differs ([`Order`]).

use axum::body::Bytes;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::behaviour::Fate;
use crate::callback::Delivery;
use crate::State;

/// What the fake answers when a refund or a transfer fails after being accepted.
pub const FAILURE_REASON: &str = "account_closed";

/// What is asked of the operator besides an amount: a refund or a transfer. Each kind has its
/// own routes and its own records.
pub(crate) trait Order:
    Clone + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// Its name in the fake's logs.
    const NAME: &'static str;
    /// The checks a real operator would make; an `Err` is the message of a 400.
    fn validate(&self) -> Result<(), String>;
    /// Where the fake keeps this kind.
    fn store(state: &mut State) -> &mut Store<Self>;
}

/// A refund, back to the instrument of a payment (`POST /v1/refunds`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refund {
    /// The purchase's reference, by which the operator finds the customer's instrument.
    pub payment_reference: String,
}

impl Order for Refund {
    const NAME: &'static str = "refund";

    fn validate(&self) -> Result<(), String> {
        match self.payment_reference.trim().is_empty() {
            true => Err("payment_reference must not be empty".into()),
            false => Ok(()),
        }
    }

    fn store(state: &mut State) -> &mut Store<Self> {
        &mut state.refunds
    }
}

/// A transfer to a merchant's bank account or mobile-money wallet (`POST /v1/transfers`): a
/// payout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    /// An IBAN or a wallet's number in international form, compact.
    pub destination: String,
}

impl Order for Transfer {
    const NAME: &'static str = "transfer";

    fn validate(&self) -> Result<(), String> {
        let ok = (8..=34).contains(&self.destination.len())
            && self
                .destination
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+');
        match ok {
            true => Ok(()),
            false => Err(
                "destination must be an IBAN or a wallet number (8 to 34 letters, digits or +)"
                    .into(),
            ),
        }
    }

    fn store(state: &mut State) -> &mut Store<Self> {
        &mut state.transfers
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pending,
    Completed,
    Failed,
}

/// A refund or a transfer as the operator's API shows it: in answers and in callbacks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct View<O> {
    /// `FOP-` and 12 upper-case letters and digits.
    pub operator_ref: String,
    pub idempotency_key: String,
    pub amount_minor: i64,
    pub currency: String,
    #[serde(flatten)]
    pub order: O,
    pub status: Status,
    /// `account_closed` when `failed`.
    pub failure_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When it left `pending`, whether completed or failed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// A refund or a transfer as the fake's own back door (`/_fake/refunds`, `/_fake/transfers`)
/// shows it: the view and what only tests need to see.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record<O> {
    #[serde(flatten)]
    pub view: View<O>,
    pub callback_url: Option<String>,
    /// How many times the fake moved money for it. It is 1 by construction; it is counted so
    /// that a test can prove, rather than assume, that a retried or replayed request was not
    /// executed twice.
    pub executions: u32,
}

/// What a client asks for (the body of `POST /v1/refunds` or `/v1/transfers`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Request<O> {
    pub amount_minor: i64,
    pub currency: String,
    #[serde(flatten)]
    pub order: O,
    #[serde(default)]
    pub callback_url: Option<String>,
}

impl<O: Order> Request<O> {
    /// The checks a real operator would make before taking a request; an `Err` is the message
    /// of a 400.
    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.amount_minor <= 0 {
            return Err("amount_minor must be greater than 0".into());
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err("currency must be 3 upper-case letters (ISO 4217)".into());
        }
        self.order.validate()?;
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

    /// Whether a request under an already used key asks for the same thing.
    fn same_as(&self, view: &View<O>) -> bool {
        self.amount_minor == view.amount_minor
            && self.currency == view.currency
            && self.order == view.order
    }
}

struct Entry<O> {
    record: Record<O>,
    settle_at: DateTime<Utc>,
    fate: Fate,
}

/// What a request under a given idempotency key turned into.
pub(crate) enum Accepted<O> {
    /// New, recorded now: settles at the given time.
    New(View<O>, DateTime<Utc>),
    /// The key's, as it stands: nothing recorded or executed.
    Replay(View<O>),
    /// The key was used for something else.
    KeyReused,
}

pub(crate) struct Store<O> {
    /// Oldest first; a fake's handful needs no index.
    entries: Vec<Entry<O>>,
}

impl<O> Default for Store<O> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
        }
    }
}

impl<O: Order> Store<O> {
    pub(crate) fn accept(
        &mut self,
        key: &str,
        request: Request<O>,
        fate: Fate,
        complete_after: Duration,
        now: DateTime<Utc>,
    ) -> Accepted<O> {
        if let Some(existing) = self.by_key(key) {
            return if request.same_as(&existing.view) {
                Accepted::Replay(existing.view.clone())
            } else {
                Accepted::KeyReused
            };
        }
        let view = View {
            operator_ref: self.new_operator_ref(),
            idempotency_key: key.to_owned(),
            amount_minor: request.amount_minor,
            currency: request.currency,
            order: request.order,
            status: Status::Pending,
            failure_reason: None,
            created_at: now,
            completed_at: None,
        };
        let settle_at = now + complete_after;
        self.entries.push(Entry {
            record: Record {
                view: view.clone(),
                callback_url: request.callback_url,
                executions: 1,
            },
            settle_at,
            fate,
        });
        Accepted::New(view, settle_at)
    }

    pub(crate) fn by_key(&self, key: &str) -> Option<&Record<O>> {
        self.records().find(|r| r.view.idempotency_key == key)
    }

    pub(crate) fn by_ref(&self, operator_ref: &str) -> Option<&Record<O>> {
        self.records().find(|r| r.view.operator_ref == operator_ref)
    }

    pub(crate) fn records(&self) -> impl Iterator<Item = &Record<O>> {
        self.entries.iter().map(|e| &e.record)
    }

    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    /// Settles the pending entries whose time has come (all of them with `force`), each as its
    /// fate says, and returns the callbacks to deliver.
    pub(crate) fn settle(&mut self, now: DateTime<Utc>, force: bool) -> Vec<Delivery> {
        let mut deliveries = Vec::new();
        for entry in &mut self.entries {
            let view = &mut entry.record.view;
            if view.status != Status::Pending || !(force || entry.settle_at <= now) {
                continue;
            }
            if entry.fate.fails_later {
                view.status = Status::Failed;
                view.failure_reason = Some(FAILURE_REASON.to_owned());
            } else {
                view.status = Status::Completed;
            }
            view.completed_at = Some(now);
            tracing::info!(
                kind = O::NAME,
                operator_ref = %view.operator_ref,
                status = ?view.status,
                "fake operator: settled"
            );
            if let Some(url) = &entry.record.callback_url {
                deliveries.push(Delivery {
                    operator_ref: view.operator_ref.clone(),
                    url: url.clone(),
                    body: Bytes::from(serde_json::to_vec(&*view).expect("a view serialises")),
                    times: if entry.fate.duplicate_callback { 2 } else { 1 },
                });
            }
        }
        deliveries
    }

    fn new_operator_ref(&self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        // Not from the behaviour's seeded generator: resetting it would deal the same
        // references again, colliding with those already recorded.
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
