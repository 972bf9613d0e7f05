use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use guichet_domain::api::Me;
use guichet_domain::paths::{self, headers};
use guichet_domain::{ErrorCode, ErrorDetail, Role};
use guichet_server::{app, auth, db, demo, AppState, Settings};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower::ServiceExt;

pub const DEMO_PASSWORD: &str = "demo password for tests";
/// Purchases each demo merchant gets in a test: enough for every status and method, few enough
/// that a fresh database per test stays quick.
pub const PURCHASES: usize = 300;

pub struct TestApp {
    pub router: Router,
    /// For tests that must set up a state the API cannot reach.
    pub db: db::Db,
    /// SQLite's file, removed on drop.
    db_file: Option<PathBuf>,
    url: String,
}

/// A fresh database with the demo data, no web app built.
pub async fn spawn_app() -> TestApp {
    spawn_app_with_dist(Path::new(NO_DIST)).await
}

/// The URL of an empty database: a file of SQLite's (and the file), or, when
/// `GUICHET_TEST_POSTGRES` names a PostgreSQL server (`cargo xtask test postgres` starts one), a
/// database created there.
async fn fresh_database() -> (String, Option<PathBuf>) {
    let name = format!("guichet_test_{}", uuid::Uuid::new_v4().simple());
    match std::env::var("GUICHET_TEST_POSTGRES") {
        Ok(admin) => {
            sqlx::any::install_default_drivers();
            let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin)
                .await
                .expect("the PostgreSQL server of GUICHET_TEST_POSTGRES");
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("a test database");
            let (server, _) = admin.rsplit_once('/').expect("a database in the URL");
            (format!("{server}/{name}"), None)
        }
        Err(_) => {
            let file = std::env::temp_dir().join(format!("{name}.db"));
            (format!("sqlite://{}", file.display()), Some(file))
        }
    }
}

/// Where no web app is built.
pub const NO_DIST: &str = "/nonexistent/guichet-dist";

pub async fn spawn_app_with_dist(dist: &Path) -> TestApp {
    spawn_app_with(Settings::new(dist, false)).await
}

/// A fresh database with the demo data, served with these settings.
pub async fn spawn_app_with(settings: Settings) -> TestApp {
    let (url, db_file) = fresh_database().await;
    let pool = db::connect(&url).await.expect("database");
    // Hashed once per test binary: argon2 is slow by design.
    static HASH: OnceLock<String> = OnceLock::new();
    let hash = HASH.get_or_init(|| auth::password::hash_blocking(DEMO_PASSWORD).expect("hash"));
    let mut conn = pool.acquire().await.expect("connection");
    assert!(demo::seed_if_new(&mut conn, hash, PURCHASES)
        .await
        .expect("seed"));
    drop(conn);
    let router = app(AppState::new(pool.clone(), settings));
    TestApp {
        router,
        db: pool,
        db_file,
        url,
    }
}

impl TestApp {
    /// Another server process on the same database: its own pool and state, nothing shared
    /// with this one but the database.
    pub async fn another_process(&self) -> TestApp {
        let pool = db::connect(&self.url).await.expect("database");
        TestApp {
            router: app(AppState::new(
                pool.clone(),
                Settings::new(Path::new(NO_DIST), false),
            )),
            db: pool,
            db_file: None,
            url: self.url.clone(),
        }
    }
}

/// A built web app in a fresh temporary folder, removed on drop.
pub struct Dist(pub PathBuf);

impl Dist {
    pub fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("guichet-dist-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("dist folder");
        Self(dir)
    }

    /// Adds a file (its name relative to the folder).
    pub fn with(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        std::fs::write(self.0.join(name), contents).expect("dist file");
        self
    }
}

impl Drop for Dist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let Some(file) = &self.db_file else { return };
        for suffix in ["", "-wal", "-shm"] {
            let mut name = file.clone().into_os_string();
            name.push(suffix);
            let _ = std::fs::remove_file(name);
        }
    }
}

/// A signed-in user: the session cookie, and the CSRF token to echo.
#[derive(Clone)]
pub struct Login {
    pub cookie: String,
    pub csrf: String,
    pub me: Me,
}

impl Login {
    /// The `Cookie` header a browser sends with every request of this session, pages too.
    pub fn cookie_header(&self) -> (&'static str, String) {
        ("cookie", format!("guichet_session={}", self.cookie))
    }
}

pub fn demo_email(role: Role, slug: &str) -> String {
    demo::email(role, slug)
}

pub const ABIDJAN: &str = "abidjan-shop";
pub const PARIS: &str = "paris-shop";
pub const PROVIDER: &str = "easytransfert";

impl TestApp {
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    /// A GET of `uri` as a browser would send it for a page or a file: no session, outside the API
    /// prefix, with these headers.
    pub async fn get_page(&self, uri: &str, headers: &[(&str, &str)]) -> TestResponse {
        let request = headers.iter().fold(Request::get(uri), |b, (name, value)| {
            b.header(*name, *value)
        });
        self.send(request.body(Body::empty()).expect("request"))
            .await
    }

    /// A request to `/api/v1{path}` as `login` (cookie, and the CSRF token on mutations), with a
    /// JSON body if given.
    pub fn request(
        &self,
        login: Option<&Login>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> Request<Body> {
        let mut b = Request::builder()
            .method(method.clone())
            .uri(format!("{}{path}", paths::PREFIX));
        if let Some(login) = login {
            b = b.header(header::COOKIE, format!("guichet_session={}", login.cookie));
            if method != Method::GET {
                b = b.header(headers::CSRF_TOKEN, &login.csrf);
            }
        }
        match body {
            Some(v) => b
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(v.to_string())),
            None => b.body(Body::empty()),
        }
        .expect("request")
    }

