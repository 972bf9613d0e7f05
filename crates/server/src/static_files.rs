//! The built web app: files from `GUICHET_DIST` (their compressed copies when the browser takes
//! them), and `index.html` for every other non-API path so the app's router handles deep links.
//! Unknown `/api/…` paths get the JSON 404 envelope instead.

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use tower::ServiceExt as _;
use tower_http::services::{ServeDir, ServeFile};

use crate::error::AppError;
use crate::state::Settings;

type Files = ServeDir<ServeFile>;

const NOT_BUILT: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Guichet</title></head>\
<body><h1>Guichet</h1><p>The API is running, but the web app is not built. Run <code>cargo xtask run</code>.</p>\
</body></html>\n";

pub fn service(settings: &Settings) -> Router {
    let files = settings.dist.as_deref().map(files);
    Router::new().fallback(serve).with_state(files)
}

fn files(dist: &Path) -> Files {
    // The build writes `.br` and `.gz` copies beside each text file; they are sent as they are,
    // never compressed per request. A deep link such as /tickets/42 is not a file: index.html
    // answers it with 200, and the app's router takes over.
    ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(
            ServeFile::new(dist.join("index.html"))
                .precompressed_br()
                .precompressed_gzip(),
        )
}

async fn serve(State(files): State<Option<Files>>, request: Request) -> Response {
    let path = request.uri().path();
    if path == "/api" || path.starts_with("/api/") {
        return AppError::not_found().into_response();
    }
    match files {
        Some(files) => match files.oneshot(request).await {
            Ok(mut response) => {
                // ServeDir picks the copy by Accept-Encoding but does not say so: caches must
                // not hand a brotli body to a browser that asked for gzip.
                response
                    .headers_mut()
                    .append(header::VARY, HeaderValue::from_static("accept-encoding"));
                response.into_response()
            }
            Err(e) => AppError::internal(format_args!("static file: {e}")).into_response(),
        },
        None => ([(header::CACHE_CONTROL, "no-store")], Html(NOT_BUILT)).into_response(),
    }
}
