//! Connector credentials checked against their operator before they are saved: the catalogue of
//! the operators merchants can connect ([`catalogue`]), where each operator is ([`Connectors`]),
//! and the check itself ([`Connectors::check`]), which asks the operator for a token and then
//! for the account's balance, each operator in its own dialect, and tells what the answer means
//! as a [`CheckOutcome`].
//!
//! # Where each operator is
//!
//! - `GUICHET_CONNECTOR_URL` is a root serving every operator, as the fake operator does: an
//!   operator's base URL for an environment is `{root}/{slug}/{environment}`, the slug being
//!   `orange-ci`, `mtn-ci` or `orange-sn` and the environment `sandbox` (test credentials) or
//!   `production`.
//! - `GUICHET_CONNECTOR_ORANGE_CI_URL`, `…_MTN_CI_URL`, `…_ORANGE_SN_URL` (the operator's code in
//!   upper case) plug one operator in by its own base URL, a real sandbox's say. That URL is
//!   used **as it is, for both environments**: nothing is appended. If it holds
//!   `{environment}`, that is replaced by `sandbox` or `production`
//!   (`https://gw.example/{environment}/orange-ci`). It wins over the root.
//! - An operator with neither is not reachable from this server: its checks answer
//!   [`CheckOutcome::Unreachable`] without calling anything.
//!
//! Every call has `GUICHET_CONNECTOR_TIMEOUT_SECS` (10 by default), and so has a whole check:
//! a check answers within that time, [`CheckOutcome::TimedOut`] at worst. Redirects are not
//! followed (credentials go to the configured host only).
//!
//! # Secrets
//!
//! Nothing typed by the merchant, no token, no `Authorization` header and no operator URL (Orange
//! CI's carries the merchant key) is logged or printed by `Debug`. What the operator said is
//! returned cleaned: every submitted value (and the token) replaced by `[redacted]`, at most
//! 300 characters.
//!
//! # Adding an operator
//!
//! One entry in `OPERATORS` (its words in each language) and its [`Dialect`]: how its token
//! and balance calls are made, and what its answers mean.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use guichet_domain::connectors::{
    operator_environment, CheckOutcome, CheckResult, CredentialField, Localized, OperatorInfo,
    TransactionType, Validation,
};
use guichet_domain::error::{add_field_error, field_error};
use guichet_domain::tickets::Environment;
use guichet_domain::validate::has_control_character;
use guichet_domain::{messages, FieldErrors};
use serde_json::Value;

use crate::config::Config;

/// The most characters of an operator's message kept in a [`CheckResult`].
pub const MESSAGE_MAX_CHARS: usize = 300;

/// What replaces a submitted value in an operator's message.
pub const REDACTED: &str = "[redacted]";

/// The most bytes of an operator's answer read.
const BODY_MAX_BYTES: usize = 64 * 1024;

/// The wire names of the errors of a check's request, besides each credential field's own.
pub const OPERATOR_FIELD: &str = "operator";
pub const TRANSACTION_FIELD: &str = "transaction_type";

/// How an operator is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Orange Côte d'Ivoire: OAuth 2 with HTTP Basic, then `GET /v1/balance?merchant_key=`.
    OrangeCi,
    /// MTN Côte d'Ivoire (MoMo): a token per product behind a subscription key, then the
    /// product's balance for an `X-Target-Environment`.
    MtnCi,
    /// Orange Sénégal: OAuth 2 with the client in the form, then the retailer's balance with
    /// its merchant code and PIN.
    OrangeSn,
}

/// One field, as the catalogue writes it.
struct Field {
    name: &'static str,
    label: (&'static str, &'static str),
    help: (&'static str, &'static str),
    secret: bool,
}

/// One operator, as the catalogue writes it.
struct Entry {
    code: &'static str,
    name: &'static str,
    country: &'static str,
    /// Its path segment under `GUICHET_CONNECTOR_URL`.
    slug: &'static str,
    services: &'static [TransactionType],
    fields: &'static [Field],
    validation: Validation,
    dialect: Dialect,
}

const BOTH: &[TransactionType] = &[TransactionType::Payment, TransactionType::Transfer];

