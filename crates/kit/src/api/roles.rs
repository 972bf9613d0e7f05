//! The organisation's roles.

use guichet_domain::api::RoleSummary;
use guichet_domain::paths;

use super::{http, ApiError};

/// Each role of the caller's organisation, its permissions and how many users hold it.
///
/// HTTP GET /roles
pub async fn list() -> Result<Vec<RoleSummary>, ApiError> {
    http::get(paths::ROLES).await
}
