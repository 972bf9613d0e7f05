//! Tickets from filing to rating: numbering, idempotent submit, server-side redaction, who sees
//! what, the desk's actions and the SLA clock.

use std::collections::BTreeMap;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use chrono::{DateTime, TimeDelta, Utc};
use guichet_domain::api::{AuditEntry, Page};
use guichet_domain::paths::{self, headers};
use guichet_domain::tickets::{
    self, Change, DeskStats, GroupStats, MailKind, Merchant, OutboxMail, Person, Status, Target,
    TicketDetail, TicketSummary, UnreadCount, Urgency,
};
use guichet_domain::{ErrorCode, Role, TicketId};
use guichet_server::store;
use serde_json::{json, Value};

use crate::helpers::*;

/// A Bug report with every required field, carrying `description`.
fn bug(description: &str) -> Value {
    json!({
        "category": "bug",
        "urgency": "high",
        "fields": {
            "subject": "Airtime top-up fails with 500",
            "description": description,
            "api_key": "sprod_...Qa7x",
            "endpoint": "/airtime",
            "environment": "production",
            "seen_at": "2026-01-13T10:42:00Z",
            "error_message": "Internal Server Error",
            "steps_to_reproduce": "POST /airtime with amount 1000",
            "client_id": "cli_4821",
            "device_browser": "Chrome 142 on Windows 11",
            "request_id": "c39df0fb-a684-447c-9fbc-3f24c288f608"
        }
    })
}

impl TestApp {
    async fn file(&self, login: &Login, body: Value, key: &str) -> TestResponse {
        let mut r = self.request(Some(login), Method::POST, paths::TICKETS, Some(body));
        r.headers_mut()
            .insert(headers::IDEMPOTENCY_KEY, key.parse().unwrap());
        self.send(r).await
    }

    async fn file_ok(&self, login: &Login, body: Value) -> TicketDetail {
        let r = self
            .file(login, body, &uuid::Uuid::new_v4().to_string())
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
        r.json()
    }

    async fn act(&self, login: &Login, id: &TicketId, action: &str, body: Value) -> TestResponse {
        self.post(Some(login), &paths::ticket_action(id, action), body)
            .await
    }

    async fn detail(&self, login: &Login, id: &TicketId) -> TicketDetail {
        self.get(Some(login), &paths::ticket(id)).await.ok().json()
    }
}

