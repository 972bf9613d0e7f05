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
