//! The HTTP routes: the operator's refund and transfer APIs under `/v1/`, the fake's back door
//! for tests and demos under `/_fake/`. Errors are JSON, `{"error": code}` (and `message` for a 400).
//! The fake connectors bring their own routes ([`connectors::router`]).

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;
use serde_json::json;

use crate::behaviour::{Answer, Behaviour, Draw, Outcome, ReadFault};
use crate::store::{Accepted, Order, Refund, Request, Transfer};
use crate::{connectors, FakeOperator};

/// Longest idempotency key taken; real operators cap theirs too.
const MAX_KEY_LEN: usize = 255;

pub(crate) fn router(operator: FakeOperator) -> Router {
    Router::new()
        .route(
            "/v1/refunds",
            post(create::<Refund>).get(find_by_key::<Refund>),
        )
        .route("/v1/refunds/{operator_ref}", get(find_by_ref::<Refund>))
        .route(
            "/v1/transfers",
            post(create::<Transfer>).get(find_by_key::<Transfer>),
        )
        .route("/v1/transfers/{operator_ref}", get(find_by_ref::<Transfer>))
        .route("/_fake/behaviour", put(set_behaviour).get(behaviour))
        .route("/_fake/script", post(append_script).delete(clear_script))
        .route(
            "/_fake/refunds",
            get(records::<Refund>).delete(forget::<Refund>),
        )
        .route(
            "/_fake/transfers",
            get(records::<Transfer>).delete(forget::<Transfer>),
        )
        .route("/_fake/settle", post(settle))
        .with_state(operator.clone())
        .merge(connectors::router(operator))
}

/// `POST /v1/refunds` or `/v1/transfers`.
async fn create<O: Order>(
    State(operator): State<FakeOperator>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let key = match idempotency_key(&headers) {
        Ok(key) => key,
        Err(code) => return error(StatusCode::BAD_REQUEST, code),
    };
    let request: Request<O> = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(e) => return invalid(e.to_string()),
    };
    if let Err(message) = request.validate() {
        return invalid(message);
    }
    // Only a well-formed request takes an outcome, so a test's script is not eaten by typos.
    let (draw, behaviour) = {
        let mut state = operator.lock();
        let state = &mut *state;
        let draw = match state.script.pop_front() {
            Some(outcome) => Draw::from(outcome),
            None => state.dice.request(&state.behaviour),
        };
        (draw, state.behaviour.clone())
    };
    let log = |operator_ref: &str, result: &str| {
        tracing::info!(
            kind = O::NAME,
            operator_ref,
            idempotency_key = %key,
            outcome = draw.answer.as_str(),
            fails_later = draw.fate.fails_later,
            duplicate_callback = draw.fate.duplicate_callback,
            result,
            "fake operator: request"
        );
    };
    match draw.answer {
        Answer::Fail => {
            log("-", "unavailable");
            return error(StatusCode::SERVICE_UNAVAILABLE, "unavailable");
        }
        Answer::Timeout => {
            log("-", "timeout");
            tokio::time::sleep(Duration::from_millis(behaviour.timeout_ms)).await;
            return error(StatusCode::GATEWAY_TIMEOUT, "timeout");
        }
        // Slow to take the request: a client that gives up first leaves nothing recorded.
        Answer::Slow => tokio::time::sleep(Duration::from_millis(behaviour.slow_ms)).await,
        Answer::Ok | Answer::TimeoutAfterAccept => {}
    }

    // A replay shows it as it stands now.
    let now = Utc::now();
    operator.settle_due(now);
    let complete_after = chrono::Duration::milliseconds(
        i64::try_from(behaviour.complete_after_ms).unwrap_or(i64::MAX),
    );
    let accepted =
        O::store(&mut operator.lock()).accept(&key, request, draw.fate, complete_after, now);
    let response = match accepted {
        Accepted::New(view, settle_at) => {
            log(&view.operator_ref, "recorded");
            // Settles on time even if nobody reads it, so that its callback goes out.
            let timer = operator.clone();
            let wait = (settle_at - now).to_std().unwrap_or_default();
            tokio::spawn(async move {
                tokio::time::sleep(wait).await;
                // The wall clock may lag the timer by a hair: it is due by definition.
                timer.settle_due(Utc::now().max(settle_at));
            });
            (StatusCode::ACCEPTED, Json(view)).into_response()
        }
        Accepted::Replay(view) => {
            log(&view.operator_ref, "replayed");
            (StatusCode::OK, Json(view)).into_response()
        }
        Accepted::KeyReused => {
            log("-", "idempotency_key_reused");
            error(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key_reused")
        }
    };
    if draw.answer == Answer::TimeoutAfterAccept {
        // Recorded above, before this wait: if the client gives up, it stands.
        tokio::time::sleep(Duration::from_millis(behaviour.timeout_ms)).await;
    }
    response
}

