//! The fake connectors over real HTTP on loopback, as the Guichet server will meet them when it
//! validates a merchant's credentials.

use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::{Method, Request, StatusCode};
use base64::Engine;
use guichet_fake_operator::connectors::{
    Movement, MtnCiCredentials, OrangeCiCredentials, OrangeSnCredentials, MTN_CI_PRODUCTION,
    MTN_CI_SANDBOX, MTN_CI_SANDBOX_COLLECTION_ONLY, ORANGE_CI_PRODUCTION, ORANGE_CI_SANDBOX,
    ORANGE_SN_PRODUCTION, ORANGE_SN_SANDBOX, SUCCESSFUL,
};
use guichet_fake_operator::{Behaviour, FakeOperator};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};

const FORM: &str = "application/x-www-form-urlencoded";

/// A client of one fake, speaking whatever each operator speaks.
struct Fake {
    base: String,
    client: Client<HttpConnector, Full<Bytes>>,
}

impl Fake {
    async fn start() -> Self {
        let (addr, _operator) = FakeOperator::spawn(Behaviour::default()).await;
        Self {
            base: format!("http://{addr}"),
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// A call with these headers and, if any, a body of the given content type.
    async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, String)>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = match body {
            Some((content_type, body)) => {
                request = request.header("content-type", content_type);
                Bytes::from(body)
            }
            None => Bytes::new(),
        };
        let response = self
            .client
            .request(request.body(Full::new(body)).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let value = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("{status}: not JSON ({e}): {bytes:?}"));
        (status, value)
    }

    async fn get(&self, path: &str, headers: &[(&str, &str)]) -> (StatusCode, Value) {
        self.send(Method::GET, path, headers, None).await
    }

    async fn post_json(
        &self,
        path: &str,
        headers: &[(&str, &str)],
        body: Value,
    ) -> (StatusCode, Value) {
        let body = Some(("application/json", body.to_string()));
        self.send(Method::POST, path, headers, body).await
    }

    async fn switch(&self, connector: &str, switch: Value) -> (StatusCode, Value) {
        let path = format!("/_fake/connectors/{connector}");
        let body = Some(("application/json", switch.to_string()));
        self.send(Method::PUT, &path, &[], body).await
    }

    async fn orange_ci_token(&self, base: &str, id: &str, secret: &str) -> (StatusCode, Value) {
        let authorization = basic(id, secret);
        let headers = [("authorization", authorization.as_str())];
        let body = Some((FORM, "grant_type=client_credentials".to_owned()));
        let path = format!("{base}/oauth/v3/token");
        self.send(Method::POST, &path, &headers, body).await
    }

    /// A token of Orange CI's, for demo credentials that must be good.
    async fn orange_ci_bearer(&self, credentials: &OrangeCiCredentials) -> String {
        let base = format!("/orange-ci/{}", credentials.environment.as_str());
        let (status, body) = self
            .orange_ci_token(&base, credentials.client_id, credentials.client_secret)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        format!("Bearer {}", body["access_token"].as_str().unwrap())
    }

    async fn mtn_token(
        &self,
        base: &str,
        product: &str,
        credentials: &MtnCiCredentials,
    ) -> (StatusCode, Value) {
        let authorization = basic(credentials.api_user, credentials.api_key);
        let headers = [
            ("authorization", authorization.as_str()),
            ("ocp-apim-subscription-key", credentials.subscription_key),
        ];
        let path = format!("{base}/{product}/token/");
        self.send(Method::POST, &path, &headers, None).await
    }

    async fn mtn_bearer(&self, product: &str, credentials: &MtnCiCredentials) -> String {
        let base = format!("/mtn-ci/{}", credentials.environment.as_str());
        let (status, body) = self.mtn_token(&base, product, credentials).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        format!("Bearer {}", body["access_token"].as_str().unwrap())
    }

    async fn orange_sn_token(&self, base: &str, id: &str, secret: &str) -> (StatusCode, Value) {
        let body = format!("grant_type=client_credentials&client_id={id}&client_secret={secret}");
        let path = format!("{base}/oauth/token");
        self.send(Method::POST, &path, &[], Some((FORM, body)))
            .await
    }

