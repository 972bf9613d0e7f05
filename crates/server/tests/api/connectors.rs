//! Connector credentials checked with the (fake) operators through the API: the catalogue, a
//! check that says what the operator said, nothing sent for a request the server refuses.

use std::time::Duration;

use guichet_domain::connectors::{CheckOutcome, CheckResult, OperatorInfo};
use guichet_domain::{paths, ErrorCode, Role};
use guichet_fake_operator::connectors::ORANGE_CI_SANDBOX;
use guichet_fake_operator::FakeOperator;
use guichet_server::connectors::Connectors;
use guichet_server::Settings;
use serde_json::json;

use crate::helpers::*;

async fn app_with_fake() -> TestApp {
    let (addr, _fake) = FakeOperator::spawn(Default::default()).await;
    let connectors = Connectors::new(&format!("http://{addr}"), Duration::from_secs(5));
    spawn_app_with(Settings::new(NO_DIST, false).with_connectors(connectors)).await
}

fn orange_ci(secret: &str) -> serde_json::Value {
    json!({
        "operator": "orange_ci",
        "environment": "test",
        "transaction_type": "payment",
        "fields": {
            "client_id": ORANGE_CI_SANDBOX.client_id,
            "client_secret": secret,
            "merchant_key": ORANGE_CI_SANDBOX.merchant_key,
        },
    })
}

#[tokio::test]
async fn a_developer_checks_credentials_with_the_operator_and_reads_what_it_said() {
    let app = app_with_fake().await;
    let developer = app.login(Role::Developer, ABIDJAN).await;
    let operators: Vec<OperatorInfo> = app
        .get(Some(&developer), paths::CONNECTOR_OPERATORS)
        .await
        .ok()
        .json();
    let codes: Vec<&str> = operators.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes, ["orange_ci", "mtn_ci", "orange_sn"]);
    assert!(operators[0]
        .fields
        .iter()
        .any(|f| f.secret && f.name == "client_secret"));

    let good: CheckResult = app
        .post(
            Some(&developer),
            paths::CONNECTOR_CHECK,
            orange_ci(ORANGE_CI_SANDBOX.client_secret),
        )
        .await
        .ok()
        .json();
    assert_eq!(good.outcome, CheckOutcome::Valid);
    let typo = "orange-ci-demo-secreT";
    let bad = app
        .post(Some(&developer), paths::CONNECTOR_CHECK, orange_ci(typo))
        .await
        .ok();
    assert!(!bad.text().contains(typo), "{}", bad.text());
    let bad: CheckResult = bad.json();
    assert_eq!(bad.outcome, CheckOutcome::WrongSecret);
    assert_eq!(bad.operator_status, Some(401));

    // A field missing: refused by the server, nothing sent.
    let mut missing = orange_ci("x");
    missing["fields"]
        .as_object_mut()
        .unwrap()
        .remove("client_id");
    let refused = app
        .post(Some(&developer), paths::CONNECTOR_CHECK, missing)
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert!(
        refused.fields.contains_key("client_id"),
        "{:?}",
        refused.fields
    );

    // Not for whoever does not manage credentials.
    let finance = app.login(Role::Finance, ABIDJAN).await;
    app.post(Some(&finance), paths::CONNECTOR_CHECK, orange_ci("x"))
        .await
        .assert_error(403, ErrorCode::Forbidden);
}
