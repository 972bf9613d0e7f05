//! The built app as the server sends it: the compressed copies made at build time, how long a
//! browser may keep each file, and which entry's page answers a deep link.

use axum::http::StatusCode;
use guichet_domain::{paths, Role};

use crate::helpers::*;

const WASM: &str = "app-0123456789abcdef.wasm";

fn app_with_compressed_wasm() -> Dist {
    Dist::new()
        .with("index.html", "<!DOCTYPE html><title>Guichet</title>")
        .with(WASM, "the wasm itself")
        .with(&format!("{WASM}.br"), "the wasm as brotli")
        .with(&format!("{WASM}.gz"), "the wasm as gzip")
}

fn varies_on_encoding(r: &TestResponse) -> bool {
    r.headers
        .get_all("vary")
        .iter()
        .any(|v| v.to_str().unwrap_or_default().contains("accept-encoding"))
}

#[tokio::test]
async fn the_copy_compressed_at_build_time_is_sent_as_the_browser_accepts() {
    let dist = app_with_compressed_wasm();
    let app = spawn_app_with_dist(&dist.0).await;
    let uri = format!("/{WASM}");
    for (accepts, encoding, body) in [
        (Some("gzip, deflate, br"), Some("br"), "the wasm as brotli"),
        (Some("br"), Some("br"), "the wasm as brotli"),
        (Some("gzip"), Some("gzip"), "the wasm as gzip"),
        (Some("identity"), None, "the wasm itself"),
        (None, None, "the wasm itself"),
    ] {
        let headers: Vec<(&str, &str)> = accepts
            .map(|a| ("accept-encoding", a))
            .into_iter()
            .collect();
        let r = app.get_page(&uri, &headers).await;
        assert_eq!(r.status, StatusCode::OK, "{accepts:?}");
        assert_eq!(r.header("content-encoding"), encoding, "{accepts:?}");
        assert_eq!(r.text(), body, "{accepts:?}");
        assert_eq!(
            r.header("content-type"),
            Some("application/wasm"),
            "{accepts:?}"
        );
        assert!(varies_on_encoding(&r), "{accepts:?}: {:?}", r.headers);
    }
}

#[tokio::test]
async fn files_are_never_compressed_on_the_fly_but_the_api_is() {
    let big = "console.log('Guichet');\n".repeat(200);
    let dist = app_with_compressed_wasm().with("big.js", &big);
    let app = spawn_app_with_dist(&dist.0).await;
    let r = app
        .get_page("/big.js", &[("accept-encoding", "gzip, br")])
        .await;
    assert_eq!(r.header("content-encoding"), None);
    assert_eq!(r.text(), big);

    let api = app
        .get_page(
            &format!("{}{}", paths::PREFIX, paths::OPENAPI),
            &[("accept-encoding", "gzip")],
        )
        .await;
    assert_eq!(api.status, StatusCode::OK);
    assert_eq!(api.header("content-encoding"), Some("gzip"));
}

#[tokio::test]
async fn hashed_files_are_kept_for_a_year_pages_revalidated_and_the_rest_for_an_hour() {
    let dist = app_with_compressed_wasm()
        .with("main-1a2b3c4d5e6f7081.css", "body {}")
        .with("favicon.svg", "<svg></svg>");
    let app = spawn_app_with_dist(&dist.0).await;
    let cache = |r: &TestResponse| r.header("cache-control").map(str::to_owned);
    for uri in [&format!("/{WASM}"), "/main-1a2b3c4d5e6f7081.css"] {
        let r = app.get_page(uri, &[("accept-encoding", "br")]).await.ok();
        assert_eq!(
            cache(&r).as_deref(),
            Some("public, max-age=31536000, immutable"),
            "{uri}"
        );
    }
    let (name, cookie) = app.login(Role::Admin, ABIDJAN).await.cookie_header();
    for uri in ["/", "/index.html", "/tickets/42", "/users", "/login"] {
        let headers = if uri == "/login" {
            vec![]
        } else {
            vec![(name, cookie.as_str())]
        };
        let r = app.get_page(uri, &headers).await.ok();
        assert!(r.text().contains("<title>Guichet</title>"), "{uri}");
        assert_eq!(cache(&r).as_deref(), Some("no-cache"), "{uri}");
    }
    let icon = app.get_page("/favicon.svg", &[]).await.ok();
    assert_eq!(cache(&icon).as_deref(), Some("public, max-age=3600"));
}

