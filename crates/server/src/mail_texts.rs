//! What the mail Guichet sends says, in each language it speaks. One table: each text beside
//! its translation, and a new language is one more arm per mail, which the compiler asks for.
//! Each mail is written in its recipient's language alone.

use guichet_domain::entries::RATING_ANCHOR;
use guichet_domain::tickets::MailKind;
use guichet_domain::Language;

/// A mail's subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailText {
    pub subject: String,
    pub body: String,
}

/// What a requester hears about their ticket.
#[derive(Debug, Clone, Copy)]
pub enum TicketNews<'a> {
    /// The desk answered in public: who, and the answer.
    Answered { by: &'a str, answer: &'a str },
    /// An engineer of the desk took the ticket on.
    Assigned { to: &'a str },
    /// The desk resolved the ticket, with what was done in a few words (may be empty): the
    /// requester rates the resolution on its page, or asks for a follow-up there.
    Resolved { summary: &'a str },
}

/// `summary` under its heading, after a blank line; nothing when it is empty.
fn quoted(heading: &str, summary: &str) -> String {
    if summary.is_empty() {
        String::new()
    } else {
        format!("\n\n{heading}\n{summary}")
    }
}

impl TicketNews<'_> {
    /// What the desk's outbox calls it.
    pub fn kind(&self) -> MailKind {
        match self {
            TicketNews::Answered { .. } => MailKind::Answered,
            TicketNews::Assigned { .. } => MailKind::Assigned,
            TicketNews::Resolved { .. } => MailKind::Resolved,
        }
    }
}

/// The ticket numbered `number` about `subject` has news for its requester; `link` is the
/// ticket's page, where they answer, rate or ask for a follow-up.
pub fn ticket_news(
    language: Language,
    news: TicketNews<'_>,
    number: &str,
    subject: &str,
    link: &str,
) -> MailText {
    use Language::{En, Fr};
    use TicketNews::{Answered, Assigned, Resolved};
    let what = match (news, language) {
        (Answered { by, answer }, En) => {
            format!("{by} answered your ticket:\n\n{answer}\n\nAnswer on the ticket's page:\n{link}")
        }
        (Answered { by, answer }, Fr) => format!(
            "{by} a répondu à votre ticket :\n\n{answer}\n\nRépondez sur la page du ticket :\n{link}"
        ),
        (Assigned { to }, En) => {
            format!("{to} is now handling your ticket. Follow it on its page:\n{link}")
        }
        (Assigned { to }, Fr) => {
            format!("{to} prend en charge votre ticket. Suivez-le sur sa page :\n{link}")
        }
        (Resolved { summary }, En) => format!(
            "Your ticket is resolved.{}\n\nRate the resolution on its page, or ask for a \
             follow-up there if the problem remains:\n{link}#{RATING_ANCHOR}",
            quoted("What was done:", summary)
        ),
        (Resolved { summary }, Fr) => format!(
            "Votre ticket est résolu.{}\n\nNotez la résolution sur sa page, ou demandez-y un \
             suivi si le problème persiste :\n{link}#{RATING_ANCHOR}",
            quoted("Ce qui a été fait\u{a0}:", summary)
        ),
    };
    MailText {
        subject: format!("[{number}] {subject}"),
        body: format!("{what}\n\n— Guichet ({number})"),
    }
}

/// What someone hears about a refund of the purchase `reference`.
#[derive(Debug, Clone, Copy)]
pub enum RefundNews<'a> {
    /// To an approver: `requester` asks for a refund, for `reason` (the note, maybe empty).
    ToDecide { requester: &'a str, note: &'a str },
    /// To the requester: `by` approved it; the operator executes it now.
    Approved { by: &'a str },
    /// To the requester: `by` rejected it, saying why.
    Rejected { by: &'a str, reason: &'a str },
}

