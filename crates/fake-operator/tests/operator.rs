//! The fake operator over real HTTP on loopback, as the Guichet server will meet it.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, Request, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use guichet_fake_operator::{Behaviour, FakeOperator, Outcome, RefundRecord, Status};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};

/// A client of one fake, speaking JSON.
struct Api {
    base: String,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Api {
    fn new(addr: SocketAddr) -> Self {
        Self {
            base: format!("http://{addr}"),
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    async fn call(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(key) = key {
            request = request.header("idempotency-key", key);
        }
        let body = body.map_or_else(Bytes::new, |b| Bytes::from(b.to_string()));
        let request = request
            .header("content-type", "application/json")
            .body(Full::new(body))
            .unwrap();
        let response = self.client.request(request).await.unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap()
        };
        (status, value)
    }

    async fn refund(&self, key: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, "/v1/refunds", Some(key), Some(body))
            .await
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None, None).await
    }

    async fn records(&self) -> Vec<RefundRecord> {
        let (status, body) = self.get("/_fake/refunds").await;
        assert_eq!(status, StatusCode::OK);
        serde_json::from_value(body).unwrap()
    }
}

fn refund_body(amount_minor: i64) -> Value {
    json!({"amount_minor": amount_minor, "currency": "XOF", "payment_reference": "PAY-1"})
}

fn quick() -> Behaviour {
    Behaviour {
        complete_after_ms: 60_000,
        timeout_ms: 300,
        ..Behaviour::default()
    }
}

#[tokio::test]
async fn a_refund_is_accepted_then_completes() {
    let (addr, operator) = FakeOperator::spawn(Behaviour {
        complete_after_ms: 150,
        ..Behaviour::default()
    })
    .await;
    let api = Api::new(addr);

    let (status, accepted) = api.refund("key-1", refund_body(5000)).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(accepted["status"], "pending");
    assert_eq!(accepted["idempotency_key"], "key-1");
    assert_eq!(accepted["amount_minor"], 5000);
    assert!(accepted["completed_at"].is_null());
    let operator_ref = accepted["operator_ref"].as_str().unwrap().to_owned();
    assert!(operator_ref.starts_with("FOP-") && operator_ref.len() == 16);
    assert!(operator_ref[4..]
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));

    let (status, read) = api.get(&format!("/v1/refunds/{operator_ref}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["status"], "pending");

    tokio::time::sleep(Duration::from_millis(200)).await;
    let (_, read) = api.get(&format!("/v1/refunds/{operator_ref}")).await;
    assert_eq!(read["status"], "completed");
    assert!(read["completed_at"].is_string());
    assert!(read["failure_reason"].is_null());

    let records = operator.refunds();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].view.status, Status::Completed);
    assert_eq!(records[0].executions, 1);

    let (status, body) = api.get("/v1/refunds/FOP-NOSUCHREFUND").await;
    assert_eq!(
        (status, body),
        (StatusCode::NOT_FOUND, json!({"error": "not_found"}))
    );
}

#[tokio::test]
async fn a_replayed_key_answers_the_same_refund_and_never_executes_twice() {
    let (addr, _operator) = FakeOperator::spawn(quick()).await;
    let api = Api::new(addr);

    let (status, first) = api.refund("key-1", refund_body(5000)).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let (status, again) = api.refund("key-1", refund_body(5000)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["operator_ref"], first["operator_ref"]);

    let (status, body) = api.refund("key-1", refund_body(9999)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body, json!({"error": "idempotency_key_reused"}));

    let records = api.records().await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].executions, 1);

    let (status, body) = api
        .call(Method::POST, "/v1/refunds", None, Some(refund_body(5000)))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body, json!({"error": "missing_idempotency_key"}));
    let (status, body) = api.refund("key-2", refund_body(0)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_request");
}

