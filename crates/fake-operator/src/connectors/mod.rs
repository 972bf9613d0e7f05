//! Fake **connectors**: three mobile-money operators as a merchant's own accounts at them
//! ("Processing Only") are reached, each speaking its own style of HTTP, so that the Guichet
//! server validates the credentials a merchant types by calling the operator as in production.
//!
//! # Base URLs and environments
//!
//! Each operator has a sandbox and a production, each under its own base URL,
//! `http://<fake>/{operator}/{environment}`: `/orange-ci/sandbox`, `/orange-ci/production`,
//! `/mtn-ci/sandbox`, … The environment is the base URL's, as with the real operators, so a
//! base URL can be swapped for a real sandbox's. Credentials of the other environment are
//! refused at the token endpoint with a "wrong environment" answer of their own, and a token
//! is only good in the environment that issued it. MTN's calls after the token also carry
//! `X-Target-Environment`, which must be the environment's (`sandbox`, `mtnivorycoast`).
//!
//! # Routes, under the base URL
//!
//! - Orange CI: `POST /oauth/v3/token` (`Authorization: Basic base64(client_id:client_secret)`,
//!   form `grant_type=client_credentials`); `GET /v1/balance?merchant_key=…` (Bearer);
//!   `POST /v1/payments`, `POST /v1/transfers` (Bearer, `Idempotency-Key`).
//! - MTN CI, `{product}` being `collection` (payment) or `disbursement` (transfer):
//!   `POST /{product}/token/` (`Authorization: Basic base64(api_user:api_key)`,
//!   `Ocp-Apim-Subscription-Key`); `GET /{product}/v1_0/account/balance` (Bearer, the
//!   subscription key, `X-Target-Environment`); `POST /collection/v1_0/requesttopay` and
//!   `POST /disbursement/v1_0/transfer` (the same, and `X-Reference-Id`).
//! - Orange SN: `POST /oauth/token` (form `grant_type=client_credentials&client_id=…&client_secret=…`);
//!   `GET /api/eWallet/v1/account/retailer/balance?merchantCode=…` (Bearer, `X-Pin`);
//!   `POST /api/eWallet/v1/payments`, `POST /api/eWallet/v1/transfers` (Bearer,
//!   `Idempotency-Key`).
//!
//! Tokens live `expires_in` seconds (3600 unless the switch says otherwise). A payment or a
//! transfer takes `{"amount", "currency", "msisdn" (or "destination"), "reference"}` and answers
//! its [`Movement`], `SUCCESSFUL` at once (201, 202 at MTN); the same key again answers the
//! same, the same key for another request is a 409.
//!
//! # Demo credentials
//!
//! | Operator  | Environment | Credentials |
//! |-----------|-------------|-------------|
//! | Orange CI | sandbox     | client `orange-ci-demo-client` / `orange-ci-demo-secret`, merchant key `orange-ci-demo-merchant-key` |
//! | Orange CI | production  | client `orange-ci-prod-client` / `orange-ci-prod-secret`, merchant key `orange-ci-prod-merchant-key` |
//! | MTN CI    | sandbox     | API user `mtn-ci-demo-user` / `mtn-ci-demo-api-key`, subscription key `mtn-ci-demo-subscription-key`, target `sandbox`; collection only: `mtn-ci-demo-collection-only` / `mtn-ci-demo-collection-only-key` |
//! | MTN CI    | production  | API user `mtn-ci-prod-user` / `mtn-ci-prod-api-key`, subscription key `mtn-ci-prod-subscription-key`, target `mtnivorycoast`; collection only: `mtn-ci-prod-collection-only` / `mtn-ci-prod-collection-only-key` |
//! | Orange SN | sandbox     | client `orange-sn-demo-client` / `orange-sn-demo-secret`, merchant code `500001`, PIN `1234` |
//! | Orange SN | production  | client `orange-sn-prod-client` / `orange-sn-prod-secret`, merchant code `700001`, PIN `4321` |
//!
//! They are the constants [`ORANGE_CI_SANDBOX`], [`MTN_CI_SANDBOX_COLLECTION_ONLY`], … Every
//! set is enabled for both products but MTN's "collection only" API users.
//!
//! # Errors
//!
//! Always JSON, in each operator's style (see each module): OAuth's
//! `{"error": "invalid_client", "error_description", "code"}` at the Orange token endpoints,
//! `code` telling `invalid_credentials`, `wrong_environment` and `expired_credentials` apart;
//! MTN's `{"error": "login_failed" | "wrong_environment" | "expired_credentials", "message"}` at
//! its token endpoint and its API gateway's `{"statusCode": 401, "message"}` for a bad
//! subscription key; `{"code", "message"}` (MTN), `{"code": 41, "message", "description"}`
//! (Orange CI) or `{"status", "code", "title", "detail"}` (Orange SN) after the token.
//!
//! # The back door
//!
//! `GET`/`PUT /_fake/connectors/{operator}` reads or sets the operator's [`Switch`], for both
//! environments: `{"mode": "normal"}`, `"down"` (every call answers 500), `"slow"` (every call
//! answers after `seconds`, 30 by default), `"expired"` (the token endpoint refuses the
//! credentials as expired, and tokens already issued as expired); `token_seconds` sets the
//! `expires_in` of the tokens issued from then on. `GET /_fake/connectors/{operator}/payments`
//! and `…/transfers` list what was recorded, oldest first.
//!
//! Nothing secret is logged: no secret, key, token or PIN, only who asked (a client id or an
//! API user) and what became of it.