/// Every operator merchants can connect, in the order they are offered. French uses
/// non-breaking spaces (`\u{a0}`) inside « » and before `:`.
const OPERATORS: &[Entry] = &[
    Entry {
        code: "orange_ci",
        name: "Orange CI",
        country: "CI",
        slug: "orange-ci",
        services: BOTH,
        validation: Validation::Balance,
        dialect: Dialect::OrangeCi,
        fields: &[
            Field {
                name: "client_id",
                label: ("Client ID", "Identifiant client"),
                help: (
                    "In the Orange Developer portal, My apps → your app → Credentials: the \"Client ID\".",
                    "Dans le portail Orange Developer, «\u{a0}My apps\u{a0}» → votre application → «\u{a0}Credentials\u{a0}»\u{a0}: le «\u{a0}Client ID\u{a0}».",
                ),
                secret: false,
            },
            Field {
                name: "client_secret",
                label: ("Client secret", "Secret client"),
                help: (
                    "Beside the client ID in the Orange Developer portal (\"Client secret\"); shown again only there.",
                    "À côté de l'identifiant client dans le portail Orange Developer («\u{a0}Client secret\u{a0}»)\u{a0}; visible seulement là.",
                ),
                secret: true,
            },
            Field {
                name: "merchant_key",
                label: ("Merchant key", "Clé marchand"),
                help: (
                    "Given by Orange with your Orange Money merchant account (\"merchant key\"), in your welcome e-mail or the portal's merchant page.",
                    "Fournie par Orange avec votre compte marchand Orange Money («\u{a0}merchant key\u{a0}»), dans l'e-mail de bienvenue ou la page marchand du portail.",
                ),
                secret: true,
            },
        ],
    },
    Entry {
        code: "mtn_ci",
        name: "MTN CI",
        country: "CI",
        slug: "mtn-ci",
        services: BOTH,
        validation: Validation::Balance,
        dialect: Dialect::MtnCi,
        fields: &[
            Field {
                name: "api_user",
                label: ("API user", "Utilisateur API"),
                help: (
                    "The API user (a UUID such as 0f4e…-…) created for your account in the MTN MoMo partner portal.",
                    "L'utilisateur API (un UUID comme 0f4e…-…) créé pour votre compte dans le portail partenaire MTN MoMo.",
                ),
                secret: false,
            },
            Field {
                name: "api_key",
                label: ("API key", "Clé API"),
                help: (
                    "The API key generated for this API user in the MTN MoMo partner portal (32 hexadecimal characters).",
                    "La clé API générée pour cet utilisateur API dans le portail partenaire MTN MoMo (32\u{a0}caractères hexadécimaux).",
                ),
                secret: true,
            },
            Field {
                name: "subscription_key",
                label: ("Subscription key", "Clé d'abonnement"),
                help: (
                    "Your profile in the MTN MoMo developer portal → Subscriptions: the primary key of the Collection (payments) or Disbursement (transfers) product.",
                    "Votre profil dans le portail développeur MTN MoMo → «\u{a0}Subscriptions\u{a0}»\u{a0}: la clé primaire du produit «\u{a0}Collection\u{a0}» (paiements) ou «\u{a0}Disbursement\u{a0}» (transferts).",
                ),
                secret: true,
            },
        ],
    },
    Entry {
        code: "orange_sn",
        name: "Orange SN",
        country: "SN",
        slug: "orange-sn",
        services: BOTH,
        validation: Validation::Balance,
        dialect: Dialect::OrangeSn,
        fields: &[
            Field {
                name: "client_id",
                label: ("Client ID", "Identifiant client"),
                help: (
                    "In the Orange Sonatel API portal, your application's page: the \"Client ID\".",
                    "Dans le portail API d'Orange Sonatel, la page de votre application\u{a0}: le «\u{a0}Client ID\u{a0}».",
                ),
                secret: false,
            },
            Field {
                name: "client_secret",
                label: ("Client secret", "Secret client"),
                help: (
                    "Beside the client ID on your application's page in the Orange Sonatel API portal.",
                    "À côté de l'identifiant client, sur la page de votre application dans le portail API d'Orange Sonatel.",
                ),
                secret: true,
            },
            Field {
                name: "merchant_code",
                label: ("Merchant code", "Code marchand"),
                help: (
                    "Your Orange Money retailer's merchant code: 6 digits, on your merchant contract.",
                    "Le code marchand de votre point de vente Orange Money\u{a0}: 6\u{a0}chiffres, sur votre contrat marchand.",
                ),
                secret: false,
            },
            Field {
                name: "pin",
                label: ("PIN", "Code PIN"),
                help: (
                    "The retailer account's PIN (4 digits), the one typed to confirm operations.",
                    "Le code PIN du compte du point de vente (4\u{a0}chiffres), celui qui confirme les opérations.",
                ),
                secret: true,
            },
        ],
    },
];

fn localized((en, fr): (&str, &str)) -> Localized {
    Localized {
        en: en.to_owned(),
        fr: fr.to_owned(),
    }
}

impl Entry {
    fn info(&self) -> OperatorInfo {
        OperatorInfo {
            code: self.code.to_owned(),
            name: self.name.to_owned(),
            country: self.country.to_owned(),
            services: self.services.to_vec(),
            fields: self
                .fields
                .iter()
                .map(|f| CredentialField {
                    name: f.name.to_owned(),
                    label: localized(f.label),
                    help: localized(f.help),
                    secret: f.secret,
                })
                .collect(),
            validation: self.validation,
        }
    }
}

fn entry(code: &str) -> Option<&'static Entry> {
    OPERATORS.iter().find(|e| e.code == code)
}

/// Every operator merchants can connect (`GET /connectors/operators`).
pub fn catalogue() -> Vec<OperatorInfo> {
    OPERATORS.iter().map(Entry::info).collect()
}

/// Every operator's code, `orange_ci`, … (for the settings read from the environment).
pub fn codes() -> impl Iterator<Item = &'static str> {
    OPERATORS.iter().map(|e| e.code)
}

/// The name of the variable that plugs operator `code` in by its own base URL:
/// `GUICHET_CONNECTOR_ORANGE_CI_URL`.
pub fn url_variable(code: &str) -> String {
    format!("GUICHET_CONNECTOR_{}_URL", code.to_ascii_uppercase())
}

