use guichet_domain::{OrgId, UserId};
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use guichet_domain::api::User;
use guichet_domain::{Language, Permission, Role};

use super::Conn;
use crate::error::AppError;
use crate::time;

/// E-mails are compared trimmed and lower-cased, for log-in, uniqueness and the lock-out.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: UserId,
    org_id: OrgId,
    email: String,
    name: String,
    password_hash: String,
    #[sqlx(try_from = "crate::db::Flag")]
    active: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    must_change_password: bool,
    language: String,
    created_at: String,
    last_login_at: Option<String>,
}

const COLUMNS: &str = "id, org_id, email, name, password_hash, active, must_change_password, \
    language, created_at, last_login_at";

/// A user with what the API never shows: their organisation and password hash.
pub struct UserRecord {
    pub user: User,
    pub org_id: OrgId,
    pub password_hash: String,
}

impl UserRow {
    fn into_record(self, roles: Vec<Role>) -> Result<UserRecord, AppError> {
        Ok(UserRecord {
            user: User {
                id: self.id,
                email: self.email,
                name: self.name,
                roles,
                active: self.active,
                must_change_password: self.must_change_password,
                language: Language::from_tag(&self.language).ok_or_else(|| {
                    AppError::internal(format_args!("unknown language {:?}", self.language))
                })?,
                created_at: time::from_db(&self.created_at)?,
                last_login_at: self
                    .last_login_at
                    .as_deref()
                    .map(time::from_db)
                    .transpose()?,
            },
            org_id: self.org_id,
            password_hash: self.password_hash,
        })
    }
}

fn parse_roles(rows: Vec<(UserId, String)>) -> Result<HashMap<UserId, Vec<Role>>, AppError> {
    let mut by_user: HashMap<UserId, Vec<Role>> = HashMap::new();
    for (user_id, role) in rows {
        let role = Role::parse(&role)
            .ok_or_else(|| AppError::internal(format_args!("unknown role {role:?}")))?;
        by_user.entry(user_id).or_default().push(role);
    }
    for roles in by_user.values_mut() {
        roles.sort();
    }
    Ok(by_user)
}

async fn roles_of(conn: &mut Conn, user_id: &UserId) -> Result<Vec<Role>, AppError> {
    let rows: Vec<(UserId, String)> =
        sqlx::query_as("SELECT user_id, role FROM user_roles WHERE user_id = $1")
            .bind(user_id)
            .fetch_all(conn)
            .await?;
    Ok(parse_roles(rows)?.remove(user_id).unwrap_or_default())
}

pub async fn find_by_email(conn: &mut Conn, email: &str) -> Result<Option<UserRecord>, AppError> {
    let row: Option<UserRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
            .bind(normalise_email(email))
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        Some(row) => {
            let roles = roles_of(conn, &row.id).await?;
            Ok(Some(row.into_record(roles)?))
        }
        None => Ok(None),
    }
}

pub async fn find(conn: &mut Conn, id: &UserId) -> Result<Option<UserRecord>, AppError> {
    let row: Option<UserRow> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        Some(row) => {
            let roles = roles_of(conn, &row.id).await?;
            Ok(Some(row.into_record(roles)?))
        }
        None => Ok(None),
    }
}

/// The user `id` if it belongs to `org_id`: another organisation's users do not exist for you.
pub async fn find_in_org(
    conn: &mut Conn,
    org_id: &OrgId,
    id: &UserId,
) -> Result<Option<UserRecord>, AppError> {
    Ok(find(conn, id).await?.filter(|r| r.org_id == *org_id))
}

pub async fn list_in_org(conn: &mut Conn, org_id: &OrgId) -> Result<Vec<User>, AppError> {
    let rows: Vec<UserRow> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE org_id = $1 ORDER BY name, email"
    ))
    .bind(org_id)
    .fetch_all(&mut *conn)
    .await?;
    let role_rows: Vec<(UserId, String)> = sqlx::query_as(
        "SELECT user_id, role FROM user_roles WHERE user_id IN (SELECT id FROM users WHERE org_id = $1)",
    )
    .bind(org_id)
    .fetch_all(conn)
    .await?;
    let mut roles = parse_roles(role_rows)?;
    rows.into_iter()
        .map(|row| {
            let r = roles.remove(&row.id).unwrap_or_default();
            row.into_record(r).map(|rec| rec.user)
        })
        .collect()
}