    pub async fn call(
        &self,
        login: Option<&Login>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> TestResponse {
        self.send(self.request(login, method, path, body)).await
    }

    pub async fn get(&self, login: Option<&Login>, path: &str) -> TestResponse {
        self.call(login, Method::GET, path, None).await
    }

    pub async fn post(&self, login: Option<&Login>, path: &str, body: Value) -> TestResponse {
        self.call(login, Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, login: Option<&Login>, path: &str, body: Value) -> TestResponse {
        self.call(login, Method::PUT, path, Some(body)).await
    }

    pub async fn try_login(&self, email: &str, password: &str) -> TestResponse {
        self.post(
            None,
            paths::LOGIN,
            serde_json::json!({ "email": email, "password": password }),
        )
        .await
    }

    /// A log-in request as the client at `ip` sends it, with a code if given.
    pub fn login_request_from(
        &self,
        ip: &str,
        email: &str,
        password: &str,
        code: Option<&str>,
    ) -> Request<Body> {
        let mut body = serde_json::json!({ "email": email, "password": password });
        if let Some(code) = code {
            body["code"] = code.into();
        }
        let mut request = self.request(None, Method::POST, paths::LOGIN, Some(body));
        let peer: std::net::SocketAddr =
            (ip.parse::<std::net::IpAddr>().expect("ip"), 40_000).into();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        request
    }

    pub async fn try_login_from(
        &self,
        ip: &str,
        email: &str,
        password: &str,
        code: Option<&str>,
    ) -> TestResponse {
        self.send(self.login_request_from(ip, email, password, code))
            .await
    }

    /// The log-in code last e-mailed to `email`, if any.
    pub async fn mailed_code(&self, email: &str) -> Option<String> {
        let body: Option<String> = sqlx::query_scalar(
            "SELECT body FROM outbox WHERE to_email = $1 AND ticket_id IS NULL ORDER BY rowid DESC LIMIT 1",
        )
        .bind(email)
        .fetch_optional(&self.db)
        .await
        .expect("outbox");
        let body = body?;
        let at = body.find("this code: ")? + "this code: ".len();
        Some(body[at..at + 6].to_owned())
    }

    pub async fn login_with(&self, email: &str, password: &str) -> Login {
        let r = self.try_login(email, password).await;
        assert_eq!(r.status, StatusCode::OK, "login {email}: {}", r.text());
        let set_cookie = r.header(header::SET_COOKIE.as_str()).expect("set-cookie");
        let cookie = set_cookie
            .strip_prefix("guichet_session=")
            .and_then(|s| s.split(';').next())
            .expect("session cookie")
            .to_owned();
        let me: Me = r.json();
        Login {
            cookie,
            csrf: me.csrf_token.clone(),
            me,
        }
    }

    /// Signs in as the demo user holding `role` in `slug`.
    pub async fn login(&self, role: Role, slug: &str) -> Login {
        self.login_with(&demo_email(role, slug), DEMO_PASSWORD)
            .await
    }

    /// The id of the user with this e-mail, as seen by `login` (who needs `users.read`).
    pub async fn user_id(&self, login: &Login, email: &str) -> guichet_domain::UserId {
        let users: Vec<guichet_domain::api::User> =
            self.get(Some(login), paths::USERS).await.ok().json();
        users
            .into_iter()
            .find(|u| u.email == email)
            .unwrap_or_else(|| panic!("no user {email}"))
            .id
    }
}

/// `POST /attachments` of `body` as `login`, with no `Content-Length` (as a stream would come).
pub fn upload(login: &Login, name: &str, media_type: &str, body: Vec<u8>) -> Request<Body> {
    Request::builder()
        .method(Method::POST)
        .uri(format!(
            "{}{}?name={name}",
            paths::PREFIX,
            paths::ATTACHMENTS
        ))
        .header(header::COOKIE, format!("guichet_session={}", login.cookie))
        .header(headers::CSRF_TOKEN, &login.csrf)
        .header(header::CONTENT_TYPE, media_type)
        .body(Body::from(body))
        .unwrap()
}

#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }

    /// The items of a page of a list (`Page<T>`).
    pub fn items<T: DeserializeOwned>(&self) -> Vec<T> {
        self.json::<guichet_domain::api::Page<T>>().items
    }

    /// Asserts a 2xx status and returns self.
    pub fn ok(self) -> Self {
        assert!(self.status.is_success(), "{}: {}", self.status, self.text());
        self
    }

    /// The error envelope; asserts it is one, and that it quotes the response's request id.
    pub fn error(&self) -> ErrorDetail {
        assert!(
            !self.status.is_success(),
            "expected an error, got {}: {}",
            self.status,
            self.text()
        );
        assert_eq!(self.header("content-type"), Some("application/json"));
        let body: guichet_domain::ApiErrorBody = self.json();
        assert_eq!(
            Some(body.error.request_id.as_str()),
            self.header(headers::REQUEST_ID),
            "request_id"
        );
        body.error
    }

    /// Asserts the status and the error code.
    pub fn assert_error(&self, status: u16, code: ErrorCode) -> ErrorDetail {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        let e = self.error();
        assert_eq!(e.code, code, "{}", self.text());
        e
    }
}