/// The values a check may use: every field the operator asks for, trimmed, or the errors of the
/// request. Nothing is called when there is one.
fn check_request<'f>(
    entry: &Entry,
    transaction: TransactionType,
    fields: &'f BTreeMap<String, String>,
) -> Result<BTreeMap<&'static str, &'f str>, FieldErrors> {
    let mut errors = FieldErrors::new();
    if !entry.services.contains(&transaction) {
        add_field_error(&mut errors, TRANSACTION_FIELD, messages::INVALID);
    }
    let mut values = BTreeMap::new();
    for field in entry.fields {
        match fields.get(field.name).map(|v| v.trim()) {
            None | Some("") => add_field_error(&mut errors, field.name, messages::REQUIRED),
            Some(v) if has_control_character(v) || v.contains(['\n', '\r', '\t']) => {
                add_field_error(&mut errors, field.name, messages::CONTROL_CHARACTER)
            }
            Some(v) => {
                values.insert(field.name, v);
            }
        }
    }
    for name in fields.keys() {
        if !entry.fields.iter().any(|f| f.name == name) {
            add_field_error(&mut errors, name, messages::FIELD_NOT_ASKED);
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// Where each operator is, and the HTTP client that calls them. Cheap to clone.
#[derive(Clone)]
pub struct Connectors {
    client: reqwest::Client,
    timeout: Duration,
    /// By operator code: its base URL, `{environment}` standing for `sandbox` or `production`.
    bases: Arc<BTreeMap<&'static str, String>>,
}

impl std::fmt::Debug for Connectors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connectors")
            .field("bases", &self.bases)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

fn trim_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_owned()
}

impl Connectors {
    /// Every operator under `root` (`{root}/{slug}/{environment}`), each call and each check
    /// given `timeout`.
    pub fn new(root: &str, timeout: Duration) -> Self {
        let root = trim_url(root);
        let bases = OPERATORS
            .iter()
            .map(|e| (e.code, format!("{root}/{}/{{environment}}", e.slug)))
            .collect();
        Self::with_bases(bases, timeout)
    }

    /// No operator anywhere, until [`Connectors::with_url`] places some.
    pub fn none(timeout: Duration) -> Self {
        Self::with_bases(BTreeMap::new(), timeout)
    }

    fn with_bases(bases: BTreeMap<&'static str, String>, timeout: Duration) -> Self {
        Self {
            client: reqwest::Client::builder()
                .timeout(timeout)
                .connect_timeout(timeout)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            timeout,
            bases: Arc::new(bases),
        }
    }

    /// Operator `code` at its own base URL, used as it is for both environments but for
    /// `{environment}`, replaced by `sandbox` or `production`. An unknown code changes nothing.
    pub fn with_url(mut self, code: &str, url: &str) -> Self {
        if let Some(entry) = entry(code) {
            Arc::make_mut(&mut self.bases).insert(entry.code, trim_url(url));
        }
        self
    }

    /// As the configuration says (`GUICHET_CONNECTOR_URL`, `GUICHET_CONNECTOR_{CODE}_URL`,
    /// `GUICHET_CONNECTOR_TIMEOUT_SECS`).
    pub fn from_config(config: &Config) -> Self {
        let settings = &config.connectors;
        let mut connectors = match &settings.root {
            Some(root) => Self::new(root, settings.timeout),
            None => Self::none(settings.timeout),
        };
        for (code, url) in &settings.urls {
            connectors = connectors.with_url(code, url);
        }
        connectors
    }

    /// Operator `code`'s base URL for `environment`, if this server knows where it is.
    pub fn base_url(&self, code: &str, environment: Environment) -> Option<String> {
        self.bases
            .get(code)
            .map(|b| b.replace("{environment}", operator_environment(environment)))
    }

    /// Checks a set of credentials with operator `operator` (`orange_ci`, …) for `transaction`
    /// in `environment`: a token, then the balance. `Err` (and no call) for an unknown operator,
    /// a transaction it does not offer, or a field missing, blank, unknown or with a control
    /// character; the error names the field (`operator`, `transaction_type` or the field's).
    pub async fn check(
        &self,
        operator: &str,
        environment: Environment,
        transaction: TransactionType,
        fields: &BTreeMap<String, String>,
    ) -> Result<CheckResult, FieldErrors> {
        let Some(entry) = entry(operator) else {
            return Err(field_error(OPERATOR_FIELD, messages::INVALID));
        };
        let values = check_request(entry, transaction, fields)?;
        let Some(base) = self.base_url(entry.code, environment) else {
            tracing::warn!(
                operator = entry.code,
                "connector check: no address is configured for this operator"
            );
            return Ok(CheckResult {
                outcome: CheckOutcome::Unreachable,
                operator_status: None,
                operator_message: Some(
                    "No address is configured for this operator on this server.".to_owned(),
                ),
            });
        };
        let call = Call {
            client: &self.client,
            base: &base,
            environment,
            transaction,
            values: &values,
            secrets: values.values().map(|v| (*v).to_owned()).collect(),
        };
        let result = match tokio::time::timeout(self.timeout, call.run(entry)).await {
            Ok(result) => result,
            Err(_) => CheckResult {
                outcome: CheckOutcome::TimedOut,
                operator_status: None,
                operator_message: None,
            },
        };
        tracing::info!(
            operator = entry.code,
            environment = environment.as_str(),
            transaction = transaction.as_str(),
            outcome = result.outcome.as_str(),
            operator_status = result.operator_status,
            "connector check"
        );
        Ok(result)
    }
}

/// An operator's answer, read.
struct Answer {
    status: u16,
    body: Option<Value>,
    /// The first line of an answer that is not JSON.
    text: Option<String>,
}

impl Answer {
    fn str(&self, key: &str) -> Option<&str> {
        self.body.as_ref()?.get(key)?.as_str()
    }

    /// The operator's human message, in whichever of its usual places it is.
    fn message(&self) -> Option<&str> {
        [
            "error_description",
            "description",
            "detail",
            "message",
            "title",
        ]
        .into_iter()
        .find_map(|k| self.str(k).filter(|m| !m.trim().is_empty()))
        .or(self.text.as_deref())
    }
}

/// A failed step: what it means, and the answer if there was one.
struct Failed {
    outcome: CheckOutcome,
    answer: Option<Answer>,
}

fn fail(outcome: CheckOutcome, answer: Answer) -> Failed {
    Failed {
        outcome,
        answer: Some(answer),
    }
}

/// One check under way.
struct Call<'a> {
    client: &'a reqwest::Client,
    base: &'a str,
    environment: Environment,
    transaction: TransactionType,
    values: &'a BTreeMap<&'static str, &'a str>,
    /// Everything never to be returned: the values, and the token once there is one.
    secrets: Vec<String>,
}

impl Call<'_> {
    fn value(&self, name: &str) -> &str {
        self.values.get(name).copied().unwrap_or_default()
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn run(mut self, entry: &Entry) -> CheckResult {
        let result = match entry.dialect {
            Dialect::OrangeCi => self.orange_ci(entry.validation).await,
            Dialect::MtnCi => self.mtn_ci(entry.validation).await,
            Dialect::OrangeSn => self.orange_sn(entry.validation).await,
        };
        match result {
            Ok(status) => CheckResult {
                outcome: CheckOutcome::Valid,
                operator_status: Some(status),
                operator_message: None,
            },
            Err(failed) => CheckResult {
                outcome: failed.outcome,
                operator_status: failed.answer.as_ref().map(|a| a.status),
                operator_message: failed
                    .answer
                    .as_ref()
                    .and_then(Answer::message)
                    .map(|m| clean_message(m, &self.secrets))
                    .filter(|m| !m.is_empty()),
            },
        }
    }

    /// Sends a request; a transport failure is the step's outcome.
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<Answer, Failed> {
        let mut response = request.send().await.map_err(transport)?;
        let status = response.status().as_u16();
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() >= BODY_MAX_BYTES {
                bytes.truncate(BODY_MAX_BYTES);
                break;
            }
        }
        let body = serde_json::from_slice::<Value>(&bytes).ok();
        let text = match body {
            Some(_) => None,
            None => String::from_utf8_lossy(&bytes)
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .filter(|l| !l.starts_with('<'))
                .map(str::to_owned),
        };
        Ok(Answer { status, body, text })
    }

    /// The access token of a token endpoint's success, kept as a secret; else what it means.
    fn token(&mut self, answer: Answer) -> Result<String, Failed> {
        match answer.str("access_token").filter(|t| !t.is_empty()) {
            Some(token) => {
                let token = token.to_owned();
                self.secrets.push(token.clone());
                Ok(token)
            }
            None => Err(fail(CheckOutcome::OperatorError, answer)),
        }
    }

    async fn orange_ci(&mut self, validation: Validation) -> Result<u16, Failed> {
        let request = self
            .client
            .post(self.url("/oauth/v3/token"))
            .basic_auth(self.value("client_id"), Some(self.value("client_secret")))
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&[("grant_type", "client_credentials")]);
        let answer = self.send(request).await?;
        if answer.status != 200 {
            let outcome = oauth_refusal(&answer);
            return Err(fail(outcome, answer));
        }
        let token = self.token(answer)?;
        if validation == Validation::Token {
            return Ok(200);
        }
        let request = self
            .client
            .get(self.url("/v1/balance"))
            .query(&[("merchant_key", self.value("merchant_key"))])
            .bearer_auth(token)
            .header(reqwest::header::ACCEPT, "application/json");
        let answer = self.send(request).await?;
        // Orange's gateway: {"code": 41, "message", "description"}.
        let code = answer
            .body
            .as_ref()
            .and_then(|b| b.get("code"))
            .and_then(Value::as_u64);
        let outcome = match (answer.status, code) {
            (200, _) => return Ok(200),
            (401, Some(42)) => CheckOutcome::Expired,
            (403, _) => CheckOutcome::MissingPermission,
            (404, _) => CheckOutcome::WrongAccount,
            _ => CheckOutcome::OperatorError,
        };
        Err(fail(outcome, answer))
    }

    async fn mtn_ci(&mut self, validation: Validation) -> Result<u16, Failed> {
        let product = match self.transaction {
            TransactionType::Payment => "collection",
            TransactionType::Transfer => "disbursement",
        };
        let subscription = self.value("subscription_key").to_owned();
        let request = self
            .client
            .post(self.url(&format!("/{product}/token/")))
            .basic_auth(self.value("api_user"), Some(self.value("api_key")))
            .header("Ocp-Apim-Subscription-Key", &subscription)
            .header(reqwest::header::ACCEPT, "application/json")
            // An empty body, with its `Content-Length: 0`, which MoMo's gateway wants.
            .body("");
        let answer = self.send(request).await?;
        if answer.status != 200 {
            let outcome = mtn_refusal(&answer);
            return Err(fail(outcome, answer));
        }
        let token = self.token(answer)?;
        if validation == Validation::Token {
            return Ok(200);
        }
        let target = match self.environment {
            Environment::Test => "sandbox",
            Environment::Production => "mtnivorycoast",
        };
        let request = self
            .client
            .get(self.url(&format!("/{product}/v1_0/account/balance")))
            .bearer_auth(token)
            .header("Ocp-Apim-Subscription-Key", &subscription)
            .header("X-Target-Environment", target)
            .header(reqwest::header::ACCEPT, "application/json");
        let answer = self.send(request).await?;
        if answer.status == 200 {
            return Ok(200);
        }
        let outcome = mtn_refusal(&answer);
        Err(fail(outcome, answer))
    }

    async fn orange_sn(&mut self, validation: Validation) -> Result<u16, Failed> {
        let request = self
            .client
            .post(self.url("/oauth/token"))
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", self.value("client_id")),
                ("client_secret", self.value("client_secret")),
            ]);
        let answer = self.send(request).await?;
        if answer.status != 200 {
            let outcome = oauth_refusal(&answer);
            return Err(fail(outcome, answer));
        }
        let token = self.token(answer)?;
        if validation == Validation::Token {
            return Ok(200);
        }
        let request = self
            .client
            .get(self.url("/api/eWallet/v1/account/retailer/balance"))
            .query(&[("merchantCode", self.value("merchant_code"))])
            .bearer_auth(token)
            .header("X-Pin", self.value("pin"))
            .header(reqwest::header::ACCEPT, "application/json");
        let answer = self.send(request).await?;
        // The eWallet API: {"status", "code", "title", "detail"}.
        let outcome = match (answer.status, answer.str("code").unwrap_or_default()) {
            (200, _) => return Ok(200),
            (401, "TOKEN_EXPIRED") => CheckOutcome::Expired,
            (403, "SERVICE_NOT_ENABLED") => CheckOutcome::MissingPermission,
            (403, "PIN_INVALID") | (404, "MERCHANT_NOT_FOUND") => CheckOutcome::WrongAccount,
            _ => CheckOutcome::OperatorError,
        };
        Err(fail(outcome, answer))
    }
}

