//! Drafts live in the browser's `localStorage`, one list per user, so a reload, a crash or a
//! closed tab loses nothing; the texts of their files live in IndexedDB (`file_store`). Only
//! redacted text is ever written to either.

use guichet_domain::UserId;
use leptos::task::spawn_local;

use super::file_store;
use super::model::Draft;

const PREFIX: &str = "guichet.ticket_drafts.";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn key(user_id: &UserId) -> String {
    format!("{PREFIX}{user_id}")
}

/// The user's drafts, most recently changed first.
pub fn load_all(user_id: &UserId) -> Vec<Draft> {
    let raw = storage().and_then(|s| s.get_item(&key(user_id)).ok().flatten());
    let mut drafts: Vec<Draft> = raw
        .and_then(|r| serde_json::from_str(&r).ok())
        .unwrap_or_default();
    drafts.sort_by(|a, b| b.updated_at.cmp(&a.updated_at));
    drafts
}

pub fn load(user_id: &UserId, id: &str) -> Option<Draft> {
    load_all(user_id).into_iter().find(|d| d.id == id)
}

/// Why a draft could not be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveError {
    /// No storage (private mode, or blocked by the browser).
    Unavailable,
    /// The browser's quota is full, usually because of a large attachment.
    Full,
}

/// Inserts or replaces the draft.
pub fn save(user_id: &UserId, draft: &Draft) -> Result<(), SaveError> {
    let storage = storage().ok_or(SaveError::Unavailable)?;
    let mut drafts = load_all(user_id);
    drafts.retain(|d| d.id != draft.id);
    drafts.insert(0, draft.light());
    write(&storage, user_id, &drafts)
}

pub fn discard(user_id: &UserId, id: &str) {
    if let Some(storage) = storage() {
        let mut drafts = load_all(user_id);
        for file in drafts.iter().filter(|d| d.id == id).flat_map(|d| &d.files) {
            forget(file.stored.clone());
        }
        drafts.retain(|d| d.id != id);
        let _ = write(&storage, user_id, &drafts);
    }
}

fn write(storage: &web_sys::Storage, user_id: &UserId, drafts: &[Draft]) -> Result<(), SaveError> {
    if drafts.is_empty() {
        let _ = storage.remove_item(&key(user_id));
        return Ok(());
    }
    let json = serde_json::to_string(drafts).map_err(|_| SaveError::Unavailable)?;
    storage
        .set_item(&key(user_id), &json)
        .map_err(|_| SaveError::Full)
}

/// Deletes a file's text from IndexedDB, if it is kept there.
pub fn forget(stored: Option<String>) {
    if let Some(key) = stored {
        spawn_local(async move { file_store::delete(&key).await });
    }
}