    async fn orange_sn_bearer(&self, credentials: &OrangeSnCredentials) -> String {
        let base = format!("/orange-sn/{}", credentials.environment.as_str());
        let (status, body) = self
            .orange_sn_token(&base, credentials.client_id, credentials.client_secret)
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        format!("Bearer {}", body["access_token"].as_str().unwrap())
    }
}

fn basic(user: &str, password: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    format!("Basic {encoded}")
}

fn order(amount: i64) -> Value {
    json!({"amount": amount, "currency": "XOF", "msisdn": "2250700000001", "reference": "ORDER-1"})
}

#[tokio::test]
async fn orange_ci_demo_credentials_give_a_token_and_a_balance_in_both_environments() {
    let fake = Fake::start().await;
    for credentials in [ORANGE_CI_SANDBOX, ORANGE_CI_PRODUCTION] {
        let base = format!("/orange-ci/{}", credentials.environment.as_str());
        let (status, token) = fake
            .orange_ci_token(&base, credentials.client_id, credentials.client_secret)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(token["token_type"], "Bearer");
        assert_eq!(token["expires_in"], 3600);
        let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());

        let path = format!(
            "{base}/v1/balance?merchant_key={}",
            credentials.merchant_key
        );
        let (status, balance) = fake.get(&path, &[("authorization", &bearer)]).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            balance,
            json!({"balance": {"amount": 1_250_000, "currency": "XOF"}})
        );
    }
}

#[tokio::test]
async fn orange_ci_tells_a_wrong_secret_from_the_other_environment() {
    let fake = Fake::start().await;
    let sandbox = "/orange-ci/sandbox";

    let (status, body) = fake
        .orange_ci_token(sandbox, ORANGE_CI_SANDBOX.client_id, "not-the-secret")
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "invalid_client");
    assert_eq!(body["code"], "invalid_credentials");

    let (status, body) = fake
        .orange_ci_token(
            sandbox,
            ORANGE_CI_PRODUCTION.client_id,
            ORANGE_CI_PRODUCTION.client_secret,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "invalid_client");
    assert_eq!(body["code"], "wrong_environment");
    let description = body["error_description"].as_str().unwrap();
    assert!(description.contains("not valid in this environment (sandbox)"));

    // No Basic header at all, and a grant the fake does not serve.
    let (status, body) = fake
        .send(
            Method::POST,
            "/orange-ci/sandbox/oauth/v3/token",
            &[],
            Some((FORM, "grant_type=client_credentials".into())),
        )
        .await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::UNAUTHORIZED, &json!("invalid_credentials"))
    );
    let authorization = basic(ORANGE_CI_SANDBOX.client_id, ORANGE_CI_SANDBOX.client_secret);
    let (status, body) = fake
        .send(
            Method::POST,
            "/orange-ci/sandbox/oauth/v3/token",
            &[("authorization", &authorization)],
            Some((FORM, "grant_type=password".into())),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_request");
}

#[tokio::test]
async fn orange_ci_checks_the_token_and_the_merchant_key() {
    let fake = Fake::start().await;
    let bearer = fake.orange_ci_bearer(&ORANGE_CI_SANDBOX).await;

    let path = "/orange-ci/sandbox/v1/balance?merchant_key=someone-else";
    let (status, body) = fake.get(path, &[("authorization", &bearer)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 60);

    let path = format!(
        "/orange-ci/sandbox/v1/balance?merchant_key={}",
        ORANGE_CI_SANDBOX.merchant_key
    );
    for authorization in ["Bearer made-up", "", "Basic Zm9vOmJhcg=="] {
        let (status, body) = fake.get(&path, &[("authorization", authorization)]).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], 41);
        assert_eq!(body["message"], "Invalid credentials");
    }

    // A sandbox token is nothing in production.
    let path = format!(
        "/orange-ci/production/v1/balance?merchant_key={}",
        ORANGE_CI_PRODUCTION.merchant_key
    );
    let (status, body) = fake.get(&path, &[("authorization", &bearer)]).await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::UNAUTHORIZED, &json!(41))
    );
}

