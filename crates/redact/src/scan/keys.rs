//! Provider keys, each from its provider's documented format. A documented
//! prefix makes a match certain, so no entropy test is needed.
//!
//! Sources (public documentation):
//! - Stancer: secret keys `sprod_`/`stest_`, public keys `pprod_`/`ptest_`,
//!   followed by 24 alphanumerics.
//! - Stripe: `sk_live_`/`sk_test_` (secret), `rk_` (restricted), `pk_`
//!   (publishable), `whsec_` (webhook signing secret).
//! - Paystack: the same `sk_`/`pk_` prefixes followed by 40 lowercase hex digits.
//! - Flutterwave: `FLWSECK-`/`FLWPUBK-`, `_TEST` before the dash in test mode.
//! - Wave: `wave_<country>_prod_` and `wave_<country>_sandbox_`.
//! - Braintree (PayPal): `access_token$production$<merchant>$<hash>`, `sandbox` in test.
//! - PayPal REST access tokens: `A21AA` followed by a long base64url string
//!   (documented by example only, hence "likely").
//! - GitHub: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` + 36, `github_pat_`.
//! - GitLab: `glpat-` + 20. npm: `npm_` + 36. SendGrid: `SG.<22>.<43>`.
//! - AWS access key ids: `AKIA`/`ASIA` + 16 uppercase alphanumerics.
//! - Slack: `xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`, `xoxs-`, `xapp-`.
//! - Google API keys: `AIza` + 35.

use super::{Candidate, Shown};
use crate::pairs::{starts_of, Pairs};
use crate::{Confidence, Kind};

#[derive(Clone, Copy)]
enum Body {
    Alnum,
    /// Alphanumerics, `_` and `-`.
    Url,
    UpperAlnum,
    /// Alphanumerics and `-` (Slack, Flutterwave).
    Dash,
    Braintree,
}

impl Body {
    const fn accepts(self, c: u8) -> bool {
        match self {
            Self::Alnum => c.is_ascii_alphanumeric(),
            Self::Url => c.is_ascii_alphanumeric() || c == b'_' || c == b'-',
            Self::UpperAlnum => c.is_ascii_uppercase() || c.is_ascii_digit(),
            Self::Dash => c.is_ascii_alphanumeric() || c == b'-',
            Self::Braintree => c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'$',
        }
    }
}

struct Format {
    prefix: &'static [u8],
    kind: Kind,
    test: bool,
    body: Body,
    min: usize,
    max: usize,
}

const fn f(
    prefix: &'static [u8],
    kind: Kind,
    test: bool,
    body: Body,
    min: usize,
    max: usize,
) -> Format {
    Format {
        prefix,
        kind,
        test,
        body,
        min,
        max,
    }
}