pub struct NewUser<'a> {
    pub org_id: &'a OrgId,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub roles: &'a [Role],
    pub must_change_password: bool,
}

/// Returns the new user's id. A taken e-mail surfaces as the database's unique violation.
pub async fn insert(conn: &mut Conn, new: &NewUser<'_>) -> Result<UserId, sqlx::Error> {
    let id: UserId = super::new_id();
    sqlx::query(
        "INSERT INTO users (id, org_id, email, name, password_hash, active, must_change_password, created_at) \
         VALUES ($1, $2, $3, $4, $5, TRUE, $6, $7)",
    )
    .bind(&id)
    .bind(new.org_id)
    .bind(normalise_email(new.email))
    .bind(new.name.trim())
    .bind(new.password_hash)
    .bind(new.must_change_password)
    .bind(time::to_db(time::now()))
    .execute(&mut *conn)
    .await?;
    set_roles_raw(conn, &id, new.roles).await?;
    Ok(id)
}

async fn set_roles_raw(
    conn: &mut Conn,
    user_id: &UserId,
    roles: &[Role],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM user_roles WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    for role in roles {
        sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)")
            .bind(user_id)
            .bind(role.as_str())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub async fn set_roles(conn: &mut Conn, user_id: &UserId, roles: &[Role]) -> Result<(), AppError> {
    Ok(set_roles_raw(conn, user_id, roles).await?)
}

pub async fn set_active(conn: &mut Conn, user_id: &UserId, active: bool) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET active = $1 WHERE id = $2")
        .bind(active)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_password(
    conn: &mut Conn,
    user_id: &UserId,
    password_hash: &str,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET password_hash = $1, must_change_password = FALSE WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_language(
    conn: &mut Conn,
    user_id: &UserId,
    language: Language,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
        .bind(language.tag())
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn record_login(
    conn: &mut Conn,
    user_id: &UserId,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
        .bind(time::to_db(at))
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}

fn administering_roles() -> Vec<&'static str> {
    Role::ALL
        .into_iter()
        .filter(|r| r.administers())
        .map(Role::as_str)
        .collect()
}

/// Active users of `org_id` other than `except_user_id` holding a role that administers.
pub async fn other_active_admins(
    conn: &mut Conn,
    org_id: &OrgId,
    except_user_id: &UserId,
) -> Result<i64, AppError> {
    let roles = administering_roles();
    let placeholders = vec!["?"; roles.len()].join(", ");
    let sql = format!(
        "SELECT COUNT(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id \
         WHERE u.org_id = ? AND u.active = TRUE AND u.id <> ? AND r.role IN ({placeholders})"
    );
    let sql = crate::db::numbered(&sql);
    let mut query = sqlx::query_scalar(&sql).bind(org_id).bind(except_user_id);
    for role in roles {
        query = query.bind(role);
    }
    Ok(query.fetch_one(conn).await?)
}

/// The e-mail and language of each active user of `org_id` but `except` whose roles grant
/// `permission` (who to tell that something waits for them).
pub async fn with_permission(
    conn: &mut Conn,
    org_id: &OrgId,
    permission: Permission,
    except: &UserId,
) -> Result<Vec<(String, String)>, AppError> {
    let roles: Vec<&str> = Role::ALL
        .into_iter()
        .filter(|r| r.permissions().contains(&permission))
        .map(Role::as_str)
        .collect();
    let placeholders = vec!["?"; roles.len()].join(", ");
    let sql = crate::db::numbered(&format!(
        "SELECT DISTINCT u.email, u.language FROM users u JOIN user_roles r ON r.user_id = u.id \
         WHERE u.org_id = ? AND u.active = TRUE AND u.id <> ? AND r.role IN ({placeholders}) \
         ORDER BY u.email"
    ));
    let mut query = sqlx::query_as(&sql).bind(org_id).bind(except);
    for role in roles {
        query = query.bind(role);
    }
    Ok(query.fetch_all(conn).await?)
}

/// How many active users of `org_id` hold each role.
pub async fn active_role_counts(
    conn: &mut Conn,
    org_id: &OrgId,
) -> Result<HashMap<Role, u32>, AppError> {
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT r.role, COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id \
         WHERE u.org_id = $1 AND u.active = TRUE GROUP BY r.role",
    )
    .bind(org_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(role, n)| Some((Role::parse(&role)?, u32::try_from(n).unwrap_or(u32::MAX))))
        .collect())
}
