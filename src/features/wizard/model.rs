//! The ticket wizard's rules, free of the browser: the draft and what it keeps, which fields a
//! step shows, what is checked before moving on, and what a ticket cannot fix.

use std::collections::BTreeMap;

use guichet_domain::tickets::{
    check_field, key_environment, need, Category, Environment, Field, Need, NewTicket, Urgency,
};
use guichet_domain::{AttachmentId, FieldErrors};

use crate::attachments::DraftFile;
use crate::i18n::fill;
use crate::redactor::Cleaned;
use guichet_domain::messages;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    #[default]
    Category,
    Details,
    Evidence,
    Review,
}

impl Step {
    pub const ALL: [Step; 4] = [Step::Category, Step::Details, Step::Evidence, Step::Review];

    pub fn number(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Step::Category => "wizard.step.category",
            Step::Details => "wizard.step.details",
            Step::Evidence => "wizard.step.evidence",
            Step::Review => "wizard.step.review",
        }
    }

    pub fn next(self) -> Step {
        Step::ALL.get(self.number()).copied().unwrap_or(self)
    }

    pub fn previous(self) -> Step {
        Step::ALL
            .get(self.number().saturating_sub(2))
            .copied()
            .unwrap_or(self)
    }
}

/// A ticket being written. Stored in the browser as it changes; holds redacted text only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    /// The `Idempotency-Key` of the submit, born with the draft: however many times it is sent,
    /// one ticket is filed.
    pub key: String,
    pub category: Option<Category>,
    pub urgency: Urgency,
    pub fields: BTreeMap<Field, String>,
    pub files: Vec<DraftFile>,
    pub step: Step,
    /// RFC 3339, for the list of drafts.
    pub updated_at: String,
    /// Started from a link that filled some fields in (`prefill.rs`): the details step says so.
    #[serde(default)]
    pub prefilled: bool,
}

impl Draft {
    pub fn new(id: String, key: String, now: String) -> Self {
        Self {
            id,
            key,
            category: None,
            urgency: Urgency::Normal,
            fields: BTreeMap::new(),
            files: Vec::new(),
            step: Step::Category,
            updated_at: now,
            prefilled: false,
        }
    }

    /// The draft as written to `localStorage` as it changes: small, as file texts kept in
    /// IndexedDB stay out.
    pub fn light(&self) -> Self {
        Self {
            id: self.id.clone(),
            key: self.key.clone(),
            category: self.category,
            urgency: self.urgency,
            fields: self.fields.clone(),
            files: self.files.iter().map(DraftFile::light).collect(),
            step: self.step,
            updated_at: self.updated_at.clone(),
            prefilled: self.prefilled,
        }
    }

    pub fn value(&self, field: Field) -> &str {
        self.fields.get(&field).map_or("", String::as_str)
    }

    /// What the list of drafts calls it.
    pub fn title(&self) -> &str {
        self.value(Field::Subject)
    }

    /// The request the submit sends: the visible fields only, trimmed.
    pub fn to_new_ticket(&self, attachment_ids: Vec<AttachmentId>) -> Option<NewTicket> {
        let category = self.category?;
        let fields = self
            .fields
            .iter()
            .filter(|(f, v)| need(category, **f) != Need::Hidden && !v.trim().is_empty())
            .map(|(f, v)| (*f, v.trim().to_owned()))
            .collect();
        Some(NewTicket {
            category,
            urgency: self.urgency,
            fields,
            attachment_ids,
        })
    }
}

/// The fields the details step shows for a category, required first, in the domain's order.
pub fn visible_fields(category: Category) -> Vec<(Field, Need)> {
    let mut out: Vec<(Field, Need)> = Field::ALL
        .into_iter()
        .map(|f| (f, need(category, f)))
        .filter(|(_, n)| *n != Need::Hidden)
        .collect();
    out.sort_by_key(|(_, n)| *n != Need::Required);
    out
}