mod credentials;
mod mtn_ci;
mod orange_ci;
mod orange_sn;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use chrono::{DateTime, Utc};
use rand::distributions::{Alphanumeric, DistString};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::json;

pub use credentials::{
    MtnCiCredentials, OrangeCiCredentials, OrangeSnCredentials, MTN_CI_PRODUCTION,
    MTN_CI_PRODUCTION_COLLECTION_ONLY, MTN_CI_SANDBOX, MTN_CI_SANDBOX_COLLECTION_ONLY,
    ORANGE_CI_PRODUCTION, ORANGE_CI_SANDBOX, ORANGE_SN_PRODUCTION, ORANGE_SN_SANDBOX,
};

use crate::FakeOperator;
use credentials::Known;

/// What every balance shows, in XOF.
const BALANCE: i64 = 1_250_000;

/// The status of every payment and transfer: the fake moves no money, so nothing fails.
pub const SUCCESSFUL: &str = "SUCCESSFUL";

/// An operator the fake plays as a connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Connector {
    #[serde(rename = "orange-ci")]
    OrangeCi,
    #[serde(rename = "mtn-ci")]
    MtnCi,
    #[serde(rename = "orange-sn")]
    OrangeSn,
}

impl Connector {
    pub const ALL: [Connector; 3] = [Connector::OrangeCi, Connector::MtnCi, Connector::OrangeSn];

    /// Its path prefix and its name in the back door.
    pub fn slug(self) -> &'static str {
        match self {
            Connector::OrangeCi => "orange-ci",
            Connector::MtnCi => "mtn-ci",
            Connector::OrangeSn => "orange-sn",
        }
    }

    fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// How its operator says it.
    fn answer(self, problem: Problem) -> Response {
        match self {
            Connector::OrangeCi => orange_ci::answer(problem),
            Connector::MtnCi => mtn_ci::answer(problem),
            Connector::OrangeSn => orange_sn::answer(problem),
        }
    }

    fn routes(self) -> Router<Api> {
        match self {
            Connector::OrangeCi => orange_ci::routes(),
            Connector::MtnCi => mtn_ci::routes(),
            Connector::OrangeSn => orange_sn::routes(),
        }
    }

    /// The start of its operator references.
    fn prefix(self) -> &'static str {
        match self {
            Connector::OrangeCi => "OCI",
            Connector::MtnCi => "MTN",
            Connector::OrangeSn => "OSN",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    Sandbox,
    Production,
}

impl Environment {
    pub const ALL: [Environment; 2] = [Environment::Sandbox, Environment::Production];

    /// Its path segment, after the operator's.
    pub fn as_str(self) -> &'static str {
        match self {
            Environment::Sandbox => "sandbox",
            Environment::Production => "production",
        }
    }
}

/// A service of an operator: payment (collection) or transfer (disbursement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Product {
    Payment,
    Transfer,
}