#[tokio::test]
async fn a_ticket_lives_from_filing_to_rating() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let lead = app.login(Role::SupportLead, PROVIDER).await;

    let filed = app
        .file_ok(&merchant, bug("Top-ups fail since 10:40."))
        .await;
    let t = &filed.ticket;
    let (prefix, _, sequence) = tickets::parse_ticket_number(&t.number).expect("number");
    assert_eq!((prefix, sequence), ("EFB", 1));
    assert_eq!(t.status, Status::New);
    assert_eq!(t.merchant.name, "Abidjan Shop");
    assert_eq!(
        t.sla.response_due - t.created_at,
        chrono::TimeDelta::hours(4)
    );
    let id = t.id.clone();

    // The desk sees it in its queue.
    let queue: Vec<TicketSummary> = app.get(Some(&agent), paths::TICKETS).await.ok().items();
    assert_eq!(queue.len(), 1);

    let triaged: TicketDetail = app
        .act(
            &agent,
            &id,
            "triage",
            json!({ "urgency": "critical", "reason": "All top-ups fail" }),
        )
        .await
        .ok()
        .json();
    assert_eq!(triaged.ticket.status, Status::Triaged);
    assert_eq!(
        triaged.ticket.sla.response_due - t.created_at,
        chrono::TimeDelta::hours(1)
    );
    // The desk's reason stays the desk's unless it is shared.
    app.act(
        &agent,
        &id,
        "triage",
        json!({ "urgency": "critical", "reason": "Confirmed on our side", "shared": true }),
    )
    .await
    .ok();
    let reasons = |d: &TicketDetail| -> Vec<String> {
        d.events
            .iter()
            .filter_map(|e| match &e.change {
                Change::Urgency { reason, .. } => Some(reason.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        reasons(&app.detail(&agent, &id).await),
        ["All top-ups fail", "Confirmed on our side"]
    );
    assert_eq!(
        reasons(&app.detail(&merchant, &id).await),
        ["", "Confirmed on our side"]
    );

    let agents: Vec<Person> = app.get(Some(&lead), paths::DESK_AGENTS).await.ok().json();
    let koffi = agents
        .iter()
        .find(|p| p.name == "Koffi Yao")
        .expect("agent");
    let assigned: TicketDetail = app
        .act(&lead, &id, "assign", json!({ "assignee_id": koffi.id }))
        .await
        .ok()
        .json();
    assert_eq!(assigned.ticket.status, Status::Assigned);
    assert_eq!(assigned.ticket.assignee.as_ref(), Some(koffi));

    app.act(
        &agent,
        &id,
        "messages",
        json!({ "body": "Looking at our logs.", "internal": false }),
    )
    .await
    .ok();
    app.act(
        &agent,
        &id,
        "messages",
        json!({ "body": "Operator timeout on MTN.", "internal": true }),
    )
    .await
    .ok();
    let waiting: TicketDetail = app
        .act(
            &agent,
            &id,
            "status",
            json!({ "status": "waiting_on_merchant" }),
        )
        .await
        .ok()
        .json();
    assert!(waiting.ticket.sla.paused);

    // The merchant never sees the internal note; answering resumes the clock.
    let seen = app.detail(&merchant, &id).await;
    assert_eq!(seen.messages.len(), 1);
    assert!(seen.messages.iter().all(|m| !m.internal));
    let answered: TicketDetail = app
        .act(
            &merchant,
            &id,
            "messages",
            json!({ "body": "It still fails for MTN numbers." }),
        )
        .await
        .ok()
        .json();
    assert_eq!(answered.ticket.status, Status::InProgress);
    assert!(!answered.ticket.sla.paused);

    // Rating before resolution is refused.
    let early = app
        .act(&merchant, &id, "feedback", json!({ "rating": 5 }))
        .await
        .assert_error(409, ErrorCode::Conflict);
    assert_eq!(early.reason.as_deref(), Some("error.ticket_not_resolved"));
    // A summary goes with a resolution only; it joins the conversation, for the merchant.
    let summary = "Raised the MTN operator's timeout.";
    let misplaced = json!({ "status": "in_progress", "summary": summary });
    app.act(&agent, &id, "status", misplaced)
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    let resolved = json!({ "status": "resolved", "summary": summary });
    app.act(&agent, &id, "status", resolved).await.ok();
    let seen = app.detail(&merchant, &id).await;
    assert!(seen
        .messages
        .iter()
        .any(|m| m.body == summary && !m.internal));
    let closed: TicketDetail = app
        .act(
            &merchant,
            &id,
            "feedback",
            json!({ "rating": 4, "comment": "Quick, thanks." }),
        )
        .await
        .ok()
        .json();
    assert_eq!(closed.ticket.status, Status::Closed);
    assert_eq!(closed.feedback.as_ref().map(|f| f.rating), Some(4));
    assert!(closed.follow_up_until.is_some());

    // A follow-up reopens it, and the reason joins the conversation.
    let reopened: TicketDetail = app
        .act(
            &merchant,
            &id,
            "follow-up",
            json!({ "reason": "It broke again at 18:00." }),
        )
        .await
        .ok()
        .json();
    assert_eq!(reopened.ticket.status, Status::InProgress);
    assert_eq!(
        reopened.messages.last().unwrap().body,
        "It broke again at 18:00."
    );

    let kinds: Vec<String> = reopened
        .events
        .iter()
        .map(|e| {
            serde_json::to_value(&e.change).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(kinds[0], "created");
    assert!(kinds.contains(&"urgency".to_owned()) && kinds.contains(&"rated".to_owned()));

    // Notifications: assignment, the public reply, the resolution; never the internal note.
    let mails: Vec<OutboxMail> = app.get(Some(&lead), paths::DESK_OUTBOX).await.ok().json();
    assert_eq!(mails.len(), 3, "{mails:?}");
    assert!(mails
        .iter()
        .all(|m| m.to == demo_email(Role::Support, ABIDJAN)));
    assert!(mails.iter().all(|m| !m.body.contains("Operator timeout")));
    let kinds: Vec<_> = mails.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [
            Some(MailKind::Resolved),
            Some(MailKind::Answered),
            Some(MailKind::Assigned)
        ]
    );
    assert!(mails.iter().all(|m| m.ticket_id == id));

    // The figures, over a period, by urgency, engineer and merchant, with their samples.
    for period in [
        "",
        "?period=today",
        "?period=7d",
        "?period=30d",
        "?period=all",
    ] {
        let path = format!("{}{period}", paths::DESK_STATS);
        let stats: DeskStats = app.get(Some(&agent), &path).await.ok().json();
        assert_eq!(stats.ratings, 1);
        assert_eq!(stats.average_rating, Some(4.0));
        let critical = &stats.by_urgency[0].figures;
        assert_eq!(
            (critical.filed, critical.open, critical.responded),
            (1, 1, 1)
        );
        assert_eq!(critical.median_response_minutes, Some(0));
        assert_eq!(stats.all.filed, 1);
        let names = |g: &[GroupStats]| {
            g.iter()
                .map(|g| (g.name.clone(), g.figures.filed))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&stats.by_agent), [("Koffi Yao".to_owned(), 1)]);
        assert_eq!(names(&stats.by_merchant), [("Abidjan Shop".to_owned(), 1)]);
    }
    app.get(
        Some(&agent),
        &format!("{}?period=forever", paths::DESK_STATS),
    )
    .await
    .assert_error(400, ErrorCode::BadRequest);

    // Both sides' actions are in their own audit logs.
    let log: Page<AuditEntry> = app.get(Some(&lead), paths::AUDIT).await.ok().json();
    let actions: Vec<&str> = log.items.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "ticket.triaged",
        "ticket.assigned",
        "ticket.replied",
        "ticket.note_added",
        "ticket.status_changed",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
}

/// The ticket form's own body, as raw bytes.
fn raw_ticket(login: &Login, body: String, key: &str) -> Request<Body> {
    Request::post(format!("{}{}", paths::PREFIX, paths::TICKETS))
        .header(header::COOKIE, format!("guichet_session={}", login.cookie))
        .header(headers::CSRF_TOKEN, &login.csrf)
        .header(headers::IDEMPOTENCY_KEY, key)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body))
        .unwrap()
}

