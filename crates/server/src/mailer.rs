//! Sends the outbox by SMTP when a relay is configured (`GUICHET_SMTP_ADDR`), e.g. the
//! machine's own mail transfer agent on `127.0.0.1:25`, which then handles TLS, authentication
//! and retries towards the world. Without a relay, notifications stay in the outbox, where the
//! desk can read them.

use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use chrono::TimeDelta;
use guichet_domain::MailId;

use crate::db::Db;
use crate::error::AppError;
use crate::store::jobs::{self, Job};
use crate::store::{outbox, Conn};
use crate::time;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relay {
    /// `host:port` of the relay.
    pub addr: String,
    /// The envelope and `From:` address.
    pub from: String,
}

/// How long one conversation with the relay may take before it is given up (and retried).
const TIMEOUT: Duration = Duration::from_secs(30);
/// Mail jobs claimed at a time, and for how long: enough for each to time out once.
const BATCH: i64 = 10;
const LEASE: TimeDelta = TimeDelta::seconds(BATCH * 30 + 60);

/// Sends the notifications whose job is due (`jobs::MAIL`), whichever process queued them;
/// returns how many the relay accepted. A refused or failed one is tried again later, then
/// later (the queue's backoff), until it is given up.
pub async fn deliver_pending(db: &Db, relay: &Relay) -> Result<usize, AppError> {
    let mut sent = 0;
    loop {
        let due = jobs::claim(db, jobs::MAIL, BATCH, LEASE, time::now()).await?;
        if due.is_empty() {
            return Ok(sent);
        }
        let mut conn = db.acquire().await?;
        for job in due {
            match deliver(&mut conn, relay, &job).await {
                Ok(()) => {
                    jobs::done(&mut conn, &job.id, time::now()).await?;
                    sent += 1;
                }
                Err(e) => {
                    tracing::warn!(job = %job.id, error = %e, "a notification was not sent");
                    jobs::failed(&mut conn, &job, &e, time::now()).await?;
                }
            }
        }
    }
}

/// Sends one mail job's mail, unless it went already (its process stopped before it could
/// say so: the relay then gets it once more rather than never).
async fn deliver(conn: &mut Conn, relay: &Relay, job: &Job) -> Result<(), String> {
    let id: MailId = serde_json::from_str::<serde_json::Value>(&job.payload)
        .ok()
        .and_then(|p| p["mail_id"].as_str().map(MailId::from))
        .ok_or("a mail job without its mail")?;
    let mail = outbox::find(conn, &id)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("its mail is gone")?;
    if mail.sent_at.is_some() {
        return Ok(());
    }
    let message = message(
        &relay.from,
        &mail.to,
        &mail.subject,
        &mail.body,
        id.as_str(),
    );
    tokio::time::timeout(TIMEOUT, send(relay, &mail.to, &message))
        .await
        .map_err(|_| "the relay timed out".to_owned())?
        .map_err(|e| e.to_string())?;
    outbox::mark_sent(conn, &id)
        .await
        .map_err(|e| e.to_string())
}

/// Runs [`deliver_pending`] every `every`, for the server's lifetime.
pub async fn run(db: Db, relay: Relay, every: Duration) {
    loop {
        if let Err(e) = deliver_pending(&db, &relay).await {
            tracing::error!(error = ?e, "sending the outbox failed");
        }
        tokio::time::sleep(every).await;
    }
}

/// The message in RFC 5322 form: UTF-8 subject encoded per RFC 2047, body in base64 so that no
/// line length or 8-bit limit of a relay can damage it.
fn message(from: &str, to: &str, subject: &str, body: &str, id: &str) -> String {
    let date = chrono::Utc::now().to_rfc2822();
    let domain = from.rsplit('@').next().unwrap_or("localhost");
    let body = STANDARD.encode(body.replace('\n', "\r\n"));
    let mut wrapped = String::new();
    for chunk in body.as_bytes().chunks(76) {
        wrapped.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        wrapped.push_str("\r\n");
    }
    format!(
        "From: Guichet <{from}>\r\nTo: <{to}>\r\nSubject: =?UTF-8?B?{}?=\r\nDate: {date}\r\n\
         Message-ID: <{id}@{domain}>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{wrapped}",
        STANDARD.encode(subject)
    )
}

/// One SMTP conversation (RFC 5321): EHLO, MAIL, RCPT, DATA, QUIT.
async fn send(relay: &Relay, to: &str, message: &str) -> std::io::Result<()> {
    let stream = TcpStream::connect(&relay.addr).await?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    expect(&mut read, 220).await?;
    for (command, code) in [
        ("EHLO guichet".to_owned(), 250),
        (format!("MAIL FROM:<{}>", relay.from), 250),
        (format!("RCPT TO:<{to}>"), 250),
        ("DATA".to_owned(), 354),
    ] {
        write.write_all(format!("{command}\r\n").as_bytes()).await?;
        expect(&mut read, code).await?;
    }
    // Base64 lines and fixed headers never start with a dot: no dot-stuffing needed.
    write.write_all(message.as_bytes()).await?;
    write.write_all(b".\r\n").await?;
    expect(&mut read, 250).await?;
    write.write_all(b"QUIT\r\n").await?;
    Ok(())
}

/// Reads a (possibly multi-line) reply and checks its code; 251 counts as 250.
async fn expect<R: AsyncBufReadExt + Unpin>(read: &mut R, code: u16) -> std::io::Result<()> {
    loop {
        let mut line = String::new();
        if read.read_line(&mut line).await? == 0 {
            return Err(std::io::Error::other("the relay closed the connection"));
        }
        let got: u16 = line.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
        let last = line.as_bytes().get(3) != Some(&b'-');
        if !last {
            continue;
        }
        if got == code || (code == 250 && got == 251) {
            return Ok(());
        }
        return Err(std::io::Error::other(format!(
            "expected {code}, the relay said {}",
            line.trim_end()
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_survive_any_relay() {
        let m = message(
            "guichet@easytransfert.ci",
            "support@abidjan-shop.demo",
            "[EFB-SUPPORT-20260113-001] Échec des recharges",
            "Bonjour,\n.\nvotre ticket est résolu.",
            "m1",
        );
        assert!(m.contains("Subject: =?UTF-8?B?"));
        assert!(m.contains("Message-ID: <m1@easytransfert.ci>"));
        assert!(m.lines().all(|l| l.len() <= 998 && !l.starts_with('.')));
        assert!(m.is_ascii());
    }
}