#[tokio::test]
async fn mtn_ci_demo_credentials_give_a_token_and_a_balance_per_product() {
    let fake = Fake::start().await;
    for credentials in [MTN_CI_SANDBOX, MTN_CI_PRODUCTION] {
        let base = format!("/mtn-ci/{}", credentials.environment.as_str());
        for product in ["collection", "disbursement"] {
            let (status, token) = fake.mtn_token(&base, product, &credentials).await;
            assert_eq!(status, StatusCode::OK, "{token}");
            assert_eq!(token["token_type"], "access_token");
            assert_eq!(token["expires_in"], 3600);
            let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());

            let path = format!("{base}/{product}/v1_0/account/balance");
            let headers = [
                ("authorization", bearer.as_str()),
                ("ocp-apim-subscription-key", credentials.subscription_key),
                ("x-target-environment", credentials.target_environment),
            ];
            let (status, balance) = fake.get(&path, &headers).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(
                balance,
                json!({"availableBalance": "1250000", "currency": "XOF"})
            );
        }
    }
}

#[tokio::test]
async fn mtn_ci_tells_its_refusals_apart() {
    let fake = Fake::start().await;
    let sandbox = "/mtn-ci/sandbox";

    let wrong_subscription = MtnCiCredentials {
        subscription_key: "not-a-subscription-key",
        ..MTN_CI_SANDBOX
    };
    let (status, body) = fake
        .mtn_token(sandbox, "collection", &wrong_subscription)
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({
            "statusCode": 401,
            "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."
        })
    );

    let wrong_key = MtnCiCredentials {
        api_key: "not-the-api-key",
        ..MTN_CI_SANDBOX
    };
    let (status, body) = fake.mtn_token(sandbox, "collection", &wrong_key).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "login_failed");

    // Production's API user, or production's subscription key, against the sandbox.
    let production_user = MtnCiCredentials {
        subscription_key: MTN_CI_SANDBOX.subscription_key,
        ..MTN_CI_PRODUCTION
    };
    for credentials in [production_user, MTN_CI_PRODUCTION] {
        let (status, body) = fake.mtn_token(sandbox, "collection", &credentials).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["error"], "wrong_environment");
    }

    let (status, body) = fake.mtn_token(sandbox, "remittance", &MTN_CI_SANDBOX).await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::NOT_FOUND, &json!("RESOURCE_NOT_FOUND"))
    );

    let bearer = fake.mtn_bearer("collection", &MTN_CI_SANDBOX).await;
    let balance = "/mtn-ci/sandbox/collection/v1_0/account/balance";
    let headers = [
        ("authorization", bearer.as_str()),
        ("ocp-apim-subscription-key", MTN_CI_SANDBOX.subscription_key),
        ("x-target-environment", "mtnivorycoast"),
    ];
    let (status, body) = fake.get(balance, &headers).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["code"], "NOT_ALLOWED_TARGET_ENVIRONMENT");

    // A collection token is no disbursement token, and a made-up one is nothing.
    for (path, authorization) in [
        (
            "/mtn-ci/sandbox/disbursement/v1_0/account/balance",
            bearer.as_str(),
        ),
        (balance, "Bearer made-up"),
    ] {
        let headers = [
            ("authorization", authorization),
            ("ocp-apim-subscription-key", MTN_CI_SANDBOX.subscription_key),
            ("x-target-environment", "sandbox"),
        ];
        let (status, body) = fake.get(path, &headers).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["code"], "INVALID_TOKEN");
    }
}

#[tokio::test]
async fn an_mtn_api_user_without_disbursement_is_forbidden_to_transfer() {
    let fake = Fake::start().await;
    let user = MTN_CI_SANDBOX_COLLECTION_ONLY;

    let (status, body) = fake
        .mtn_token("/mtn-ci/sandbox", "disbursement", &user)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "NOT_ALLOWED");
    assert!(body["message"].as_str().unwrap().contains("disbursement"));

    // Its collection token works for payments, and is forbidden transfers.
    let bearer = fake.mtn_bearer("collection", &user).await;
    let headers = |reference: &'static str| {
        [
            ("authorization", bearer.clone()),
            (
                "ocp-apim-subscription-key",
                user.subscription_key.to_owned(),
            ),
            ("x-target-environment", user.target_environment.to_owned()),
            ("x-reference-id", reference.to_owned()),
        ]
    };
    let payment_headers = headers("ref-1");
    let payment_headers: Vec<(&str, &str)> = payment_headers
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    let (status, payment) = fake
        .post_json(
            "/mtn-ci/sandbox/collection/v1_0/requesttopay",
            &payment_headers,
            order(5000),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{payment}");
    assert_eq!(payment["principal"], user.api_user);

    let transfer_headers = headers("ref-2");
    let transfer_headers: Vec<(&str, &str)> = transfer_headers
        .iter()
        .map(|(n, v)| (*n, v.as_str()))
        .collect();
    let (status, body) = fake
        .post_json(
            "/mtn-ci/sandbox/disbursement/v1_0/transfer",
            &transfer_headers,
            order(5000),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        body["message"],
        "This API user is not enabled for the disbursement product."
    );
    let (_, transfers) = fake.get("/_fake/connectors/mtn-ci/transfers", &[]).await;
    assert_eq!(transfers, json!([]));
}

