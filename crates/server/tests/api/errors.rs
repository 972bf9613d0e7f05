use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use guichet_domain::api::User;
use guichet_domain::paths::{self, headers};
use guichet_domain::{messages, ErrorCode, Role};
use serde_json::json;

use crate::helpers::*;

fn raw(login: &Login, path: &str, content_type: Option<&str>, body: &str) -> Request<Body> {
    let mut b = Request::post(format!("{}{path}", paths::PREFIX))
        .header(header::COOKIE, format!("guichet_session={}", login.cookie))
        .header(headers::CSRF_TOKEN, &login.csrf);
    if let Some(ct) = content_type {
        b = b.header(header::CONTENT_TYPE, ct);
    }
    b.body(Body::from(body.to_owned())).unwrap()
}

#[tokio::test]
async fn malformed_json_is_400() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let r = app
        .send(raw(
            &admin,
            paths::USERS,
            Some("application/json"),
            "{\"email\": ",
        ))
        .await;
    r.assert_error(400, ErrorCode::BadRequest);
    let r = app
        .send(raw(
            &admin,
            paths::LOGIN,
            Some("application/json"),
            "not json",
        ))
        .await;
    r.assert_error(400, ErrorCode::BadRequest);
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_422_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let r = app
        .post(
            Some(&admin),
            paths::USERS,
            json!({ "email": 42, "name": "A", "roles": [] }),
        )
        .await;
    assert_eq!(
        r.assert_error(422, ErrorCode::ValidationFailed).fields["email"],
        vec!["error.invalid"]
    );

    let r = app
        .post(
            Some(&admin),
            paths::USERS,
            json!({ "name": "A", "roles": ["viewer"] }),
        )
        .await;
    assert_eq!(
        r.assert_error(422, ErrorCode::ValidationFailed).fields["email"],
        vec!["error.required"]
    );

    let r = app
        .post(
            Some(&admin),
            paths::USERS,
            json!({ "email": "a@b.cd", "name": "A", "roles": ["king"] }),
        )
        .await;
    assert!(r
        .assert_error(422, ErrorCode::ValidationFailed)
        .fields
        .contains_key("roles[0]"));

    let r = app
        .post(Some(&admin), paths::USERS, json!(["not", "an", "object"]))
        .await;
    r.assert_error(422, ErrorCode::ValidationFailed);

    // serde_json reports a number where an enum's name goes as a syntax error; it is JSON all
    // the same, of the wrong shape.
    let r = app
        .post(
            Some(&admin),
            paths::USERS,
            json!({ "email": "a@b.cd", "name": "A", "roles": [7] }),
        )
        .await;
    assert_eq!(
        r.assert_error(422, ErrorCode::ValidationFailed).fields["roles[0]"],
        vec!["error.invalid"]
    );
}

#[tokio::test]
async fn nothing_may_follow_the_json_value() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let email = "trailing@abidjan-shop.demo";
    let user = json!({ "email": email, "name": "A", "roles": ["viewer"] });
    for tail in [" GARBAGE", "{}", "]"] {
        app.send(raw(
            &admin,
            paths::USERS,
            Some("application/json"),
            &format!("{user}{tail}"),
        ))
        .await
        .assert_error(400, ErrorCode::BadRequest);
    }
    let users: Vec<User> = app.get(Some(&admin), paths::USERS).await.ok().json();
    assert!(users.iter().all(|u| u.email != email), "nobody was created");
}

#[tokio::test]
async fn a_body_without_json_content_type_is_415() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let body = json!({ "email": "a@b.cd", "name": "A", "roles": ["viewer"] }).to_string();
    app.send(raw(&admin, paths::USERS, None, &body))
        .await
        .assert_error(415, ErrorCode::UnsupportedMediaType);
    app.send(raw(&admin, paths::USERS, Some("text/plain"), &body))
        .await
        .assert_error(415, ErrorCode::UnsupportedMediaType);
    let r = app
        .send(raw(
            &admin,
            paths::USERS,
            Some("application/json; charset=utf-8"),
            &body,
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
}

#[tokio::test]
async fn unknown_api_paths_and_methods_get_the_envelope() {
    let app = spawn_app().await;
    app.get(None, "/nope")
        .await
        .assert_error(404, ErrorCode::NotFound);
    let r = app
        .send(Request::get("/api/v2/users").body(Body::empty()).unwrap())
        .await;
    r.assert_error(404, ErrorCode::NotFound);
    let r = app
        .send(Request::get("/api").body(Body::empty()).unwrap())
        .await;
    r.assert_error(404, ErrorCode::NotFound);
    app.call(None, Method::DELETE, paths::HEALTH, None)
        .await
        .assert_error(405, ErrorCode::MethodNotAllowed);
    app.call(None, Method::GET, paths::LOGIN, None)
        .await
        .assert_error(405, ErrorCode::MethodNotAllowed);
}

#[tokio::test]
async fn every_response_has_a_request_id_and_a_uuid_from_the_client_is_kept() {
    let app = spawn_app().await;
    let given = "c39df0fb-a684-447c-9fbc-3f24c288f608";
    let mut request = app.request(None, Method::GET, paths::ME, None);
    request
        .headers_mut()
        .insert(headers::REQUEST_ID, given.parse().unwrap());
    let r = app.send(request).await;
    assert_eq!(r.header(headers::REQUEST_ID), Some(given));
    assert_eq!(
        r.assert_error(401, ErrorCode::Unauthenticated).request_id,
        given
    );

    let mut request = app.request(None, Method::GET, paths::HEALTH, None);
    request
        .headers_mut()
        .insert(headers::REQUEST_ID, "'; DROP TABLE users".parse().unwrap());
    let r = app.send(request).await.ok();
    let id = r.header(headers::REQUEST_ID).unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok(), "{id}");
}

#[tokio::test]
async fn page_sizes_outside_the_documented_range_are_refused() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    for path in [
        "/audit?limit=0",
        "/audit?limit=201",
        "/tickets?limit=0",
        "/tickets?limit=501",
    ] {
        let e = app
            .get(Some(&admin), path)
            .await
            .assert_error(422, ErrorCode::ValidationFailed);
        assert_eq!(e.fields["limit"], [messages::OUT_OF_RANGE], "{path}");
    }
    app.get(Some(&admin), "/audit?limit=200").await.ok();
    app.get(Some(&admin), "/tickets?limit=1").await.ok();
}

/// A load balancer asks the health check whether to send a process traffic: it answers 503 when
/// the process cannot reach its database, not 200.
#[tokio::test]
async fn health_says_unavailable_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.get(None, paths::HEALTH).await.ok();
    app.db.close().await;
    app.get(None, paths::HEALTH)
        .await
        .assert_error(503, ErrorCode::Unavailable);
}
