//! JSON strings and HAR conventions: headers, query strings, form params and
//! cookies are arrays of `{"name": …, "value": …}`, so the sensitivity of a
//! `value` comes from the `name` just before it.

use crate::names::{self, KeyClass};

/// End (exclusive, at the closing quote) of a string whose content starts at
/// `start`. `escaped` strings are JSON embedded in a JSON string (`\"`).
/// Strings do not cross lines: an unterminated one returns `None`.
pub(crate) fn string_end(b: &[u8], start: usize, quote: u8, escaped: bool) -> Option<usize> {
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'\n' => return None,
            b'\\' if escaped => {
                if b.get(i + 1) == Some(&quote) {
                    return Some(i);
                }
                i += 2;
                continue;
            }
            b'\\' if quote == b'"' => {
                i += 2;
                continue;
            }
            c if c == quote && !escaped => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Position after the `]` closing the array opened at `open`, skipping
/// strings; the end of input if it never closes.
fn array_end(b: &[u8], open: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            b'"' => {
                let mut j = i + 1;
                while j < b.len() && b[j] != b'"' {
                    j += if b[j] == b'\\' { 2 } else { 1 };
                }
                i = j;
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

/// How far after a HAR `name` its `value` may come.
const NAME_VALUE_GAP: usize = 512;

#[derive(Default)]
pub(crate) struct Har {
    /// Class of the last sensitive `name` and where its value ended.
    pending: Option<(KeyClass, usize)>,
    /// Inside `"cookies": [ … ]` until this position: every value is secret.
    cookies_end: usize,
}

impl Har {
    /// Called for each quoted key. Returns the class a `value` key inherits.
    pub(crate) fn on_key(
        &mut self,
        b: &[u8],
        key: &[u8],
        key_start: usize,
        value: Option<(usize, usize)>,
        value_open: Option<u8>,
    ) -> Option<KeyClass> {
        // HAR uses `name`; Postman and many configs use `key`.
        if key.eq_ignore_ascii_case(b"name") || key.eq_ignore_ascii_case(b"key") {
            self.pending = value.and_then(|(s, e)| names::classify(&b[s..e]).map(|c| (c, e)));
            return None;
        }
        if key.eq_ignore_ascii_case(b"cookies") {
            if let (Some(b'['), Some((s, _))) = (value_open, value) {
                self.cookies_end = array_end(b, s);
            }
            return None;
        }
        if !key.eq_ignore_ascii_case(b"value") {
            return None;
        }
        if let Some((class, after)) = self.pending.take() {
            let near = key_start > after
                && key_start - after < NAME_VALUE_GAP
                && !b[after..key_start].iter().any(|&c| c == b'{' || c == b'}');
            if near {
                return Some(class);
            }
        }
        (key_start < self.cookies_end).then_some(KeyClass::CookieValue)
    }
}