#[tokio::test]
async fn a_ticket_body_is_one_json_value_of_the_right_shape() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let r = app
        .send(raw_ticket(
            &merchant,
            format!("{} GARBAGE", bug("Trailing bytes.")),
            "trailing",
        ))
        .await;
    r.assert_error(400, ErrorCode::BadRequest);

    // A number, a boolean or an array where an enum's name goes: 422, naming the field.
    for urgency in [json!(5), json!(true), json!(["high"])] {
        let mut body = bug("Mistyped urgency.");
        body["urgency"] = urgency.clone();
        let r = app
            .file(&merchant, body, &format!("urgency-{urgency}"))
            .await;
        let e = r.assert_error(422, ErrorCode::ValidationFailed);
        assert_eq!(e.fields["urgency"], ["error.invalid"], "{urgency}");
    }
    let mine: Vec<TicketSummary> = app.get(Some(&merchant), paths::TICKETS).await.ok().items();
    assert!(mine.is_empty(), "nothing was filed");
}

/// NUL and its kin are refused wherever text comes in, JSON or query, naming the field; tabs and
/// line breaks are text.
#[tokio::test]
async fn control_characters_are_refused_wherever_text_comes_in() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    for (i, text) in ["Top-ups fail\u{0}", "\u{1b}[2J", "a\u{7f}"]
        .into_iter()
        .enumerate()
    {
        let e = app
            .file(&merchant, bug(text), &format!("control-{i}"))
            .await
            .assert_error(422, ErrorCode::ValidationFailed);
        assert_eq!(
            e.fields["description"],
            ["error.control_character"],
            "{text:?}"
        );
    }
    let mine: Vec<TicketSummary> = app.get(Some(&merchant), paths::TICKETS).await.ok().items();
    assert!(mine.is_empty(), "nothing was filed");

    let lines = "Since 10:40:\r\n\t- MTN\n\t- Orange";
    let t = app.file_ok(&merchant, bug(lines)).await;
    assert_eq!(t.fields[&tickets::Field::Description], lines);
    let e = app
        .act(
            &merchant,
            &t.ticket.id,
            "messages",
            json!({ "body": "a\u{0}b" }),
        )
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["body"], ["error.control_character"]);

    let e = app
        .get(Some(&merchant), &format!("{}?q=EFB%00", paths::TICKETS))
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["q"], ["error.control_character"]);
    let r = app
        .send(upload(
            &merchant,
            "app%00.log",
            "text/plain",
            b"10:42".to_vec(),
        ))
        .await;
    let e = r.assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["name"], ["error.control_character"]);
}

#[tokio::test]
async fn submitting_twice_files_one_ticket() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let first = app.file(&merchant, bug("Once."), "draft-1").await;
    let again = app.file(&merchant, bug("Once."), "draft-1").await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(again.header(headers::IDEMPOTENT_REPLAYED), Some("true"));
    let (a, b): (TicketDetail, TicketDetail) = (first.json(), again.json());
    assert_eq!(a.ticket.id, b.ticket.id);
    let mine: Vec<TicketSummary> = app.get(Some(&merchant), paths::TICKETS).await.ok().items();
    assert_eq!(mine.len(), 1);

    let no_key = app
        .post(Some(&merchant), paths::TICKETS, bug("No key."))
        .await;
    no_key.assert_error(400, ErrorCode::BadRequest);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_submissions_get_distinct_consecutive_numbers() {
    let app = spawn_app().await;
    let abidjan = app.login(Role::Support, ABIDJAN).await;
    let paris = app.login(Role::Support, PARIS).await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..16 {
        let who = if i % 2 == 0 { &abidjan } else { &paris };
        let mut r = app.request(
            Some(who),
            Method::POST,
            paths::TICKETS,
            Some(bug(&format!("Parallel {i}"))),
        );
        r.headers_mut().insert(
            headers::IDEMPOTENCY_KEY,
            format!("parallel-{i}").parse().unwrap(),
        );
        let router = app.router.clone();
        tasks.spawn(async move { tower::ServiceExt::oneshot(router, r).await.unwrap() });
    }
    let mut sequences = Vec::new();
    while let Some(response) = tasks.join_next().await {
        let response = response.unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes();
        let t: TicketDetail = serde_json::from_slice(&body).unwrap();
        sequences.push(tickets::parse_ticket_number(&t.ticket.number).unwrap().2);
    }
    sequences.sort_unstable();
    assert_eq!(
        sequences,
        (1..=16).collect::<Vec<_>>(),
        "one provider, one daily sequence"
    );
}

#[tokio::test]
async fn a_busy_days_numbers_still_sort_as_text() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    app.file_ok(&merchant, bug("First of the day.")).await;
    // As if 997 more had been filed since.
    sqlx::query("UPDATE ticket_counters SET last = 998")
        .execute(&app.db)
        .await
        .unwrap();
    let mut numbers = Vec::new();
    for i in 0..3 {
        numbers.push(
            app.file_ok(&merchant, bug(&format!("Busy {i}")))
                .await
                .ticket
                .number,
        );
    }
    let tails: Vec<&str> = numbers
        .iter()
        .map(|n| n.rsplit('-').next().unwrap())
        .collect();
    assert_eq!(tails, ["999", "A1000", "A1001"]);
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
}

