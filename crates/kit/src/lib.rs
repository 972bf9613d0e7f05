//! Guichet's kit: what every entry of the web app is built from, and nothing that belongs to a
//! product area. It depends on no feature; what two features share moves down here (or into
//! `guichet-domain` when the server applies it too).
//!
//! - [`api`]: the typed REST client, the only code that knows URLs, headers and HTTP;
//! - [`state`]: app-wide contexts (session, locale, announcements, the clock, the entry
//!   running) and `use_submit`, how every form sends and shows the outcome;
//! - [`components`]: reusable UI that never calls the API;
//! - [`i18n`]: the locale files, the lookup, and formatting of numbers, money and dates;
//! - [`redactor`]: the only code that talks to the redaction engine's worker;
//! - [`attachments`]: files attached to a ticket or a reply, their pickers and upload;
//! - [`tickets`]: ticket lists as the merchant and the desk both show them.

pub mod api;
pub mod attachments;
pub mod components;
pub mod files;
pub mod i18n;
pub mod redactor;
pub mod state;
pub mod tickets;