const FORMATS: &[Format] = &[
    f(
        b"sprod_",
        Kind::StancerSecretKey,
        false,
        Body::Alnum,
        24,
        64,
    ),
    f(b"stest_", Kind::StancerSecretKey, true, Body::Alnum, 24, 64),
    f(
        b"pprod_",
        Kind::StancerPublicKey,
        false,
        Body::Alnum,
        24,
        64,
    ),
    f(b"ptest_", Kind::StancerPublicKey, true, Body::Alnum, 24, 64),
    f(
        b"sk_live_",
        Kind::StripeSecretKey,
        false,
        Body::Alnum,
        16,
        255,
    ),
    f(
        b"sk_test_",
        Kind::StripeSecretKey,
        true,
        Body::Alnum,
        16,
        255,
    ),
    f(
        b"rk_live_",
        Kind::StripeRestrictedKey,
        false,
        Body::Alnum,
        16,
        255,
    ),
    f(
        b"rk_test_",
        Kind::StripeRestrictedKey,
        true,
        Body::Alnum,
        16,
        255,
    ),
    f(
        b"pk_live_",
        Kind::StripePublishableKey,
        false,
        Body::Alnum,
        16,
        255,
    ),
    f(
        b"pk_test_",
        Kind::StripePublishableKey,
        true,
        Body::Alnum,
        16,
        255,
    ),
    f(
        b"whsec_",
        Kind::StripeWebhookSecret,
        false,
        Body::Alnum,
        24,
        128,
    ),
    f(
        b"FLWSECK_TEST-",
        Kind::FlutterwaveSecretKey,
        true,
        Body::Dash,
        20,
        64,
    ),
    f(
        b"FLWSECK-",
        Kind::FlutterwaveSecretKey,
        false,
        Body::Dash,
        20,
        64,
    ),
    f(
        b"FLWPUBK_TEST-",
        Kind::FlutterwavePublicKey,
        true,
        Body::Dash,
        20,
        64,
    ),
    f(
        b"FLWPUBK-",
        Kind::FlutterwavePublicKey,
        false,
        Body::Dash,
        20,
        64,
    ),
    f(
        b"access_token$production$",
        Kind::BraintreeAccessToken,
        false,
        Body::Braintree,
        40,
        128,
    ),
    f(
        b"access_token$sandbox$",
        Kind::BraintreeAccessToken,
        true,
        Body::Braintree,
        40,
        128,
    ),
    f(b"A21AA", Kind::PaypalAccessToken, false, Body::Url, 50, 512),
    f(b"ghp_", Kind::GithubToken, false, Body::Alnum, 36, 36),
    f(b"gho_", Kind::GithubToken, false, Body::Alnum, 36, 36),
    f(b"ghu_", Kind::GithubToken, false, Body::Alnum, 36, 36),
    f(b"ghs_", Kind::GithubToken, false, Body::Alnum, 36, 36),
    f(b"ghr_", Kind::GithubToken, false, Body::Alnum, 36, 36),
    f(b"github_pat_", Kind::GithubToken, false, Body::Url, 50, 255),
    f(b"glpat-", Kind::GitlabToken, false, Body::Url, 20, 64),
    f(b"npm_", Kind::NpmToken, false, Body::Alnum, 36, 36),
    f(
        b"AKIA",
        Kind::AwsAccessKeyId,
        false,
        Body::UpperAlnum,
        16,
        16,
    ),
    f(
        b"ASIA",
        Kind::AwsAccessKeyId,
        false,
        Body::UpperAlnum,
        16,
        16,
    ),
    f(b"AIza", Kind::GoogleApiKey, false, Body::Url, 35, 35),
    f(b"xoxb-", Kind::SlackToken, false, Body::Dash, 10, 255),
    f(b"xoxp-", Kind::SlackToken, false, Body::Dash, 10, 255),
    f(b"xoxa-", Kind::SlackToken, false, Body::Dash, 10, 255),
    f(b"xoxr-", Kind::SlackToken, false, Body::Dash, 10, 255),
    f(b"xoxs-", Kind::SlackToken, false, Body::Dash, 10, 255),
    f(b"xapp-", Kind::SlackToken, false, Body::Dash, 10, 255),
];

/// A provider key at the start of `s`.
pub(crate) struct ProviderKey {
    pub kind: Kind,
    pub test: bool,
    pub len: usize,
    pub prefix: usize,
}

/// The first two bytes of every format's prefix.
const FORMAT_STARTS: Pairs = starts_of!(FORMATS, |w| w.prefix);

pub(crate) fn provider_key(s: &[u8]) -> Option<ProviderKey> {
    let first = *s.first()?;
    if !matches!(
        first,
        b's' | b'p' | b'r' | b'w' | b'F' | b'a' | b'A' | b'g' | b'n' | b'x' | b'S'
    ) {
        return None;
    }
    match first {
        b'w' if s.starts_with(b"wave_") => return wave(s),
        b'S' => return sendgrid(s),
        _ => {}
    }
    let second = s.get(1).copied();
    if !FORMAT_STARTS.contains(first, second.unwrap_or(0)) {
        return None;
    }
    FORMATS.iter().find_map(|fmt| {
        if fmt.prefix[0] != first || Some(fmt.prefix[1]) != second {
            return None;
        }
        let body = s.strip_prefix(fmt.prefix)?;
        let n = body.iter().take_while(|&&c| fmt.body.accepts(c)).count();
        if n < fmt.min || n > fmt.max {
            return None;
        }
        let body = &body[..n];
        if placeholder_body(body) {
            return None;
        }
        let mut kind = fmt.kind;
        // Paystack shares Stripe's prefixes; its keys are 40 lowercase hex digits.
        if n == 40
            && body
                .iter()
                .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
        {
            kind = match kind {
                Kind::StripeSecretKey => Kind::PaystackSecretKey,
                Kind::StripePublishableKey => Kind::PaystackPublicKey,
                k => k,
            };
        }
        Some(ProviderKey {
            kind,
            test: fmt.test,
            len: fmt.prefix.len() + n,
            prefix: fmt.prefix.len(),
        })
    })
}