/// The `Idempotency-Key` header, or the code of the 400 to answer.
fn idempotency_key(headers: &HeaderMap) -> Result<String, &'static str> {
    let value = headers
        .get("idempotency-key")
        .ok_or("missing_idempotency_key")?;
    match value.to_str() {
        Ok(key) if !key.trim().is_empty() && key.len() <= MAX_KEY_LEN => Ok(key.to_owned()),
        _ => Err("invalid_idempotency_key"),
    }
}

async fn find_by_ref<O: Order>(
    State(operator): State<FakeOperator>,
    Path(operator_ref): Path<String>,
) -> Response {
    if let Some(response) = read_fault(&operator).await {
        return response;
    }
    operator.settle_due(Utc::now());
    match O::store(&mut operator.lock()).by_ref(&operator_ref) {
        Some(record) => Json(&record.view).into_response(),
        None => error(StatusCode::NOT_FOUND, "not_found"),
    }
}

#[derive(Deserialize)]
struct KeyQuery {
    idempotency_key: Option<String>,
}

/// What became of a request whose answer the client never got.
async fn find_by_key<O: Order>(
    State(operator): State<FakeOperator>,
    Query(query): Query<KeyQuery>,
) -> Response {
    let Some(key) = query.idempotency_key else {
        return error(StatusCode::BAD_REQUEST, "missing_idempotency_key");
    };
    if let Some(response) = read_fault(&operator).await {
        return response;
    }
    operator.settle_due(Utc::now());
    match O::store(&mut operator.lock()).by_key(&key) {
        Some(record) => Json(&record.view).into_response(),
        None => error(StatusCode::NOT_FOUND, "not_found"),
    }
}

/// `fail` and `slow` hit reads too: a client's status polling must survive them.
async fn read_fault(operator: &FakeOperator) -> Option<Response> {
    let (fault, slow_ms) = {
        let mut state = operator.lock();
        let state = &mut *state;
        (state.dice.read(&state.behaviour), state.behaviour.slow_ms)
    };
    match fault {
        ReadFault::Fail => Some(error(StatusCode::SERVICE_UNAVAILABLE, "unavailable")),
        ReadFault::Slow => {
            tokio::time::sleep(Duration::from_millis(slow_ms)).await;
            None
        }
        ReadFault::None => None,
    }
}

async fn behaviour(State(operator): State<FakeOperator>) -> Json<Behaviour> {
    Json(operator.behaviour())
}

async fn set_behaviour(State(operator): State<FakeOperator>, body: Bytes) -> Response {
    let behaviour: Behaviour = match serde_json::from_slice(&body) {
        Ok(behaviour) => behaviour,
        Err(e) => return invalid(e.to_string()),
    };
    if let Err(message) = behaviour.validate() {
        return invalid(message);
    }
    tracing::info!(?behaviour, "fake operator: behaviour set");
    operator.set_behaviour(behaviour.clone());
    Json(behaviour).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Script {
    outcomes: Vec<Outcome>,
}

async fn append_script(State(operator): State<FakeOperator>, body: Bytes) -> Response {
    let script: Script = match serde_json::from_slice(&body) {
        Ok(script) => script,
        Err(e) => return invalid(e.to_string()),
    };
    operator.script(script.outcomes);
    let queued = operator.lock().script.len();
    Json(json!({ "queued": queued })).into_response()
}

async fn clear_script(State(operator): State<FakeOperator>) -> StatusCode {
    operator.lock().script.clear();
    StatusCode::NO_CONTENT
}

async fn records<O: Order>(State(operator): State<FakeOperator>) -> Response {
    Json(operator.records::<O>()).into_response()
}

/// Forgets the refunds (or transfers) and the script (not the behaviour), so that a test
/// starts clean.
async fn forget<O: Order>(State(operator): State<FakeOperator>) -> StatusCode {
    let mut state = operator.lock();
    O::store(&mut state).clear();
    state.script.clear();
    StatusCode::NO_CONTENT
}

/// Settles everything pending now and answers with every refund and transfer.
async fn settle(State(operator): State<FakeOperator>) -> Response {
    operator.settle_all().await;
    Json(json!({ "refunds": operator.refunds(), "transfers": operator.transfers() }))
        .into_response()
}

fn error(status: StatusCode, code: &str) -> Response {
    (status, Json(json!({ "error": code }))).into_response()
}

fn invalid(message: String) -> Response {
    let body = json!({ "error": "invalid_request", "message": message });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}
