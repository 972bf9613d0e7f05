//! USSD payment strings typed by a customer: `*880*1*22997001122*5000*0912#`.
//! Fields are digits between `*`; with at least four fields the last one,
//! when it is exactly four digits, is the wallet PIN (menus end with the
//! amount or a merchant code, which are five digits or more). A field that
//! is a full number with a country code is a phone.

use super::{run_end, Candidate};
use crate::{Confidence, Kind};

const MIN_FIELDS: usize = 4;

pub(crate) fn scan(text: &str, out: &mut Vec<Candidate>) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(p) = super::find_byte(b, i, b'*') {
        i = p + 1;
        if p > 0 && (b[p - 1].is_ascii_alphanumeric() || b[p - 1] == b'*') {
            continue;
        }
        let mut fields: [std::ops::Range<usize>; 8] = Default::default();
        let mut n = 0;
        let mut at = p;
        while at < b.len() && b[at] == b'*' && n < fields.len() {
            let e = run_end(b, at + 1, |c| c.is_ascii_digit());
            if e == at + 1 {
                break;
            }
            fields[n] = at + 1..e;
            n += 1;
            at = e;
        }
        if b.get(at) != Some(&b'#') || n < MIN_FIELDS {
            i = at.max(i);
            continue;
        }
        for f in &fields[1..n - 1] {
            if (11..=13).contains(&f.len()) && super::phone::international_bare(&b[f.clone()]) {
                out.push(Candidate::new(
                    f.clone(),
                    Kind::Phone,
                    "ussd.phone",
                    Confidence::Likely,
                ));
            }
        }
        let last = fields[n - 1].clone();
        if last.len() == 4 {
            out.push(Candidate::new(
                last,
                Kind::Pin,
                "ussd.pin",
                Confidence::Likely,
            ));
        }
        i = at + 1;
    }
}
