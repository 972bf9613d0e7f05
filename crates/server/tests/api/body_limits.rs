//! One body limit per operation, stated in the OpenAPI document, enforced before any handler or
//! the idempotency layer reads the body, and answered with the envelope.

use axum::http::{header, Method, StatusCode};
use guichet_domain::paths::{self, headers};
use guichet_domain::tickets::{Attachment, TEXT_ATTACHMENT_MAX_BYTES};
use guichet_domain::{ErrorCode, Role};
use guichet_server::request_body::BodyLimit;
use serde_json::{json, Value};

use crate::helpers::*;

/// As a client sends it: the declared length lets the server refuse before reading.
fn with_length(
    mut request: axum::http::Request<axum::body::Body>,
    length: usize,
) -> axum::http::Request<axum::body::Body> {
    request
        .headers_mut()
        .insert(header::CONTENT_LENGTH, length.into());
    request
}

#[tokio::test]
async fn json_past_the_limit_is_413_with_the_envelope() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let body =
        json!({ "email": "a@b.cd", "name": "x".repeat(BodyLimit::JSON.0), "roles": ["viewer"] });
    let length = body.to_string().len();

    let streamed = app.request(Some(&admin), Method::POST, paths::USERS, Some(body.clone()));
    let e = app
        .send(streamed)
        .await
        .assert_error(413, ErrorCode::PayloadTooLarge);
    assert!(
        e.message.contains(&BodyLimit::JSON.0.to_string()),
        "{}",
        e.message
    );

    let declared = app.request(Some(&admin), Method::POST, paths::USERS, Some(body));
    app.send(with_length(declared, length))
        .await
        .assert_error(413, ErrorCode::PayloadTooLarge);

    // Not even the log-in, which reads its body without a session.
    let r = app
        .post(
            None,
            paths::LOGIN,
            json!({ "email": "x".repeat(BodyLimit::JSON.0), "password": "p" }),
        )
        .await;
    r.assert_error(413, ErrorCode::PayloadTooLarge);
}

#[tokio::test]
async fn an_upload_past_its_limit_is_413_with_the_envelope() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let file = vec![b'a'; TEXT_ATTACHMENT_MAX_BYTES + 4096];
    let length = file.len();
    app.send(upload(&merchant, "big.log", "text/plain", file.clone()))
        .await
        .assert_error(413, ErrorCode::PayloadTooLarge);
    app.send(with_length(
        upload(&merchant, "big.log", "text/plain", file),
        length,
    ))
    .await
    .assert_error(413, ErrorCode::PayloadTooLarge);
}

#[tokio::test]
async fn a_large_upload_with_an_idempotency_key_is_stored_once() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    // Over the 2 MiB the idempotency layer used to buffer, well within the upload's limit.
    let file = "a line of a merchant's log\n"
        .repeat(3_000_000 / 27)
        .into_bytes();
    assert!(file.len() > 2 * 1024 * 1024);
    let send = || {
        let mut r = upload(&merchant, "large.log", "text/plain", file.clone());
        r.headers_mut()
            .insert(headers::IDEMPOTENCY_KEY, "upload-1".parse().unwrap());
        app.send(r)
    };
    let first = send().await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let stored: Attachment = first.json();
    assert_eq!(stored.size, file.len() as u64);
    let again = send().await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header(headers::IDEMPOTENT_REPLAYED), Some("true"));
    assert_eq!(again.body, first.body);
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM attachments WHERE name = 'large.log'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(count, 1);
}

#[test]
fn the_document_states_each_limit() {
    let doc: Value = serde_json::from_str(&guichet_server::openapi::to_pretty_json()).unwrap();
    let too_large = |path: &str, method: &str| {
        doc["paths"][format!("{}{path}", paths::PREFIX)][method]["responses"]["413"]["description"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    assert!(too_large(paths::USERS, "post").contains(&BodyLimit::JSON.0.to_string()));
    let upload = too_large(paths::ATTACHMENTS, "post");
    assert!(
        upload.contains(&(TEXT_ATTACHMENT_MAX_BYTES + 1024).to_string()),
        "{upload}"
    );
    assert_eq!(too_large(paths::USERS, "get"), "", "no body, no 413");
}
