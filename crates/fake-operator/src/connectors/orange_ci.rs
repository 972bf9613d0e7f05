//! Orange Côte d'Ivoire: an OAuth 2 token for a client authenticated with HTTP Basic, then
//! Orange's API gateway, whose errors read `{"code": 41, "message": "Invalid credentials",
//! "description": …}`.

use axum::body::Bytes;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::credentials::ORANGE_CI;
use super::{
    basic, client_credentials, oauth_refusal, pay, token_answer, Api, Failure, Problem, Product,
    Refusal, BALANCE,
};

pub(super) fn routes() -> Router<Api> {
    Router::new()
        .route("/oauth/v3/token", post(token))
        .route("/v1/balance", get(balance))
        .route("/v1/payments", post(payment))
        .route("/v1/transfers", post(transfer))
}

/// How Orange CI says what went wrong.
pub(super) fn answer(problem: Problem) -> Response {
    let (status, body) = match problem {
        Problem::Refused(refusal) => return oauth_refusal(refusal),
        Problem::Down => (
            StatusCode::INTERNAL_SERVER_ERROR,
            json!({
                "error": "server_error",
                "error_description": "Orange CI is down (the fake's \"down\" switch).",
            }),
        ),
        Problem::Invalid(message) => (
            StatusCode::BAD_REQUEST,
            json!({ "error": "invalid_request", "error_description": message }),
        ),
        Problem::BadToken => (
            StatusCode::UNAUTHORIZED,
            gateway(
                41,
                "Invalid credentials",
                "The access token is unknown, or was not issued in this environment.",
            ),
        ),
        Problem::ExpiredToken => (
            StatusCode::UNAUTHORIZED,
            gateway(
                42,
                "Expired credentials",
                "The access token has expired: ask for a new one.",
            ),
        ),
        Problem::NotEnabled(product) => (
            StatusCode::FORBIDDEN,
            gateway(
                50,
                "Access denied",
                &format!(
                    "These credentials are not enabled for {}.",
                    product.as_str()
                ),
            ),
        ),
        Problem::KeyReused => (
            StatusCode::CONFLICT,
            gateway(
                70,
                "Conflict",
                "This Idempotency-Key was used for another request.",
            ),
        ),
    };
    (status, Json(body)).into_response()
}

fn gateway(code: u16, message: &str, description: &str) -> Value {
    json!({ "code": code, "message": message, "description": description })
}

#[derive(Deserialize)]
struct Grant {
    grant_type: Option<String>,
}

async fn token(
    State(api): State<Api>,
    headers: HeaderMap,
    form: Result<Form<Grant>, FormRejection>,
) -> Response {
    api.respond("token", issue(&api, &headers, form))
}

fn issue(
    api: &Api,
    headers: &HeaderMap,
    form: Result<Form<Grant>, FormRejection>,
) -> Result<Response, Failure> {
    let Form(grant) = form.map_err(|e| Problem::Invalid(e.body_text()))?;
    client_credentials(grant.grant_type.as_deref())?;
    let (id, secret) = basic(headers).ok_or(Refusal::Unknown)?;
    let credentials = api.find(ORANGE_CI, |c| {
        c.client_id == id && c.client_secret == secret
    })?;
    let (access_token, expires_in) =
        api.issue(credentials.client_id, credentials.products, None)?;
    Ok(token_answer(access_token, "Bearer", expires_in))
}

#[derive(Deserialize)]
struct Merchant {
    merchant_key: Option<String>,
}

async fn balance(
    State(api): State<Api>,
    headers: HeaderMap,
    query: Result<Query<Merchant>, QueryRejection>,
) -> Response {
    api.respond("balance", read_balance(&api, &headers, query))
}

/// The balance of the merchant account the token's client holds under its merchant key.
fn read_balance(
    api: &Api,
    headers: &HeaderMap,
    query: Result<Query<Merchant>, QueryRejection>,
) -> Result<Response, Failure> {
    let token = api.bearer(headers, None)?;
    let Query(merchant) = query.map_err(|e| Problem::Invalid(e.body_text()))?;
    let key = merchant
        .merchant_key
        .ok_or_else(|| Problem::Invalid("merchant_key is required".into()))?;
    let known = ORANGE_CI.iter().any(|c| {
        c.environment == api.environment && c.client_id == token.principal && c.merchant_key == key
    });
    if !known {
        let body = gateway(
            60,
            "Resource not found",
            "No merchant account with this merchant key for these credentials.",
        );
        return Err(Failure::Own(
            "unknown_merchant_key",
            StatusCode::NOT_FOUND,
            body,
        ));
    }
    let body = json!({ "balance": { "amount": BALANCE, "currency": "XOF" } });
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
