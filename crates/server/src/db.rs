//! The database: SQLite (the embedded default) or PostgreSQL, chosen by the URL's scheme, behind
//! sqlx's `Any` driver. What differs between the two is said here, once:
//! - **placeholders**: SQL written out numbers its values `$1`, `$2`…, which both read; SQL built
//!   piece by piece writes `?` and goes through [`numbered`];
//! - **the write lock**: [`begin_write`], and claiming rows other processes claim too:
//!   [`begin_claim`];
//! - **flags**: INTEGER 0/1 on SQLite, BOOLEAN on PostgreSQL, read through [`Flag`] and
//!   written as `TRUE` / `FALSE` or bound `bool`s;
//! - **insertion order**: SQLite's implicit `rowid`, a `rowid BIGSERIAL` column on PostgreSQL
//!   where the SQL orders by it (ticket events, the outbox);
//! - **case**: `LIKE` ignores ASCII case on SQLite only, so searches compare `LOWER()`s;
//! - **migrations**: `migrations/sqlite/` and `migrations/postgres/`, the same schema in each
//!   dialect.
//!
//! Neither backend makes ids or times its own way: ids are random UUIDs the server draws
//! (`store::new_id`), times RFC 3339 text in UTC (`time::to_db`), fixed width so that both
//! compare and sort them as text.

use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyTypeInfo, AnyTypeInfoKind, AnyValueRef};
use sqlx::error::BoxDynError;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Any, ConnectOptions, Decode, Transaction, Type};

pub type Db = sqlx::AnyPool;

/// A query whose rows map to `O`, on either backend.
pub type AnyQueryAs<'q, O> = sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>>;

static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Option<Backend> {
        match url.split(':').next()? {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" => Some(Backend::Postgres),
            _ => None,
        }
    }
}

/// How a process uses its database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Connections kept open at most.
    pub pool: u32,
    /// PostgreSQL: how long one statement may run before the server cancels it.
    pub statement_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pool: 8,
            statement_timeout: Duration::from_secs(30),
        }
    }
}

/// Opens and migrates the database at `url` with the default [`Options`].
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    connect_with(url, Options::default()).await
}

/// Opens and migrates the database at `url`: `sqlite://…` (the file and its directory created
/// if missing) or `postgres://…` (TLS as its `sslmode` says, e.g. `?sslmode=verify-full`).
pub async fn connect_with(url: &str, options: Options) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    match Backend::of(url) {
        Some(Backend::Sqlite) => connect_sqlite(url, options).await,
        Some(Backend::Postgres) => {
            let timeout = options.statement_timeout.as_millis();
            let pool = AnyPoolOptions::new()
                .max_connections(options.pool)
                .after_connect(move |conn, _| {
                    Box::pin(async move {
                        sqlx::query(&format!("SET statement_timeout = {timeout}"))
                            .execute(conn)
                            .await
                            .map(|_| ())
                    })
                })
                .connect(url)
                .await?;
            POSTGRES.run(&pool).await?;
            Ok(pool)
        }
        None => Err(sqlx::Error::Configuration(
            format!("unknown database URL scheme in {url:?}: sqlite:// or postgres://").into(),
        )),
    }
}

async fn connect_sqlite(url: &str, options: Options) -> Result<Db, sqlx::Error> {
    let in_memory = is_in_memory(url);
    let sqlite = SqliteConnectOptions::from_str(url)?.create_if_missing(true);
    // `Any` hands each new connection the URL again: an in-memory database gets a name of its
    // own, shared by the pool's connections.
    let any = AnyConnectOptions::from_str(&if in_memory {
        format!(
            "sqlite:file:guichet-{}?mode=memory&cache=shared",
            uuid::Uuid::new_v4()
        )
    } else {
        sqlite.to_url_lossy().to_string()
    })?;
    let mut pool = AnyPoolOptions::new().max_connections(options.pool);
    if in_memory {
        // An in-memory database lives as long as one connection to it: keep one open for good.
        pool = pool
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
    } else if let Some(dir) = sqlite
        .get_filename()
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)?;
    }
    let pool = pool.connect_with(any).await?;
    if !in_memory {
        // WAL lets readers proceed while one writer commits; it is kept in the file. (Foreign
        // keys and a 5 s busy timeout, so that writers queue rather than fail, are sqlx's
        // defaults for every connection.)
        sqlx::query("PRAGMA journal_mode = WAL")
            .execute(&pool)
            .await?;
    }
    SQLITE.run(&pool).await?;
    Ok(pool)
}

