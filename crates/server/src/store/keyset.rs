//! Keyset paging, for any list: an order is a list of keys that ends on the id, all in one
//! direction, so it is total; a cursor holds the order and the keys of the last row of a page,
//! and the next page is what sorts after them. No row is skipped or shown twice when others
//! arrive meanwhile, and a deep page costs no more than the first (no OFFSET).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use guichet_domain::messages;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::db::AnyQueryAs;
use crate::error::AppError;

/// One key's value in a cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Key {
    Int(i64),
    Text(String),
}

/// Where a page stopped: the order (`S`, a list's sort) and the last row's keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cursor<S> {
    pub sort: S,
    pub keys: Vec<Key>,
}

impl<S: Serialize + DeserializeOwned + PartialEq> Cursor<S> {
    /// The opaque text a client sends back.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// A cursor a client sent back for a list in `sort`, whose order has `length` keys;
    /// anything else (made up, or from another order) is a 422 on `cursor`.
    pub fn decode(text: &str, sort: S, length: usize) -> Result<Self, AppError> {
        let invalid = || AppError::field("cursor", messages::INVALID);
        let cursor: Self = URL_SAFE_NO_PAD
            .decode(text)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(invalid)?;
        if cursor.sort != sort || cursor.keys.len() != length {
            return Err(invalid());
        }
        Ok(cursor)
    }
}

/// The condition « sorts after these keys » on `columns` (descending or not), with `?`
/// placeholders, and its values in order.
pub fn after(columns: &[&str], keys: &[Key], descending: bool) -> (String, Vec<Key>) {
    let op = if descending { "<" } else { ">" };
    // a > x OR (a = x AND (b > y OR (b = y AND c > z))), from the innermost out.
    let mut pairs = columns.iter().zip(keys).rev();
    let mut sql = String::new();
    let mut binds = Vec::new();
    if let Some((column, key)) = pairs.next() {
        sql = format!("{column} {op} ?");
        binds.push(key.clone());
    }
    for (column, key) in pairs {
        sql = format!("({column} {op} ? OR ({column} = ? AND {sql}))");
        binds.splice(0..0, [key.clone(), key.clone()]);
    }
    (format!(" AND {sql}"), binds)
}

/// Binds a cursor's values to a query, in order.
pub fn bind<'q, O>(mut query: AnyQueryAs<'q, O>, keys: Vec<Key>) -> AnyQueryAs<'q, O> {
    for key in keys {
        query = match key {
            Key::Int(n) => query.bind(n),
            Key::Text(s) => query.bind(s),
        };
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_condition_nests_one_key_after_the_other() {
        let keys = [Key::Text("2026-12-01".into()), Key::Text("id-9".into())];
        let (sql, binds) = after(&["t.created_at", "t.id"], &keys, true);
        assert_eq!(
            sql,
            " AND (t.created_at < ? OR (t.created_at = ? AND t.id < ?))"
        );
        assert_eq!(binds, [keys[0].clone(), keys[0].clone(), keys[1].clone()]);
    }

    #[test]
    fn a_cursor_works_only_for_its_own_order_and_length() {
        let c = Cursor {
            sort: "oldest".to_owned(),
            keys: vec![Key::Text("2026".into()), Key::Int(4)],
        };
        let text = c.encode();
        assert_eq!(Cursor::decode(&text, "oldest".to_owned(), 2).unwrap(), c);
        assert!(Cursor::decode(&text, "newest".to_owned(), 2).is_err());
        assert!(Cursor::decode(&text, "oldest".to_owned(), 3).is_err());
        assert!(Cursor::decode("not a cursor", "oldest".to_owned(), 2).is_err());
    }
}
