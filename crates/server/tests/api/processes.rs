//! Several server processes on one database behave as one server: nothing another process
//! needs lives in a process. Each test starts a second "process" (its own pool and state) on the
//! first one's database; `cargo xtask test postgres` runs them on PostgreSQL too.

use axum::http::{Method, StatusCode};
use chrono::TimeDelta;
use guichet_domain::paths::{self, headers};
use guichet_domain::tickets::{self, TicketDetail};
use guichet_domain::Role;
use guichet_server::store::jobs;
use serde_json::{json, Value};

use crate::helpers::*;

fn question(subject: &str) -> Value {
    json!({
        "category": "api_question",
        "urgency": "normal",
        "fields": { "subject": subject, "description": "Which endpoint gives a payout's status?" }
    })
}

#[tokio::test]
async fn a_session_and_an_idempotency_key_work_on_either_process() {
    let one = spawn_app().await;
    let two = one.another_process().await;
    let merchant = one.login(Role::Support, ABIDJAN).await;
    two.get(Some(&merchant), paths::ME).await.ok();

    let request = |app: &TestApp| {
        let mut r = app.request(
            Some(&merchant),
            Method::POST,
            paths::TICKETS,
            Some(question("Filed once")),
        );
        r.headers_mut()
            .insert(headers::IDEMPOTENCY_KEY, "draft-1".parse().unwrap());
        r
    };
    let first = one.send(request(&one)).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let replay = two.send(request(&two)).await;
    assert_eq!(replay.status, StatusCode::CREATED);
    assert_eq!(replay.header(headers::IDEMPOTENT_REPLAYED), Some("true"));
    assert_eq!(replay.body, first.body, "the same ticket");

    // Signed out on one, signed out on both.
    one.post(Some(&merchant), paths::LOGOUT, json!({})).await;
    assert_eq!(
        two.get(Some(&merchant), paths::ME).await.status,
        StatusCode::UNAUTHORIZED
    );
}

/// 2 processes × 20 clients: each client files its ticket on one process and, at the same time,
/// sends the same request again (a retry) on the other. No 5xx, no ticket twice, no number twice
/// or skipped: the retry answers with the ticket the first request made.
#[tokio::test]
async fn filings_and_retries_on_two_processes_at_once_file_each_ticket_once() {
    let one = spawn_app().await;
    let two = one.another_process().await;
    let merchant = one.login(Role::Support, ABIDJAN).await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..20 {
        let pair = if i % 2 == 0 {
            [&one, &two]
        } else {
            [&two, &one]
        };
        for app in pair {
            let mut r = app.request(
                Some(&merchant),
                Method::POST,
                paths::TICKETS,
                Some(question(&format!("At once {i}"))),
            );
            r.headers_mut().insert(
                headers::IDEMPOTENCY_KEY,
                format!("at-once-{i}").parse().unwrap(),
            );
            let router = app.router.clone();
            tasks.spawn(async move { (i, tower::ServiceExt::oneshot(router, r).await.unwrap()) });
        }
    }
    let mut numbers: std::collections::BTreeMap<i32, Vec<String>> = Default::default();
    while let Some(done) = tasks.join_next().await {
        let (i, response) = done.unwrap();
        let status = response.status();
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap()
            .to_bytes();
        match status {
            StatusCode::CREATED => {
                let t: TicketDetail = serde_json::from_slice(&body).unwrap();
                numbers.entry(i).or_default().push(t.ticket.number);
            }
            // The retry met its first request still under way: the client tries again later.
            StatusCode::CONFLICT => {}
            other => panic!("{other}: {}", String::from_utf8_lossy(&body)),
        }
    }
    let mut sequences = Vec::new();
    for (i, seen) in &numbers {
        assert!(
            seen.windows(2).all(|w| w[0] == w[1]),
            "client {i}: one ticket, {seen:?}"
        );
        sequences.push(tickets::parse_ticket_number(&seen[0]).unwrap().2);
    }
    sequences.sort_unstable();
    assert_eq!(
        sequences,
        (1..=20).collect::<Vec<_>>(),
        "gap-free, each once"
    );
}

#[tokio::test]
async fn a_job_is_claimed_by_one_process_only() {
    let one = spawn_app().await;
    let two = one.another_process().await;
    let now = chrono::Utc::now();
    let mut conn = one.db.acquire().await.unwrap();
    for n in 0..40 {
        jobs::enqueue(&mut conn, "test", None, &json!({ "n": n }), now)
            .await
            .unwrap();
    }
    drop(conn);
    let lease = TimeDelta::minutes(1);
    let mut claims = tokio::task::JoinSet::new();
    for app in [&one, &two, &one, &two] {
        let db = app.db.clone();
        claims.spawn(async move { jobs::claim(&db, "test", 15, lease, now).await.unwrap() });
    }
    let mut ids = Vec::new();
    while let Some(claimed) = claims.join_next().await {
        ids.extend(claimed.unwrap().into_iter().map(|j| j.id));
    }
    let claimed = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!((claimed, ids.len()), (40, 40), "each job once");
}