/// A refund of `amount` of purchase `reference` has news; `link` is the refund's page.
pub fn refund_news(
    language: Language,
    news: RefundNews<'_>,
    reference: &str,
    amount: guichet_domain::Money,
    link: &str,
) -> MailText {
    let amount = money_text(language, amount);
    let (subject, body) = match (language, news) {
        (Language::En, RefundNews::ToDecide { requester, note }) => (
            format!("Refund of {amount} to approve ({reference})"),
            format!(
                "{requester} asks for a refund of {amount} of purchase {reference}.{}\n\n\
                 Approve or reject it here:\n{link}",
                quoted("Their note:", note)
            ),
        ),
        (Language::Fr, RefundNews::ToDecide { requester, note }) => (
            format!("Remboursement de {amount} à approuver ({reference})"),
            format!(
                "{requester} demande le remboursement de {amount} sur l'achat {reference}.{}\n\n\
                 Approuvez-le ou rejetez-le ici :\n{link}",
                quoted("Sa note :", note)
            ),
        ),
        (Language::En, RefundNews::Approved { by }) => (
            format!("Refund of {amount} approved ({reference})"),
            format!(
                "{by} approved your refund of {amount} of purchase {reference}. It goes to the \
                 operator now; the customer's bank may take up to 48 hours to show it.\n\n\
                 Follow it here:\n{link}"
            ),
        ),
        (Language::Fr, RefundNews::Approved { by }) => (
            format!("Remboursement de {amount} approuvé ({reference})"),
            format!(
                "{by} a approuvé votre remboursement de {amount} sur l'achat {reference}. Il part \
                 chez l'opérateur ; la banque du client peut mettre jusqu'à 48 heures à \
                 l'afficher.\n\nSuivez-le ici :\n{link}"
            ),
        ),
        (Language::En, RefundNews::Rejected { by, reason }) => (
            format!("Refund of {amount} rejected ({reference})"),
            format!(
                "{by} rejected your refund of {amount} of purchase {reference}.{}\n\n\
                 You may ask again from the purchase's page:\n{link}",
                quoted("Why:", reason)
            ),
        ),
        (Language::Fr, RefundNews::Rejected { by, reason }) => (
            format!("Remboursement de {amount} rejeté ({reference})"),
            format!(
                "{by} a rejeté votre remboursement de {amount} sur l'achat {reference}.{}\n\n\
                 Vous pouvez le redemander depuis la page de l'achat :\n{link}",
                quoted("Motif :", reason)
            ),
        ),
    };
    MailText {
        subject,
        body: format!("{body}\n\n— Guichet"),
    }
}

/// An amount as its reader writes it: `150 000 F CFA`, `1 500,50 €` in French; `XOF 150,000`,
/// `€1,500.50` in English.
pub fn money_text(language: Language, money: guichet_domain::Money) -> String {
    let plain = money.decimal_string();
    let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
    let (group, decimal) = match language {
        Language::Fr => ('\u{202f}', ','),
        Language::En => (',', '.'),
    };
    let digits: Vec<char> = whole.chars().collect();
    let mut grouped = String::new();
    for (i, c) in digits.iter().enumerate() {
        if i > 0
            && (digits.len() - i).is_multiple_of(3)
            && c.is_ascii_digit()
            && digits[i - 1].is_ascii_digit()
        {
            grouped.push(group);
        }
        grouped.push(*c);
    }
    let number = if fraction.is_empty() {
        grouped
    } else {
        format!("{grouped}{decimal}{fraction}")
    };
    match (language, money.currency) {
        (Language::Fr, guichet_domain::Currency::Xof) => format!("{number}\u{a0}F\u{a0}CFA"),
        (Language::Fr, guichet_domain::Currency::Eur) => format!("{number}\u{a0}€"),
        (Language::En, guichet_domain::Currency::Xof) => format!("XOF\u{a0}{number}"),
        (Language::En, guichet_domain::Currency::Eur) => format!("€{number}"),
    }
}

/// The link to choose a new password, valid `minutes`, for someone who said they forgot theirs.
pub fn password_reset(language: Language, link: &str, minutes: i64) -> MailText {
    let (subject, body) = match language {
        Language::En => (
            "Choose a new Guichet password",
            format!(
                "Someone asked to reset the password of your Guichet account.\n\n\
                 If it was you, choose a new password here (the link works once, for \
                 {minutes} minutes):\n{link}\n\n\
                 If it was not you, ignore this mail: your password stays as it is."
            ),
        ),
        Language::Fr => (
            "Choisissez un nouveau mot de passe Guichet",
            format!(
                "Quelqu'un a demandé à réinitialiser le mot de passe de votre compte Guichet.\n\n\
                 Si c'était vous, choisissez un nouveau mot de passe ici (le lien sert une fois, \
                 pendant {minutes} minutes) :\n{link}\n\n\
                 Si ce n'était pas vous, ignorez ce courriel : votre mot de passe ne change pas."
            ),
        ),
    };
    MailText {
        subject: subject.to_owned(),
        body: format!("{body}\n\n— Guichet"),
    }
}