/// `sqlite::memory:` and friends; sqlx keeps its own flag private.
fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// The backend of a pool.
pub fn backend(db: &Db) -> Backend {
    Backend::of(db.connect_options().database_url.as_str()).unwrap_or(Backend::Sqlite)
}

/// A transaction that holds the database's write lock from its start, so that read-check-write
/// sequences (the last-administrator rule, a day's next ticket number) are atomic and writers
/// queue rather than fail, whichever process they run in. SQLite: `BEGIN IMMEDIATE` (a deferred
/// transaction that reads first and writes later fails outright, `SQLITE_BUSY`, if another
/// writer committed in between). PostgreSQL: one transaction-scoped advisory lock, which every
/// writing transaction of every process takes first: writers take turns as on SQLite, while
/// readers never wait.
pub async fn begin_write(db: &Db) -> Result<Transaction<'static, Any>, sqlx::Error> {
    match backend(db) {
        Backend::Sqlite => db.begin_with("BEGIN IMMEDIATE").await,
        Backend::Postgres => {
            let mut tx = db.begin().await?;
            sqlx::query("SELECT COUNT(*) FROM (SELECT pg_advisory_xact_lock(7318)) AS locked")
                .execute(&mut *tx)
                .await?;
            Ok(tx)
        }
    }
}

/// A transaction in which to claim rows that other processes claim too (jobs), and the clause
/// that locks the rows its `SELECT` picks. SQLite: the write lock from the start, so claimers
/// take turns. PostgreSQL: a plain transaction whose `SELECT … FOR UPDATE SKIP LOCKED` passes
/// over the rows another claimer holds, so claimers never wait for each other.
pub async fn begin_claim(
    db: &Db,
) -> Result<(Transaction<'static, Any>, &'static str), sqlx::Error> {
    Ok(match backend(db) {
        Backend::Sqlite => (begin_write(db).await?, ""),
        Backend::Postgres => (db.begin().await?, " FOR UPDATE SKIP LOCKED"),
    })
}

/// SQL built piece by piece with `?` for each value, numbered `$1`, `$2`… in order (a `?`
/// inside a quoted literal is left alone).
pub fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let (mut n, mut quoted) = (0, false);
    for c in sql.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                out.push(c);
            }
            '?' if !quoted => {
                n += 1;
                out.push_str(&format!("${n}"));
            }
            _ => out.push(c),
        }
    }
    out
}

/// A stored flag: SQLite keeps INTEGER 0/1, PostgreSQL a BOOLEAN, and sqlx's `Any` reads only
/// the latter as `bool`. Row fields read it with `#[sqlx(try_from = "Flag")]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        matches!(
            ty.kind(),
            AnyTypeInfoKind::Bool
                | AnyTypeInfoKind::SmallInt
                | AnyTypeInfoKind::Integer
                | AnyTypeInfoKind::BigInt
        )
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, BoxDynError> {
        match <bool as Decode<Any>>::decode(value.clone()) {
            Ok(b) => Ok(Flag(b)),
            Err(_) => Ok(Flag(<i64 as Decode<Any>>::decode(value)? != 0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_in_memory_database_outlives_its_connections() {
        let db = connect("sqlite::memory:").await.unwrap();
        sqlx::query("INSERT INTO rate_limits (key, tat) VALUES ('a', 1)")
            .execute(&db)
            .await
            .unwrap();
        let mut conns = Vec::new();
        for _ in 0..3 {
            conns.push(db.acquire().await.unwrap());
        }
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_limits")
            .fetch_one(&mut *conns[2])
            .await
            .unwrap();
        assert_eq!(n, 1);
    }

    #[tokio::test]
    async fn creates_the_directory_of_a_database_file() {
        let dir = std::env::temp_dir().join(format!("guichet-db-{}", uuid::Uuid::new_v4()));
        let url = format!("sqlite://{}/data/guichet.db", dir.display());
        connect(&url).await.unwrap().close().await;
        assert!(dir.join("data/guichet.db").exists());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn built_sql_is_numbered_outside_literals() {
        assert_eq!(
            numbered("a = ? AND b LIKE '%?%' AND c IN (?, ?)"),
            "a = $1 AND b LIKE '%?%' AND c IN ($2, $3)"
        );
    }

    #[tokio::test]
    async fn a_flag_reads_an_integer_or_a_boolean() {
        let db = connect("sqlite::memory:").await.unwrap();
        let (t, f): (Flag, Flag) = sqlx::query_as("SELECT 1, 0").fetch_one(&db).await.unwrap();
        assert_eq!((t.0, f.0), (true, false));
    }
}