impl Product {
    pub fn as_str(self) -> &'static str {
        match self {
            Product::Payment => "payment",
            Product::Transfer => "transfer",
        }
    }
}

/// How an operator misbehaves, set through the back door; both its environments share it.
///
/// Every field is optional on the wire (a `PUT` replaces the whole switch) and unknown fields
/// are refused, as with the [`Behaviour`](crate::Behaviour).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Switch {
    pub mode: Mode,
    /// How long `slow` waits before answering, in seconds (fractions allowed).
    pub seconds: f64,
    /// The `expires_in` of the tokens issued from now on.
    pub token_seconds: u64,
}

impl Default for Switch {
    fn default() -> Self {
        Self {
            mode: Mode::Normal,
            // Longer than the server's 10 s time-out.
            seconds: 30.0,
            token_seconds: 3600,
        }
    }
}

impl Switch {
    /// Refuses a delay that is not a number of seconds up to 10 minutes, and tokens born dead.
    pub fn validate(&self) -> Result<(), String> {
        if !(0.0..=600.0).contains(&self.seconds) {
            return Err(format!(
                "seconds must be between 0 and 600, not {}",
                self.seconds
            ));
        }
        if self.token_seconds == 0 {
            return Err("token_seconds must be at least 1".into());
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Normal,
    /// Every call answers 500.
    Down,
    /// Every call answers after the switch's `seconds`.
    Slow,
    /// Credentials and tokens are refused as expired.
    Expired,
}

/// A payment or a transfer, as its operator answers it and the back door lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Movement {
    /// The operator's prefix (`OCI`, `MTN`, `OSN`), `-`, and 12 upper-case letters and digits.
    pub operator_ref: String,
    /// The `Idempotency-Key` (`X-Reference-Id` at MTN) it was asked under.
    pub idempotency_key: String,
    pub environment: Environment,
    pub product: Product,
    /// Who asked: the client id or the API user, never a secret.
    pub principal: String,
    pub amount: i64,
    pub currency: String,
    /// The customer's wallet (payment) or the destination (transfer).
    pub msisdn: String,
    /// The merchant's reference.
    pub reference: String,
    /// Always [`SUCCESSFUL`].
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// What a payment or a transfer asks for.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Order {
    amount: i64,
    currency: String,
    #[serde(alias = "destination")]
    msisdn: String,
    reference: String,
}

impl Order {
    fn validate(&self) -> Result<(), String> {
        if self.amount <= 0 {
            return Err("amount must be greater than 0".into());
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err("currency must be 3 upper-case letters (ISO 4217)".into());
        }
        if self.msisdn.trim().is_empty() || self.reference.trim().is_empty() {
            return Err("msisdn (or destination) and reference must not be empty".into());
        }
        Ok(())
    }

    fn same_as(&self, movement: &Movement) -> bool {
        self.amount == movement.amount
            && self.currency == movement.currency
            && self.msisdn == movement.msisdn
            && self.reference == movement.reference
    }
}

/// Every connector's books, kept with the rest of the fake's state.
#[derive(Default)]
pub(crate) struct Connectors {
    books: HashMap<Connector, Books>,
}

impl Connectors {
    fn books(&mut self, connector: Connector) -> &mut Books {
        self.books.entry(connector).or_default()
    }
}

/// One operator's state.
#[derive(Default)]
struct Books {
    switch: Switch,
    /// By access token. Expired ones stay, so that they are refused as expired rather than
    /// unknown.
    tokens: HashMap<String, Token>,
    payments: Vec<Movement>,
    transfers: Vec<Movement>,
}

impl Books {
    fn movements(&mut self, product: Product) -> &mut Vec<Movement> {
        match product {
            Product::Payment => &mut self.payments,
            Product::Transfer => &mut self.transfers,
        }
    }
}

/// What an access token was issued to.
#[derive(Clone)]
struct Token {
    environment: Environment,
    principal: &'static str,
    products: &'static [Product],
    /// MTN's tokens are each for one product.
    product: Option<Product>,
    expires_at: Instant,
}

/// Why a token endpoint refuses credentials.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// Unknown credentials, or a wrong secret.
    Unknown,
    /// Credentials of the other environment than this one.
    WrongEnvironment(Environment),
    /// Good credentials under the `expired` switch.
    Expired,
}

