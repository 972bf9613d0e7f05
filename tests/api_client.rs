//! The REST client against a stub `fetch`: error envelopes, request ids, headers, the 401 hook.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use guichet::api::{self, ApiError, IdempotencyKey};
use guichet_domain::api::{CreateUserRequest, LoginRequest};
use guichet_domain::{Language, Role};
use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Replaces `window.fetch` for the life of the guard; the last request is kept in
/// `window.__guichetLastRequest`.
struct StubFetch {
    original: JsValue,
}

impl StubFetch {
    fn answer(status: u16, body: &str, request_id: &str) -> Self {
        let factory = Function::new_with_args(
            "status, body, requestId",
            "return function (input, init) {
                window.__guichetLastRequest = input;
                const headers = { 'content-type': 'application/json' };
                if (requestId) { headers['x-request-id'] = requestId; }
                const payload = status === 204 ? null : body;
                return Promise.resolve(new Response(payload, { status, headers }));
            };",
        );
        let stub = factory
            .call3(
                &JsValue::NULL,
                &status.into(),
                &body.into(),
                &request_id.into(),
            )
            .unwrap();
        Self::install(stub)
    }

    fn offline() -> Self {
        let stub = Function::new_with_args(
            "input",
            "return Promise.reject(new TypeError('Failed to fetch'));",
        );
        Self::install(stub.into())
    }

    fn install(stub: JsValue) -> Self {
        let window = web_sys::window().unwrap();
        let original = Reflect::get(&window, &"fetch".into()).unwrap();
        Reflect::set(&window, &"fetch".into(), &stub).unwrap();
        StubFetch { original }
    }

    fn last_request() -> web_sys::Request {
        Reflect::get(&web_sys::window().unwrap(), &"__guichetLastRequest".into())
            .unwrap()
            .unchecked_into()
    }
}

impl Drop for StubFetch {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        Reflect::set(&window, &"fetch".into(), &self.original).unwrap();
    }
}

fn envelope(code: &str, fields: &str, request_id: &str) -> String {
    format!(
        r#"{{"error":{{"code":"{code}","message":"Message.","fields":{fields},"request_id":"{request_id}"}}}}"#
    )
}

#[wasm_bindgen_test]
async fn wrong_credentials_decode_with_the_request_id() {
    let _stub = StubFetch::answer(
        401,
        &envelope("invalid_credentials", "{}", "rid-1"),
        "rid-1",
    );
    let err = api::auth::login(&LoginRequest {
        email: "a@b.ci".into(),
        password: "x".into(),
        code: None,
    })
    .await
    .unwrap_err();
    assert_eq!(
        err,
        ApiError::InvalidCredentials {
            request_id: Some("rid-1".into())
        }
    );
    let request = StubFetch::last_request();
    assert_eq!(request.method(), "POST");
    assert!(
        request.url().ends_with("/api/v1/auth/login"),
        "{}",
        request.url()
    );
}

#[wasm_bindgen_test]
async fn validation_errors_keep_their_field_keys() {
    let body = envelope(
        "validation_failed",
        r#"{"email":["error.email_taken"]}"#,
        "rid-2",
    );
    let _stub = StubFetch::answer(422, &body, "rid-2");
    let request = CreateUserRequest {
        email: "a@b.ci".into(),
        name: "Awa".into(),
        roles: vec![Role::Viewer],
    };
    let err = api::users::create(&request, &IdempotencyKey::new())
        .await
        .unwrap_err();
    assert_eq!(err.request_id(), Some("rid-2"));
    assert_eq!(err.fields()["email"], ["error.email_taken"]);
}

#[wasm_bindgen_test]
async fn mutations_send_the_csrf_token_and_the_idempotency_key() {
    api::set_csrf_token(Some("csrf-123".into()));
    let _stub = StubFetch::answer(409, &envelope("conflict", "{}", "rid-3"), "rid-3");
    let key = IdempotencyKey::new();
    let err = api::users::deactivate(&"u-1".into(), &key)
        .await
        .unwrap_err();
    assert!(
        matches!(err, ApiError::Conflict { ref message, .. } if message == "Message."),
        "{err:?}"
    );
    let headers = StubFetch::last_request().headers();
    assert_eq!(
        headers.get("x-csrf-token").unwrap().as_deref(),
        Some("csrf-123")
    );
    assert_eq!(
        headers.get("idempotency-key").unwrap().as_deref(),
        Some(key.as_str())
    );
    assert!(StubFetch::last_request()
        .url()
        .ends_with("/api/v1/users/u-1/deactivate"));
    api::set_csrf_token(None);
}

#[wasm_bindgen_test]
async fn the_language_is_put_with_the_csrf_token() {
    api::set_csrf_token(Some("csrf-456".into()));
    let _stub = StubFetch::answer(204, "", "rid-4");
    api::auth::set_language(Language::Fr).await.unwrap();
    let request = StubFetch::last_request();
    assert_eq!(request.method(), "PUT");
    assert!(
        request.url().ends_with("/api/v1/me/language"),
        "{}",
        request.url()
    );
    assert_eq!(
        request.headers().get("x-csrf-token").unwrap().as_deref(),
        Some("csrf-456")
    );
    api::set_csrf_token(None);
}

#[wasm_bindgen_test]
async fn a_proxy_error_page_falls_back_to_the_status() {
    let _stub = StubFetch::answer(502, "<html>Bad gateway</html>", "");
    let err = api::roles::list().await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Server {
            status: 502,
            request_id: None
        }
    );
}

#[wasm_bindgen_test]
async fn an_unreachable_server_is_a_network_error() {
    let _stub = StubFetch::offline();
    assert_eq!(api::auth::me().await.unwrap_err(), ApiError::Network);
}

#[wasm_bindgen_test]
async fn a_401_resets_the_session_through_the_hook() {
    let fired = Rc::new(Cell::new(0));
    let counter = fired.clone();
    api::set_unauthorized_hook(move || counter.set(counter.get() + 1));
    let _stub = StubFetch::answer(401, &envelope("unauthenticated", "{}", "rid-4"), "rid-4");
    let err = api::users::list().await.unwrap_err();
    assert_eq!(
        err,
        ApiError::Unauthorized {
            request_id: Some("rid-4".into())
        }
    );
    assert_eq!(fired.get(), 1);

    // Wrong credentials are not a lost session.
    let _stub = StubFetch::answer(
        401,
        &envelope("invalid_credentials", "{}", "rid-5"),
        "rid-5",
    );
    let _ = api::auth::login(&LoginRequest {
        email: "a@b.ci".into(),
        password: "x".into(),
        code: None,
    })
    .await;
    assert_eq!(fired.get(), 1);
    api::set_unauthorized_hook(|| {});
}

#[wasm_bindgen_test]
async fn success_bodies_decode_and_204_is_fine() {
    let page = r#"{"items":[],"next_cursor":null}"#;
    {
        let _stub = StubFetch::answer(200, page, "rid-6");
        let got = api::audit::list(&Default::default(), Some("cursor 1".into()))
            .await
            .unwrap();
        assert!(got.items.is_empty());
        let url = StubFetch::last_request().url();
        assert!(
            url.ends_with("/api/v1/audit?before=cursor+1&limit=50"),
            "{url}"
        );
    }
    let _stub = StubFetch::answer(204, "", "rid-7");
    api::auth::logout().await.unwrap();
}
