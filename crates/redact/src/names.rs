//! Sensitive key names, in English, French and Italian, matched
//! case-insensitively and across `_`, `-`, `.`, spaces and camelCase.

use crate::pairs::Pairs;
use crate::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyClass {
    /// The whole value is a secret of this kind.
    Value(Kind),
    /// `Authorization`-like: a scheme, then a credential.
    Authorization,
    /// `Cookie`: every `name=value` pair's value.
    Cookie,
    /// `Set-Cookie`: the first pair's value; attributes are public.
    SetCookie,
    /// One cookie's value (HAR `cookies` arrays).
    CookieValue,
}

/// Longer stems match as a suffix of the joined name (`clientSecret`,
/// `x-api-key`); short ones only as the whole last word, so `bypass` or
/// `spin` do not look like `pass` or `pin`.
struct Rule {
    kind: Kind,
    suffixes: &'static [&'static str],
    last_words: &'static [&'static str],
}

// Order matters: `one_time_password` is an OTP, not a password.
const RULES: &[Rule] = &[
    Rule {
        kind: Kind::Otp,
        suffixes: &[
            "otpcode",
            "smscode",
            "verificationcode",
            "verifycode",
            "codedeverification",
            "codeverification",
            "codedevalidation",
            "codevalidation",
            "codicediverifica",
            "codiceverifica",
            "codiceotp",
            "onetimecode",
            "onetimepassword",
            "2facode",
            "mfacode",
        ],
        last_words: &["otp", "totp", "hotp"],
    },
    Rule {
        kind: Kind::Cvv,
        suffixes: &[
            "cryptogramme",
            "cryptogrammevisuel",
            "securitycode",
            "codedesecurite",
            "codesecurite",
            "codicedisicurezza",
            "codicesicurezza",
            "cardverificationcode",
            "cardverificationvalue",
        ],
        last_words: &["cvv", "cvc", "cvv2", "cvc2", "cvn", "csc"],
    },
    Rule {
        kind: Kind::Pin,
        suffixes: &[
            "pincode",
            "codepin",
            "codicepin",
            "codesecret",
            "codicesegreto",
            "passcode",
        ],
        last_words: &["pin"],
    },
    Rule {
        kind: Kind::Password,
        suffixes: &[
            "password",
            "passwd",
            "passphrase",
            "motdepasse",
            "paroladordine",
            "passwort",
            "contrasena",
        ],
        last_words: &["pwd", "pass", "mdp", "pw"],
    },
    Rule {
        kind: Kind::PrivateKey,
        suffixes: &[
            "privatekey",
            "cleprivee",
            "clefprivee",
            "chiaveprivata",
            "signingkey",
        ],
        last_words: &[],
    },
    Rule {
        kind: Kind::BankAccount,
        suffixes: &[
            "accountnumber",
            "acctnumber",
            "accountno",
            "numerodecompte",
            "numerocompte",
            "numcompte",
            "bankcode",
            "codebanque",
            "numeroconto",
            "routingnumber",
            "sortcode",
            "bankaccount",
            "iban",
        ],
        last_words: &["rib"],
    },
    Rule {
        kind: Kind::Phone,
        suffixes: &[
            "phone",
            "phonenum",
            "phonenumber",
            "phoneno",
            "telephone",
            "telefono",
            "cellulare",
            "msisdn",
            "mobilenumber",
            "mobileno",
            "numerotel",
            "numerotelephone",
            "numerodetelephone",
            "numerotelefono",
        ],
        last_words: &["tel", "gsm", "mobile", "cell", "portable", "whatsapp"],
    },
    Rule {
        kind: Kind::Secret,
        suffixes: &[
            "secret",
            "token",
            "apikey",
            "secretkey",
            "accesskey",
            "credentials",
            "credential",
            "jeton",
            "jetondacces",
            "jetonacces",
            "tokendiaccesso",
            "chiavesegreta",
            "chiaveapi",
            "cleapi",
            "clesecrete",
            "clefsecrete",
            "sessionid",
            "sessid",
            "secretkeybase",
            "hmackey",
            "encryptionkey",
            "masterkey",
            "subscriptionkey",
            "merchantkey",
            "validationkey",
            "decryptionkey",
            "signingsecret",
            "appkey",
            "subkey",
            "authorizationcode",
            "authenticationvalue",
            "totpsecret",
        ],
        last_words: &["auth", "jwt", "cavv"],
    },
];

/// Names that end like a secret but hold pagination cursors.
const NOT_SECRET: &[&str] = &["pagetoken", "nexttoken", "continuationtoken", "synctoken"];

