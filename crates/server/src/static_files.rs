//! The built web app: files from `GUICHET_DIST` (their compressed copies when the browser takes
//! them), and for every other non-API path the HTML page of the entry it belongs to, so that the
//! entry's router handles deep links; each with how long a browser may keep it (`cache`).
//! A page request goes where the session says first (`guichet_domain::entries::redirect`): a
//! signed-out visitor of `/users` gets the small log-in page, not the console it cannot use yet.
//! Unknown `/api/…` paths get the JSON 404 envelope instead.

mod cache;

use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

use guichet_domain::entries::{redirect, Access};
use guichet_domain::Entry;

use crate::auth::session;
use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;
use cache::Freshness;

const NOT_BUILT: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Guichet</title></head>\
<body><h1>Guichet</h1><p>The API is running, but the web app is not built. Run <code>cargo xtask run</code>.</p>\
</body></html>\n";

/// The merchant console's page, which answers every path no other entry claims.
pub const INDEX: &str = Entry::Console.page();

/// Every page a build may write, index.html first.
pub fn pages() -> impl Iterator<Item = &'static str> {
    Entry::ALL.into_iter().map(Entry::page)
}

#[derive(Clone)]
struct Files {
    dir: ServeDir,
    dist: PathBuf,
    /// The pages found at start-up (`Settings::pages`).
    built: Vec<&'static str>,
    db: Db,
}

pub fn service(state: &AppState) -> Router {
    let files = state.settings.dist.as_deref().map(|dist| Files {
        // The build writes `.br` and `.gz` copies beside each text file; they are sent as they
        // are, never compressed per request.
        dir: ServeDir::new(dist).precompressed_br().precompressed_gzip(),
        dist: dist.to_owned(),
        built: state.settings.pages.clone(),
        db: state.db.clone(),
    });
    Router::new().fallback(serve).with_state(files)
}

/// What the session cookie of a page request is worth. A database that cannot answer leaves
/// the decision to the page's own guard.
async fn access(db: &Db, headers: &HeaderMap) -> Access {
    match session::of_request(db, headers).await {
        Ok(None) => Access::SignedOut,
        Ok(Some(s)) if s.user.must_change_password => Access::MustChangePassword,
        Ok(Some(s)) => Access::SignedIn(s.org_kind),
        Err(_) => Access::Unknown,
    }
}

async fn serve(State(files): State<Option<Files>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if path == "/api" || path.starts_with("/api/") {
        return AppError::not_found().into_response();
    }
    let Some(files) = files else {
        return ([(header::CACHE_CONTROL, "no-store")], Html(NOT_BUILT)).into_response();
    };
    // Files are read by method, URI and headers alone; the body is not needed twice.
    let (parts, _) = request.into_parts();
    let again = || Request::from_parts(parts.clone(), Body::empty());
    // `/` is the console's page, not the folder's index file.
    let file = if path == "/" {
        None
    } else {
        Some(files.dir.clone().oneshot(again()).await)
    };
    let (answer, freshness) = match file {
        // A deep link such as /tickets/42 or /desk/queue is not a file: its entry's page
        // answers it with 200, and that entry's router takes over.
        Some(Ok(r)) if r.status() != StatusCode::NOT_FOUND => (Ok(r), Freshness::of_file(&path)),
        Some(Err(e)) => (Err(e), Freshness::Other),
        _ => {
            let wanted = parts.uri.path_and_query().map_or("/", |p| p.as_str());
            if let Some(to) = redirect(access(&files.db, &parts.headers).await, wanted) {
                return see_other(&to);
            }
            let page = Some(Entry::of(&path).page())
                .filter(|p| files.built.contains(p))
                .unwrap_or(INDEX);
            let page = ServeFile::new(files.dist.join(page))
                .precompressed_br()
                .precompressed_gzip();
            (page.oneshot(again()).await, Freshness::Page)
        }
    };
    let mut response = match answer {
        Ok(r) => r.into_response(),
        Err(e) => return AppError::internal(format_args!("static file: {e}")).into_response(),
    };
    let status = response.status();
    let h = response.headers_mut();
    // ServeDir picks the copy by Accept-Encoding but does not say so: caches must not hand a
    // brotli body to a browser that asked for gzip.
    h.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    // On a 304 too: a cache takes the 304's headers as the stored answer's new ones.
    if status.is_success() || status == StatusCode::NOT_MODIFIED {
        h.insert(header::CACHE_CONTROL, freshness.cache_control());
    }
    response
}

/// A redirect that no cache keeps: it depends on the session.
fn see_other(to: &str) -> Response {
    let location = HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/login"));
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response()
}
