//! MTN Côte d'Ivoire, MoMo style: every call goes through an API gateway that wants the
//! subscription key (`Ocp-Apim-Subscription-Key`); a token per product (`collection` for
//! payments, `disbursement` for transfers) for an API user authenticated with HTTP Basic; then
//! calls that name their `X-Target-Environment`. Errors read `{"code": "NOT_ALLOWED",
//! "message": …}`, but the gateway's (`{"statusCode": 401, "message": …}`) and the token
//! endpoint's (`{"error": "login_failed", "message": …}`).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;

use super::credentials::{MTN_CI, MTN_CI_PRODUCTION, MTN_CI_SANDBOX};
use super::{
    basic, header_str, pay, token_answer, Api, Environment, Failure, Problem, Product, Refusal,
    BALANCE,
};

pub(super) fn routes() -> Router<Api> {
    Router::new()
        .route("/{product}/token/", post(token))
        .route("/{product}/token", post(token))
        .route("/{product}/v1_0/account/balance", get(balance))
        .route("/collection/v1_0/requesttopay", post(request_to_pay))
        .route("/disbursement/v1_0/transfer", post(transfer))
}

/// How MTN CI says what went wrong.
pub(super) fn answer(problem: Problem) -> Response {
    let (status, body) = match problem {
        Problem::Down => (
            StatusCode::INTERNAL_SERVER_ERROR,
            momo_error(
                "INTERNAL_PROCESSING_ERROR",
                "MTN CI is down (the fake's \"down\" switch).",
            ),
        ),
        Problem::Invalid(message) => (StatusCode::BAD_REQUEST, momo_error("BAD_REQUEST", &message)),
        Problem::Refused(Refusal::Unknown) => (
            StatusCode::UNAUTHORIZED,
            json!({ "error": "login_failed", "message": "Unknown API user or wrong API key." }),
        ),
        Problem::Refused(Refusal::WrongEnvironment(here)) => (
            StatusCode::UNAUTHORIZED,
            json!({
                "error": "wrong_environment",
                "message": format!(
                    "These credentials are not valid in this environment ({}).",
                    here.as_str()
                ),
            }),
        ),
        Problem::Refused(Refusal::Expired) => (
            StatusCode::UNAUTHORIZED,
            json!({
                "error": "expired_credentials",
                "message": "Expired credentials: the API key must be renewed.",
            }),
        ),
        Problem::BadToken => (
            StatusCode::UNAUTHORIZED,
            momo_error(
                "INVALID_TOKEN",
                "Access denied due to an invalid access token for this product and environment.",
            ),
        ),
        Problem::ExpiredToken => (
            StatusCode::UNAUTHORIZED,
            momo_error(
                "EXPIRED_TOKEN",
                "The access token has expired: ask for a new one.",
            ),
        ),
        Problem::NotEnabled(product) => (
            StatusCode::FORBIDDEN,
            momo_error(
                "NOT_ALLOWED",
                &format!(
                    "This API user is not enabled for the {} product.",
                    product_name(product)
                ),
            ),
        ),
        Problem::KeyReused => (
            StatusCode::CONFLICT,
            momo_error(
                "RESOURCE_ALREADY_EXIST",
                "Duplicated reference id. Creation of resource failed.",
            ),
        ),
    };
    (status, Json(body)).into_response()
}

fn momo_error(code: &str, message: &str) -> serde_json::Value {
    json!({ "code": code, "message": message })
}

/// MoMo's names of the products, in its paths and messages.
fn product_name(product: Product) -> &'static str {
    match product {
        Product::Payment => "collection",
        Product::Transfer => "disbursement",
    }
}

fn product(name: &str) -> Result<Product, Failure> {
    match name {
        "collection" => Ok(Product::Payment),
        "disbursement" => Ok(Product::Transfer),
        _ => {
            let body = momo_error(
                "RESOURCE_NOT_FOUND",
                "No such product: collection or disbursement.",
            );
            Err(Failure::Own("unknown_product", StatusCode::NOT_FOUND, body))
        }
    }
}

/// The API gateway's check: a subscription key of this environment.
fn subscription(api: &Api, headers: &HeaderMap) -> Result<(), Failure> {
    let key = header_str(headers, "ocp-apim-subscription-key");
    match api.find(MTN_CI, |c| c.subscription_key == key) {
        Ok(_) => Ok(()),
        Err(Refusal::Unknown) => {
            let body = json!({
                "statusCode": 401,
                "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.",
            });
            Err(Failure::Own(
                "bad_subscription_key",
                StatusCode::UNAUTHORIZED,
                body,
            ))
        }
        Err(refusal) => Err(refusal.into()),
    }
}

/// `X-Target-Environment` must be this environment's.
fn target(api: &Api, headers: &HeaderMap) -> Result<(), Failure> {
    let expected = match api.environment {
        Environment::Sandbox => MTN_CI_SANDBOX.target_environment,
        Environment::Production => MTN_CI_PRODUCTION.target_environment,
    };
    let given = header_str(headers, "x-target-environment");
    if given == expected {
        return Ok(());
    }
    let message = format!(
        "Access to target environment '{given}' is forbidden: this environment's is '{expected}'."
    );
    let body = momo_error("NOT_ALLOWED_TARGET_ENVIRONMENT", &message);
    Err(Failure::Own(
        "wrong_target_environment",
        StatusCode::BAD_REQUEST,
        body,
    ))
}

async fn token(State(api): State<Api>, Path(name): Path<String>, headers: HeaderMap) -> Response {
    api.respond("token", issue(&api, &name, &headers))
}

fn issue(api: &Api, name: &str, headers: &HeaderMap) -> Result<Response, Failure> {
    let product = product(name)?;
    subscription(api, headers)?;
    let (user, key) = basic(headers).ok_or(Refusal::Unknown)?;
    let credentials = api.find(MTN_CI, |c| c.api_user == user && c.api_key == key)?;
    if !credentials.products.contains(&product) {
        return Err(Problem::NotEnabled(product).into());
    }
    let (access_token, expires_in) =
        api.issue(credentials.api_user, credentials.products, Some(product))?;
    Ok(token_answer(access_token, "access_token", expires_in))
}

async fn balance(State(api): State<Api>, Path(name): Path<String>, headers: HeaderMap) -> Response {
    api.respond("balance", read_balance(&api, &name, &headers))
}

fn read_balance(api: &Api, name: &str, headers: &HeaderMap) -> Result<Response, Failure> {
    let product = product(name)?;
    subscription(api, headers)?;
    target(api, headers)?;
    api.bearer(headers, Some(product))?;
    let body = json!({ "availableBalance": BALANCE.to_string(), "currency": "XOF" });
    Ok(Json(body).into_response())
}

async fn request_to_pay(State(api): State<Api>, headers: HeaderMap, body: Bytes) -> Response {
    api.respond("payment", order(&api, Product::Payment, &headers, &body))
}

async fn transfer(State(api): State<Api>, headers: HeaderMap, body: Bytes) -> Response {
    api.respond("transfer", order(&api, Product::Transfer, &headers, &body))
}

/// A request to pay or a transfer: through the gateway, for the environment, under the
/// `X-Reference-Id`; accepted (202) as MoMo does.
fn order(
    api: &Api,
    product: Product,
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<Response, Failure> {
    subscription(api, headers)?;
    target(api, headers)?;
    pay(
        api,
        product,
        headers,
        body,
        "x-reference-id",
        StatusCode::ACCEPTED,
    )
}
