//! Connector credentials (« Identifiants des connecteurs »): the operators a merchant may
//! connect, with the fields each needs, served so that the list grows without a release of the
//! app; and a set of credentials checked with the operator as it would be called in
//! production. Permission: `credentials.manage` (Developers, Administrators).

use std::collections::BTreeMap;

use axum::extract::State;
use guichet_domain::connectors::{CheckResult, OperatorInfo, TransactionType};
use guichet_domain::tickets::Environment;
use guichet_domain::{paths, Permission};
use serde::Deserialize;

use crate::auth::Session;
use crate::connectors::catalogue;
use crate::error::{ApiResult, AppError};
use crate::extract::Json;
use crate::state::AppState;

/// The operators, their services and the fields their credentials need, with each field's
/// label and help in English and French.
#[utoipa::path(get, path = paths::CONNECTOR_OPERATORS, operation_id = "list_connector_operators", tag = "developers",
    responses((status = 200, description = "The operators.", body = Vec<OperatorInfo>)),
    security(("session" = ["credentials.manage"])))]
pub async fn operators(session: Session) -> ApiResult<axum::Json<Vec<OperatorInfo>>> {
    session.require(Permission::CredentialsManage)?;
    Ok(axum::Json(catalogue()))
}

/// `POST /connectors/check`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct CheckRequest {
    /// An operator's code, `orange_ci`.
    pub operator: String,
    pub environment: Environment,
    pub transaction_type: TransactionType,
    /// Each field the operator asks for, by its name.
    pub fields: BTreeMap<String, String>,
}

/// Checks a set of credentials with the operator (its token endpoint, then its balance), as
/// it would be called in production, within the server's time-out, and says what the operator
/// said as what to do. Saves nothing; the values are neither stored nor logged, and the
/// operator's message comes back with every value submitted replaced by `[redacted]`.
///
/// Field errors: `operator`, `transaction_type`: `error.invalid`; a field: `error.required`,
/// `error.control_character`, `error.field_not_asked`.
#[utoipa::path(post, path = paths::CONNECTOR_CHECK, operation_id = "check_connector_credentials", tag = "developers",
    request_body = CheckRequest,
    responses(
        (status = 200, description = "What the operator said: `outcome` `valid` or what to fix.", body = CheckResult),
        (status = 422, description = "`validation_failed`: nothing was sent to the operator.", body = guichet_domain::ApiErrorBody),
    ),
    security(("session" = ["credentials.manage"])))]
pub async fn check(
    State(state): State<AppState>,
    session: Session,
    Json(req): Json<CheckRequest>,
) -> ApiResult<axum::Json<CheckResult>> {
    session.require(Permission::CredentialsManage)?;
    let result = state
        .settings
        .connectors
        .check(
            &req.operator,
            req.environment,
            req.transaction_type,
            &req.fields,
        )
        .await
        .map_err(AppError::validation)?;
    Ok(axum::Json(result))
}
