use axum::body::Body;
use axum::http::{Request, StatusCode};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use guichet_domain::paths;
use guichet_domain::{ErrorCode, Role};
use sha2::{Digest, Sha256};

use crate::helpers::*;

/// What Trunk writes: a module script that starts the wasm, inline.
const INLINE: &str = "\nimport init, * as bindings from '/guichet-1a2b.js';\nconst wasm = await init({ module_or_path: '/guichet-1a2b_bg.wasm' });\nwindow.wasmBindings = bindings;\n";

/// index.html as Trunk writes it, and its JS glue.
fn built_app() -> Dist {
    let index = format!(
        "<!DOCTYPE html><html><head><link rel=\"modulepreload\" href=\"/guichet-1a2b.js\">\
         <script type=\"module\">{INLINE}</script></head><body></body></html>"
    );
    Dist::new()
        .with("index.html", index)
        .with("guichet-1a2b.js", "export default function init() {}")
}

fn assert_security_headers(r: &TestResponse, what: &str) {
    let csp = r
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"));
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{what}: {csp}"
    );
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{what}: {csp}"
    );
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
        "{what}: {csp}"
    );
    assert_eq!(
        r.header("x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(r.header("referrer-policy"), Some("no-referrer"), "{what}");
    assert_eq!(r.header("x-frame-options"), Some("DENY"), "{what}");
    assert!(r.header("x-request-id").is_some(), "{what}");
}

/// A page or file as a signed-in merchant's browser asks for it (a signed-out one is sent to
/// the log-in page first).
async fn get_raw(app: &TestApp, uri: &str) -> TestResponse {
    let (name, cookie) = app.login(Role::Admin, ABIDJAN).await.cookie_header();
    app.send(
        Request::get(uri)
            .header(name, cookie)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn api_responses_carry_security_headers_and_no_store() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let responses = [
        ("health", app.get(None, paths::HEALTH).await),
        ("401", app.get(None, paths::ME).await),
        ("users", app.get(Some(&admin), paths::USERS).await),
        ("404", app.get(None, "/nope").await),
    ];
    for (what, r) in &responses {
        assert_security_headers(r, what);
        assert_eq!(r.header("cache-control"), Some("no-store"), "{what}");
    }
}

#[tokio::test]
async fn static_files_carry_security_headers_and_the_csp_names_the_inline_script() {
    let dist = built_app();
    let app = spawn_app_with_dist(&dist.0).await;
    let expected_hash = format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(INLINE.as_bytes()))
    );

    let index = get_raw(&app, "/").await;
    assert_eq!(index.status, StatusCode::OK);
    assert!(index.text().contains("<script type=\"module\">"));
    assert_security_headers(&index, "index");
    assert!(index
        .header("content-security-policy")
        .unwrap()
        .contains(&expected_hash));

    let deep_link = get_raw(&app, "/tickets/EFB-SUPPORT-20260113-001").await;
    assert_eq!(deep_link.status, StatusCode::OK);
    assert_eq!(deep_link.body, index.body, "SPA fallback serves index.html");
    assert_security_headers(&deep_link, "deep link");

    let asset = get_raw(&app, "/guichet-1a2b.js").await;
    assert_eq!(asset.status, StatusCode::OK);
    assert!(asset.text().contains("export default"));
    assert_security_headers(&asset, "asset");

    // API paths never fall back to the app.
    get_raw(&app, "/api/v1/nope")
        .await
        .assert_error(404, ErrorCode::NotFound);
}

#[tokio::test]
async fn the_csp_names_the_inline_scripts_of_every_entrys_page() {
    let desk_script = "import init from '/desk-0123456789abcdef.js'; await init();";
    let dist = built_app()
        .with(
            "desk.html",
            format!("<!DOCTYPE html><script type=\"module\">{desk_script}</script>"),
        )
        // Not an entry's page: its script is no business of the policy.
        .with("stray.html", "<script>alert(1)</script>");
    let app = spawn_app_with_dist(&dist.0).await;
    let hash = |s: &str| format!("'sha256-{}'", STANDARD.encode(Sha256::digest(s.as_bytes())));
    for uri in ["/", "/desk/queue"] {
        let r = get_raw(&app, uri).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        let csp = r.header("content-security-policy").unwrap();
        assert!(csp.contains(&hash(INLINE)), "{uri}: {csp}");
        assert!(csp.contains(&hash(desk_script)), "{uri}: {csp}");
        assert!(!csp.contains(&hash("alert(1)")), "{uri}: {csp}");
        assert!(csp.contains("worker-src 'self'"), "{uri}: {csp}");
    }
}

#[tokio::test]
async fn without_a_built_app_the_root_says_how_to_build_it() {
    let app = spawn_app().await;
    let r = get_raw(&app, "/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.text().contains("cargo xtask run"));
    assert_security_headers(&r, "not built");
    app.get(None, paths::HEALTH).await.ok();
}