/// The same rules as the server, for the fields of one category.
pub fn check_details(draft: &Draft, now: chrono::DateTime<chrono::Utc>) -> Result<(), FieldErrors> {
    let Some(category) = draft.category else {
        return Err(FieldErrors::from([(
            "category".to_owned(),
            vec![messages::REQUIRED.to_owned()],
        )]));
    };
    let mut errors = FieldErrors::new();
    for (field, n) in visible_fields(category) {
        if let Err(key) = check_field(field, n, draft.value(field), now) {
            errors.insert(field.as_str().to_owned(), vec![key.to_owned()]);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Something a ticket cannot fix, or a mistake the merchant can fix alone (seed 002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Deflection {
    /// A 5xx: the API is down, the status page says more; a ticket is not needed.
    Outage,
    /// A test key was used against production.
    TestKeyInProduction,
    /// A production key was used against the test environment.
    LiveKeyInTest,
}

impl Deflection {
    pub fn message_key(self) -> &'static str {
        match self {
            Deflection::Outage => "wizard.deflect.outage",
            Deflection::TestKeyInProduction => "wizard.deflect.test_key",
            Deflection::LiveKeyInTest => "wizard.deflect.live_key",
        }
    }
}

pub fn deflections(draft: &Draft) -> Vec<Deflection> {
    let mut out = Vec::new();
    let status = draft.value(Field::HttpStatus).trim().parse::<u16>().ok();
    if status.is_some_and(|s| (500..=599).contains(&s)) {
        out.push(Deflection::Outage);
    }
    let key_env = key_environment(draft.value(Field::ApiKey));
    match (key_env, Environment::parse(draft.value(Field::Environment))) {
        (Some(Environment::Test), Some(Environment::Production)) => {
            out.push(Deflection::TestKeyInProduction);
        }
        (Some(Environment::Production), Some(Environment::Test)) => {
            out.push(Deflection::LiveKeyInTest);
        }
        _ => {}
    }
    out
}

/// Whether what the user types into `field` goes through the engine before it is kept or
/// sent: every field but those whose value the wizard writes itself (the key's fingerprint,
/// a picked environment, a picked day and time, a picked day). A secret has no business in an
/// endpoint or an id either, and people paste one there by mistake.
pub fn is_redacted(field: Field) -> bool {
    !matches!(
        field,
        Field::ApiKey | Field::Environment | Field::SeenAt | Field::TransactionDate
    )
}

/// Field errors for a structured field that held a secret: the engine took it out, so what is
/// left no longer has the field's shape; say why rather than "not an identifier".
pub fn explain_secrets(errors: &mut FieldErrors, draft: &Draft, typed: impl Fn(Field) -> String) {
    for field in Field::ALL {
        if field.is_free_text() || !errors.contains_key(field.as_str()) {
            continue;
        }
        if typed(field).trim() != draft.value(field).trim() {
            errors.insert(
                field.as_str().to_owned(),
                vec!["error.holds_secret".to_owned()],
            );
        }
    }
}

/// A piece of a redacted text for display: plain, or a placeholder to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Plain(String),
    Redacted { placeholder: String, kind: String },
}

/// Whether the engine's answer can be read against `typed`: every finding lies within it (an
/// answer for an older text may not, for the moment until the next answer).
pub fn fits(cleaned: &Cleaned, typed: &str) -> bool {
    cleaned.findings.iter().all(|f| {
        f.range.start <= f.range.end
            && f.range.end <= typed.len()
            && typed.is_char_boundary(f.range.start)
            && typed.is_char_boundary(f.range.end)
    })
}

/// Splits the redacted text of `original` into pieces, so the review can highlight each
/// placeholder with its kind.
pub fn pieces(original: &str, redaction: &Cleaned) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0;
    for f in &redaction.findings {
        if f.range.start > at {
            out.push(Piece::Plain(original[at..f.range.start].to_owned()));
        }
        out.push(Piece::Redacted {
            placeholder: f.placeholder.clone(),
            kind: f.kind.as_str().to_owned(),
        });
        at = f.range.end;
    }
    if at < original.len() {
        out.push(Piece::Plain(original[at..].to_owned()));
    }
    out
}

/// "Chrome 142 on Windows" (`on_system` says it in the user's language: `{browser} on
/// {system}`), read from a user agent, followed by the user agent itself, which support may
/// need in full.
pub fn describe_browser(user_agent: &str, on_system: &str) -> String {
    let version = |marker: &str| {
        user_agent.split(marker).nth(1).map(|rest| {
            rest.split(['.', ' ', ';', ')'])
                .next()
                .unwrap_or_default()
                .to_owned()
        })
    };
    let browser = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
    ]
    .iter()
    .find_map(|(marker, name)| version(marker).map(|v| format!("{name} {v}")))
    .or_else(|| {
        user_agent
            .contains("Safari/")
            .then(|| format!("Safari {}", version("Version/").unwrap_or_default()))
    });
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("CrOS", "ChromeOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(marker, _)| user_agent.contains(marker))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(b), Some(s)) => format!(
            "{} ({user_agent})",
            fill(on_system, &[("browser", b.trim()), ("system", s)])
        ),
        (Some(b), None) => format!("{} ({user_agent})", b.trim()),
        _ => user_agent.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attachments::Keep;
    use chrono::TimeZone;
    use guichet_redact::redact;

    /// The engine, called in the test as the worker calls it.
    fn redact_text(text: &str, keep: &Keep) -> Cleaned {
        redact(text, &keep.policy()).into()
    }

    fn clean_field(field: Field, typed: &str, keep: &Keep) -> String {
        if is_redacted(field) {
            redact_text(typed, keep).text
        } else {
            typed.to_owned()
        }
    }

    fn draft() -> Draft {
        Draft::new("d1".into(), "k1".into(), "2026-01-13T10:00:00Z".into())
    }

    #[test]
    fn steps_go_forward_and_back() {
        assert_eq!(Step::Category.next(), Step::Details);
        assert_eq!(Step::Review.next(), Step::Review);
        assert_eq!(Step::Details.previous(), Step::Category);
        assert_eq!(Step::Category.previous(), Step::Category);
        assert_eq!(Step::Review.number(), 4);
    }

    #[test]
    fn details_follow_the_category() {
        let now = chrono::Utc.with_ymd_and_hms(2026, 1, 13, 12, 0, 0).unwrap();
        let mut d = draft();
        assert!(check_details(&d, now).unwrap_err().contains_key("category"));
        d.category = Some(Category::FeatureRequest);
        let e = check_details(&d, now).unwrap_err();
        assert_eq!(e["subject"], [messages::REQUIRED]);
        assert!(!e.contains_key("client_id"), "hidden for a feature request");
        d.fields.insert(Field::Subject, "CSV export".into());
        d.fields.insert(Field::Description, "Please.".into());
        d.fields
            .insert(Field::ClientId, "left over from a Bug".into());
        assert!(check_details(&d, now).is_ok());
        let sent = d.to_new_ticket(vec![]).unwrap();
        assert!(
            !sent.fields.contains_key(&Field::ClientId),
            "hidden fields are not sent"
        );
    }

    #[test]
    fn required_fields_come_first() {
        let fields = visible_fields(Category::IpnProblem);
        let first_optional = fields
            .iter()
            .position(|(_, n)| *n == Need::Optional)
            .unwrap();
        assert!(fields[..first_optional]
            .iter()
            .all(|(_, n)| *n == Need::Required));
        assert!(fields.iter().any(|(f, _)| *f == Field::NotificationUrl));
    }

    #[test]
    fn deflects_outages_and_mixed_environments() {
        let mut d = draft();
        d.fields.insert(Field::HttpStatus, "503".into());
        d.fields.insert(Field::ApiKey, "stest_...Qa7x".into());
        d.fields.insert(Field::Environment, "production".into());
        assert_eq!(
            deflections(&d),
            vec![Deflection::Outage, Deflection::TestKeyInProduction]
        );
        d.fields.insert(Field::HttpStatus, "404".into());
        d.fields.insert(Field::Environment, "test".into());
        assert!(deflections(&d).is_empty());
    }

    #[test]
    fn pieces_highlight_each_placeholder() {
        let text = "token sprod_4bV9kQz2mXw7LpR8tN3yHc6d failed";
        let r = redact_text(text, &Keep::default());
        let p = pieces(text, &r);
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(p[0], Piece::Plain("token ".into()));
        assert!(matches!(&p[1], Piece::Redacted { kind, .. } if kind == "STANCER_SECRET_KEY"));
        let joined: String = p
            .iter()
            .map(|x| match x {
                Piece::Plain(s) => s.as_str(),
                Piece::Redacted { placeholder, .. } => placeholder.as_str(),
            })
            .collect();
        assert_eq!(joined, r.text);
    }

    const ON: &str = "{browser} on {system}";

    #[test]
    fn browsers_are_named() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";
        assert!(describe_browser(chrome, ON).starts_with("Chrome 142 on Linux ("));
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0";
        assert!(describe_browser(edge, ON).starts_with("Edge 142 on Windows"));
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
        assert!(describe_browser(iphone, ON).starts_with("Safari 18 on iOS"));
        let firefox = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";
        assert!(describe_browser(firefox, ON).starts_with("Firefox 133 on Android"));
        assert_eq!(describe_browser("curl/8.5", ON), "curl/8.5");
    }

    #[test]
    fn texts_kept_elsewhere_stay_out_of_local_storage() {
        let file = |stored: Option<&str>| DraftFile {
            name: "a.log".into(),
            size: 3,
            text: "abc".into(),
            found: 1,
            uploaded_id: None,
            stored: stored.map(Into::into),
        };
        let mut d = draft();
        d.files = vec![file(Some("k")), file(None)];
        let light = d.light();
        assert_eq!(light.files[0].text, "", "kept in IndexedDB");
        assert_eq!(light.files[0].stored.as_deref(), Some("k"));
        assert_eq!(light.files[1].text, "abc", "IndexedDB refused it");
        // A draft saved before `found` and `stored` existed still reads.
        let old = r#"{"name":"a.log","size":3,"text":"abc","findings":["CARD"]}"#;
        let read: DraftFile = serde_json::from_str(old).unwrap();
        assert_eq!((read.text.as_str(), read.stored), ("abc", None));
    }

    #[test]
    fn structured_fields_lose_their_secrets_too() {
        let keep = Keep::default();
        let endpoint = clean_field(
            Field::Endpoint,
            "/airtime?access_token=9f8e7d6c5b4a39281706f5e4d3c2b1a0",
            &keep,
        );
        assert!(endpoint.starts_with("/airtime?access_token="), "{endpoint}");
        assert!(!endpoint.contains("9f8e7d6c5b4a"), "{endpoint}");
        let key = "sprod_4bV9kQz2mXw7LpR8tN3yHc6d";
        let client_id = clean_field(Field::ClientId, key, &keep);
        assert!(!client_id.contains("4bV9kQz2"), "{client_id}");
        assert_eq!(
            clean_field(Field::ClientId, "cl_8842-abidjan", &keep),
            "cl_8842-abidjan",
            "an ordinary id is kept"
        );
        assert_eq!(
            clean_field(Field::ApiKey, "sprod_...Qa7x", &keep),
            "sprod_...Qa7x",
            "the fingerprint is the wizard's own"
        );

        let now = chrono::Utc.with_ymd_and_hms(2026, 1, 13, 12, 0, 0).unwrap();
        let mut d = draft();
        d.category = Some(Category::ApiQuestion);
        d.fields.insert(Field::Subject, "Refused".into());
        d.fields.insert(Field::Description, "It fails.".into());
        d.fields.insert(Field::ClientId, client_id);
        let mut errors = check_details(&d, now).unwrap_err();
        assert_eq!(errors["client_id"], [messages::IDENTIFIER]);
        explain_secrets(&mut errors, &d, |f| {
            if f == Field::ClientId {
                key.to_owned()
            } else {
                d.value(f).to_owned()
            }
        });
        assert_eq!(errors["client_id"], ["error.holds_secret"]);
    }

    #[test]
    fn a_billing_question_is_checked_and_cleaned_like_the_others() {
        let keep = Keep::default();
        let now = chrono::Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let key = "sprod_4bV9kQz2mXw7LpR8tN3yHc6d";
        let mut d = draft();
        d.category = Some(Category::Billing);
        for (field, typed) in [
            (Field::Subject, "Question about invoice FAC-2026-000042"),
            (Field::Description, "Fees of 28 November counted twice."),
            (Field::BusinessAccount, key),
            (Field::ShopName, "Abidjan Shop"),
            (Field::TransactionDate, "2026-11-28"),
        ] {
            d.fields.insert(field, clean_field(field, typed, &keep));
        }
        assert_eq!(
            d.value(Field::TransactionDate),
            "2026-11-28",
            "a picked day"
        );
        assert!(!d.value(Field::BusinessAccount).contains("4bV9kQz2"));
        let mut errors = check_details(&d, now).unwrap_err();
        assert_eq!(errors["invoice_number"], [messages::REQUIRED]);
        explain_secrets(&mut errors, &d, |f| {
            if f == Field::BusinessAccount {
                key.to_owned()
            } else {
                d.value(f).to_owned()
            }
        });
        assert_eq!(errors["business_account"], ["error.holds_secret"]);
        d.fields.insert(Field::BusinessAccount, "org-4821".into());
        d.fields
            .insert(Field::InvoiceNumber, "FAC-2026-000042".into());
        assert!(check_details(&d, now).is_ok());
        let fields: Vec<Field> = visible_fields(Category::Billing)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            [
                Field::Subject,
                Field::Description,
                Field::BusinessAccount,
                Field::ShopName,
                Field::InvoiceNumber,
                Field::TransactionDate
            ]
        );
    }

    #[test]
    fn an_answer_for_another_text_is_not_read() {
        let text = "token sprod_4bV9kQz2mXw7LpR8tN3yHc6d failed";
        let r = redact_text(text, &Keep::default());
        assert!(fits(&r, text));
        assert!(!fits(&r, "token"));
    }

    #[test]
    fn kept_phones_stay() {
        let text = "call +225 07 08 09 10 11";
        assert_ne!(redact_text(text, &Keep::default()).text, text);
        let keep = Keep {
            phones: true,
            values: vec![],
        };
        assert_eq!(redact_text(text, &keep).text, text);
    }
}