#[tokio::test]
async fn orange_sn_demo_credentials_give_a_token_and_a_balance_in_both_environments() {
    let fake = Fake::start().await;
    for credentials in [ORANGE_SN_SANDBOX, ORANGE_SN_PRODUCTION] {
        let base = format!("/orange-sn/{}", credentials.environment.as_str());
        let (status, token) = fake
            .orange_sn_token(&base, credentials.client_id, credentials.client_secret)
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(token["token_type"], "Bearer");
        let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());

        let path = format!(
            "{base}/api/eWallet/v1/account/retailer/balance?merchantCode={}",
            credentials.merchant_code
        );
        let headers = [
            ("authorization", bearer.as_str()),
            ("x-pin", credentials.pin),
        ];
        let (status, balance) = fake.get(&path, &headers).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(balance["merchantCode"], credentials.merchant_code);
        assert_eq!(
            balance["balance"],
            json!({"value": 1_250_000, "unit": "XOF"})
        );
    }
}

#[tokio::test]
async fn orange_sn_tells_its_refusals_apart() {
    let fake = Fake::start().await;
    let sandbox = "/orange-sn/sandbox";

    let (status, body) = fake
        .orange_sn_token(sandbox, ORANGE_SN_SANDBOX.client_id, "not-the-secret")
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "invalid_credentials");
    let (status, body) = fake
        .orange_sn_token(
            sandbox,
            ORANGE_SN_PRODUCTION.client_id,
            ORANGE_SN_PRODUCTION.client_secret,
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "wrong_environment");

    let bearer = fake.orange_sn_bearer(&ORANGE_SN_SANDBOX).await;
    let balance = "/orange-sn/sandbox/api/eWallet/v1/account/retailer/balance";
    let path = format!(
        "{balance}?merchantCode={}",
        ORANGE_SN_PRODUCTION.merchant_code
    );
    let headers = [
        ("authorization", bearer.as_str()),
        ("x-pin", ORANGE_SN_SANDBOX.pin),
    ];
    let (status, body) = fake.get(&path, &headers).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "MERCHANT_NOT_FOUND");

    let path = format!("{balance}?merchantCode={}", ORANGE_SN_SANDBOX.merchant_code);
    let headers = [("authorization", bearer.as_str()), ("x-pin", "0000")];
    let (status, body) = fake.get(&path, &headers).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["code"], "PIN_INVALID");
    assert_eq!(body["status"], 403);

    let headers = [
        ("authorization", "Bearer made-up"),
        ("x-pin", ORANGE_SN_SANDBOX.pin),
    ];
    let (status, body) = fake.get(&path, &headers).await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::UNAUTHORIZED, &json!("TOKEN_INVALID"))
    );
}

#[tokio::test]
async fn down_answers_500_everywhere_until_switched_back() {
    let fake = Fake::start().await;
    for connector in ["orange-ci", "mtn-ci", "orange-sn"] {
        let (status, switch) = fake.switch(connector, json!({"mode": "down"})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(switch["mode"], "down");
        let (_, read) = fake
            .get(&format!("/_fake/connectors/{connector}"), &[])
            .await;
        assert_eq!(read, switch);
    }

    let (status, body) = fake
        .orange_ci_token(
            "/orange-ci/sandbox",
            ORANGE_CI_SANDBOX.client_id,
            ORANGE_CI_SANDBOX.client_secret,
        )
        .await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::INTERNAL_SERVER_ERROR, &json!("server_error"))
    );
    let (status, body) = fake
        .mtn_token("/mtn-ci/production", "collection", &MTN_CI_PRODUCTION)
        .await;
    assert_eq!(
        (status, &body["code"]),
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            &json!("INTERNAL_PROCESSING_ERROR")
        )
    );
    let (status, body) = fake
        .get(
            "/orange-sn/sandbox/api/eWallet/v1/account/retailer/balance",
            &[],
        )
        .await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::INTERNAL_SERVER_ERROR, &json!("SERVER_ERROR"))
    );

    fake.switch("orange-ci", json!({"mode": "normal"})).await;
    fake.orange_ci_bearer(&ORANGE_CI_SANDBOX).await;
}