#[tokio::test]
async fn the_server_redacts_what_the_browser_let_through() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let leaky =
        "curl -H 'Authorization: Bearer sprod_4bV9kQz2mXw7LpR8tN3yHc6d' card 4111 1111 1111 1111 \
                 request c39df0fb-a684-447c-9fbc-3f24c288f608";
    let t = app.file_ok(&merchant, bug(leaky)).await;
    let stored = &t.fields[&tickets::Field::Description];
    assert!(!stored.contains("sprod_4bV9kQz2"), "{stored}");
    assert!(!stored.contains("4111 1111 1111 1111"), "{stored}");
    assert!(
        stored.contains("c39df0fb-a684-447c-9fbc-3f24c288f608"),
        "ids are kept: {stored}"
    );

    let log: Page<AuditEntry> = app.get(Some(&admin), paths::AUDIT).await.ok().json();
    let created = log
        .items
        .iter()
        .find(|e| e.action == "ticket.created")
        .unwrap();
    assert_eq!(created.details["server_findings"], 2);

    // A whole key where the fingerprint goes is refused, not stored.
    let mut with_key = bug("x");
    with_key["fields"]["api_key"] = json!("sprod_4bV9kQz2mXw7LpR8tN3yHc6d");
    let r = app.file(&merchant, with_key, "with-key").await;
    let e = r.assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["api_key"], ["error.api_key_fingerprint"]);
}

/// The audit entry of `action` on ticket `number`, as `reader` sees its organisation's log.
async fn audit_of(app: &TestApp, reader: &Login, action: &str, number: &str) -> AuditEntry {
    let log: Page<AuditEntry> = app.get(Some(reader), paths::AUDIT).await.ok().json();
    log.items
        .into_iter()
        .find(|e| e.action == action && e.target.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("no {action} on {number}"))
}

#[tokio::test]
async fn secrets_in_structured_fields_are_redacted_too() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let token = "Zk3Qm8Xp2Lw9Rt5Vb7Nc4Hd6Jf1Gs0Ya";
    let live_key = "sprod_Xq7Lm2Pz9Rt4Vb8Nc3Hd6Jf1";
    let mut body = bug("Top-ups fail since 10:40.");
    body["fields"]["endpoint"] = json!(format!("/airtime?access_token={token}"));
    body["fields"]["client_id"] = json!(live_key);
    // Both have the shape their field asks for: the checks let them through, the scrub does not.
    let filed = app.file_ok(&merchant, body).await;

    let seen = app.detail(&agent, &filed.ticket.id).await;
    let endpoint = &seen.fields[&tickets::Field::Endpoint];
    assert!(
        endpoint.starts_with("/airtime?access_token=") && !endpoint.contains(token),
        "{endpoint}"
    );
    let client_id = &seen.fields[&tickets::Field::ClientId];
    assert!(!client_id.contains(&live_key[6..]), "{client_id}");
    assert_eq!(
        seen.fields[&tickets::Field::ApiKey],
        "sprod_...Qa7x",
        "a fingerprint is no secret"
    );
    assert_eq!(
        seen.fields[&tickets::Field::RequestId],
        "c39df0fb-a684-447c-9fbc-3f24c288f608"
    );

    let created = audit_of(&app, &admin, "ticket.created", &filed.ticket.number).await;
    assert_eq!(created.details["server_findings"], 2);
}

#[tokio::test]
async fn file_names_reasons_and_comments_are_redacted_too() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let lead = app.login(Role::SupportLead, PROVIDER).await;
    let key = "sprod_4bV9kQz2mXw7LpR8tN3yHc6d";

    let r = app
        .send(upload(
            &merchant,
            &format!("{key}.log"),
            "text/plain",
            b"10:42:02 500\n".to_vec(),
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let a: tickets::Attachment = r.json();
    assert!(
        !a.name.contains(key) && a.name.ends_with(".log"),
        "{}",
        a.name
    );
    assert_eq!(a.server_findings, 1);

    let mut body = bug("See the log.");
    body["attachment_ids"] = json!([a.id]);
    let t = app.file_ok(&merchant, body).await.ticket;
    let reason = format!("They pasted {key} in the form");
    let triaged: TicketDetail = app
        .act(
            &agent,
            &t.id,
            "triage",
            json!({ "urgency": "critical", "reason": reason }),
        )
        .await
        .ok()
        .json();
    let said = serde_json::to_string(&triaged.events).unwrap();
    assert!(!said.contains(key), "{said}");
    let entry = audit_of(&app, &lead, "ticket.triaged", &t.number).await;
    assert_eq!(entry.details["server_findings"], 1);

    let me = agent.me.user.id.clone();
    app.act(&agent, &t.id, "assign", json!({ "assignee_id": me }))
        .await
        .ok();
    app.act(&agent, &t.id, "status", json!({ "status": "resolved" }))
        .await
        .ok();
    let comment = format!("Fixed once I rotated {key}");
    let closed: TicketDetail = app
        .act(
            &merchant,
            &t.id,
            "feedback",
            json!({ "rating": 5, "comment": comment }),
        )
        .await
        .ok()
        .json();
    let kept = closed.feedback.expect("feedback").comment;
    assert!(
        kept.starts_with("Fixed once I rotated") && !kept.contains(key),
        "{kept}"
    );
    let entry = audit_of(&app, &admin, "ticket.rated", &t.number).await;
    assert_eq!(entry.details["server_findings"], 1);
}

/// File names join words with `_`, which the engine reads as part of a word: a key so joined
/// must still be found before the name is stored and shown to the desk.
#[tokio::test]
async fn a_key_joined_to_a_file_name_never_reaches_the_desk() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let live_key = "sprod_Xq7Lm2Pz9Rt4Vb8Nc3Hd6Jf1";
    let r = app
        .send(upload(
            &merchant,
            &format!("incident_{live_key}_app.log"),
            "text/plain",
            b"10:42:02 500\n".to_vec(),
        ))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let a: tickets::Attachment = r.json();
    assert_eq!(a.server_findings, 1);
    let mut body = bug("See the log.");
    body["attachment_ids"] = json!([a.id]);
    let t = app.file_ok(&merchant, body).await.ticket;

    let seen = app.detail(&agent, &t.id).await;
    let name = &seen.attachments[0].name;
    assert!(
        name.starts_with("incident_")
            && name.ends_with("_app.log")
            && !name.contains(&live_key[6..]),
        "{name}"
    );
    let got = app.get(Some(&agent), &paths::attachment(&a.id)).await.ok();
    let disposition = got.header("content-disposition").unwrap();
    assert!(!disposition.contains(&live_key[6..]), "{disposition}");
}

