//! API keys: shown once, kept as a hash, working with exactly their permissions until revoked,
//! expired or past their overlap once rolled; every change audited without the secret.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use chrono::{Duration, Utc};
use guichet_domain::developers::{ApiKey, ApiKeyStatus, ApiScope, CreatedApiKey, KeyIdentity};
use guichet_domain::{messages, paths, ErrorCode, Role};
use serde_json::json;

use crate::helpers::*;

const SHOP: &str = "abidjan-shop";

/// `GET /api-keys/current` with `Authorization: <authorization>`.
async fn current(app: &TestApp, authorization: &str) -> TestResponse {
    app.send(
        Request::get(format!("{}{}", paths::PREFIX, paths::API_KEY_CURRENT))
            .header(header::AUTHORIZATION, authorization)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

async fn works(app: &TestApp, secret: &str) -> bool {
    let r = current(app, &format!("Bearer {secret}")).await;
    match r.status {
        StatusCode::OK => true,
        _ => {
            r.assert_error(401, ErrorCode::Unauthenticated);
            false
        }
    }
}

async fn create(app: &TestApp, login: &Login, body: serde_json::Value) -> CreatedApiKey {
    let r = app.post(Some(login), paths::API_KEYS, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    r.json()
}

fn delegated() -> serde_json::Value {
    json!({
        "name": "Boutique en ligne",
        "environment": "production",
        "scopes": ["Api.delegated_transfer_create", "Api.delegated_payment_create"],
    })
}

#[tokio::test]
async fn a_key_is_shown_once_kept_as_a_hash_and_works_with_its_permissions() {
    let app = spawn_app().await;
    let developer = app.login(Role::Developer, SHOP).await;
    let created = create(&app, &developer, delegated()).await;
    let secret = &created.secret;
    assert!(
        secret.starts_with("sprod_") && secret.len() == 6 + 32,
        "{secret}"
    );
    assert_eq!(
        created.key.fingerprint,
        format!("sprod_...{}", &secret[secret.len() - 4..])
    );
    assert_eq!(
        created.key.scopes,
        [
            ApiScope::DelegatedPaymentCreate,
            ApiScope::DelegatedTransferCreate
        ]
    );
    assert_eq!(created.key.status, ApiKeyStatus::Active);

    // The list never holds it again, nor does anything in the database.
    let listed = app.get(Some(&developer), paths::API_KEYS).await.ok();
    assert!(!listed.text().contains(secret.as_str()));
    let keys: Vec<ApiKey> = listed.json();
    assert_eq!(keys[0].id, created.key.id);
    let mut conn = app.db.acquire().await.unwrap();
    let (hash,): (String,) = sqlx::query_as("SELECT secret_hash FROM api_keys WHERE id = $1")
        .bind(&created.key.id)
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(hash.len(), 64);
    assert_ne!(&hash, secret);
    for (table, column) in [
        ("idempotency_keys", "response_body"),
        ("audit_log", "details"),
    ] {
        let found: i64 = sqlx::query_scalar(&format!(
            "SELECT COUNT(*) FROM {table} WHERE {column} LIKE $1"
        ))
        .bind(format!("%{secret}%"))
        .fetch_one(&mut *conn)
        .await
        .unwrap();
        assert_eq!(found, 0, "the secret is in {table}");
    }
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'api_key.created'")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!(audited, 1);
    drop(conn);

    // The key speaks for its organisation with exactly its permissions, and says when it was
    // last used.
    let me = current(&app, &format!("Bearer {secret}")).await.ok();
    let identity: KeyIdentity = me.json();
    assert_eq!(identity.key_id, created.key.id);
    assert_eq!(identity.scopes, created.key.scopes);
    let keys: Vec<ApiKey> = app.get(Some(&developer), paths::API_KEYS).await.json();
    assert!(keys[0].last_used_at.is_some());
    // Anything else is one answer.
    for wrong in [
        "Bearer sprod_0000000000000000000000000000000".to_owned(),
        format!("Basic {secret}"),
        String::new(),
    ] {
        current(&app, &wrong)
            .await
            .assert_error(401, ErrorCode::Unauthenticated);
    }
}

#[tokio::test]
async fn a_secret_in_a_retried_answer_is_never_replayed_from_the_database() {
    let app = spawn_app().await;
    let developer = app.login(Role::Developer, SHOP).await;
    let send = || {
        let mut request = app.request(
            Some(&developer),
            Method::POST,
            paths::API_KEYS,
            Some(delegated()),
        );
        request
            .headers_mut()
            .insert("idempotency-key", "same-click".parse().unwrap());
        app.send(request)
    };
    let first: CreatedApiKey = send().await.json();
    let second = send().await;
    assert_eq!(second.status, StatusCode::CREATED);
    assert_eq!(second.header("idempotent-replayed"), None);
    assert_ne!(second.json::<CreatedApiKey>().secret, first.secret);
}

#[tokio::test]
async fn a_revoked_key_is_refused_at_once_and_a_rolled_one_after_its_overlap() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, SHOP).await;
    let first = create(&app, &admin, delegated()).await;
    assert!(works(&app, &first.secret).await);

    // Rolled with an hour's overlap: both work, the old one until the hour is over.
    let rolled = app
        .post(
            Some(&admin),
            &paths::api_key_roll(&first.key.id),
            json!({ "overlap_hours": 1 }),
        )
        .await;
    assert_eq!(rolled.status, StatusCode::CREATED, "{}", rolled.text());
    let second: CreatedApiKey = rolled.json();
    assert_eq!(second.key.scopes, first.key.scopes);
    assert_eq!(second.key.name, first.key.name);
    assert!(works(&app, &first.secret).await && works(&app, &second.secret).await);
    let keys: Vec<ApiKey> = app.get(Some(&admin), paths::API_KEYS).await.json();
    let old = keys.iter().find(|k| k.id == first.key.id).unwrap();
    assert_eq!(old.status, ApiKeyStatus::Rolling);
    assert_eq!(old.replaced_by.as_ref(), Some(&second.key.id));
    let until = old.valid_until.unwrap() - Utc::now();
    assert!(until > Duration::minutes(59) && until <= Duration::hours(1));
    // Rolled once only; more than a day of overlap is refused.
    app.post(
        Some(&admin),
        &paths::api_key_roll(&first.key.id),
        json!({ "overlap_hours": 1 }),
    )
    .await
    .assert_error(409, ErrorCode::Conflict);
    let refused = app
        .post(
            Some(&admin),
            &paths::api_key_roll(&second.key.id),
            json!({ "overlap_hours": 25 }),
        )
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(refused.fields["overlap_hours"], [messages::OUT_OF_RANGE]);

    // Rolled with no overlap: the old one stops now.
    let third: CreatedApiKey = app
        .post(
            Some(&admin),
            &paths::api_key_roll(&second.key.id),
            json!({ "overlap_hours": 0 }),
        )
        .await
        .json();
    assert!(!works(&app, &second.secret).await);
    assert!(works(&app, &third.secret).await);

    // Revoked: refused from the next request on; revoking again changes nothing.
    let revoked: ApiKey = app
        .post(
            Some(&admin),
            &paths::api_key_revoke(&third.key.id),
            json!({}),
        )
        .await
        .json();
    assert_eq!(revoked.status, ApiKeyStatus::Revoked);
    assert!(!works(&app, &third.secret).await);
    let again: ApiKey = app
        .post(
            Some(&admin),
            &paths::api_key_revoke(&third.key.id),
            json!({}),
        )
        .await
        .json();
    assert_eq!(again.revoked_at, revoked.revoked_at);
    // The first key's overlap is not over yet.
    assert!(works(&app, &first.secret).await);
    let mut conn = app.db.acquire().await.unwrap();
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'api_key.%' ORDER BY at",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap_or_default();
    assert_eq!(
        actions,
        [
            "api_key.created",
            "api_key.rolled",
            "api_key.rolled",
            "api_key.revoked"
        ]
    );
}

#[tokio::test]
async fn a_key_is_refused_past_its_last_day_and_another_shop_cannot_touch_it() {
    let app = spawn_app().await;
    let developer = app.login(Role::Developer, SHOP).await;
    let tomorrow = (Utc::now() + Duration::days(1)).date_naive();
    let mut body = delegated();
    body["expires_on"] = json!(tomorrow);
    let key = create(&app, &developer, body.clone()).await;
    assert!(works(&app, &key.secret).await);
    let end = key.key.valid_until.unwrap();
    assert_eq!(end.date_naive(), tomorrow + Duration::days(1));

    // A day that has come, no name, no permission: refused, field by field.
    body["expires_on"] = json!(Utc::now().date_naive() - Duration::days(1));
    body["name"] = json!(" ");
    body["scopes"] = json!([]);
    let refused = app
        .post(Some(&developer), paths::API_KEYS, body)
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(refused.fields["expires_on"], [messages::IN_PAST]);
    assert_eq!(refused.fields["name"], [messages::REQUIRED]);
    assert_eq!(refused.fields["scopes"], [messages::SCOPES_EMPTY]);
    // A permission outside the catalogue is not a key's.
    let unknown = app
        .post(
            Some(&developer),
            paths::API_KEYS,
            json!({ "name": "x", "environment": "test", "scopes": ["Api.everything"] }),
        )
        .await;
    assert!(unknown.status.is_client_error(), "{}", unknown.text());

    // Past its last day it stops (moved there in the database: days do not pass in a test).
    let mut conn = app.db.acquire().await.unwrap();
    sqlx::query("UPDATE api_keys SET valid_until = $1 WHERE id = $2")
        .bind(
            (Utc::now() - Duration::seconds(1))
                .to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        )
        .bind(&key.key.id)
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    assert!(!works(&app, &key.secret).await);
    let keys: Vec<ApiKey> = app.get(Some(&developer), paths::API_KEYS).await.json();
    assert_eq!(keys[0].status, ApiKeyStatus::Expired);

    // Another shop's administrator finds no such key.
    let other = app.login(Role::Admin, "paris-shop").await;
    app.post(Some(&other), &paths::api_key_revoke(&key.key.id), json!({}))
        .await
        .assert_error(404, ErrorCode::NotFound);
    let theirs: Vec<ApiKey> = app.get(Some(&other), paths::API_KEYS).await.json();
    assert!(theirs.iter().all(|k| k.id != key.key.id));
}

#[tokio::test]
async fn a_key_reads_its_shops_purchases_only_with_the_permission_to() {
    let app = spawn_app().await;
    let developer = app.login(Role::Developer, SHOP).await;
    let reader = create(
        &app,
        &developer,
        json!({ "name": "Reader", "environment": "test", "scopes": ["Api.purchases_read"] }),
    )
    .await;
    let payer = create(&app, &developer, delegated()).await;
    let with = |secret: &str, path: &str| {
        app.send(
            Request::get(format!("{}{path}", paths::PREFIX))
                .header(header::AUTHORIZATION, format!("Bearer {secret}"))
                .body(Body::empty())
                .unwrap(),
        )
    };

    let page: guichet_domain::payments::PurchasePage =
        with(&reader.secret, paths::PURCHASES).await.ok().json();
    assert!(!page.items.is_empty());
    // The same list the shop's people read.
    let finance = app.login(Role::Finance, SHOP).await;
    let theirs: guichet_domain::payments::PurchasePage =
        app.get(Some(&finance), paths::PURCHASES).await.json();
    assert_eq!(page.total, theirs.total);
    let one = &page.items[0];
    with(&reader.secret, &paths::purchase(&one.id)).await.ok();
    // Another shop's purchase is not found.
    let paris = app.login(Role::Finance, "paris-shop").await;
    let other: guichet_domain::payments::PurchasePage =
        app.get(Some(&paris), paths::PURCHASES).await.json();
    with(&reader.secret, &paths::purchase(&other.items[0].id))
        .await
        .assert_error(404, ErrorCode::NotFound);

    // A key without the permission is told which it lacks.
    let refused = with(&payer.secret, paths::PURCHASES)
        .await
        .assert_error(403, ErrorCode::Forbidden);
    assert!(
        refused.message.contains("Api.purchases_read"),
        "{}",
        refused.message
    );
    // Revoked, it reads nothing; a key never reaches what only people do.
    app.post(
        Some(&developer),
        &paths::api_key_revoke(&reader.key.id),
        json!({}),
    )
    .await
    .ok();
    with(&reader.secret, paths::PURCHASES)
        .await
        .assert_error(401, ErrorCode::Unauthenticated);
    with(&payer.secret, paths::BALANCES)
        .await
        .assert_error(401, ErrorCode::Unauthenticated);
}

#[tokio::test]
async fn a_key_reads_refunds_and_decides_none() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, SHOP).await;
    let key = create(
        &app,
        &admin,
        json!({ "name": "Refunds", "environment": "test", "scopes": ["Api.refunds_read"] }),
    )
    .await;
    let with = |path: String| {
        app.send(
            Request::get(format!("{}{path}", paths::PREFIX))
                .header(header::AUTHORIZATION, format!("Bearer {}", key.secret))
                .body(Body::empty())
                .unwrap(),
        )
    };
    let page: guichet_domain::api::Page<guichet_domain::payments::RefundSummary> =
        with(paths::REFUNDS.to_owned()).await.ok().json();
    let people: guichet_domain::api::Page<guichet_domain::payments::RefundSummary> =
        app.get(Some(&admin), paths::REFUNDS).await.json();
    assert_eq!(page.items.len(), people.items.len());
    assert!(!page.items.is_empty(), "the demo has refunds");
    let one: guichet_domain::payments::RefundDetail =
        with(paths::refund(&page.items[0].id)).await.ok().json();
    assert!(!one.can_decide && !one.can_retry);
    // The approvals inbox is a person's.
    with(format!("{}?to_decide=true", paths::REFUNDS))
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    // Reading refunds is not reading purchases.
    with(paths::PURCHASES.to_owned())
        .await
        .assert_error(403, ErrorCode::Forbidden);
}

#[tokio::test]
async fn whoever_files_tickets_sees_the_working_keys_by_name_and_fingerprint_only() {
    let app = spawn_app().await;
    let developer = app.login(Role::Developer, SHOP).await;
    let kept = create(&app, &developer, delegated()).await;
    let gone = create(
        &app,
        &developer,
        json!({ "name": "Old shop", "environment": "test", "scopes": ["Api.purchases_read"] }),
    )
    .await;
    app.post(
        Some(&developer),
        &paths::api_key_revoke(&gone.key.id),
        json!({}),
    )
    .await
    .ok();
    let support = app.login(Role::Support, SHOP).await;
    app.get(Some(&support), paths::API_KEYS)
        .await
        .assert_error(403, ErrorCode::Forbidden);
    let offered = app
        .get(Some(&support), paths::API_KEY_FINGERPRINTS)
        .await
        .ok();
    assert_eq!(
        offered.json::<serde_json::Value>(),
        json!([{ "name": "Boutique en ligne", "fingerprint": kept.key.fingerprint, "environment": "production" }])
    );
}