#[tokio::test]
async fn expired_refuses_credentials_and_tokens_as_expired() {
    let fake = Fake::start().await;
    let orange_ci = fake.orange_ci_bearer(&ORANGE_CI_SANDBOX).await;
    let mtn = fake.mtn_bearer("collection", &MTN_CI_SANDBOX).await;
    let orange_sn = fake.orange_sn_bearer(&ORANGE_SN_SANDBOX).await;
    for connector in ["orange-ci", "mtn-ci", "orange-sn"] {
        fake.switch(connector, json!({"mode": "expired"})).await;
    }

    let (status, body) = fake
        .orange_ci_token(
            "/orange-ci/sandbox",
            ORANGE_CI_SANDBOX.client_id,
            ORANGE_CI_SANDBOX.client_secret,
        )
        .await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::UNAUTHORIZED, &json!("expired_credentials"))
    );
    let path = format!(
        "/orange-ci/sandbox/v1/balance?merchant_key={}",
        ORANGE_CI_SANDBOX.merchant_key
    );
    let (status, body) = fake.get(&path, &[("authorization", &orange_ci)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        (&body["code"], &body["message"]),
        (&json!(42), &json!("Expired credentials"))
    );

    let (status, body) = fake
        .mtn_token("/mtn-ci/sandbox", "collection", &MTN_CI_SANDBOX)
        .await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::UNAUTHORIZED, &json!("expired_credentials"))
    );
    let headers = [
        ("authorization", mtn.as_str()),
        ("ocp-apim-subscription-key", MTN_CI_SANDBOX.subscription_key),
        ("x-target-environment", "sandbox"),
    ];
    let (status, body) = fake
        .get("/mtn-ci/sandbox/collection/v1_0/account/balance", &headers)
        .await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::UNAUTHORIZED, &json!("EXPIRED_TOKEN"))
    );

    let (status, body) = fake
        .orange_sn_token(
            "/orange-sn/sandbox",
            ORANGE_SN_SANDBOX.client_id,
            ORANGE_SN_SANDBOX.client_secret,
        )
        .await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::UNAUTHORIZED, &json!("expired_credentials"))
    );
    let path = format!(
        "/orange-sn/sandbox/api/eWallet/v1/account/retailer/balance?merchantCode={}",
        ORANGE_SN_SANDBOX.merchant_code
    );
    let headers = [
        ("authorization", orange_sn.as_str()),
        ("x-pin", ORANGE_SN_SANDBOX.pin),
    ];
    let (status, body) = fake.get(&path, &headers).await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::UNAUTHORIZED, &json!("TOKEN_EXPIRED"))
    );
}

#[tokio::test]
async fn tokens_expire_after_expires_in() {
    let fake = Fake::start().await;
    fake.switch("orange-ci", json!({"token_seconds": 1})).await;
    let base = "/orange-ci/sandbox";
    let (_, token) = fake
        .orange_ci_token(
            base,
            ORANGE_CI_SANDBOX.client_id,
            ORANGE_CI_SANDBOX.client_secret,
        )
        .await;
    assert_eq!(token["expires_in"], 1);
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    let path = format!(
        "{base}/v1/balance?merchant_key={}",
        ORANGE_CI_SANDBOX.merchant_key
    );

    let (status, _) = fake.get(&path, &[("authorization", &bearer)]).await;
    assert_eq!(status, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, body) = fake.get(&path, &[("authorization", &bearer)]).await;
    assert_eq!(
        (status, &body["code"]),
        (StatusCode::UNAUTHORIZED, &json!(42))
    );
}