#[tokio::test]
async fn fields_follow_the_category() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let body = json!({
        "category": "ipn_problem",
        "urgency": "normal",
        "fields": { "subject": "No IPN", "description": "Nothing arrives.", "task_id": "t-1",
                    "request_id": "not-a-uuid" }
    });
    let e = app
        .file(&merchant, body, "ipn")
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["notification_url"], ["error.required"]);
    assert_eq!(e.fields["task_id"], ["error.field_not_asked"]);
    assert_eq!(e.fields["request_id"], ["error.uuid"]);

    let rules: tickets::FieldRules = app
        .get(Some(&merchant), paths::TICKET_FIELDS)
        .await
        .ok()
        .json();
    let ipn = rules
        .categories
        .iter()
        .find(|c| c.category == tickets::Category::IpnProblem)
        .unwrap();
    assert!(ipn.required.contains(&tickets::Field::NotificationUrl));
}

#[tokio::test]
async fn merchants_see_only_their_own_tickets_and_viewers_cannot_file() {
    let app = spawn_app().await;
    let abidjan = app.login(Role::Support, ABIDJAN).await;
    let paris = app.login(Role::Admin, PARIS).await;
    let viewer = app.login(Role::Viewer, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let t = app.file_ok(&abidjan, bug("Mine.")).await.ticket;

    app.get(Some(&paris), &paths::ticket(&t.id))
        .await
        .assert_error(404, ErrorCode::NotFound);
    let theirs: Vec<TicketSummary> = app.get(Some(&paris), paths::TICKETS).await.ok().items();
    assert!(theirs.is_empty());
    app.act(&paris, &t.id, "messages", json!({ "body": "hi" }))
        .await
        .assert_error(404, ErrorCode::NotFound);

    // A viewer reads but cannot file or write.
    let seen: Vec<TicketSummary> = app.get(Some(&viewer), paths::TICKETS).await.ok().items();
    assert_eq!(seen.len(), 1);
    app.file(&viewer, bug("x"), "viewer")
        .await
        .assert_error(403, ErrorCode::Forbidden);
    app.act(&viewer, &t.id, "messages", json!({ "body": "hi" }))
        .await
        .assert_error(403, ErrorCode::Forbidden);

    // Merchants cannot work the desk, and agents cannot assign others.
    app.act(
        &abidjan,
        &t.id,
        "triage",
        json!({ "urgency": "critical", "reason": "!" }),
    )
    .await
    .assert_error(403, ErrorCode::Forbidden);
    app.act(
        &abidjan,
        &t.id,
        "messages",
        json!({ "body": "note", "internal": true }),
    )
    .await
    .assert_error(403, ErrorCode::Forbidden);
    let lead_id = app.login(Role::SupportLead, PROVIDER).await.me.user.id;
    app.act(&agent, &t.id, "assign", json!({ "assignee_id": lead_id }))
        .await
        .assert_error(403, ErrorCode::Forbidden);
    let taken: TicketDetail = app
        .act(
            &agent,
            &t.id,
            "assign",
            json!({ "assignee_id": agent.me.user.id }),
        )
        .await
        .ok()
        .json();
    assert_eq!(taken.ticket.status, Status::Assigned);
    app.get(Some(&abidjan), paths::DESK_STATS)
        .await
        .assert_error(403, ErrorCode::Forbidden);
}

#[tokio::test]
async fn the_desk_queue_puts_the_nearest_deadline_first() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let mut normal = bug("normal");
    normal["urgency"] = json!("normal");
    let mut critical = bug("critical");
    critical["urgency"] = json!("critical");
    app.file_ok(&merchant, normal).await;
    let c = app.file_ok(&merchant, critical).await.ticket;
    let h = app.file_ok(&merchant, bug("high")).await.ticket;
    app.act(
        &agent,
        &h.id,
        "assign",
        json!({ "assignee_id": agent.me.user.id }),
    )
    .await
    .ok();
    app.act(&agent, &h.id, "status", json!({ "status": "resolved" }))
        .await
        .ok();
    let queue: Vec<TicketSummary> = app.get(Some(&agent), paths::TICKETS).await.ok().items();
    let order: Vec<&str> = queue.iter().map(|t| t.subject.as_str()).collect();
    assert_eq!(queue[0].id, c.id, "{order:?}");
    assert_eq!(queue[2].id, h.id, "resolved last: {order:?}");

    let filtered: Vec<TicketSummary> = app
        .get(Some(&agent), &format!("{}?status=resolved", paths::TICKETS))
        .await
        .ok()
        .items();
    assert_eq!(filtered.len(), 1);
    let searched: Vec<TicketSummary> = app
        .get(Some(&agent), &format!("{}?q={}", paths::TICKETS, c.number))
        .await
        .ok()
        .items();
    assert_eq!(searched.len(), 1);
}

