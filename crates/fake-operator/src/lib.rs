//! A **fake** payment operator, for Guichet's demos and tests: not a real operator, and it
//! moves no money.
//!
//! It speaks HTTP the way a mobile-money or card operator's refund and transfer APIs do, so
//! that the Guichet server executes refunds and payouts through real HTTP calls, with
//! everything that can go wrong with them made to happen on demand: errors, timeouts before
//! and *after* the operator accepted, slowness, failures later, callbacks delivered twice. Its
//! counter of executions lets a test prove that nothing was executed twice.
//!
//! - The operator's API: `POST /v1/refunds` (with `Idempotency-Key`),
//!   `GET /v1/refunds/{operator_ref}`, `GET /v1/refunds?idempotency_key=…`, and the same under
//!   `/v1/transfers` for payouts to a bank account or a wallet.
//! - The fake's back door for tests and demos, under `/_fake/`: the [`Behaviour`] (fault
//!   probabilities, shared by both APIs), a script of forced [`Outcome`]s, the refunds and
//!   transfers recorded, settling them now.
//! - Fake [`connectors`]: Orange CI, MTN CI and Orange SN as a merchant's own accounts at them
//!   are reached, each in its own style of HTTP under a base URL per operator and environment
//!   (`/orange-ci/sandbox`, `/mtn-ci/production`, …), so that the server validates credentials
//!   (a token, a balance) as in production. Their known good demo credentials are constants
//!   ([`connectors::ORANGE_CI_SANDBOX`], …); their switches (`down`, `slow`, `expired`) are
//!   under `/_fake/connectors/{operator}`.
//!
//! Everything is kept in memory: a restart forgets everything, and that is the point.
//!
//! Tests start it in-process with [`FakeOperator::spawn`]; demos run the
//! `guichet-fake-operator` binary.

mod behaviour;
mod callback;
pub mod connectors;
mod routes;
mod store;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use chrono::{DateTime, Utc};

pub use behaviour::{Behaviour, Outcome};
pub use store::{Record, Refund, Status, Transfer, View, FAILURE_REASON};

/// A refund as the back door shows it.
pub type RefundRecord = Record<Refund>;
/// A transfer (a payout) as the back door shows it.
pub type TransferRecord = Record<Transfer>;

use behaviour::Dice;
use callback::Delivery;
use store::{Order, Store};

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
    pub refunds: Store<Refund>,
    pub transfers: Store<Transfer>,
    pub connectors: connectors::Connectors,
}

impl FakeOperator {
    /// A fake with nothing recorded and an empty script. Probabilities outside 0..=1 act as 0 or 1.
    pub fn new(behaviour: Behaviour) -> Self {
        let state = State {
            dice: Dice::new(behaviour.seed),
            behaviour,
            script: VecDeque::new(),
            refunds: Store::default(),
            transfers: Store::default(),
            connectors: connectors::Connectors::default(),
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

    /// Queues outcomes for the next refund or transfer requests, one each, before any dice
    /// are rolled.
    pub fn script(&self, outcomes: impl IntoIterator<Item = Outcome>) {
        self.lock().script.extend(outcomes);
    }

    /// Every refund recorded, oldest first, after settling those whose time has come.
    pub fn refunds(&self) -> Vec<RefundRecord> {
        self.records()
    }

    /// Every transfer recorded, oldest first, after settling those whose time has come.
    pub fn transfers(&self) -> Vec<TransferRecord> {
        self.records()
    }

    pub(crate) fn records<O: Order>(&self) -> Vec<Record<O>> {
        self.settle_due(Utc::now());
        O::store(&mut self.lock()).records().cloned().collect()
    }

    /// Settles every pending refund and transfer now, as if its time had come, and delivers
    /// the callbacks (waiting for them, so that a test can count them right after).
    pub async fn settle_all(&self) {
        let deliveries = self.lock().settle(Utc::now(), true);
        for delivery in deliveries {
            callback::deliver(&self.shared.client, delivery).await;
        }
    }

    /// Settles what is due by `now`; the callbacks go out in the background.
    pub(crate) fn settle_due(&self, now: DateTime<Utc>) {
        let deliveries = self.lock().settle(now, false);
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

impl State {
    fn settle(&mut self, now: DateTime<Utc>, force: bool) -> Vec<Delivery> {
        let mut deliveries = self.refunds.settle(now, force);
        deliveries.extend(self.transfers.settle(now, force));
        deliveries
    }
}