/// What goes wrong, whichever the operator; each says it in its own style.
#[derive(Debug)]
pub(crate) enum Problem {
    /// The `down` switch.
    Down,
    /// A malformed request: the message says what.
    Invalid(String),
    Refused(Refusal),
    /// No access token, an unknown one, or one issued elsewhere or for another product.
    BadToken,
    ExpiredToken,
    /// Credentials not enabled for this product.
    NotEnabled(Product),
    /// An idempotency key used before for another request.
    KeyReused,
}

impl Problem {
    /// Its name in the logs.
    fn name(&self) -> &'static str {
        match self {
            Problem::Down => "down",
            Problem::Invalid(_) => "invalid_request",
            Problem::Refused(Refusal::Unknown) => "bad_credentials",
            Problem::Refused(Refusal::WrongEnvironment(_)) => "wrong_environment",
            Problem::Refused(Refusal::Expired) => "expired_credentials",
            Problem::BadToken => "bad_token",
            Problem::ExpiredToken => "expired_token",
            Problem::NotEnabled(_) => "not_enabled",
            Problem::KeyReused => "key_reused",
        }
    }
}

impl From<Refusal> for Problem {
    fn from(refusal: Refusal) -> Self {
        Problem::Refused(refusal)
    }
}

/// An operator's API failing in its own way: a [`Problem`] shared by all, or an error of its
/// own (a bad subscription key, a wrong PIN, …), named for the logs.
pub(crate) enum Failure {
    Problem(Problem),
    Own(&'static str, StatusCode, serde_json::Value),
}

impl From<Problem> for Failure {
    fn from(problem: Problem) -> Self {
        Failure::Problem(problem)
    }
}

impl From<Refusal> for Failure {
    fn from(refusal: Refusal) -> Self {
        Failure::Problem(refusal.into())
    }
}

/// One environment of one operator: the state of its routes.
#[derive(Clone)]
pub(crate) struct Api {
    operator: FakeOperator,
    connector: Connector,
    environment: Environment,
}

impl Api {
    fn books<R>(&self, f: impl FnOnce(&mut Books) -> R) -> R {
        f(self.operator.lock().connectors.books(self.connector))
    }

    /// A call's answer, logged without anything secret.
    fn respond(&self, call: &str, result: Result<Response, Failure>) -> Response {
        let (outcome, response) = match result {
            Ok(response) => ("ok", response),
            Err(Failure::Problem(problem)) => (problem.name(), self.connector.answer(problem)),
            Err(Failure::Own(name, status, body)) => (name, (status, Json(body)).into_response()),
        };
        tracing::info!(
            connector = self.connector.slug(),
            environment = self.environment.as_str(),
            call,
            outcome,
            status = response.status().as_u16(),
            "fake operator: connector call"
        );
        response
    }

    /// The known credentials `matches` picks, if they are this environment's.
    fn find<C: Known>(&self, known: &[C], matches: impl Fn(&C) -> bool) -> Result<C, Refusal> {
        let found: Vec<&C> = known.iter().filter(|c| matches(c)).collect();
        match found.iter().find(|c| c.environment() == self.environment) {
            Some(credentials) => Ok(**credentials),
            None if found.is_empty() => Err(Refusal::Unknown),
            None => Err(Refusal::WrongEnvironment(self.environment)),
        }
    }

    /// A new access token for good credentials, with its `expires_in`; under the `expired`
    /// switch, the credentials are refused as expired instead.
    fn issue(
        &self,
        principal: &'static str,
        products: &'static [Product],
        product: Option<Product>,
    ) -> Result<(String, u64), Refusal> {
        let access_token = Alphanumeric.sample_string(&mut rand::thread_rng(), 40);
        let environment = self.environment;
        self.books(|books| {
            if books.switch.mode == Mode::Expired {
                return Err(Refusal::Expired);
            }
            let lifetime = books.switch.token_seconds;
            let token = Token {
                environment,
                principal,
                products,
                product,
                expires_at: Instant::now() + Duration::from_secs(lifetime),
            };
            books.tokens.insert(access_token.clone(), token);
            Ok((access_token, lifetime))
        })
    }