/// What an OAuth 2 token endpoint's refusal means, Orange's `code` telling apart what `error`
/// does not.
fn oauth_refusal(answer: &Answer) -> CheckOutcome {
    match (
        answer.status,
        answer.str("error").unwrap_or_default(),
        answer.str("code").unwrap_or_default(),
    ) {
        (400 | 401, _, "wrong_environment") => CheckOutcome::WrongEnvironment,
        (400 | 401, _, "expired_credentials") => CheckOutcome::Expired,
        (400 | 401, "invalid_client", _) | (401, _, _) => CheckOutcome::WrongSecret,
        (403, _, _) => CheckOutcome::MissingPermission,
        _ => CheckOutcome::OperatorError,
    }
}

/// What an answer of MTN's (its gateway's, its token endpoint's or its API's) means.
fn mtn_refusal(answer: &Answer) -> CheckOutcome {
    let error = answer
        .str("error")
        .or(answer.str("code"))
        .unwrap_or_default();
    match (answer.status, error) {
        (_, "wrong_environment" | "NOT_ALLOWED_TARGET_ENVIRONMENT") => {
            CheckOutcome::WrongEnvironment
        }
        (_, "expired_credentials" | "EXPIRED_TOKEN") => CheckOutcome::Expired,
        (403, "NOT_ALLOWED") => CheckOutcome::MissingPermission,
        // An unknown API user, a wrong API key (`login_failed`) or a wrong subscription key (the
        // gateway's `{"statusCode": 401, "message"}`).
        (401, "login_failed") | (401, "") => CheckOutcome::WrongSecret,
        _ => CheckOutcome::OperatorError,
    }
}