#[tokio::test]
async fn a_page_revalidated_unchanged_keeps_its_no_cache() {
    let dist = app_with_compressed_wasm();
    let app = spawn_app_with_dist(&dist.0).await;
    let (name, cookie) = app.login(Role::Admin, ABIDJAN).await.cookie_header();
    let first = app.get_page("/tickets/42", &[(name, &cookie)]).await.ok();
    let modified = first.header("last-modified").expect("last-modified");
    let again = app
        .get_page(
            "/tickets/42",
            &[(name, &cookie), ("if-modified-since", modified)],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    // A cache adopts a 304's headers: a longer lifetime here would keep the page stale.
    assert_eq!(again.header("cache-control"), Some("no-cache"));
}

fn page(title: &str) -> String {
    format!("<!DOCTYPE html><title>{title}</title>")
}

#[tokio::test]
async fn a_deep_link_is_answered_by_its_entrys_page() {
    let dist = Dist::new()
        .with("index.html", page("console"))
        .with("desk.html", page("desk"))
        .with("wizard.html", page("wizard"))
        .with("login.html", page("login"))
        .with("desk-0123456789abcdef.css", "desk {}");
    let app = spawn_app_with_dist(&dist.0).await;
    let (name, cookie) = app
        .login(Role::SupportAgent, PROVIDER)
        .await
        .cookie_header();
    for (uri, title) in [
        ("/desk", "desk"),
        ("/desk/", "desk"),
        ("/desk/queue", "desk"),
        ("/desk/tickets/EFB-SUPPORT-20260113-001", "desk"),
        ("/desktop", "console"),
        ("/tickets/new", "wizard"),
        ("/tickets/new/evidence", "wizard"),
        ("/tickets/42", "console"),
        ("/tickets", "console"),
        // Listed, but not built: the console answers.
        ("/widget", "console"),
        ("/", "console"),
    ] {
        let r = app.get_page(uri, &[(name, &cookie)]).await;
        assert_eq!(r.status, StatusCode::OK, "{uri}");
        assert_eq!(r.text(), page(title), "{uri}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{uri}");
        assert_eq!(r.header("content-type"), Some("text/html"), "{uri}");
    }
    // Files are files, whatever entry their name recalls.
    let css = app.get_page("/desk-0123456789abcdef.css", &[]).await.ok();
    assert_eq!(css.text(), "desk {}");
    let desk = app.get_page("/desk.html", &[]).await.ok();
    assert_eq!(desk.text(), page("desk"));
}

#[tokio::test]
async fn without_an_entrys_page_the_console_answers_its_paths() {
    let dist = Dist::new().with("index.html", page("console"));
    let app = spawn_app_with_dist(&dist.0).await;
    let (name, cookie) = app
        .login(Role::SupportAgent, PROVIDER)
        .await
        .cookie_header();
    for uri in ["/desk/queue", "/tickets/new"] {
        let r = app.get_page(uri, &[(name, &cookie)]).await.ok();
        assert_eq!(r.text(), page("console"), "{uri}");
        assert_eq!(r.header("cache-control"), Some("no-cache"), "{uri}");
    }
}

fn location(r: &TestResponse) -> Option<&str> {
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{:?}", r.headers);
    assert_eq!(r.header("cache-control"), Some("no-store"));
    r.header("location")
}

#[tokio::test]
async fn a_signed_out_visitor_gets_the_log_in_page_and_comes_back_after() {
    let dist = Dist::new()
        .with("index.html", page("console"))
        .with("desk.html", page("desk"))
        .with("login.html", page("login"));
    let app = spawn_app_with_dist(&dist.0).await;
    for (uri, to) in [
        ("/", "/login"),
        ("/users?page=2", "/login?next=/users%3Fpage%3D2"),
        ("/desk/tickets/7", "/login?next=/desk/tickets/7"),
        ("/tickets/new", "/login?next=/tickets/new"),
    ] {
        let r = app.get_page(uri, &[]).await;
        assert_eq!(location(&r), Some(to), "{uri}");
        // A stale or forged cookie is no session either.
        let r = app
            .get_page(uri, &[("cookie", "guichet_session=forged")])
            .await;
        assert_eq!(location(&r), Some(to), "{uri}, forged cookie");
    }
    let login = app.get_page("/login?next=/users", &[]).await.ok();
    assert_eq!(login.text(), page("login"));
    // A file is a file, a page's too.
    let file = app.get_page("/index.html", &[]).await.ok();
    assert_eq!(file.text(), page("console"));

    // Once signed in, the log-in page sends each to where they were going, or home.
    let merchant = app.login(Role::Admin, ABIDJAN).await.cookie_header();
    let agent = app
        .login(Role::SupportAgent, PROVIDER)
        .await
        .cookie_header();
    for (who, uri, to) in [
        (&merchant, "/login", "/"),
        (&agent, "/login", "/desk"),
        (
            &merchant,
            "/login?next=%2Fusers%3Fpage%3D2",
            "/users?page=2",
        ),
        (&merchant, "/login?next=//evil.example", "/"),
    ] {
        let r = app.get_page(uri, &[(who.0, &who.1)]).await;
        assert_eq!(location(&r), Some(to), "{uri}");
    }
}
