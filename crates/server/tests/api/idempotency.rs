use axum::http::{Method, StatusCode};
use guichet_domain::api::User;
use guichet_domain::paths::{self, headers};
use guichet_domain::{ErrorCode, Role};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::helpers::*;

#[tokio::test]
async fn a_replay_returns_the_first_answer_without_acting_again() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let body =
        json!({ "email": "awa@abidjan-shop.demo", "name": "Awa Diallo", "roles": ["finance"] });
    let send = |body: serde_json::Value, key: &'static str| {
        let mut r = app.request(Some(&admin), Method::POST, paths::USERS, Some(body));
        r.headers_mut()
            .insert(headers::IDEMPOTENCY_KEY, key.parse().unwrap());
        app.send(r)
    };

    let first = send(body.clone(), "key-1").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert_eq!(first.header(headers::IDEMPOTENT_REPLAYED), None);
    let second = send(body.clone(), "key-1").await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(
        second.body, first.body,
        "identical answer, one-time password included"
    );
    assert_eq!(second.header(headers::IDEMPOTENT_REPLAYED), Some("true"));
    assert_ne!(
        second.header(headers::REQUEST_ID),
        first.header(headers::REQUEST_ID)
    );

    let users: Vec<User> = app.get(Some(&admin), paths::USERS).await.ok().json();
    assert_eq!(
        users
            .iter()
            .filter(|u| u.email == "awa@abidjan-shop.demo")
            .count(),
        1
    );

    // The same key for another request is refused, and nothing is created.
    let other =
        json!({ "email": "binta@abidjan-shop.demo", "name": "Binta Sow", "roles": ["finance"] });
    send(other.clone(), "key-1")
        .await
        .assert_error(422, ErrorCode::IdempotencyKeyReused);
    let users: Vec<User> = app.get(Some(&admin), paths::USERS).await.ok().json();
    assert!(!users.iter().any(|u| u.email == "binta@abidjan-shop.demo"));

    // A fresh key acts.
    assert_eq!(send(other, "key-2").await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn keys_belong_to_one_user_and_errors_are_replayed_with_the_new_request_id() {
    let app = spawn_app().await;
    let abidjan = app.login(Role::Admin, ABIDJAN).await;
    let paris = app.login(Role::Admin, PARIS).await;
    let taken = json!({ "email": "finance@paris-shop.demo", "name": "X", "roles": ["viewer"] });
    let send = |login: &Login, body: serde_json::Value| {
        let mut r = app.request(Some(login), Method::POST, paths::USERS, Some(body));
        r.headers_mut()
            .insert(headers::IDEMPOTENCY_KEY, "shared".parse().unwrap());
        app.send(r)
    };

    let first = send(&abidjan, taken.clone()).await;
    let e1 = first.assert_error(422, ErrorCode::ValidationFailed);
    let again = send(&abidjan, taken).await;
    let e2 = again.assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(again.header(headers::IDEMPOTENT_REPLAYED), Some("true"));
    assert_eq!(e1.fields, e2.fields);

    // Paris's admin may use the same key string for their own request.
    let r = send(
        &paris,
        json!({ "email": "new@paris-shop.demo", "name": "Y", "roles": ["viewer"] }),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
}

#[tokio::test]
async fn a_key_still_in_flight_is_409() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let body = json!({ "email": "slow@abidjan-shop.demo", "name": "Lent", "roles": ["viewer"] });
    // The placeholder the first request leaves while it runs.
    let sha: String = Sha256::digest(body.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    sqlx::query(
        "INSERT INTO idempotency_keys (user_id, idem_key, method, path, body_sha256, created_at) \
         VALUES ($1, 'busy', 'POST', '/users', $2, '2999-01-01T00:00:00.000000Z')",
    )
    .bind(&admin.me.user.id)
    .bind(sha)
    .execute(&app.db)
    .await
    .unwrap();

    let mut r = app.request(Some(&admin), Method::POST, paths::USERS, Some(body));
    r.headers_mut()
        .insert(headers::IDEMPOTENCY_KEY, "busy".parse().unwrap());
    app.send(r)
        .await
        .assert_error(409, ErrorCode::IdempotencyInProgress);
}

#[tokio::test]
async fn a_wrong_method_is_405_before_the_key_is_read() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let long_key = "k".repeat(300);
    let malformed: [&[u8]; 2] = [long_key.as_bytes(), b"\xff"];
    for key in malformed {
        let with_key = |method: Method| {
            let body = (method == Method::POST).then(
                || json!({ "email": "awa@abidjan-shop.demo", "name": "Awa", "roles": ["viewer"] }),
            );
            let mut r = app.request(Some(&admin), method, paths::USERS, body);
            r.headers_mut().insert(
                headers::IDEMPOTENCY_KEY,
                axum::http::HeaderValue::from_bytes(key).unwrap(),
            );
            app.send(r)
        };
        with_key(Method::DELETE)
            .await
            .assert_error(405, ErrorCode::MethodNotAllowed);
        // On the operation's own method the key is read, and refused.
        with_key(Method::POST)
            .await
            .assert_error(400, ErrorCode::BadRequest);
    }
}
