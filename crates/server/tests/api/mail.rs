//! Notifications leave by SMTP when a relay is configured. The relay here is a fake that speaks
//! real SMTP on a loopback socket and records what it accepts.

use std::sync::{Arc, Mutex};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use guichet_domain::paths;
use guichet_domain::tickets::{OutboxMail, TicketDetail};
use guichet_domain::Role;
use guichet_server::mailer::{self, Relay};
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

    // A relay that refuses keeps the mail pending.
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
}
