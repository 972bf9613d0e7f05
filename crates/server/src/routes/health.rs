use axum::Json;
use guichet_domain::api::Health;
use guichet_domain::paths;

/// Liveness: answers without touching the database or needing a session.
#[utoipa::path(get, path = paths::HEALTH, operation_id = "health", tag = "system",
    responses((status = 200, description = "The server is up.", body = Health)))]
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    })
}
