//! The SQLite pool: created on first use, migrated at start-up.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub type Db = SqlitePool;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Opens (creating the file and its directory if needed) and migrates the database at `url`.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        // WAL lets readers proceed while one writer commits; the busy timeout makes writers queue
        // rather than fail when they meet.
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(5));
    let mut pool = SqlitePoolOptions::new().max_connections(8);
    if is_in_memory(url) {
        // An in-memory database lives as long as one connection to it: keep one open for good.
        pool = pool
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None);
    } else if let Some(dir) = options
        .get_filename()
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir)?;
    }
    let pool = pool.connect_with(options).await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// `sqlite::memory:` and friends; sqlx keeps its own flag private.
fn is_in_memory(url: &str) -> bool {
    url.contains(":memory:") || url.contains("mode=memory")
}

/// A transaction that takes SQLite's write lock up front. A deferred one that reads first and
/// writes later fails outright (`SQLITE_BUSY`, no waiting) if another writer committed in between;
/// taking the lock at `BEGIN` makes writers queue behind the busy timeout instead. It also makes
/// read-check-write sequences (the last-administrator rule) atomic. (PostgreSQL: a plain `BEGIN`
/// with `SELECT … FOR UPDATE` on the rows checked.)
pub async fn begin_write(db: &Db) -> Result<Transaction<'static, Sqlite>, sqlx::Error> {
    db.begin_with("BEGIN IMMEDIATE").await
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
}
