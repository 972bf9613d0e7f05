//! The payment operator that executes refunds and payouts, behind one adapter trait. The server
//! ships one implementation, [`HttpOperator`], for operators whose APIs work like most
//! mobile-money and card APIs: `POST /v1/refunds` (or `/v1/transfers` for a payout) under an
//! `Idempotency-Key` (asking again with the same key never moves money twice), answered pending
//! and completed later, and `GET /v1/refunds?idempotency_key=` (or `/v1/transfers?…`) to learn
//! what became of a request. The project's fake operator (`crates/fake-operator`) speaks it; a
//! real operator's sandbox with another dialect is one more implementation of [`Operator`].

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

/// What is asked of the operator: an amount, and where it goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Order {
    pub amount_minor: i64,
    pub currency: String,
    #[serde(flatten)]
    pub to: To,
}

/// Where an order's money goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum To {
    /// A refund, back to the customer: the purchase's reference, by which the operator finds
    /// the customer's instrument.
    Refund { payment_reference: String },
    /// A payout, to the merchant: an IBAN or a wallet's number, compact. A secret's kin: never
    /// logged.
    Transfer { destination: String },
}

/// The two kinds of order, each with its own API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Refund,
    Transfer,
}

impl Kind {
    fn path(self) -> &'static str {
        match self {
            Kind::Refund => "/v1/refunds",
            Kind::Transfer => "/v1/transfers",
        }
    }
}

impl Order {
    pub fn kind(&self) -> Kind {
        match self.to {
            To::Refund { .. } => Kind::Refund,
            To::Transfer { .. } => Kind::Transfer,
        }
    }
}

/// Where the operator says an attempt stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Taken; it will complete or fail later.
    Pending {
        operator_ref: String,
    },
    Completed {
        operator_ref: String,
    },
    /// It failed at the operator: no money moved; a new attempt (a new key) may follow.
    Failed {
        operator_ref: Option<String>,
        reason: String,
    },
}

/// The operator could not be heard: a time-out, a network error, a 5xx. The attempt's outcome
/// is unknown, so the next step asks again with the same key, never with a new one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the operator did not answer: {0}")]
pub struct Unanswered(pub String);

type Reply<'a, T> = Pin<Box<dyn Future<Output = Result<T, Unanswered>> + Send + 'a>>;

/// A payment operator's refund and transfer APIs, as the refund and payout runners use them.
pub trait Operator: Send + Sync {
    /// Asks for the order under `key`; the same key again answers the same order.
    fn send<'a>(&'a self, key: &'a str, order: &'a Order) -> Reply<'a, Answer>;
    /// What became of the order of `kind` asked for under `key`; `None` if the operator never
    /// received it.
    fn ask<'a>(&'a self, kind: Kind, key: &'a str) -> Reply<'a, Option<Answer>>;
}

/// An operator reached over HTTP(S) at a base URL (`GUICHET_OPERATOR_URL`), with an optional
/// bearer token (`GUICHET_OPERATOR_TOKEN`) and a time-out per call.
pub struct HttpOperator {
    base: String,
    token: Option<String>,
    client: reqwest::Client,
}

impl std::fmt::Debug for HttpOperator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token is a secret: never printed.
        f.debug_struct("HttpOperator")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Deserialize)]
struct View {
    operator_ref: String,
    status: String,
    #[serde(default)]
    failure_reason: Option<String>,
}

impl View {
    fn answer(self) -> Answer {
        match self.status.as_str() {
            "completed" => Answer::Completed {
                operator_ref: self.operator_ref,
            },
            "failed" => Answer::Failed {
                operator_ref: Some(self.operator_ref),
                reason: self.failure_reason.unwrap_or_else(|| "failed".to_owned()),
            },
            _ => Answer::Pending {
                operator_ref: self.operator_ref,
            },
        }
    }
}

impl HttpOperator {
    pub fn new(base: &str, token: Option<String>, timeout: Duration) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
            token,
            client: reqwest::Client::builder()
                .timeout(timeout)
                .connect_timeout(timeout)
                .build()
                .unwrap_or_default(),
        }
    }

    fn authorised(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }
}

fn unanswered(e: reqwest::Error) -> Unanswered {
    // Without the URL: an operator's URL may carry a token in its query.
    Unanswered(e.without_url().to_string())
}

impl Operator for HttpOperator {
    fn send<'a>(&'a self, key: &'a str, order: &'a Order) -> Reply<'a, Answer> {
        Box::pin(async move {
            let url = format!("{}{}", self.base, order.kind().path());
            let response = self
                .authorised(self.client.post(url))
                .header("Idempotency-Key", key)
                .json(order)
                .send()
                .await
                .map_err(unanswered)?;
            let status = response.status();
            if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                return Err(Unanswered(format!("HTTP {status}")));
            }
            if status.is_client_error() {
                // The operator read the request and refused it: nothing moved.
                let body = response.text().await.unwrap_or_default();
                return Ok(Answer::Failed {
                    operator_ref: None,
                    reason: format!("refused (HTTP {}): {}", status.as_u16(), first_line(&body)),
                });
            }
            Ok(response.json::<View>().await.map_err(unanswered)?.answer())
        })
    }

    fn ask<'a>(&'a self, kind: Kind, key: &'a str) -> Reply<'a, Option<Answer>> {
        Box::pin(async move {
            let response = self
                .authorised(self.client.get(format!("{}{}", self.base, kind.path())))
                .query(&[("idempotency_key", key)])
                .send()
                .await
                .map_err(unanswered)?;
            match response.status() {
                reqwest::StatusCode::NOT_FOUND => Ok(None),
                s if s.is_success() => Ok(Some(
                    response.json::<View>().await.map_err(unanswered)?.answer(),
                )),
                s => Err(Unanswered(format!("HTTP {s}"))),
            }
        })
    }
}

/// At most a line of 200 characters of what an operator said, for a refund's or a payout's
/// history.
fn first_line(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect()
}

/// How long a runner holds `batch` claimed jobs: enough for each call to time out twice.
pub fn lease(timeout: Duration, batch: i64) -> TimeDelta {
    TimeDelta::from_std(timeout * 2 * u32::try_from(batch).unwrap_or(u32::MAX))
        .unwrap_or(TimeDelta::hours(1))
        + TimeDelta::minutes(1)
}

/// How long to wait before asking again about an order the operator holds: 2 s, doubling, at
/// most 10 minutes (an operator may take up to three days).
pub fn poll_delay(polls: i64) -> TimeDelta {
    let doublings = u32::try_from(polls.saturating_sub(1).clamp(0, 9)).unwrap_or(9);
    TimeDelta::seconds(2 * 2_i64.pow(doublings)).min(TimeDelta::minutes(10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_come_later_and_later_up_to_ten_minutes() {
        let s: Vec<i64> = (1..=12).map(|p| poll_delay(p).num_seconds()).collect();
        assert_eq!(s, [2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600, 600]);
    }
}
