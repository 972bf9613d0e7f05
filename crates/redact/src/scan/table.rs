//! Tables pasted from CSV, TSV or a spreadsheet: a header row names the
//! columns, so a sensitive column name (`CVV`, `numero_compte`, `telephone`)
//! makes every cell below it a value of that key. A column the header does
//! not name but whose cells include a full international phone number is a
//! phone column: its local-format numbers are phones too.

use std::ops::Range;

use super::kv::value;
use super::Candidate;
use crate::names::{classify, is_public, KeyClass};
use crate::Kind;

const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];
const MAX_COLUMNS: usize = 64;
const MAX_HEADER_FIELD: usize = 48;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Plain,
    Value(Kind),
    Public,
}

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>, public: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let mut at = 0;
    while at < b.len() {
        let end = line_end(b, at);
        let next = (end + 1).min(b.len());
        if let Some((delim, columns)) = header(b, at..end, next) {
            at = rows(b, next, delim, &columns, out, public);
        } else {
            at = next;
        }
    }
}

fn line_end(b: &[u8], from: usize) -> usize {
    super::find_byte(b, from, b'\n').unwrap_or(b.len())
}

/// Field ranges of one row; double-quoted fields may hold the delimiter.
fn fields(b: &[u8], line: Range<usize>, delim: u8, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut s = line.start;
    let mut i = line.start;
    let mut quoted = false;
    while i < line.end {
        let c = b[i];
        if c == b'"' {
            quoted = !quoted;
        } else if c == delim && !quoted {
            out.push(s..i);
            s = i + 1;
        }
        i += 1;
    }
    let mut e = line.end;
    if e > s && b[e - 1] == b'\r' {
        e -= 1;
    }
    out.push(s..e);
}

fn header(b: &[u8], line: Range<usize>, next: usize) -> Option<(u8, Vec<Column>)> {
    let l = &b[line.clone()];
    // Indented lines are code or pretty-printed JSON, not spreadsheet rows.
    if l.first().is_some_and(u8::is_ascii_whitespace) {
        return None;
    }
    let mut counts = [0usize; 4];
    for &c in l {
        match c {
            b',' => counts[0] += 1,
            b';' => counts[1] += 1,
            b'\t' => counts[2] += 1,
            b'|' => counts[3] += 1,
            // Key/value pairs and markup: a log or code line, not a header.
            b':' | b'=' | b'{' | b'}' | b'[' | b']' | b'<' | b'@' => return None,
            _ => {}
        }
    }
    let (k, &n) = counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    if !(2..MAX_COLUMNS).contains(&n) {
        return None;
    }
    let delim = DELIMITERS[k];
    // A table has rows: the next line splits the same way.
    let next_end = line_end(b, next);
    if b[next..next_end].iter().filter(|&&c| c == delim).count() != n {
        return None;
    }
    let mut ranges = Vec::new();
    fields(b, line, delim, &mut ranges);
    let mut columns = Vec::with_capacity(ranges.len());
    for r in &ranges {
        let f = b[r.clone()].trim_ascii();
        let f = f
            .strip_prefix(b"\"")
            .and_then(|f| f.strip_suffix(b"\""))
            .unwrap_or(f);
        if f.is_empty() {
            columns.push(Column::Plain);
            continue;
        }
        let letters = f
            .iter()
            .filter(|c| c.is_ascii_alphabetic() || **c >= 0x80)
            .count();
        let digits = f.iter().filter(|c| c.is_ascii_digit()).count();
        // A column name is a label, not `key: value` or markup.
        let markup = f.iter().any(|c| {
            matches!(
                c,
                b'@' | b':' | b'=' | b'"' | b'{' | b'}' | b'[' | b']' | b'<'
            )
        });
        // Column names are a few words, not sentences.
        let words = f.iter().filter(|&&c| c == b' ').count();
        if f.len() > MAX_HEADER_FIELD || letters == 0 || digits > letters || markup || words > 3 {
            return None;
        }
        let col = match classify(f) {
            Some(KeyClass::Value(k)) => Column::Value(k),
            _ if is_public(f) => Column::Public,
            _ => Column::Plain,
        };
        columns.push(col);
    }
    Some((delim, columns))
}

/// Reads the rows after a header; returns where the table ends.
fn rows(
    b: &[u8],
    mut at: usize,
    delim: u8,
    columns: &[Column],
    out: &mut Vec<Candidate>,
    public: &mut Vec<Range<usize>>,
) -> usize {
    let mut cells: Vec<Range<usize>> = Vec::new();
    let mut table: Vec<Vec<Range<usize>>> = Vec::new();
    let mut phone_col = vec![false; columns.len()];
    while at < b.len() {
        let end = line_end(b, at);
        fields(b, at..end, delim, &mut cells);
        if cells.len() != columns.len() {
            break;
        }
        for (k, r) in cells.iter().enumerate() {
            let v = trim(b, r.clone());
            if columns[k] == Column::Plain && super::phone::international(&b[v]) {
                phone_col[k] = true;
            }
        }
        table.push(cells.clone());
        at = (end + 1).min(b.len());
    }
    for row in &table {
        for (k, r) in row.iter().enumerate() {
            let v = trim(b, r.clone());
            if v.is_empty() {
                continue;
            }
            match columns[k] {
                Column::Value(kind) => value(b, v, kind, "table.column", out),
                Column::Public => public.push(v),
                Column::Plain if phone_col[k] => {
                    value(b, v, Kind::Phone, "table.phone-column", out)
                }
                Column::Plain => {}
            }
        }
    }
    at
}

/// A cell without surrounding blanks and quotes.
fn trim(b: &[u8], r: Range<usize>) -> Range<usize> {
    let mut s = r.start;
    let mut e = r.end;
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    while e > s && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    if e - s >= 2 && b[s] == b'"' && b[e - 1] == b'"' {
        s += 1;
        e -= 1;
    }
    s..e
}