    /// The access token of an `Authorization: Bearer` header, good for `product` (and, for a
    /// balance, any product it was issued for).
    fn bearer(&self, headers: &HeaderMap, product: Option<Product>) -> Result<Token, Problem> {
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(Problem::BadToken)?;
        let (token, mode) =
            self.books(|books| (books.tokens.get(presented).cloned(), books.switch.mode));
        let token = token
            .filter(|t| t.environment == self.environment)
            .ok_or(Problem::BadToken)?;
        if mode == Mode::Expired || Instant::now() >= token.expires_at {
            return Err(Problem::ExpiredToken);
        }
        if let Some(product) = product {
            if !token.products.contains(&product) {
                return Err(Problem::NotEnabled(product));
            }
            if token.product.is_some_and(|p| p != product) {
                return Err(Problem::BadToken);
            }
        }
        Ok(token)
    }

    /// Records a payment or a transfer under the key in header `key_header`, or finds the one
    /// recorded under it.
    fn record(
        &self,
        product: Product,
        token: &Token,
        headers: &HeaderMap,
        key_header: &str,
        body: &Bytes,
    ) -> Result<Movement, Problem> {
        let key = headers
            .get(key_header)
            .and_then(|v| v.to_str().ok())
            .filter(|k| !k.trim().is_empty())
            .ok_or_else(|| Problem::Invalid(format!("the {key_header} header is required")))?;
        let order: Order =
            serde_json::from_slice(body).map_err(|e| Problem::Invalid(e.to_string()))?;
        order.validate().map_err(Problem::Invalid)?;
        let (connector, environment) = (self.connector, self.environment);
        self.books(|books| {
            let movements = books.movements(product);
            if let Some(existing) = movements.iter().find(|m| m.idempotency_key == key) {
                return match order.same_as(existing) && existing.environment == environment {
                    true => Ok(existing.clone()),
                    false => Err(Problem::KeyReused),
                };
            }
            let movement = Movement {
                operator_ref: operator_ref(connector, movements),
                idempotency_key: key.to_owned(),
                environment,
                product,
                principal: token.principal.to_owned(),
                amount: order.amount,
                currency: order.currency,
                msisdn: order.msisdn,
                reference: order.reference,
                status: SUCCESSFUL.to_owned(),
                created_at: Utc::now(),
            };
            movements.push(movement.clone());
            Ok(movement)
        })
    }
}

/// Records a payment or a transfer asked with a token good for its product, answering it with
/// `status`, and the same again for the same key.
fn pay(
    api: &Api,
    product: Product,
    headers: &HeaderMap,
    body: &Bytes,
    key_header: &str,
    status: StatusCode,
) -> Result<Response, Failure> {
    let token = api.bearer(headers, Some(product))?;
    let movement = api.record(product, &token, headers, key_header, body)?;
    Ok((status, Json(movement)).into_response())
}

fn operator_ref(connector: Connector, taken: &[Movement]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut rng = rand::thread_rng();
    loop {
        let suffix: String = (0..12)
            .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
            .collect();
        let operator_ref = format!("{}-{suffix}", connector.prefix());
        if taken.iter().all(|m| m.operator_ref != operator_ref) {
            return operator_ref;
        }
    }
}

/// The `user:password` of an `Authorization: Basic` header.
fn basic(headers: &HeaderMap) -> Option<(String, String)> {
    let encoded = headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Basic ")?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (user, password) = decoded.split_once(':')?;
    Some((user.to_owned(), password.to_owned()))
}

/// A header's value, or `""` when it is missing: to compare with a known value.
fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> &'h str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// The form of an OAuth 2 token request must ask for `client_credentials`.
fn client_credentials(grant_type: Option<&str>) -> Result<(), Problem> {
    match grant_type {
        Some("client_credentials") => Ok(()),
        Some(other) => Err(Problem::Invalid(format!(
            "unsupported grant_type {other:?}: only client_credentials"
        ))),
        None => Err(Problem::Invalid("grant_type is required".into())),
    }
}

/// An Orange token endpoint's refusal, OAuth 2 style, `code` telling apart what `error` does not.
fn oauth_refusal(refusal: Refusal) -> Response {
    let (code, description) = match refusal {
        Refusal::Unknown => (
            "invalid_credentials",
            "Client authentication failed: unknown client or wrong secret.".to_owned(),
        ),
        Refusal::WrongEnvironment(here) => (
            "wrong_environment",
            format!(
                "These credentials are not valid in this environment ({}).",
                here.as_str()
            ),
        ),
        Refusal::Expired => (
            "expired_credentials",
            "Expired credentials: the client secret must be renewed.".to_owned(),
        ),
    };
    let body = json!({ "error": "invalid_client", "error_description": description, "code": code });
    (StatusCode::UNAUTHORIZED, Json(body)).into_response()
}

/// The answer of a token endpoint.
fn token_answer(access_token: String, token_type: &str, expires_in: u64) -> Response {
    let body =
        json!({ "access_token": access_token, "token_type": token_type, "expires_in": expires_in });
    Json(body).into_response()
}

/// Both environments of every operator under their base URLs, and the back door.
pub(crate) fn router(operator: FakeOperator) -> Router {
    let mut router = Router::new()
        .route("/_fake/connectors/{connector}", get(switch).put(set_switch))
        .route("/_fake/connectors/{connector}/{list}", get(movements))
        .with_state(operator.clone());
    for connector in Connector::ALL {
        let mut routes = Router::new().fallback(no_route);
        for environment in Environment::ALL {
            let api = Api {
                operator: operator.clone(),
                connector,
                environment,
            };
            let environment_routes = connector
                .routes()
                .method_not_allowed_fallback(no_method)
                .route_layer(middleware::from_fn_with_state(api.clone(), obey_switch))
                .with_state(api);
            routes = routes.nest(&format!("/{}", environment.as_str()), environment_routes);
        }
        router = router.nest(&format!("/{}", connector.slug()), routes);
    }
    router
}

/// The `down` and `slow` switches, before any route.
async fn obey_switch(State(api): State<Api>, request: Request, next: Next) -> Response {
    let switch = api.books(|books| books.switch.clone());
    match switch.mode {
        Mode::Down => return api.respond("any", Err(Problem::Down.into())),
        Mode::Slow => tokio::time::sleep(Duration::from_secs_f64(switch.seconds)).await,
        Mode::Normal | Mode::Expired => {}
    }
    next.run(request).await
}

async fn no_route() -> Response {
    let body = json!({ "error": "not_found", "message": "no such route at this fake operator" });
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

async fn no_method() -> Response {
    let body = json!({ "error": "method_not_allowed" });
    (StatusCode::METHOD_NOT_ALLOWED, Json(body)).into_response()
}

fn unknown_connector() -> Response {
    let body = json!({ "error": "unknown_connector", "message": "orange-ci, mtn-ci or orange-sn" });
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

async fn switch(State(operator): State<FakeOperator>, Path(slug): Path<String>) -> Response {
    match Connector::from_slug(&slug) {
        Some(connector) => {
            let switch = operator.lock().connectors.books(connector).switch.clone();
            Json(switch).into_response()
        }
        None => unknown_connector(),
    }
}

async fn set_switch(
    State(operator): State<FakeOperator>,
    Path(slug): Path<String>,
    body: Bytes,
) -> Response {
    let Some(connector) = Connector::from_slug(&slug) else {
        return unknown_connector();
    };
    let switch: Switch = match serde_json::from_slice(&body) {
        Ok(switch) => switch,
        Err(e) => return invalid(e.to_string()),
    };
    if let Err(message) = switch.validate() {
        return invalid(message);
    }
    tracing::info!(
        connector = slug,
        ?switch,
        "fake operator: connector switch set"
    );
    operator.lock().connectors.books(connector).switch = switch.clone();
    Json(switch).into_response()
}

async fn movements(
    State(operator): State<FakeOperator>,
    Path((slug, list)): Path<(String, String)>,
) -> Response {
    let Some(connector) = Connector::from_slug(&slug) else {
        return unknown_connector();
    };
    let product = match list.as_str() {
        "payments" => Product::Payment,
        "transfers" => Product::Transfer,
        _ => return no_route().await,
    };
    let mut state = operator.lock();
    Json(state.connectors.books(connector).movements(product).clone()).into_response()
}

fn invalid(message: String) -> Response {
    let body = json!({ "error": "invalid_request", "message": message });
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}