#[tokio::test]
async fn slow_answers_late_but_answers() {
    let fake = Fake::start().await;
    let (status, switch) = fake
        .switch("mtn-ci", json!({"mode": "slow", "seconds": 0.4}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        switch,
        json!({"mode": "slow", "seconds": 0.4, "token_seconds": 3600})
    );

    let started = Instant::now();
    let (status, _) = fake
        .mtn_token("/mtn-ci/sandbox", "collection", &MTN_CI_SANDBOX)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(400));

    // The other operators are not slowed down.
    let started = Instant::now();
    fake.orange_ci_bearer(&ORANGE_CI_SANDBOX).await;
    assert!(started.elapsed() < Duration::from_millis(400));
}

#[tokio::test]
async fn the_back_door_refuses_what_it_does_not_know() {
    let fake = Fake::start().await;
    for switch in [
        json!({"mode": "sleepy"}),
        json!({"mode": "slow", "secs": 2}),
        json!({"mode": "slow", "seconds": -1}),
        json!({"token_seconds": 0}),
    ] {
        let (status, body) = fake.switch("orange-ci", switch).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(body["error"], "invalid_request");
    }
    let (status, body) = fake.switch("wave-sn", json!({"mode": "down"})).await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::NOT_FOUND, &json!("unknown_connector"))
    );

    // Under an operator's prefix, even a wrong path or method answers JSON.
    for path in [
        "/orange-ci/staging/oauth/v3/token",
        "/mtn-ci/sandbox/v2/nothing",
    ] {
        let (status, body) = fake.get(path, &[]).await;
        assert_eq!(
            (status, &body["error"]),
            (StatusCode::NOT_FOUND, &json!("not_found"))
        );
    }
    let (status, body) = fake.get("/orange-ci/sandbox/oauth/v3/token", &[]).await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::METHOD_NOT_ALLOWED, &json!("method_not_allowed"))
    );
}

#[tokio::test]
async fn a_payment_under_the_same_key_is_recorded_once() {
    let fake = Fake::start().await;
    let bearer = fake.orange_ci_bearer(&ORANGE_CI_SANDBOX).await;
    let path = "/orange-ci/sandbox/v1/payments";
    let headers = [
        ("authorization", bearer.as_str()),
        ("idempotency-key", "pay-1"),
    ];

    let (status, first) = fake.post_json(path, &headers, order(5000)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(first["status"], SUCCESSFUL);
    assert!(first["operator_ref"].as_str().unwrap().starts_with("OCI-"));
    let (status, again) = fake.post_json(path, &headers, order(5000)).await;
    assert_eq!((status, &again), (StatusCode::CREATED, &first));

    let (status, body) = fake.post_json(path, &headers, order(9999)).await;
    assert_eq!((status, &body["code"]), (StatusCode::CONFLICT, &json!(70)));
    let (status, body) = fake
        .post_json(path, &[("authorization", &bearer)], order(5000))
        .await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::BAD_REQUEST, &json!("invalid_request"))
    );

    let (status, payments) = fake.get("/_fake/connectors/orange-ci/payments", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let payments: Vec<Movement> = serde_json::from_value(payments).unwrap();
    assert_eq!(payments.len(), 1);
    assert_eq!(payments[0].idempotency_key, "pay-1");
    assert_eq!(payments[0].principal, ORANGE_CI_SANDBOX.client_id);
    assert_eq!(payments[0].amount, 5000);

    // A transfer at Orange SN, to a "destination".
    let bearer = fake.orange_sn_bearer(&ORANGE_SN_SANDBOX).await;
    let headers = [
        ("authorization", bearer.as_str()),
        ("idempotency-key", "pay-1"),
    ];
    let body = json!({"amount": 700, "currency": "XOF", "destination": "221770000001", "reference": "PAYOUT-1"});
    let (status, transfer) = fake
        .post_json(
            "/orange-sn/sandbox/api/eWallet/v1/transfers",
            &headers,
            body,
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{transfer}");
    assert_eq!(transfer["msisdn"], "221770000001");
    assert_eq!(transfer["product"], "transfer");
    let (_, transfers) = fake.get("/_fake/connectors/orange-sn/transfers", &[]).await;
    assert_eq!(transfers.as_array().unwrap().len(), 1);
}