const MAX_KEY: usize = 64;

/// Lowercase alphanumerics of `key`, where its last word starts and where the
/// word before it starts, or `None` for an empty or overlong key.
fn join(key: &[u8], joined: &mut [u8; MAX_KEY]) -> Option<(usize, usize, usize)> {
    if key.is_empty() || key.len() > MAX_KEY {
        return None;
    }
    let mut len = 0;
    let (mut last_word, mut word_before) = (0, 0);
    let mut prev: u8 = 0;
    for &c in key {
        if !c.is_ascii_alphanumeric() {
            prev = c;
            continue;
        }
        if len > 0
            && (!prev.is_ascii_alphanumeric()
                || (c.is_ascii_uppercase() && prev.is_ascii_lowercase()))
        {
            word_before = last_word;
            last_word = len;
        }
        joined[len] = c.to_ascii_lowercase();
        len += 1;
        prev = c;
    }
    Some((len, last_word.min(len), word_before))
}

/// The last two bytes of every qualifier.
const QUALIFIER_ENDINGS: Pairs = {
    let mut set = Pairs::EMPTY;
    let mut k = 0;
    while k < QUALIFIERS.len() {
        let q = QUALIFIERS[k];
        set = set.with(q[q.len() - 2], q[q.len() - 1]);
        k += 1;
    }
    set
};

/// Last words that only say whose or which a secret is (`mdp_admin`,
/// `code_pin_caisse`, `password_confirmation`): the name before them decides.
const QUALIFIERS: &[&[u8]] = &[
    b"admin",
    b"root",
    b"user",
    b"utilisateur",
    b"utente",
    b"client",
    b"caisse",
    b"caissier",
    b"cassa",
    b"marchand",
    b"merchant",
    b"agent",
    b"db",
    b"prod",
    b"production",
    b"live",
    b"test",
    b"sandbox",
    b"staging",
    b"dev",
    b"old",
    b"new",
    b"current",
    b"actuel",
    b"ancien",
    b"nouveau",
    b"confirm",
    b"confirmation",
    b"backup",
    b"secours",
    b"default",
];

/// See [`Name::is_public`].
pub(crate) fn is_public(key: &[u8]) -> bool {
    Name::parse(key).is_some_and(|n| n.is_public())
}

/// Whether a value is itself spelled like a sensitive key name (`api_key`,
/// `auth`, `password`): in code and templates that is a variable holding the
/// secret, not the secret.
pub(crate) fn is_sensitive_name(v: &[u8]) -> bool {
    v.len() >= 3
        && v.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.'))
        && !v.iter().any(u8::is_ascii_digit)
        && classify(v).is_some()
}

/// The last two bytes of every name `classify` recognises: most keys in a log
/// (`timestamp`, `amount`, `status`) are turned away on one lookup instead of
/// a hundred suffix comparisons.
const ENDINGS: Pairs = {
    let mut set = Pairs::EMPTY;
    let special: [&str; 3] = ["authorization", "cookie", "setcookie"];
    let mut r = 0;
    while r <= RULES.len() {
        let names: &[&str] = if r == RULES.len() {
            &special
        } else {
            RULES[r].suffixes
        };
        let mut pass = 0;
        while pass < 2 {
            let list = if pass == 0 || r == RULES.len() {
                names
            } else {
                RULES[r].last_words
            };
            let mut k = 0;
            while k < list.len() {
                let w = list[k].as_bytes();
                set = set.with(w[w.len() - 2], w[w.len() - 1]);
                k += 1;
            }
            pass += 1;
        }
        r += 1;
    }
    set
};

pub(crate) fn classify(key: &[u8]) -> Option<KeyClass> {
    Name::parse(key)?.class()
}

/// A key name joined once (lowercase alphanumerics, and where its last word
/// starts) for the several questions a detector asks of it.
pub(crate) struct Name {
    buf: [u8; MAX_KEY],
    len: usize,
    last_word: usize,
    word_before: usize,
}

impl Name {
    /// `None` for an empty or overlong key.
    pub fn parse(key: &[u8]) -> Option<Self> {
        let mut buf = [0u8; MAX_KEY];
        let (len, last_word, word_before) = join(key, &mut buf)?;
        Some(Self {
            buf,
            len,
            last_word,
            word_before,
        })
    }