/// Files a ticket straight into the database, filed `at`: the API would take long to file
/// hundreds.
async fn insert_ticket(
    conn: &mut sqlx::AnyConnection,
    merchant: &Login,
    provider: &Login,
    sequence: u32,
    urgency: Urgency,
    at: DateTime<Utc>,
) -> TicketId {
    let id = TicketId::from(uuid::Uuid::new_v4().to_string());
    store::tickets::insert(
        conn,
        &store::tickets::NewTicketRow {
            id: &id,
            number: &tickets::ticket_number("EFB", at.date_naive(), sequence),
            provider_id: &provider.me.organisation.id,
            merchant_id: &merchant.me.organisation.id,
            requester_id: &merchant.me.user.id,
            category: tickets::Category::Bug,
            urgency,
            subject: &format!("Load {sequence}"),
            fields: &BTreeMap::new(),
            at,
        },
    )
    .await
    .unwrap();
    id
}

/// The queue was the 500 newest tickets, sorted afterwards: an old open Critical ticket fell off
/// it once 500 newer ones were filed. The database now sorts and pages.
#[tokio::test]
async fn the_desk_queue_is_sorted_and_paged_by_risk_in_the_database() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let now = Utc::now();
    let mut tx = app.db.begin().await.unwrap();
    let old = TimeDelta::days(3);
    let critical = insert_ticket(&mut tx, &merchant, &agent, 1, Urgency::Critical, now - old).await;
    let waiting = insert_ticket(&mut tx, &merchant, &agent, 2, Urgency::Critical, now - old).await;
    for i in 0..599 {
        let at = now - TimeDelta::minutes(600 - i64::from(i));
        insert_ticket(&mut tx, &merchant, &agent, 3 + i, Urgency::Normal, at).await;
    }
    tx.commit().await.unwrap();
    // Waiting on the merchant: its clock stops, so it goes after every running one, however
    // overdue.
    let me = agent.me.user.id.clone();
    app.act(&agent, &waiting, "assign", json!({ "assignee_id": me }))
        .await
        .ok();
    app.act(
        &agent,
        &waiting,
        "status",
        json!({ "status": "waiting_on_merchant" }),
    )
    .await
    .ok();

    // Every page of a list, following the cursors, and each page's size.
    let pages = |who: &'static str, query: String| {
        let (app, login) = (&app, if who == "desk" { &agent } else { &merchant });
        async move {
            let (mut all, mut sizes) = (Vec::new(), Vec::new());
            let mut cursor: Option<String> = None;
            loop {
                let sep = if query.is_empty() { "?" } else { "&" };
                let after = cursor
                    .map(|c| format!("{sep}cursor={c}"))
                    .unwrap_or_default();
                let r = app
                    .get(Some(login), &format!("{}{query}{after}", paths::TICKETS))
                    .await
                    .ok();
                let page: Page<TicketSummary> = r.json();
                cursor = page.next_cursor;
                sizes.push(page.items.len());
                all.extend(page.items);
                if cursor.is_none() {
                    return (all, sizes);
                }
            }
        }
    };
    let (queue, sizes) = pages("desk", String::new()).await;
    assert_eq!(sizes, [500, 101], "past 500, the cursor leads on");
    assert_eq!(
        queue[0].id, critical,
        "the oldest open Critical ticket comes first"
    );
    assert_eq!(queue.last().map(|t| &t.id), Some(&waiting), "paused last");
    let running = &queue[..600];
    assert!(
        running
            .windows(2)
            .all(|w| w[0].sla.response_due <= w[1].sla.response_due),
        "by the next deadline"
    );
    let ids: std::collections::HashSet<_> = queue.iter().map(|t| &t.id).collect();
    assert_eq!(ids.len(), 601, "no ticket twice");

    // Small pages walk the same queue; a ticket filed meanwhile pushes none out.
    let (small, sizes) = pages("desk", "?limit=250".into()).await;
    assert_eq!(sizes, [250, 250, 101]);
    assert_eq!(
        small.iter().map(|t| &t.id).collect::<Vec<_>>(),
        queue.iter().map(|t| &t.id).collect::<Vec<_>>()
    );
    let first = app
        .get(Some(&agent), &format!("{}?limit=2", paths::TICKETS))
        .await
        .ok();
    let cursor = first.json::<Page<TicketSummary>>().next_cursor.unwrap();
    let mut tx = app.db.begin().await.unwrap();
    insert_ticket(
        &mut tx,
        &merchant,
        &agent,
        700,
        Urgency::Critical,
        now - old,
    )
    .await;
    tx.commit().await.unwrap();
    let next: Vec<TicketSummary> = app
        .get(
            Some(&agent),
            &format!("{}?limit=2&cursor={cursor}", paths::TICKETS),
        )
        .await
        .ok()
        .items();
    assert_eq!(
        next.iter().map(|t| &t.id).collect::<Vec<_>>(),
        [&queue[2].id, &queue[3].id]
    );

    // The merchant's list pages newest first: its three oldest (filed together) end it; other
    // orders page as fully, and a cursor belongs to its order.
    let (mine, sizes) = pages("merchant", String::new()).await;
    assert_eq!(sizes, [500, 102]);
    let oldest: Vec<&TicketId> = mine[599..].iter().map(|t| &t.id).collect();
    assert!(oldest.contains(&&critical) && oldest.contains(&&waiting));
    for sort in ["oldest", "updated", "urgency", "risk"] {
        let (all, _) = pages("merchant", format!("?sort={sort}")).await;
        let ids: std::collections::HashSet<_> = all.iter().map(|t| &t.id).collect();
        assert_eq!(ids.len(), 602, "{sort}: every ticket once");
    }
    let (by_urgency, _) = pages("desk", "?sort=urgency".into()).await;
    assert!(
        by_urgency.windows(2).all(|w| w[0].urgency <= w[1].urgency),
        "the most urgent first"
    );
    let refused = app
        .get(
            Some(&agent),
            &format!("{}?sort=oldest&cursor={cursor}", paths::TICKETS),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("cursor"), "{}", refused.text());
}