/// `sprod_xxxxxxxxxxxxxxxxxxxxxxxx`, `sk_test_0000…`: documentation
/// placeholders repeat one or two characters; real keys are random.
fn placeholder_body(body: &[u8]) -> bool {
    let mut seen = [false; 128];
    let mut distinct = 0;
    for &c in body {
        let c = usize::from(c & 0x7f);
        if !seen[c] {
            seen[c] = true;
            distinct += 1;
        }
    }
    distinct <= 2
}

fn wave(s: &[u8]) -> Option<ProviderKey> {
    let rest = s.strip_prefix(b"wave_")?;
    let (cc, rest) = rest.split_at_checked(3)?;
    if !(cc[0].is_ascii_lowercase() && cc[1].is_ascii_lowercase() && cc[2] == b'_') {
        return None;
    }
    let (test, body) = match (rest.strip_prefix(b"prod_"), rest.strip_prefix(b"sandbox_")) {
        (Some(b), _) => (false, b),
        (_, Some(b)) => (true, b),
        _ => return None,
    };
    let n = body.iter().take_while(|&&c| Body::Url.accepts(c)).count();
    (20..=128).contains(&n).then(|| ProviderKey {
        kind: Kind::WaveApiKey,
        test,
        len: s.len() - body.len() + n,
        prefix: s.len() - body.len(),
    })
}

fn sendgrid(s: &[u8]) -> Option<ProviderKey> {
    let body = s.strip_prefix(b"SG.")?;
    let a = body.iter().take_while(|&&c| Body::Url.accepts(c)).count();
    let rest = body.get(a..)?.strip_prefix(b".")?;
    let b = rest.iter().take_while(|&&c| Body::Url.accepts(c)).count();
    (a == 22 && b == 43).then_some(ProviderKey {
        kind: Kind::SendgridApiKey,
        test: false,
        len: 3 + a + 1 + b,
        prefix: 3,
    })
}

/// A Telegram bot token: the bot's id (8 to 10 digits), a colon, and 35
/// characters starting `AA`. Its end.
fn telegram(b: &[u8], i: usize) -> Option<usize> {
    let id = super::run_end(b, i, |c| c.is_ascii_digit());
    if !(8..=10).contains(&(id - i)) || b.get(id..id + 3)? != b":AA" {
        return None;
    }
    let end = super::run_end(b, id + 1, |c| {
        c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
    });
    (end - id - 1 == 35).then_some(end)
}

/// A provider key at the word starting at `i`. Returns where this detector
/// reads on.
pub(crate) fn at_word(b: &[u8], i: usize, _word_end: usize, out: &mut Vec<Candidate>) -> usize {
    // `/bot<token>/sendMessage`, as the Bot API's URLs carry it.
    let bot = usize::from(b[i] == b'b' && b[i..].starts_with(b"bot")) * 3;
    if b.get(i + bot).is_some_and(u8::is_ascii_digit) {
        let Some(end) = telegram(b, i + bot) else {
            return i + 1;
        };
        out.push(Candidate::new(
            i + bot..end,
            Kind::TelegramBotToken,
            "provider.key",
            Confidence::Certain,
        ));
        return end;
    }
    if !matches!(
        b[i],
        b's' | b'p' | b'r' | b'w' | b'F' | b'a' | b'A' | b'g' | b'n' | b'x' | b'S'
    ) {
        return i + 1;
    }
    let Some(k) = provider_key(&b[i..]) else {
        return i + 1;
    };
    let end = i + k.len;
    // A longer word that merely starts like a key is something else.
    if b.get(end).is_some_and(|&c| c.is_ascii_alphanumeric()) {
        return end;
    }
    let confidence = if k.kind == Kind::PaypalAccessToken {
        Confidence::Likely
    } else {
        Confidence::Certain
    };
    let mut c = Candidate::new(i..end, k.kind, "provider.key", confidence);
    c.test = k.test;
    c.shown = Shown::Prefix(u8::try_from(k.prefix).unwrap_or(0));
    out.push(c);
    end
}
