//! Developers (« Gestion → Développeurs », seed 003): the organisation's API keys, each with
//! the permissions chosen from the domain's catalogue; created, shown once (copied or saved as
//! a file), rolled with an overlap, revoked. For whoever manages keys (`api_keys.manage`).

pub mod developers_page;
pub mod key_dialogs;
pub mod key_table;
pub mod model;
pub mod secret_once;
pub mod texts;

pub use developers_page::DevelopersPage;

use crate::state::session::use_session;

/// The organisation's zone, which times are read in.
fn time_zone() -> String {
    use_session().time_zone_untracked()
}
