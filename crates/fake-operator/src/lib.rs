//! A **fake** payment operator, for Guichet's demos and tests: not a real operator, and it
//! moves no money.
//!
//! It speaks HTTP the way a mobile-money or card operator's refund API does, so that the
//! Guichet server executes refunds through real HTTP calls, with everything that can go wrong
//! with them made to happen on demand: errors, timeouts before and *after* the operator
//! accepted, slowness, refunds failing later, callbacks delivered twice. Its counter of
//! executions per refund lets a test prove that no refund was executed twice.
//!
//! - The operator's API: `POST /v1/refunds` (with `Idempotency-Key`),
//!   `GET /v1/refunds/{operator_ref}`, `GET /v1/refunds?idempotency_key=…`.
//! - The fake's back door for tests and demos, under `/_fake/`: the [`Behaviour`] (fault
//!   probabilities), a script of forced [`Outcome`]s, the refunds recorded, settling them now.
//!
//! Everything is kept in memory: a restart forgets every refund, and that is the point.
//!
//! Tests start it in-process with [`FakeOperator::spawn`]; demos run the
//! `guichet-fake-operator` binary.

mod behaviour;
mod callback;
mod routes;
mod store;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use chrono::{DateTime, Utc};

pub use behaviour::{Behaviour, Outcome};
pub use store::{RefundRecord, RefundView, Status, FAILURE_REASON};

use behaviour::Dice;
use callback::Delivery;
use store::Store;

/// The fake operator: its state and its HTTP routes. Cheap to clone; clones share the state.
#[derive(Clone)]
pub struct FakeOperator {
    shared: Arc<Shared>,
}

struct Shared {
    state: Mutex<State>,
    client: callback::Client,
}

pub(crate) struct State {
    pub behaviour: Behaviour,
    pub dice: Dice,
    pub script: VecDeque<Outcome>,
    pub store: Store,
}

impl FakeOperator {
    /// A fake with no refunds and an empty script. Probabilities outside 0..=1 act as 0 or 1.
    pub fn new(behaviour: Behaviour) -> Self {
        let state = State {
            dice: Dice::new(behaviour.seed),
            behaviour,
            script: VecDeque::new(),
            store: Store::default(),
        };
        Self {
            shared: Arc::new(Shared {
                state: Mutex::new(state),
                client: callback::client(),
            }),
        }
    }

    /// The operator's API and the `/_fake/` back door, to serve however the caller likes.
    pub fn router(&self) -> Router {
        routes::router(self.clone())
    }

    /// Serves a new fake on a free port of 127.0.0.1 in a Tokio task (for tests), and returns
    /// its address with a handle on it.
    ///
    /// # Panics
    /// If no loopback port can be bound.
    pub async fn spawn(behaviour: Behaviour) -> (SocketAddr, FakeOperator) {
        let operator = FakeOperator::new(behaviour);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port on 127.0.0.1");
        let addr = listener.local_addr().expect("a bound address");
        let router = operator.router();
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, router).await {
                tracing::error!(error = %e, "fake operator: serving stopped");
            }
        });
        (addr, operator)
    }

    pub fn behaviour(&self) -> Behaviour {
        self.lock().behaviour.clone()
    }

    /// Replaces the behaviour and restarts the dice (from its seed, if it has one), so that a
    /// seeded run starts over.
    pub fn set_behaviour(&self, behaviour: Behaviour) {
        let mut state = self.lock();
        state.dice = Dice::new(behaviour.seed);
        state.behaviour = behaviour;
    }

    /// Queues outcomes for the next refund requests, one each, before any dice are rolled.
    pub fn script(&self, outcomes: impl IntoIterator<Item = Outcome>) {
        self.lock().script.extend(outcomes);
    }

    /// Every refund recorded, oldest first, after settling those whose time has come.
    pub fn refunds(&self) -> Vec<RefundRecord> {
        self.settle_due(Utc::now());
        self.lock().store.records().cloned().collect()
    }

    /// Settles every pending refund now, as if its time had come, delivers the callbacks
    /// (waiting for them, so that a test can count them right after) and returns every refund.
    pub async fn settle_all(&self) -> Vec<RefundRecord> {
        let (deliveries, records) = {
            let mut state = self.lock();
            let deliveries = state.store.settle(Utc::now(), true);
            (deliveries, state.store.records().cloned().collect())
        };
        for delivery in deliveries {
            callback::deliver(&self.shared.client, delivery).await;
        }
        records
    }

    /// Settles the refunds whose time has come by `now`; their callbacks go out in the
    /// background.
    pub(crate) fn settle_due(&self, now: DateTime<Utc>) {
        let deliveries = self.lock().store.settle(now, false);
        self.send(deliveries);
    }

    fn send(&self, deliveries: Vec<Delivery>) {
        if deliveries.is_empty() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::warn!("fake operator: callbacks dropped, no Tokio runtime to send them");
            return;
        };
        for delivery in deliveries {
            let client = self.shared.client.clone();
            runtime.spawn(async move { callback::deliver(&client, delivery).await });
        }
    }

    /// The state, for one short step: never held across an `.await`.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        // Nothing panics while holding it, and a fake should keep answering if something did.
        self.shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}
