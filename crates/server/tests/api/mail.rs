//! Notifications are written in the requester's language, with a link to the ticket, and leave
//! by SMTP when a relay is configured. The relay here is a fake that speaks real SMTP on a
//! loopback socket and records what it accepts.

use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use guichet_domain::paths;
use guichet_domain::tickets::{Background, DeskStats, OutboxMail, TicketDetail};
use guichet_domain::Role;
use guichet_server::mailer::{self, Relay};
use guichet_server::Settings;
use serde_json::json;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::helpers::*;

/// A fake relay: accepts every message, or refuses every recipient. Returns its address and
/// the messages it accepted.
async fn fake_relay(refuse: bool) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let accepted = Arc::new(Mutex::new(Vec::new()));
    let store = accepted.clone();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let store = store.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut lines = BufReader::new(read).lines();
                write.write_all(b"220 fake relay\r\n").await.unwrap();
                let mut data: Option<String> = None;
                while let Ok(Some(line)) = lines.next_line().await {
                    if let Some(body) = data.as_mut() {
                        if line == "." {
                            store.lock().unwrap().push(data.take().unwrap());
                            write.write_all(b"250 queued\r\n").await.unwrap();
                        } else {
                            body.push_str(&line);
                            body.push('\n');
                        }
                        continue;
                    }
                    let reply: &[u8] = match line.split(' ').next().unwrap_or("") {
                        "EHLO" => b"250-fake\r\n250 8BITMIME\r\n",
                        "RCPT" if refuse => b"550 no such user\r\n",
                        "DATA" => {
                            data = Some(String::new());
                            b"354 go ahead\r\n"
                        }
                        "QUIT" => b"221 bye\r\n",
                        _ => b"250 ok\r\n",
                    };
                    write.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (addr, accepted)
}

#[tokio::test]
async fn notifications_go_through_the_relay_once() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let mut r = app.request(
        Some(&merchant),
        axum::http::Method::POST,
        paths::TICKETS,
        Some(json!({
            "category": "api_question",
            "urgency": "normal",
            "fields": { "subject": "Échec des recharges", "description": "Comment relancer ?" }
        })),
    );
    r.headers_mut()
        .insert("idempotency-key", "mail-1".parse().unwrap());
    let t: TicketDetail = app.send(r).await.ok().json();
    app.post(
        Some(&agent),
        &paths::ticket_action(&t.ticket.id, "assign"),
        json!({ "assignee_id": agent.me.user.id }),
    )
    .await
    .ok();

    // A relay that refuses keeps the mail pending; its job is tried again later, with the
    // reason kept.
    let (refusing, _) = fake_relay(true).await;
    let relay = |addr: String| Relay {
        addr,
        from: "guichet@easytransfert.demo".into(),
    };
    assert_eq!(
        mailer::deliver_pending(&app.db, &relay(refusing))
            .await
            .unwrap(),
        0
    );
    let (attempts, error, run_at): (i64, Option<String>, String) =
        sqlx::query_as("SELECT attempts, last_error, run_at FROM jobs WHERE kind = 'mail'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(attempts, 1);
    assert!(error.is_some_and(|e| !e.is_empty()));
    assert!(run_at > time_now(), "later: {run_at}");
    // The desk's figures show it waiting, with when it was queued.
    let before = background(&app, &agent).await;
    assert_eq!((before.waiting, before.failed), (1, 0));
    assert!(before.oldest_waiting_at.is_some());
    // The wait is over.
    sqlx::query("UPDATE jobs SET run_at = $1")
        .bind(time_now())
        .execute(&app.db)
        .await
        .unwrap();

    let (addr, accepted) = fake_relay(false).await;
    assert_eq!(
        mailer::deliver_pending(&app.db, &relay(addr.clone()))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        mailer::deliver_pending(&app.db, &relay(addr))
            .await
            .unwrap(),
        0,
        "sent once"
    );

    let message = accepted.lock().unwrap()[0].clone();
    assert!(
        message.contains("To: <support@abidjan-shop.demo>"),
        "{message}"
    );
    let body: String = message.split("\n\n").nth(1).unwrap().lines().collect();
    let body = String::from_utf8(STANDARD.decode(body).unwrap()).unwrap();
    assert!(body.contains("Koffi Yao"), "{body}");
    assert!(body.contains(&t.ticket.number), "{body}");

    let outbox: Vec<OutboxMail> = app.get(Some(&agent), paths::DESK_OUTBOX).await.ok().json();
    assert!(outbox[0].sent_at.is_some());
    assert_eq!(background(&app, &agent).await.waiting, 0);
}