#[tokio::test]
async fn a_scripted_failure_records_nothing() {
    let (addr, operator) = FakeOperator::spawn(quick()).await;
    let api = Api::new(addr);
    operator.script([Outcome::Fail]);

    let (status, body) = api.refund("key-1", refund_body(5000)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(body, json!({"error": "unavailable"}));
    assert!(api.records().await.is_empty());

    // The script is spent: the retry goes through.
    let (status, _) = api.refund("key-1", refund_body(5000)).await;
    assert_eq!(status, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn a_timeout_after_accept_leaves_a_refund_the_client_can_find() {
    let (addr, _operator) = FakeOperator::spawn(quick()).await;
    let api = Api::new(addr);
    let (status, _) = api
        .call(
            Method::POST,
            "/_fake/script",
            None,
            Some(json!({"outcomes": ["timeout_after_accept"]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let cut = tokio::time::timeout(
        Duration::from_millis(100),
        api.refund("key-1", refund_body(5000)),
    )
    .await;
    assert!(cut.is_err(), "the client should have timed out");

    let (status, found) = api.get("/v1/refunds?idempotency_key=key-1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(found["status"], "pending");

    // The client's retry gets the same refund, and the money moved once.
    let (status, again) = api.refund("key-1", refund_body(5000)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["operator_ref"], found["operator_ref"]);
    let records = api.records().await;
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].executions, 1);
}

#[tokio::test]
async fn a_scripted_timeout_records_nothing() {
    let (addr, operator) = FakeOperator::spawn(quick()).await;
    let api = Api::new(addr);
    operator.script([Outcome::Timeout]);

    let cut = tokio::time::timeout(
        Duration::from_millis(100),
        api.refund("key-1", refund_body(5000)),
    )
    .await;
    assert!(cut.is_err(), "the client should have timed out");
    // Past the fake's own timeout too: it did not record late either.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let (status, _) = api.get("/v1/refunds?idempotency_key=key-1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(operator.refunds().is_empty());
}

type Received = Arc<Mutex<Vec<Value>>>;

/// A merchant-side endpoint that keeps every callback it is sent.
async fn callback_receiver() -> (String, Received) {
    let received = Received::default();
    let router = Router::new()
        .route(
            "/callback",
            post(
                |State(r): State<Received>, Json(v): Json<Value>| async move {
                    r.lock().unwrap().push(v);
                    StatusCode::NO_CONTENT
                },
            ),
        )
        .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/callback", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (url, received)
}

#[tokio::test]
async fn callbacks_are_sent_once_or_twice_as_told() {
    let (addr, operator) = FakeOperator::spawn(quick()).await;
    let api = Api::new(addr);
    let (url, received) = callback_receiver().await;
    operator.script([Outcome::Ok, Outcome::DuplicateCallback, Outcome::FailLater]);

    let mut refs = Vec::new();
    for key in ["once", "twice", "failed"] {
        let mut body = refund_body(5000);
        body["callback_url"] = json!(url);
        let (status, accepted) = api.refund(key, body).await;
        assert_eq!(status, StatusCode::ACCEPTED);
        refs.push(accepted["operator_ref"].as_str().unwrap().to_owned());
    }
    assert!(received.lock().unwrap().is_empty(), "nothing settled yet");

    // Settling waits for the callbacks, so they can be counted right after.
    let (status, settled) = api.call(Method::POST, "/_fake/settle", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(settled["refunds"].as_array().unwrap().len(), 3);

    let received = received.lock().unwrap().clone();
    let count = |r: &str| received.iter().filter(|v| v["operator_ref"] == r).count();
    assert_eq!(
        (count(&refs[0]), count(&refs[1]), count(&refs[2])),
        (1, 2, 1)
    );
    let failed = received.iter().find(|v| v["operator_ref"] == refs[2]);
    assert_eq!(failed.unwrap()["status"], "failed");
    assert_eq!(failed.unwrap()["failure_reason"], "account_closed");
    let completed = received.iter().find(|v| v["operator_ref"] == refs[0]);
    assert_eq!(completed.unwrap()["status"], "completed");
    assert!(api.records().await.iter().all(|r| r.executions == 1));
}

#[tokio::test]
async fn a_refund_settles_on_time_without_being_read() {
    let (addr, _operator) = FakeOperator::spawn(Behaviour {
        complete_after_ms: 50,
        ..Behaviour::default()
    })
    .await;
    let api = Api::new(addr);
    let (url, received) = callback_receiver().await;
    let mut body = refund_body(5000);
    body["callback_url"] = json!(url);
    api.refund("key-1", body).await;

    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    while received.lock().unwrap().is_empty() {
        assert!(tokio::time::Instant::now() < deadline, "no callback");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(received.lock().unwrap()[0]["status"], "completed");
}

#[tokio::test]
async fn a_seeded_behaviour_replays_the_same_outcomes() {
    let (addr, _operator) = FakeOperator::spawn(quick()).await;
    let api = Api::new(addr);
    let behaviour = json!({"fail": 0.5, "fail_later": 0.5, "complete_after_ms": 60000, "seed": 42});

    let mut runs = Vec::new();
    for _ in 0..2 {
        let (status, _) = api.call(Method::DELETE, "/_fake/refunds", None, None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (status, _) = api
            .call(
                Method::PUT,
                "/_fake/behaviour",
                None,
                Some(behaviour.clone()),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let mut answers = Vec::new();
        for i in 0..16 {
            let (status, _) = api.refund(&format!("key-{i}"), refund_body(100 + i)).await;
            answers.push(status);
        }
        let (_, settled) = api.call(Method::POST, "/_fake/settle", None, None).await;
        let ends: Vec<RefundRecord> = serde_json::from_value(settled["refunds"].clone()).unwrap();
        let ends: Vec<_> = ends
            .iter()
            .map(|r| (r.view.idempotency_key.clone(), r.view.status))
            .collect();
        runs.push((answers, ends));
    }
    assert_eq!(runs[0], runs[1]);
    let (answers, ends) = &runs[0];
    assert!(answers.contains(&StatusCode::ACCEPTED));
    assert!(answers.contains(&StatusCode::SERVICE_UNAVAILABLE));
    assert!(ends.iter().any(|(_, s)| *s == Status::Completed));
    assert!(ends.iter().any(|(_, s)| *s == Status::Failed));
}

#[tokio::test]
async fn a_misspelt_behaviour_is_refused() {
    let (addr, operator) = FakeOperator::spawn(quick()).await;
    let api = Api::new(addr);
    let (status, body) = api
        .call(
            Method::PUT,
            "/_fake/behaviour",
            None,
            Some(json!({"fial": 1.0})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_request");
    let (status, _) = api
        .call(
            Method::PUT,
            "/_fake/behaviour",
            None,
            Some(json!({"fail": 2.0})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(operator.behaviour(), quick());

    let (status, body) = api.get("/_fake/behaviour").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["timeout_ms"], 300);
}

#[tokio::test]
async fn a_transfer_lives_the_same_life_apart_from_refunds() {
    let (addr, operator) = FakeOperator::spawn(quick()).await;
    let api = Api::new(addr);
    let body = json!({"amount_minor": 250_000, "currency": "XOF", "destination": "+2250700000001"});

    let (status, accepted) = api
        .call(
            Method::POST,
            "/v1/transfers",
            Some("payout-1"),
            Some(body.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(accepted["destination"], "+2250700000001");
    assert_eq!(accepted["status"], "pending");
    // The same key again is the same transfer; a refund's routes do not know it.
    let (status, replay) = api
        .call(Method::POST, "/v1/transfers", Some("payout-1"), Some(body))
        .await;
    assert_eq!(
        (status, &replay["operator_ref"]),
        (StatusCode::OK, &accepted["operator_ref"])
    );
    let (status, _) = api.get("/v1/refunds?idempotency_key=payout-1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, read) = api.get("/v1/transfers?idempotency_key=payout-1").await;
    assert_eq!(
        (status, &read["amount_minor"]),
        (StatusCode::OK, &json!(250_000))
    );

    let (status, refused) = api
        .call(
            Method::POST,
            "/v1/transfers",
            Some("payout-2"),
            Some(json!({"amount_minor": 100, "currency": "XOF", "destination": "nope"})),
        )
        .await;
    assert_eq!(
        (status, &refused["error"]),
        (StatusCode::BAD_REQUEST, &json!("invalid_request"))
    );

    let (_, settled) = api.call(Method::POST, "/_fake/settle", None, None).await;
    assert_eq!(settled["transfers"][0]["status"], "completed");
    assert_eq!(settled["refunds"], json!([]));
    let transfers = operator.transfers();
    assert_eq!(transfers.len(), 1);
    assert_eq!(transfers[0].executions, 1);
    assert!(operator.refunds().is_empty());
}
