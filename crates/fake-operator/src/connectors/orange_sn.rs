//! Orange Sénégal: an OAuth 2 token for a client whose id and secret are in the form, then the
//! eWallet API, whose errors read `{"status": 404, "code": "MERCHANT_NOT_FOUND", "title": …,
//! "detail": …}`. The retailer's balance takes its merchant code and its PIN (`X-Pin`).

use axum::body::Bytes;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::credentials::ORANGE_SN;
use super::{
    client_credentials, header_str, oauth_refusal, pay, token_answer, Api, Failure, Problem,
    Product, Refusal, BALANCE,
};

pub(super) fn routes() -> Router<Api> {
    Router::new()
        .route("/oauth/token", post(token))
        .route("/api/eWallet/v1/account/retailer/balance", get(balance))
        .route("/api/eWallet/v1/payments", post(payment))
        .route("/api/eWallet/v1/transfers", post(transfer))
}

/// How Orange SN says what went wrong.
pub(super) fn answer(problem: Problem) -> Response {
    let (status, code, detail) = match problem {
        Problem::Refused(refusal) => return oauth_refusal(refusal),
        Problem::Down => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "SERVER_ERROR",
            "Orange SN is down (the fake's \"down\" switch).".to_owned(),
        ),
        Problem::Invalid(message) => (StatusCode::BAD_REQUEST, "BAD_REQUEST", message),
        Problem::BadToken => (
            StatusCode::UNAUTHORIZED,
            "TOKEN_INVALID",
            "The access token is unknown, or was not issued in this environment.".to_owned(),
        ),
        Problem::ExpiredToken => (
            StatusCode::UNAUTHORIZED,
            "TOKEN_EXPIRED",
            "The access token has expired: ask for a new one.".to_owned(),
        ),
        Problem::NotEnabled(product) => (
            StatusCode::FORBIDDEN,
            "SERVICE_NOT_ENABLED",
            format!(
                "These credentials are not enabled for {}.",
                product.as_str()
            ),
        ),
        Problem::KeyReused => (
            StatusCode::CONFLICT,
            "IDEMPOTENCY_KEY_REUSED",
            "This Idempotency-Key was used for another request.".to_owned(),
        ),
    };
    (status, Json(ewallet_error(status, code, &detail))).into_response()
}

fn ewallet_error(status: StatusCode, code: &str, detail: &str) -> Value {
    json!({
        "status": status.as_u16(),
        "code": code,
        "title": status.canonical_reason().unwrap_or_default(),
        "detail": detail,
    })
}

#[derive(Deserialize)]
struct Grant {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

async fn token(State(api): State<Api>, form: Result<Form<Grant>, FormRejection>) -> Response {
    api.respond("token", issue(&api, form))
}

fn issue(api: &Api, form: Result<Form<Grant>, FormRejection>) -> Result<Response, Failure> {
    let Form(grant) = form.map_err(|e| Problem::Invalid(e.body_text()))?;
    client_credentials(grant.grant_type.as_deref())?;
    let (Some(id), Some(secret)) = (grant.client_id, grant.client_secret) else {
        return Err(Refusal::Unknown.into());
    };
    let credentials = api.find(ORANGE_SN, |c| {
        c.client_id == id && c.client_secret == secret
    })?;
    let (access_token, expires_in) =
        api.issue(credentials.client_id, credentials.products, None)?;
    Ok(token_answer(access_token, "Bearer", expires_in))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Retailer {
    merchant_code: Option<String>,
}

async fn balance(
    State(api): State<Api>,
    headers: HeaderMap,
    query: Result<Query<Retailer>, QueryRejection>,
) -> Response {
    api.respond("balance", read_balance(&api, &headers, query))
}

/// The balance of the retailer account the token's client holds, under its merchant code and
/// PIN.
fn read_balance(
    api: &Api,
    headers: &HeaderMap,
    query: Result<Query<Retailer>, QueryRejection>,
) -> Result<Response, Failure> {
    let token = api.bearer(headers, None)?;
    let Query(retailer) = query.map_err(|e| Problem::Invalid(e.body_text()))?;
    let code = retailer
        .merchant_code
        .ok_or_else(|| Problem::Invalid("merchantCode is required".into()))?;
    let credentials = ORANGE_SN
        .iter()
        .find(|c| c.environment == api.environment && c.client_id == token.principal)
        .ok_or(Problem::BadToken)?;
    if credentials.merchant_code != code {
        let detail = "No retailer account with this merchant code for these credentials.";
        let body = ewallet_error(StatusCode::NOT_FOUND, "MERCHANT_NOT_FOUND", detail);
        return Err(Failure::Own(
            "unknown_merchant",
            StatusCode::NOT_FOUND,
            body,
        ));
    }
    if credentials.pin != header_str(headers, "x-pin") {
        let detail = "The retailer's PIN (X-Pin) is wrong.";
        let body = ewallet_error(StatusCode::FORBIDDEN, "PIN_INVALID", detail);
        return Err(Failure::Own("bad_pin", StatusCode::FORBIDDEN, body));
    }
    let body = json!({
        "merchantCode": code,
        "balance": { "value": BALANCE, "unit": "XOF" },
    });
    Ok(Json(body).into_response())
}

async fn payment(State(api): State<Api>, headers: HeaderMap, body: Bytes) -> Response {
    let result = pay(
        &api,
        Product::Payment,
        &headers,
        &body,
        "idempotency-key",
        StatusCode::CREATED,
    );
    api.respond("payment", result)
}

async fn transfer(State(api): State<Api>, headers: HeaderMap, body: Bytes) -> Response {
    let result = pay(
        &api,
        Product::Transfer,
        &headers,
        &body,
        "idempotency-key",
        StatusCode::CREATED,
    );
    api.respond("transfer", result)
}