/// Assignment is not an answer: an assigned Critical ticket nobody had answered showed and was
/// ranked by its resolution target, so it could miss its response without rising in the queue.
/// The response clock runs until the desk's first public reply; an internal note does not stop it.
#[tokio::test]
async fn the_response_clock_runs_until_the_first_public_reply() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    // A High ticket filed 2 h ago: its response is due in 2 h, after the Critical one's (1 h)
    // but before the Critical one's resolution (4 h). Its number stays clear of the API's.
    let mut conn = app.db.acquire().await.unwrap();
    let high = insert_ticket(
        &mut conn,
        &merchant,
        &agent,
        999,
        Urgency::High,
        Utc::now() - TimeDelta::hours(2),
    )
    .await;
    drop(conn);
    let mut critical = bug("critical");
    critical["urgency"] = json!("critical");
    let c = app.file_ok(&merchant, critical).await.ticket;
    let queue = || async {
        let list: Vec<TicketSummary> = app.get(Some(&agent), paths::TICKETS).await.ok().items();
        list.into_iter().map(|t| t.id).collect::<Vec<_>>()
    };

    let me = agent.me.user.id.clone();
    let assigned: TicketDetail = app
        .act(&agent, &c.id, "assign", json!({ "assignee_id": me }))
        .await
        .ok()
        .json();
    let sla = assigned.ticket.sla;
    assert_eq!(assigned.ticket.status, Status::Assigned);
    assert_eq!(
        (sla.first_response_at, sla.running()),
        (None, Target::Response)
    );
    assert_eq!(sla.next_due() - c.created_at, TimeDelta::hours(1));
    assert_eq!(
        queue().await,
        [c.id.clone(), high.clone()],
        "critical first"
    );

    let noted: TicketDetail = app
        .act(
            &agent,
            &c.id,
            "messages",
            json!({ "body": "Checking the operator.", "internal": true }),
        )
        .await
        .ok()
        .json();
    assert_eq!(
        noted.ticket.sla.first_response_at, None,
        "a note is no answer"
    );
    assert_eq!(noted.ticket.sla.running(), Target::Response);
    assert_eq!(queue().await, [c.id.clone(), high.clone()]);
    let unanswered = || async {
        let path = format!("{}?unanswered=true", paths::TICKETS);
        let list: Vec<TicketSummary> = app.get(Some(&agent), &path).await.ok().items();
        list.into_iter().map(|t| t.id).collect::<Vec<_>>()
    };
    assert!(unanswered().await.contains(&c.id), "a note is no answer");

    let replied: TicketDetail = app
        .act(
            &agent,
            &c.id,
            "messages",
            json!({ "body": "We are on it.", "internal": false }),
        )
        .await
        .ok()
        .json();
    let sla = replied.ticket.sla;
    let reply = replied.messages.last().unwrap();
    assert!(!reply.internal);
    assert_eq!(sla.first_response_at, Some(reply.at));
    assert!(!sla.response_breached);
    assert_eq!(sla.running(), Target::Resolution);
    assert_eq!(sla.next_due() - c.created_at, TimeDelta::hours(4));
    assert_eq!(
        queue().await,
        [high.clone(), c.id.clone()],
        "answered, it is ranked by its resolution, due after the High ticket's response"
    );
    let left = unanswered().await;
    assert!(
        !left.contains(&c.id) && left.contains(&high),
        "« Unanswered » drops it"
    );

    // Later replies do not move the first answer.
    let again: TicketDetail = app
        .act(&agent, &c.id, "messages", json!({ "body": "Still on it." }))
        .await
        .ok()
        .json();
    assert_eq!(again.ticket.sla.first_response_at, Some(reply.at));
}

/// Unread markers: the desk sees which merchants' words await an answer; a merchant's user sees
/// the desk's answers they have not opened yet, on the row and in the count.
#[tokio::test]
async fn unread_markers_follow_who_spoke_last() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let colleague = app.login(Role::Admin, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let t = app.file_ok(&merchant, bug("Payouts stuck.")).await.ticket;
    let marked = |who| {
        let app = &app;
        let id = t.id.clone();
        async move {
            let list: Vec<TicketSummary> = app.get(Some(who), paths::TICKETS).await.ok().items();
            let count: UnreadCount = app.get(Some(who), paths::TICKETS_UNREAD).await.ok().json();
            let row = list.into_iter().find(|r| r.id == id).expect("listed");
            (row.unread, count.count)
        }
    };
    assert_eq!(
        marked(&agent).await,
        (true, 1),
        "a new ticket awaits the desk"
    );
    assert_eq!(marked(&merchant).await, (false, 0));

    let note = json!({ "body": "Checking the operator.", "internal": true });
    app.act(&agent, &t.id, "messages", note).await.ok();
    assert_eq!(marked(&agent).await, (true, 1), "a note is no answer");
    assert_eq!(
        marked(&merchant).await,
        (false, 0),
        "nor news for the merchant"
    );

    let answer = json!({ "body": "Fixed on our side.", "internal": false });
    app.act(&agent, &t.id, "messages", answer).await.ok();
    assert_eq!(marked(&agent).await, (false, 0));
    assert_eq!(marked(&merchant).await, (true, 1));
    assert_eq!(
        marked(&colleague).await,
        (true, 1),
        "each person reads for themselves"
    );

    // Opening the ticket reads it, for the one who opened it.
    assert!(!app.detail(&merchant, &t.id).await.ticket.unread);
    assert_eq!(marked(&merchant).await, (false, 0));
    assert_eq!(marked(&colleague).await, (true, 1));

    let again = json!({ "body": "Still stuck for MTN." });
    app.act(&merchant, &t.id, "messages", again).await.ok();
    assert_eq!(
        marked(&agent).await,
        (true, 1),
        "the merchant's word awaits an answer"
    );
    assert_eq!(
        marked(&colleague).await,
        (false, 0),
        "the merchant spoke last"
    );
}