/// A request that got no answer: no address, no connection, or no answer in time.
fn transport(e: reqwest::Error) -> Failed {
    let outcome = if e.is_timeout() {
        CheckOutcome::TimedOut
    } else if e.is_connect() {
        CheckOutcome::Unreachable
    } else {
        CheckOutcome::OperatorError
    };
    // Without the URL, which may carry a merchant key.
    tracing::debug!(error = %e.without_url(), "connector check: no answer");
    Failed {
        outcome,
        answer: None,
    }
}

/// An operator's message as a merchant may read it: every secret replaced by [`REDACTED`]
/// (ignoring ASCII case), on one line, at most [`MESSAGE_MAX_CHARS`] characters.
pub fn clean_message(message: &str, secrets: &[String]) -> String {
    let mut secrets: Vec<&str> = secrets
        .iter()
        .map(|s| s.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    // Longest first, so that a value inside another goes with it.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    // Also as HTTP Basic and URL encoding would write them.
    let mut extra = Vec::new();
    for s in &secrets {
        extra.push(base64::engine::general_purpose::STANDARD.encode(s));
        let encoded: String = url_encode(s);
        if encoded != *s {
            extra.push(encoded);
        }
    }
    let mut text = message.to_owned();
    for secret in secrets
        .iter()
        .copied()
        .chain(extra.iter().map(String::as_str))
    {
        text = replace_ignoring_ascii_case(&text, secret, REDACTED);
    }
    let one_line: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    match one_line.char_indices().nth(MESSAGE_MAX_CHARS) {
        Some((cut, _)) => one_line[..cut].to_owned(),
        None => one_line,
    }
}

fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn replace_ignoring_ascii_case(text: &str, needle: &str, with: &str) -> String {
    let haystack = text.to_ascii_lowercase();
    let needle_lower = needle.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    // ASCII lower-casing keeps every byte where it was, so the indices are the text's.
    for (start, _) in haystack.match_indices(&needle_lower) {
        if start < last {
            continue;
        }
        out.push_str(&text[last..start]);
        out.push_str(with);
        last = start + needle.len();
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::time::Instant;

    use guichet_fake_operator::connectors::{
        MtnCiCredentials, OrangeCiCredentials, OrangeSnCredentials, MTN_CI_PRODUCTION,
        MTN_CI_SANDBOX, MTN_CI_SANDBOX_COLLECTION_ONLY, ORANGE_CI_PRODUCTION, ORANGE_CI_SANDBOX,
        ORANGE_SN_PRODUCTION, ORANGE_SN_SANDBOX,
    };
    use guichet_fake_operator::FakeOperator;

    const TIMEOUT: Duration = Duration::from_secs(10);

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn orange_ci(c: &OrangeCiCredentials) -> BTreeMap<String, String> {
        map(&[
            ("client_id", c.client_id),
            ("client_secret", c.client_secret),
            ("merchant_key", c.merchant_key),
        ])
    }

    fn mtn_ci(c: &MtnCiCredentials) -> BTreeMap<String, String> {
        map(&[
            ("api_user", c.api_user),
            ("api_key", c.api_key),
            ("subscription_key", c.subscription_key),
        ])
    }

    fn orange_sn(c: &OrangeSnCredentials) -> BTreeMap<String, String> {
        map(&[
            ("client_id", c.client_id),
            ("client_secret", c.client_secret),
            ("merchant_code", c.merchant_code),
            ("pin", c.pin),
        ])
    }

    /// Each operator with its sandbox's demo credentials.
    fn sandbox_sets() -> [(&'static str, BTreeMap<String, String>); 3] {
        [
            ("orange_ci", orange_ci(&ORANGE_CI_SANDBOX)),
            ("mtn_ci", mtn_ci(&MTN_CI_SANDBOX)),
            ("orange_sn", orange_sn(&ORANGE_SN_SANDBOX)),
        ]
    }

    fn slug(code: &str) -> &'static str {
        entry(code).unwrap().slug
    }

    async fn fake() -> String {
        let (addr, _operator) = FakeOperator::spawn(Default::default()).await;
        format!("http://{addr}")
    }

    async fn switch(root: &str, code: &str, switch: serde_json::Value) {
        let response = reqwest::Client::new()
            .put(format!("{root}/_fake/connectors/{}", slug(code)))
            .json(&switch)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
    }

    /// Checks, and asserts that what the operator said holds none of the values.
    async fn check(
        connectors: &Connectors,
        code: &str,
        environment: Environment,
        transaction: TransactionType,
        fields: &BTreeMap<String, String>,
    ) -> CheckResult {
        let result = connectors
            .check(code, environment, transaction, fields)
            .await
            .unwrap();
        if let Some(message) = &result.operator_message {
            assert!(message.chars().count() <= MESSAGE_MAX_CHARS);
            for value in fields.values() {
                assert!(
                    !message.contains(value.as_str()),
                    "{message:?} has {value:?}"
                );
            }
        }
        result
    }

    #[test]
    fn the_catalogue_names_three_operators_in_both_languages() {
        let catalogue = catalogue();
        let codes: Vec<&str> = catalogue.iter().map(|o| o.code.as_str()).collect();
        assert_eq!(codes, ["orange_ci", "mtn_ci", "orange_sn"]);
        let names: Vec<(&str, &str)> = catalogue
            .iter()
            .map(|o| (o.name.as_str(), o.country.as_str()))
            .collect();
        assert_eq!(
            names,
            [("Orange CI", "CI"), ("MTN CI", "CI"), ("Orange SN", "SN")]
        );
        for operator in &catalogue {
            assert_eq!(operator.services, TransactionType::ALL);
            assert_eq!(operator.validation, Validation::Balance);
            for field in &operator.fields {
                for text in [
                    &field.label.en,
                    &field.label.fr,
                    &field.help.en,
                    &field.help.fr,
                ] {
                    assert!(!text.trim().is_empty(), "{}", field.name);
                    // French typography: « » and : with non-breaking spaces.
                    assert!(!text.contains("« ") && !text.contains(" »") && !text.contains(" :"));
                }
            }
            let mut names: Vec<&str> = operator.fields.iter().map(|f| f.name.as_str()).collect();
            names.dedup();
            assert_eq!(names.len(), operator.fields.len());
        }
        let secrets = |code: &str| -> Vec<String> {
            let operator = catalogue.iter().find(|o| o.code == code).unwrap();
            operator
                .fields
                .iter()
                .filter(|f| f.secret)
                .map(|f| f.name.clone())
                .collect()
        };
        assert_eq!(secrets("orange_ci"), ["client_secret", "merchant_key"]);
        assert_eq!(secrets("mtn_ci"), ["api_key", "subscription_key"]);
        assert_eq!(secrets("orange_sn"), ["client_secret", "pin"]);
        assert_eq!(url_variable("mtn_ci"), "GUICHET_CONNECTOR_MTN_CI_URL");
    }

    #[test]
    fn base_urls_follow_the_documented_rule() {
        let connectors = Connectors::new("http://fake:9/", TIMEOUT)
            .with_url("mtn_ci", "https://sandbox.momodeveloper.mtn.com/")
            .with_url("orange_sn", "https://gw.example/{environment}/osn")
            .with_url("nobody", "https://nowhere.example");
        assert_eq!(
            connectors.base_url("orange_ci", Environment::Test).unwrap(),
            "http://fake:9/orange-ci/sandbox"
        );
        assert_eq!(
            connectors
                .base_url("orange_ci", Environment::Production)
                .unwrap(),
            "http://fake:9/orange-ci/production"
        );
        for environment in Environment::ALL {
            assert_eq!(
                connectors.base_url("mtn_ci", environment).unwrap(),
                "https://sandbox.momodeveloper.mtn.com"
            );
        }
        assert_eq!(
            connectors
                .base_url("orange_sn", Environment::Production)
                .unwrap(),
            "https://gw.example/production/osn"
        );
        assert_eq!(connectors.base_url("nobody", Environment::Test), None);
        let none = Connectors::none(TIMEOUT).with_url("orange_ci", "http://one");
        assert_eq!(none.base_url("mtn_ci", Environment::Test), None);
        // Debug shows where, never how.
        let debug = format!("{connectors:?}");
        assert!(debug.contains("momodeveloper") && debug.contains("fake:9"));
    }

    #[test]
    fn from_config_reads_the_root_and_each_operators_url() {
        let vars = [
            ("GUICHET_CONNECTOR_URL", "http://127.0.0.1:9100/"),
            ("GUICHET_CONNECTOR_ORANGE_SN_URL", "https://osn.example"),
            ("GUICHET_CONNECTOR_TIMEOUT_SECS", "3"),
        ];
        let config = Config::parse(
            |name| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            },
            [],
        )
        .unwrap();
        let connectors = Connectors::from_config(&config);
        assert_eq!(connectors.timeout, Duration::from_secs(3));
        assert_eq!(
            connectors.base_url("mtn_ci", Environment::Test).unwrap(),
            "http://127.0.0.1:9100/mtn-ci/sandbox"
        );
        assert_eq!(
            connectors.base_url("orange_sn", Environment::Test).unwrap(),
            "https://osn.example"
        );
        let bare = Config::parse(|_| None, []).unwrap();
        assert_eq!(
            Connectors::from_config(&bare).base_url("orange_ci", Environment::Test),
            None
        );
    }

    #[test]
    fn a_request_is_checked_before_anything_is_called() {
        let fields = orange_sn(&ORANGE_SN_SANDBOX);
        let payment = TransactionType::Payment;
        let osn = entry("orange_sn").unwrap();
        let mut bad = fields.clone();
        bad.remove("pin");
        bad.insert("merchant_code".into(), "  ".into());
        bad.insert("client_id".into(), "a\u{7}b".into());
        bad.insert("colour".into(), "blue".into());
        let errors = check_request(osn, payment, &bad).unwrap_err();
        assert_eq!(errors["pin"], [messages::REQUIRED]);
        assert_eq!(errors["merchant_code"], [messages::REQUIRED]);
        assert_eq!(errors["client_id"], [messages::CONTROL_CHARACTER]);
        assert_eq!(errors["colour"], [messages::FIELD_NOT_ASKED]);
        assert_eq!(errors.len(), 4);
        // A transaction the operator does not offer.
        let payment_only = Entry {
            services: &[TransactionType::Payment],
            ..*osn
        };
        let errors = check_request(&payment_only, TransactionType::Transfer, &fields).unwrap_err();
        assert_eq!(errors.keys().collect::<Vec<_>>(), [TRANSACTION_FIELD]);
        // Values are trimmed.
        let mut padded = fields.clone();
        padded.insert("pin".into(), " 1234 ".into());
        let values = check_request(osn, payment, &padded).unwrap();
        assert_eq!(values["pin"], "1234");
    }

    #[test]
    fn messages_are_cleaned_of_every_secret() {
        let secrets = vec!["s3cr3t-Value".to_owned(), "1234".to_owned(), String::new()];
        let message = format!(
            "Client S3CR3T-VALUE refused; pin 1234 wrong; basic {}; form s3cr3t-Value\n{}",
            base64::engine::general_purpose::STANDARD.encode("1234"),
            "x".repeat(400)
        );
        let clean = clean_message(&message, &secrets);
        assert!(clean.starts_with(
            "Client [redacted] refused; pin [redacted] wrong; basic [redacted]; form [redacted] xxx"
        ));
        assert_eq!(clean.chars().count(), MESSAGE_MAX_CHARS);
        assert!(!clean.to_ascii_lowercase().contains("s3cr3t") && !clean.contains("1234"));
        assert_eq!(clean_message("naïve – ok", &secrets), "naïve – ok");
        assert_eq!(
            clean_message("a b%40c", &["b@c".to_owned()]),
            "a [redacted]"
        );
    }

    #[tokio::test]
    async fn demo_credentials_are_valid_for_payment_and_transfer() {
        let root = fake().await;
        let connectors = Connectors::new(&root, TIMEOUT);
        let sets = [
            (
                "orange_ci",
                Environment::Test,
                orange_ci(&ORANGE_CI_SANDBOX),
            ),
            (
                "orange_ci",
                Environment::Production,
                orange_ci(&ORANGE_CI_PRODUCTION),
            ),
            ("mtn_ci", Environment::Test, mtn_ci(&MTN_CI_SANDBOX)),
            (
                "mtn_ci",
                Environment::Production,
                mtn_ci(&MTN_CI_PRODUCTION),
            ),
            (
                "orange_sn",
                Environment::Test,
                orange_sn(&ORANGE_SN_SANDBOX),
            ),
            (
                "orange_sn",
                Environment::Production,
                orange_sn(&ORANGE_SN_PRODUCTION),
            ),
        ];
        for (code, environment, fields) in &sets {
            for transaction in TransactionType::ALL {
                let result = check(&connectors, code, *environment, transaction, fields).await;
                assert_eq!(
                    result,
                    CheckResult {
                        outcome: CheckOutcome::Valid,
                        operator_status: Some(200),
                        operator_message: None,
                    },
                    "{code} {environment:?} {transaction:?}"
                );
            }
        }
    }

    #[tokio::test]
    async fn wrong_secrets_and_the_other_environment_are_told_apart() {
        let root = fake().await;
        let connectors = Connectors::new(&root, TIMEOUT);
        let test = Environment::Test;
        let payment = TransactionType::Payment;
        let wrong = |mut fields: BTreeMap<String, String>, name: &str| {
            fields.insert(name.to_owned(), "not-the-right-one".to_owned());
            fields
        };
        let cases = [
            (
                "orange_ci",
                wrong(orange_ci(&ORANGE_CI_SANDBOX), "client_secret"),
            ),
            (
                "orange_ci",
                wrong(orange_ci(&ORANGE_CI_SANDBOX), "client_id"),
            ),
            ("mtn_ci", wrong(mtn_ci(&MTN_CI_SANDBOX), "api_key")),
            ("mtn_ci", wrong(mtn_ci(&MTN_CI_SANDBOX), "api_user")),
            ("mtn_ci", wrong(mtn_ci(&MTN_CI_SANDBOX), "subscription_key")),
            (
                "orange_sn",
                wrong(orange_sn(&ORANGE_SN_SANDBOX), "client_secret"),
            ),
        ];
        for (code, fields) in &cases {
            let result = check(&connectors, code, test, payment, fields).await;
            assert_eq!(
                result.outcome,
                CheckOutcome::WrongSecret,
                "{code} {result:?}"
            );
            assert_eq!(result.operator_status, Some(401));
            assert!(result.operator_message.is_some());
        }
        // Production credentials in the sandbox, and sandbox ones in production.
        let other = [
            ("orange_ci", test, orange_ci(&ORANGE_CI_PRODUCTION)),
            ("mtn_ci", test, mtn_ci(&MTN_CI_PRODUCTION)),
            ("orange_sn", test, orange_sn(&ORANGE_SN_PRODUCTION)),
            (
                "orange_ci",
                Environment::Production,
                orange_ci(&ORANGE_CI_SANDBOX),
            ),
            ("mtn_ci", Environment::Production, mtn_ci(&MTN_CI_SANDBOX)),
            (
                "orange_sn",
                Environment::Production,
                orange_sn(&ORANGE_SN_SANDBOX),
            ),
        ];
        for (code, environment, fields) in &other {
            let result = check(&connectors, code, *environment, payment, fields).await;
            assert_eq!(
                result.outcome,
                CheckOutcome::WrongEnvironment,
                "{code} {result:?}"
            );
            assert_eq!(result.operator_status, Some(401));
            assert!(result.operator_message.unwrap().contains("environment"));
        }
    }

    #[tokio::test]
    async fn account_details_and_permissions() {
        let root = fake().await;
        let connectors = Connectors::new(&root, TIMEOUT);
        let test = Environment::Test;
        let payment = TransactionType::Payment;
        let mut pin = orange_sn(&ORANGE_SN_SANDBOX);
        pin.insert("pin".into(), "9999".into());
        let result = check(&connectors, "orange_sn", test, payment, &pin).await;
        assert_eq!(
            (result.outcome, result.operator_status),
            (CheckOutcome::WrongAccount, Some(403))
        );
        assert_eq!(
            result.operator_message.as_deref(),
            Some("The retailer's PIN (X-Pin) is wrong.")
        );
        let mut code = orange_sn(&ORANGE_SN_SANDBOX);
        code.insert("merchant_code".into(), "500002".into());
        let result = check(&connectors, "orange_sn", test, payment, &code).await;
        assert_eq!(
            (result.outcome, result.operator_status),
            (CheckOutcome::WrongAccount, Some(404))
        );
        let mut key = orange_ci(&ORANGE_CI_SANDBOX);
        key.insert("merchant_key".into(), "someone-else".into());
        let result = check(&connectors, "orange_ci", test, payment, &key).await;
        assert_eq!(
            (result.outcome, result.operator_status),
            (CheckOutcome::WrongAccount, Some(404))
        );
        // MTN's collection-only API user: good for payments, not for transfers.
        let collection_only = mtn_ci(&MTN_CI_SANDBOX_COLLECTION_ONLY);
        let result = check(&connectors, "mtn_ci", test, payment, &collection_only).await;
        assert_eq!(result.outcome, CheckOutcome::Valid);
        let transfer = TransactionType::Transfer;
        let result = check(&connectors, "mtn_ci", test, transfer, &collection_only).await;
        assert_eq!(
            (result.outcome, result.operator_status),
            (CheckOutcome::MissingPermission, Some(403))
        );
        assert!(result.operator_message.unwrap().contains("disbursement"));
    }

    #[tokio::test]
    async fn down_and_expired_operators() {
        let root = fake().await;
        let connectors = Connectors::new(&root, TIMEOUT);
        let transfer = TransactionType::Transfer;
        for (code, fields) in sandbox_sets() {
            switch(&root, code, serde_json::json!({ "mode": "down" })).await;
            let result = check(&connectors, code, Environment::Test, transfer, &fields).await;
            assert_eq!(
                (result.outcome, result.operator_status),
                (CheckOutcome::OperatorError, Some(500)),
                "{code}"
            );
            assert!(result.operator_message.unwrap().contains("down"));
            switch(&root, code, serde_json::json!({ "mode": "expired" })).await;
            let result = check(&connectors, code, Environment::Test, transfer, &fields).await;
            assert_eq!(
                (result.outcome, result.operator_status),
                (CheckOutcome::Expired, Some(401)),
                "{code}"
            );
            assert!(result.operator_message.unwrap().contains("xpired"));
        }
    }

    #[tokio::test]
    async fn a_slow_operator_times_out_in_time() {
        let root = fake().await;
        let connectors = Connectors::new(&root, Duration::from_millis(300));
        for (code, fields) in sandbox_sets() {
            switch(
                &root,
                code,
                serde_json::json!({ "mode": "slow", "seconds": 2 }),
            )
            .await;
            let started = Instant::now();
            let result = check(
                &connectors,
                code,
                Environment::Test,
                TransactionType::Payment,
                &fields,
            )
            .await;
            let took = started.elapsed();
            assert_eq!(
                result,
                CheckResult {
                    outcome: CheckOutcome::TimedOut,
                    operator_status: None,
                    operator_message: None,
                },
                "{code}"
            );
            assert!(took < Duration::from_millis(1200), "{code}: {took:?}");
        }
    }

    #[tokio::test]
    async fn nobody_listening_is_unreachable() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let connectors = Connectors::new(&format!("http://127.0.0.1:{port}"), TIMEOUT);
        for (code, fields) in sandbox_sets() {
            let result = check(
                &connectors,
                code,
                Environment::Test,
                TransactionType::Payment,
                &fields,
            )
            .await;
            assert_eq!(
                (result.outcome, result.operator_status),
                (CheckOutcome::Unreachable, None),
                "{code}"
            );
        }
        // An operator this server has no address for is not called either.
        let result = Connectors::none(TIMEOUT)
            .check(
                "orange_ci",
                Environment::Test,
                TransactionType::Payment,
                &orange_ci(&ORANGE_CI_SANDBOX),
            )
            .await
            .unwrap();
        assert_eq!(result.outcome, CheckOutcome::Unreachable);
    }

    #[tokio::test]
    async fn a_missing_field_calls_nothing() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let root = format!("http://{}", listener.local_addr().unwrap());
        let connectors = Connectors::new(&root, TIMEOUT);
        for (code, mut fields) in sandbox_sets() {
            let name = entry(code).unwrap().fields[1].name;
            fields.remove(name);
            let errors = connectors
                .check(code, Environment::Test, TransactionType::Payment, &fields)
                .await
                .unwrap_err();
            assert_eq!(errors, field_error(name, messages::REQUIRED));
        }
        let errors = connectors
            .check(
                "wave_sn",
                Environment::Test,
                TransactionType::Payment,
                &BTreeMap::new(),
            )
            .await
            .unwrap_err();
        assert_eq!(errors, field_error(OPERATOR_FIELD, messages::INVALID));
        let accepted = tokio::time::timeout(Duration::from_millis(200), listener.accept()).await;
        assert!(accepted.is_err(), "something was called");
    }

    /// An operator that says back what it was sent, as some do in their errors.
    #[tokio::test]
    async fn what_an_operator_echoes_is_redacted() {
        use axum::routing::post;
        let app = axum::Router::new().route(
            "/oauth/token",
            post(|body: String| async move {
                let description = format!("Unknown client in {body}: check it");
                (
                    axum::http::StatusCode::UNAUTHORIZED,
                    axum::Json(serde_json::json!({
                        "error": "invalid_client",
                        "error_description": description,
                    })),
                )
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let connectors = Connectors::none(TIMEOUT).with_url("orange_sn", &format!("http://{addr}"));
        let fields = orange_sn(&ORANGE_SN_SANDBOX);
        let result = check(
            &connectors,
            "orange_sn",
            Environment::Test,
            TransactionType::Payment,
            &fields,
        )
        .await;
        assert_eq!(result.outcome, CheckOutcome::WrongSecret);
        assert_eq!(
            result.operator_message.as_deref(),
            Some(
                "Unknown client in grant_type=client_credentials&client_id=[redacted]&client_secret=[redacted]: check it"
            )
        );
    }
}