/// The desk's background work, from its figures.
async fn background(app: &TestApp, agent: &Login) -> Background {
    let stats: DeskStats = app.get(Some(agent), paths::DESK_STATS).await.ok().json();
    stats.background
}

/// Now, as the database keeps times.
fn time_now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

const PUBLIC_URL: &str = "https://guichet.example.ci";

/// A ticket filed by `requester`, for the tests of what its requester is told.
async fn file_ticket(app: &TestApp, requester: &Login) -> TicketDetail {
    let mut r = app.request(
        Some(requester),
        axum::http::Method::POST,
        paths::TICKETS,
        Some(json!({
            "category": "api_question",
            "urgency": "normal",
            "fields": { "subject": "Échec des recharges", "description": "Comment relancer ?" }
        })),
    );
    let key = uuid::Uuid::new_v4().to_string();
    r.headers_mut()
        .insert("idempotency-key", key.parse().unwrap());
    app.send(r).await.ok().json()
}

/// `desk` acts on the ticket, and the newest mail in the outbox (the desk reads it) is returned.
async fn act(
    app: &TestApp,
    desk: &Login,
    t: &TicketDetail,
    action: &str,
    body: serde_json::Value,
) -> OutboxMail {
    app.post(
        Some(desk),
        &paths::ticket_action(&t.ticket.id, action),
        body,
    )
    .await
    .ok();
    let outbox: Vec<OutboxMail> = app.get(Some(desk), paths::DESK_OUTBOX).await.ok().json();
    outbox.into_iter().next().expect("a mail")
}

async fn set_language(app: &TestApp, login: &Login, language: &str) {
    let body = json!({ "language": language });
    let r = app.put(Some(login), paths::ME_LANGUAGE, body).await;
    assert_eq!(r.status, axum::http::StatusCode::NO_CONTENT, "{}", r.text());
}

#[tokio::test]
async fn a_french_requester_is_written_to_in_french_alone_with_the_tickets_link() {
    let settings = Settings::new(NO_DIST, false).with_public_url(PUBLIC_URL);
    let app = spawn_app_with(settings).await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    set_language(&app, &merchant, "fr").await;
    let t = file_ticket(&app, &merchant).await;
    let link = format!("{PUBLIC_URL}/tickets/{}", t.ticket.id);

    let assignee = json!({ "assignee_id": agent.me.user.id });
    let assigned = act(&app, &agent, &t, "assign", assignee).await;
    assert!(
        assigned.body.contains("prend en charge"),
        "{}",
        assigned.body
    );
    assert!(!assigned.body.contains("handling"), "{}", assigned.body);
    assert!(assigned.body.contains(&link), "{}", assigned.body);

    let reply = "Relancez l'IPN depuis le tableau de bord.";
    let answered = act(&app, &agent, &t, "messages", json!({ "body": reply })).await;
    assert_eq!(answered.to, merchant.me.user.email);
    let subject = format!("[{}] Échec des recharges", t.ticket.number);
    assert_eq!(answered.subject, subject);
    assert!(answered.body.contains("a répondu"), "{}", answered.body);
    assert!(!answered.body.contains("answered"), "{}", answered.body);
    assert_eq!(answered.body.matches(reply).count(), 1, "{}", answered.body);
    assert!(answered.body.contains(&link), "{}", answered.body);
}

#[tokio::test]
async fn switching_language_changes_the_next_mail() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let t = file_ticket(&app, &merchant).await;

    let assignee = json!({ "assignee_id": agent.me.user.id });
    let assigned = act(&app, &agent, &t, "assign", assignee).await;
    assert!(
        assigned.body.contains("is now handling"),
        "{}",
        assigned.body
    );
    assert!(
        !assigned.body.contains("prend en charge"),
        "{}",
        assigned.body
    );

    set_language(&app, &merchant, "fr").await;
    let answered = act(&app, &agent, &t, "messages", json!({ "body": "Voilà." })).await;
    assert!(answered.body.contains("a répondu"), "{}", answered.body);
    assert!(!answered.body.contains("answered"), "{}", answered.body);

    // The resolution links to the ticket's rating, and says what was done; the link starts
    // with the default public address.
    let summary = "Clé de test remplacée par la clé de production.";
    let body = json!({ "status": "resolved", "summary": summary });
    let resolved = act(&app, &agent, &t, "status", body).await;
    assert!(
        resolved.body.contains("Notez la résolution"),
        "{}",
        resolved.body
    );
    assert!(resolved.body.contains(summary), "{}", resolved.body);
    let link = format!("http://127.0.0.1:8080/tickets/{}#rate", t.ticket.id);
    assert!(resolved.body.contains(&link), "{}", resolved.body);
}