    /// What a value under this name is, if secret, a qualifier word
    /// (`_admin`, `_prod`) at the end left aside.
    pub fn class(&self) -> Option<KeyClass> {
        self.own_class().or_else(|| {
            let w = self.word();
            if self.last_word == 0
                || w.len() < 2
                || !QUALIFIER_ENDINGS.contains(w[w.len() - 2], w[w.len() - 1])
                || !QUALIFIERS.contains(&w)
            {
                return None;
            }
            let shorter = Self {
                buf: self.buf,
                len: self.last_word,
                last_word: self.word_before,
                word_before: 0,
            };
            shorter.own_class()
        })
    }

    fn joined(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    fn word(&self) -> &[u8] {
        &self.buf[self.last_word..self.len]
    }

    fn own_class(&self) -> Option<KeyClass> {
        let joined = self.joined();
        let len = self.len;
        if !ENDINGS.contains(*joined.get(len.checked_sub(2)?)?, joined[len - 1]) {
            return None;
        }
        let word = self.word();
        match joined {
            b"authorization" | b"proxyauthorization" => return Some(KeyClass::Authorization),
            b"cookie" => return Some(KeyClass::Cookie),
            b"setcookie" => return Some(KeyClass::SetCookie),
            _ => {}
        }
        if NOT_SECRET.iter().any(|s| joined.ends_with(s.as_bytes())) {
            return None;
        }
        RULES
            .iter()
            .find(|r| {
                r.suffixes.iter().any(|s| joined.ends_with(s.as_bytes()))
                    || r.last_words.iter().any(|w| word == w.as_bytes())
            })
            .map(|r| KeyClass::Value(r.kind))
    }

    /// Names of public values that merely look random: identifiers
    /// (`client_id`, `request_id`, `wsu:Id`), nonces, integrity hashes and
    /// checksums. The entropy fallback leaves their values alone; key names
    /// still win, so `client_secret` stays secret.
    pub fn is_public(&self) -> bool {
        // Signatures are computed per message and sent to every recipient;
        // cursors and gRPC's binary (`-bin`) metadata are base64 of data.
        const WORDS: &[&[u8]] = &[
            b"id",
            b"uuid",
            b"guid",
            b"ref",
            b"nonce",
            b"integrity",
            b"etag",
            b"signature",
            b"cursor",
            b"after",
            b"before",
            b"bin",
        ];
        const SUFFIXES: &[&[u8]] = &[
            b"checksum",
            b"fingerprint",
            b"digest",
            b"reference",
            b"ifnonematch",
            b"websocketkey",
            b"websocketaccept",
        ];
        WORDS.contains(&self.word()) || SUFFIXES.iter().any(|s| self.joined().ends_with(s))
    }

    /// Whether the last word is `hash` (`data[hash]`, `tx_hash`).
    pub fn is_hash(&self) -> bool {
        self.word() == b"hash"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(k: &str) -> Option<Kind> {
        match classify(k.as_bytes()) {
            Some(KeyClass::Value(k)) => Some(k),
            _ => None,
        }
    }

    #[test]
    fn names_across_styles_and_languages() {
        for k in [
            "password",
            "PASSWORD",
            "db_password",
            "userPassword",
            "mot_de_passe",
            "motDePasse",
            "parola_d_ordine",
            "pwd",
        ] {
            assert_eq!(kind(k), Some(Kind::Password), "{k}");
        }
        for k in [
            "client_secret",
            "clientSecret",
            "access-token",
            "X-Api-Key",
            "jeton",
            "STANCER_SECRET_KEY",
            "aws_secret_access_key",
        ] {
            assert_eq!(kind(k), Some(Kind::Secret), "{k}");
        }
        assert_eq!(kind("code_pin"), Some(Kind::Pin));
        assert_eq!(kind("codice_segreto"), Some(Kind::Pin));
        assert_eq!(kind("cryptogramme"), Some(Kind::Cvv));
        assert_eq!(kind("card[cvc]"), Some(Kind::Cvv));
        assert_eq!(kind("otp"), Some(Kind::Otp));
        assert_eq!(kind("one_time_password"), Some(Kind::Otp));
        assert_eq!(kind("private_key"), Some(Kind::PrivateKey));
        assert_eq!(
            classify(b"Proxy-Authorization"),
            Some(KeyClass::Authorization)
        );
        assert_eq!(classify(b"Set-Cookie"), Some(KeyClass::SetCookie));
    }

    #[test]
    fn lookalikes_are_not_secret() {
        for k in [
            "token_type",
            "bypass",
            "spinner",
            "pinned",
            "aws_access_key_id",
            "next_page_token",
            "password_policy",
            "expires_in",
            "key",
            "code",
            "compass",
        ] {
            assert_eq!(classify(k.as_bytes()), None, "{k}");
        }
    }
}