/// Tickets filed before the queue was kept in the database get their place at start-up.
#[tokio::test]
async fn unkeyed_tickets_are_placed_in_the_queue_at_start_up() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let t = app.file_ok(&merchant, bug("Before.")).await.ticket;
    app.act(
        &agent,
        &t.id,
        "assign",
        json!({ "assignee_id": agent.me.user.id }),
    )
    .await
    .ok();
    app.act(
        &agent,
        &t.id,
        "status",
        json!({ "status": "waiting_on_merchant" }),
    )
    .await
    .ok();
    app.file_ok(&merchant, bug("Also before.")).await;
    let keys = || async {
        sqlx::query_as::<_, (String, Option<i64>, Option<String>, Option<i64>)>(
            "SELECT id, queue_rank, queue_due_at, queue_left_ms FROM tickets ORDER BY id",
        )
        .fetch_all(&app.db)
        .await
        .unwrap()
    };
    let kept = keys().await;
    assert_eq!(
        kept.iter().filter(|k| k.1 == Some(1)).count(),
        1,
        "{kept:?}"
    );
    sqlx::query("UPDATE tickets SET queue_rank = NULL, queue_due_at = NULL, queue_left_ms = NULL")
        .execute(&app.db)
        .await
        .unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    let placed = store::tickets::requeue_unkeyed(&mut conn).await.unwrap();
    assert_eq!(placed, 2);
    assert_eq!(keys().await, kept);
}

#[tokio::test]
async fn attachments_are_redacted_and_stay_with_their_ticket() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let paris = app.login(Role::Support, PARIS).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;

    let log = b"10:42:01 POST /airtime Authorization: Bearer sprod_4bV9kQz2mXw7LpR8tN3yHc6d\n10:42:02 500\n".to_vec();
    let r = app
        .send(upload(&merchant, "app.log", "text/plain", log))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let a: tickets::Attachment = r.json();
    assert_eq!(a.server_findings, 1);

    let mut body = bug("See the log.");
    body["attachment_ids"] = json!([a.id]);
    let t = app.file_ok(&merchant, body).await;
    assert_eq!(t.attachments, vec![a.clone()]);

    let got = app.get(Some(&agent), &paths::attachment(&a.id)).await.ok();
    assert!(got.text().contains("POST /airtime"));
    assert!(!got.text().contains("sprod_4bV9kQz2"));
    assert!(got
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment"));
    app.get(Some(&paris), &paths::attachment(&a.id))
        .await
        .assert_error(404, ErrorCode::NotFound);

    // Claimed once only.
    let mut again = bug("Again.");
    again["attachment_ids"] = json!([a.id]);
    let e = app
        .file(&merchant, again, "again")
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["attachment_ids"], ["error.attachment_unknown"]);

    // An image that still carries text metadata is refused.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0, 0, 0, 4]);
    png.extend_from_slice(b"tEXtGPS!\0\0\0\0");
    let r = app
        .send(upload(&merchant, "shot.png", "image/png", png))
        .await;
    let e = r.assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["file"], ["error.image_metadata"]);
    let r = app
        .send(upload(
            &merchant,
            "x.pdf",
            "application/pdf",
            b"%PDF".to_vec(),
        ))
        .await;
    assert_eq!(r.error().fields["file"], ["error.file_type"]);
}

#[tokio::test]
async fn the_desk_knows_the_merchants_that_filed_with_it() {
    let app = spawn_app().await;
    let abidjan = app.login(Role::Support, ABIDJAN).await;
    let paris = app.login(Role::Support, PARIS).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    app.file_ok(&abidjan, bug("one")).await;
    app.file_ok(&abidjan, bug("two")).await;
    app.file_ok(&paris, bug("three")).await;
    let merchants: Vec<Merchant> = app
        .get(Some(&agent), paths::DESK_MERCHANTS)
        .await
        .ok()
        .json();
    let ids: Vec<_> = merchants.iter().map(|m| &m.id).collect();
    for me in [&abidjan.me, &paris.me] {
        let org = &me.organisation;
        assert_eq!(
            ids.iter().filter(|id| **id == &org.id).count(),
            1,
            "{ids:?}"
        );
        assert!(merchants.iter().any(|m| m.name == org.name));
    }
    let names: Vec<&str> = merchants.iter().map(|m| m.name.as_str()).collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "by name: {names:?}");
    app.get(Some(&abidjan), paths::DESK_MERCHANTS)
        .await
        .assert_error(403, ErrorCode::Forbidden);
}