/// The code that lets an account's owner sign in after repeated failures, valid `minutes`; it
/// also tells them what is going on.
pub fn login_code(language: Language, code: &str, minutes: i64) -> MailText {
    let (subject, body) = match language {
        Language::En => (
            "Your Guichet sign-in code",
            format!(
                "Someone tried several times to sign in to your Guichet account with a wrong \
                 password.\n\n\
                 If it was you, sign in with your password and this code: {code}\n\
                 It is valid for {minutes} minutes.\n\n\
                 If it was not you, nobody can sign in without this code, and you need do \
                 nothing; you may want to change your password all the same."
            ),
        ),
        Language::Fr => (
            "Votre code de connexion à Guichet",
            format!(
                "Quelqu'un a essayé plusieurs fois de se connecter à votre compte Guichet avec \
                 un mauvais mot de passe.\n\n\
                 Si c'était vous, connectez-vous avec votre mot de passe et ce code : {code}\n\
                 Il est valable {minutes} minutes.\n\n\
                 Si ce n'était pas vous, personne ne peut se connecter sans ce code et vous \
                 n'avez rien à faire ; vous pouvez tout de même changer votre mot de passe."
            ),
        ),
    };
    MailText {
        subject: subject.to_owned(),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_each_language_writes_them() {
        use guichet_domain::{Currency, Money};
        let xof = Money::new(150_000, Currency::Xof);
        let eur = Money::new(150_050, Currency::Eur);
        assert_eq!(
            money_text(Language::Fr, xof),
            "150\u{202f}000\u{a0}F\u{a0}CFA"
        );
        assert_eq!(money_text(Language::Fr, eur), "1\u{202f}500,50\u{a0}€");
        assert_eq!(money_text(Language::En, eur), "€1,500.50");
        assert_eq!(
            money_text(Language::En, Money::new(500, Currency::Xof)),
            "XOF\u{a0}500"
        );
    }

    const LINK: &str = "https://guichet.example/tickets/t1";

    fn every_news() -> [TicketNews<'static>; 4] {
        [
            TicketNews::Answered {
                by: "Koffi Yao",
                answer: "Relancez l'IPN.",
            },
            TicketNews::Assigned { to: "Koffi Yao" },
            TicketNews::Resolved { summary: "" },
            TicketNews::Resolved {
                summary: "Clé renouvelée.",
            },
        ]
    }

    #[test]
    fn every_mail_links_to_the_ticket_in_every_language() {
        for language in Language::ALL {
            for news in every_news() {
                let mail = ticket_news(language, news, "EFB-1", "Échec", LINK);
                assert_eq!(mail.subject, "[EFB-1] Échec");
                assert!(mail.body.contains(LINK), "{language:?} {news:?}");
                assert!(mail.body.ends_with("— Guichet (EFB-1)"));
            }
        }
    }

    #[test]
    fn a_reset_link_is_given_once_in_every_language() {
        for language in Language::ALL {
            let mail = password_reset(language, LINK, 30);
            assert_eq!(mail.body.matches(LINK).count(), 1, "{language:?}");
            assert!(mail.body.contains("30 minutes"), "{language:?}");
        }
    }

    #[test]
    fn a_login_code_is_given_once_in_every_language() {
        for language in Language::ALL {
            let mail = login_code(language, "482913", 15);
            assert_eq!(mail.body.matches("482913").count(), 1, "{language:?}");
            assert!(mail.body.contains("15 minutes"), "{language:?}");
        }
    }

    #[test]
    fn a_mail_speaks_one_language_and_quotes_an_answer_once() {
        let answer = "Relancez l'IPN.";
        let fr = ticket_news(
            Language::Fr,
            TicketNews::Answered {
                by: "Koffi Yao",
                answer,
            },
            "EFB-1",
            "Échec",
            LINK,
        );
        assert!(fr.body.contains("a répondu") && !fr.body.contains("answered"));
        assert_eq!(fr.body.matches(answer).count(), 1);
        let resolved = TicketNews::Resolved {
            summary: "Key rotated.",
        };
        let en = ticket_news(Language::En, resolved, "EFB-1", "Échec", LINK);
        assert!(en.body.contains("resolved") && !en.body.contains("résolu"));
        assert!(en.body.contains("What was done:\nKey rotated."));
        assert!(en.body.contains(&format!("{LINK}#{RATING_ANCHOR}")));
    }
}
