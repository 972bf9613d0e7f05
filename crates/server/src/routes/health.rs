use axum::extract::State;
use axum::Json;
use guichet_domain::api::Health;
use guichet_domain::paths;

use crate::error::{ApiResult, AppError};
use crate::state::AppState;

/// Health, for a load balancer: the server is up and its database answers (503 `unavailable`
/// when it does not, so that traffic goes to another process). Needs no session.
#[utoipa::path(get, path = paths::HEALTH, operation_id = "health", tag = "system",
    responses(
        (status = 200, description = "The server is up and its database answers.", body = Health),
        (status = 503, description = "`unavailable`: the database does not answer", body = guichet_domain::ApiErrorBody),
    ))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    sqlx::query("SELECT 1")
        .execute(&state.db)
        .await
        .map_err(AppError::unavailable)?;
    Ok(Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
    }))
}
