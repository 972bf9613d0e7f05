//! Purchases and refunds: the list and its filters, the four-eyes rule, the cap under
//! concurrency, and refunds executed by the fake operator over HTTP.

use std::time::Duration;

use axum::http::{Method, StatusCode};
use chrono::TimeDelta;
use guichet_domain::api::Page;
use guichet_domain::balances::Account;
use guichet_domain::paths::{self, headers};
use guichet_domain::payments::{
    PaymentEventKind, PurchaseDetail, PurchasePage, PurchaseStatus, RefundDetail, RefundStatus,
    RefundSummary,
};
use guichet_domain::{messages, ErrorCode, Role};
use guichet_fake_operator::{Behaviour, FakeOperator};
use guichet_server::operator::HttpOperator;
use guichet_server::refund_runner;
use guichet_server::store::ledger;
use serde_json::{json, Value};

use crate::helpers::*;

impl TestApp {
    /// `POST` with an Idempotency-Key.
    pub async fn post_keyed(
        &self,
        login: &Login,
        path: &str,
        body: Option<Value>,
        key: &str,
    ) -> TestResponse {
        let mut r = self.request(Some(login), Method::POST, path, body);
        r.headers_mut()
            .insert(headers::IDEMPOTENCY_KEY, key.parse().unwrap());
        self.send(r).await
    }

    pub async fn purchases(&self, login: &Login, query: &str) -> PurchasePage {
        self.get(Some(login), &format!("{}?{query}", paths::PURCHASES))
            .await
            .ok()
            .json()
    }

    /// A completed purchase of the caller's shop that nobody asked to refund yet (the demo's
    /// own refunds are on others), the biggest first after `skip` others.
    pub async fn completed_purchase(&self, login: &Login, skip: usize) -> PurchaseDetail {
        let page = self
            .purchases(login, "status=completed&sort=amount_desc&limit=50")
            .await;
        let mut untouched = Vec::new();
        for p in &page.items {
            let detail: PurchaseDetail = self
                .get(Some(login), &paths::purchase(&p.id))
                .await
                .ok()
                .json();
            if detail.refunds.is_empty() {
                untouched.push(detail);
            }
            if untouched.len() > skip {
                break;
            }
        }
        untouched.swap_remove(skip)
    }

    pub async fn ask_refund(
        &self,
        login: &Login,
        purchase: &PurchaseDetail,
        amount_minor: i64,
        key: &str,
    ) -> TestResponse {
        let body = json!({ "amount_minor": amount_minor, "reason": "customer_request", "note": "Returned the item." });
        self.post_keyed(
            login,
            &paths::purchase_refunds(&purchase.purchase.id),
            Some(body),
            key,
        )
        .await
    }

    pub async fn decide(&self, login: &Login, refund: &RefundDetail, action: &str) -> TestResponse {
        let body = (action == "reject").then(|| json!({ "reason": "Not ours to refund." }));
        let key = format!("{action}-{}", refund.refund.id);
        self.post_keyed(
            login,
            &paths::refund_action(&refund.refund.id, action),
            body,
            &key,
        )
        .await
    }

    pub async fn refund(&self, login: &Login, refund: &RefundDetail) -> RefundDetail {
        self.get(Some(login), &paths::refund(&refund.refund.id))
            .await
            .ok()
            .json()
    }
}

#[tokio::test]
async fn the_list_filters_sorts_and_pages_by_cursor() {
    let app = spawn_app().await;
    let viewer = app.login(Role::Viewer, ABIDJAN).await;
    let first = app.purchases(&viewer, "limit=100").await;
    assert_eq!(first.total, PURCHASES as u64);
    assert_eq!(first.items.len(), 100);
    let mut seen = first.items.clone();
    let mut cursor = first.next_cursor;
    while let Some(c) = cursor {
        let page = app
            .purchases(&viewer, &format!("limit=100&cursor={c}"))
            .await;
        seen.extend(page.items);
        cursor = page.next_cursor;
    }
    assert_eq!(seen.len(), PURCHASES, "every purchase once");
    assert!(seen.windows(2).all(|w| w[0].created_at >= w[1].created_at));
    let mut ids: Vec<_> = seen.iter().map(|p| p.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), PURCHASES);

    let cancelled = app.purchases(&viewer, "status=cancelled&limit=500").await;
    assert!(cancelled.total > 0 && cancelled.total == cancelled.items.len() as u64);
    assert!(cancelled
        .items
        .iter()
        .all(|p| p.status == PurchaseStatus::Cancelled));

    let by_amount = app
        .purchases(&viewer, "sort=amount_asc&limit=500&method=card")
        .await;
    assert!(by_amount
        .items
        .windows(2)
        .all(|w| w[0].amount.amount_minor <= w[1].amount.amount_minor));
    assert!(by_amount
        .items
        .iter()
        .all(|p| p.method.kind == guichet_domain::payments::MethodKind::Card));

    let some = &seen[123];
    let found = app
        .purchases(&viewer, &format!("q={}", some.reference.to_lowercase()))
        .await;
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].id, some.id);
    let amount = guichet_domain::Money::new(some.amount.amount_minor, some.amount.currency);
    let by_sum = app
        .purchases(&viewer, &format!("q={}", amount.decimal_string()))
        .await;
    assert!(by_sum.items.iter().any(|p| p.id == some.id));
    assert!(by_sum
        .items
        .iter()
        .all(|p| p.amount == some.amount || p.reference.contains(&amount.decimal_string())));

    // A day is the shop's day (Abidjan: UTC).
    let day = some.created_at.date_naive();
    let that_day = app
        .purchases(&viewer, &format!("from={day}&until={day}&limit=500"))
        .await;
    assert!(that_day.items.iter().any(|p| p.id == some.id));
    assert!(that_day
        .items
        .iter()
        .all(|p| p.created_at.date_naive() == day));
    let range = app
        .purchases(
            &viewer,
            &format!(
                "min_amount_minor={0}&max_amount_minor={0}",
                some.amount.amount_minor
            ),
        )
        .await;
    assert!(range.items.iter().all(|p| p.amount == some.amount));

    let r = app
        .get(
            Some(&viewer),
            &format!("{}?cursor=made-up", paths::PURCHASES),
        )
        .await;
    r.assert_error(422, ErrorCode::ValidationFailed);
    let r = app
        .get(
            Some(&viewer),
            &format!("{}?from=2026-12-02&until=2026-12-01", paths::PURCHASES),
        )
        .await;
    r.assert_error(422, ErrorCode::ValidationFailed);

    // Another merchant's purchase is none of Paris Shop's business.
    let paris = app.login(Role::Admin, PARIS).await;
    let r = app.get(Some(&paris), &paths::purchase(&some.id)).await;
    r.assert_error(404, ErrorCode::NotFound);
    assert!(app
        .purchases(&paris, "limit=500")
        .await
        .items
        .iter()
        .all(|p| p.reference.starts_with("PAR-")));
}

#[tokio::test]
async fn the_export_is_the_filtered_view_as_csv() {
    let app = spawn_app().await;
    let viewer = app.login(Role::Viewer, PARIS).await;
    let pending = app.purchases(&viewer, "status=pending").await;
    let r = app
        .get(
            Some(&viewer),
            &format!("{}?status=pending&sort=oldest", paths::PURCHASES_EXPORT),
        )
        .await
        .ok();
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    assert!(r
        .header("content-disposition")
        .unwrap()
        .contains("purchases-"));
    let text = r.text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "reference,date_time,amount,currency,status,payment_method,brand,instrument,customer,shop"
    );
    assert_eq!(lines.len() as u64, 1 + pending.total);
    assert!(lines[1..]
        .iter()
        .all(|l| l.contains(",pending,") && l.contains(",EUR,")));
    // Times in the shop's zone (Paris: +01:00 in winter, +02:00 in summer).
    assert!(
        lines[1].contains("+01:00") || lines[1].contains("+02:00"),
        "{}",
        lines[1]
    );
}

#[tokio::test]
async fn a_refund_is_asked_for_approved_by_another_and_executed_by_the_operator() {
    let app = spawn_app().await;
    let (addr, fake) = FakeOperator::spawn(Behaviour {
        complete_after_ms: 60_000,
        ..Behaviour::default()
    })
    .await;
    let operator = HttpOperator::new(&format!("http://{addr}"), None, Duration::from_secs(5));
    let operations = app.login(Role::Operations, ABIDJAN).await;
    let finance = app.login(Role::Finance, ABIDJAN).await;
    let purchase = app.completed_purchase(&operations, 0).await;
    let paid = purchase.purchase.amount.amount_minor;
    assert_eq!(purchase.refundable.amount_minor, paid);
    let half = paid / 2;
    let before = owed(&app, &finance).await;

    let asked = app.ask_refund(&operations, &purchase, half, "ask-1").await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    let refund: RefundDetail = asked.json();
    assert_eq!(refund.refund.status, RefundStatus::PendingApproval);
    assert_eq!(refund.refundable.amount_minor, paid - half);
    assert!(!refund.can_decide, "not the requester's to decide");
    // A retry of the same click is the same refund.
    let again = app.ask_refund(&operations, &purchase, half, "ask-1").await;
    assert_eq!(again.header(headers::IDEMPOTENT_REPLAYED), Some("true"));
    assert_eq!(again.json::<RefundDetail>().refund.id, refund.refund.id);
    let listed: Page<RefundSummary> = app
        .get(
            Some(&finance),
            &format!("{}?to_decide=true", paths::REFUNDS),
        )
        .await
        .ok()
        .json();
    assert_eq!(listed.items[0].id, refund.refund.id, "the newest first");
    assert!(listed
        .items
        .iter()
        .all(|r| r.status == RefundStatus::PendingApproval));
    let count: Value = app
        .get(Some(&finance), paths::REFUNDS_TO_DECIDE)
        .await
        .ok()
        .json();
    assert_eq!(count["count"], listed.items.len());

    // Operations may ask, not approve.
    app.decide(&operations, &refund, "approve")
        .await
        .assert_error(403, ErrorCode::Forbidden);
    assert!(app.refund(&finance, &refund).await.can_decide);
    let approved: RefundDetail = app.decide(&finance, &refund, "approve").await.ok().json();
    assert_eq!(approved.refund.status, RefundStatus::Processing);
    assert_eq!(approved.decided_by.as_deref(), Some("Ibrahim Coulibaly"));
    assert_eq!(approved.attempts, 1);

    // The operator takes it, then completes it later.
    let now = chrono::Utc::now();
    assert_eq!(
        refund_runner::run_due(&app.db, &operator, Duration::from_secs(5), now)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        app.refund(&finance, &refund).await.refund.status,
        RefundStatus::Processing
    );
    assert_eq!(fake.refunds().len(), 1);
    fake.settle_all().await;
    let later = now + TimeDelta::seconds(3);
    refund_runner::run_due(&app.db, &operator, Duration::from_secs(5), later)
        .await
        .unwrap();
    let done = app.refund(&operations, &refund).await;
    assert_eq!(done.refund.status, RefundStatus::Completed);
    assert_eq!(done.refundable.amount_minor, paid - half);
    let kinds: Vec<_> = done.events.iter().map(|e| e.kind).collect();
    use PaymentEventKind::*;
    assert_eq!(
        kinds,
        [
            RefundRequested,
            RefundApproved,
            RefundSent,
            RefundPending,
            RefundCompleted
        ]
    );
    assert!(done.events[..3]
        .iter()
        .all(|e| e.request_id.is_some() && e.by.is_some()));
    assert!(done.events[3..]
        .iter()
        .all(|e| e.request_id.is_none() && e.attempt == Some(1)));
    let fake_refunds = fake.refunds();
    assert_eq!(fake_refunds.len(), 1);
    assert_eq!(fake_refunds[0].executions, 1);
    assert_eq!(fake_refunds[0].view.amount_minor, half);
    assert_eq!(
        fake_refunds[0].view.order.payment_reference,
        purchase.purchase.reference
    );

    // Nothing more to do; the books balance and the merchant owes the refund to the next
    // settlement.
    assert_eq!(
        refund_runner::run_due(
            &app.db,
            &operator,
            Duration::from_secs(5),
            later + TimeDelta::hours(1)
        )
        .await
        .unwrap(),
        0
    );
    let mut conn = app.db.acquire().await.unwrap();
    assert!(ledger::unbalanced(&mut conn).await.unwrap().is_empty());
    let after = owed(&app, &finance).await;
    assert_eq!(after, before - half, "the merchant owes it");

    // The purchase's timeline holds its own steps and the refund's.
    let detail: PurchaseDetail = app
        .get(Some(&finance), &paths::purchase(&purchase.purchase.id))
        .await
        .ok()
        .json();
    let kinds: Vec<_> = detail.timeline.iter().map(|e| e.kind).collect();
    assert_eq!(&kinds[..3], [Created, Authorised, Completed]);
    assert_eq!(kinds.last(), Some(&RefundCompleted));
    assert_eq!(detail.refunds.len(), 1);

    // Approvers heard of the request (not the requester), the requester of the decision.
    let mail: Vec<(String, String)> =
        sqlx::query_as("SELECT to_email, subject FROM outbox ORDER BY created_at")
            .fetch_all(&mut *conn)
            .await
            .unwrap();
    let to: Vec<&str> = mail.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(
        to,
        [
            "admin@abidjan-shop.demo",
            "finance@abidjan-shop.demo",
            "operations@abidjan-shop.demo"
        ]
    );
    assert!(
        mail[0].1.contains(&purchase.purchase.reference),
        "{}",
        mail[0].1
    );
}

/// The caller's organisation's owed account (refunds the next settlement deducts), by the
/// ledger.
async fn owed(app: &TestApp, login: &Login) -> i64 {
    let me: Value = app.get(Some(login), paths::ME).await.ok().json();
    let org = me["organisation"]["id"].as_str().unwrap().to_owned();
    let mut conn = app.db.acquire().await.unwrap();
    let sums = ledger::balances(&mut conn, &org.into(), guichet_domain::Currency::Xof)
        .await
        .unwrap();
    sums.get(&Account::Owed).copied().unwrap_or(0)
}

#[tokio::test]
async fn nobody_decides_on_their_own_request_not_even_an_administrator() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let purchase = app.completed_purchase(&admin, 1).await;
    let waiting: Value = app
        .get(Some(&admin), paths::REFUNDS_TO_DECIDE)
        .await
        .ok()
        .json();
    let refund: RefundDetail = app.ask_refund(&admin, &purchase, 100, "own").await.json();
    assert!(!refund.can_decide);
    for action in ["approve", "reject"] {
        let e = app
            .decide(&admin, &refund, action)
            .await
            .assert_error(409, ErrorCode::Conflict);
        assert_eq!(e.reason.as_deref(), Some(messages::OWN_REFUND_REQUEST));
    }
    let count: Value = app
        .get(Some(&admin), paths::REFUNDS_TO_DECIDE)
        .await
        .ok()
        .json();
    assert_eq!(count, waiting, "one's own request is not for one to decide");
    let finance = app.login(Role::Finance, ABIDJAN).await;
    let decided: RefundDetail = app.decide(&finance, &refund, "approve").await.ok().json();
    assert_eq!(decided.refund.status, RefundStatus::Processing);
    let e = app
        .decide(&finance, &refund, "reject")
        .await
        .assert_error(409, ErrorCode::Conflict);
    assert_eq!(e.reason.as_deref(), Some(messages::REFUND_STATUS));
}

#[tokio::test]
async fn a_rejection_needs_a_reason_and_frees_the_amount() {
    let app = spawn_app().await;
    let operations = app.login(Role::Operations, ABIDJAN).await;
    let finance = app.login(Role::Finance, ABIDJAN).await;
    let purchase = app.completed_purchase(&operations, 2).await;
    let paid = purchase.purchase.amount.amount_minor;
    let refund: RefundDetail = app
        .ask_refund(&operations, &purchase, paid, "all")
        .await
        .json();
    let r = app
        .post_keyed(
            &finance,
            &paths::refund_action(&refund.refund.id, "reject"),
            Some(json!({ "reason": "  " })),
            "r1",
        )
        .await;
    let e = r.assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["reason"], [messages::REQUIRED]);
    let rejected: RefundDetail = app.decide(&finance, &refund, "reject").await.ok().json();
    assert_eq!(rejected.refund.status, RefundStatus::Rejected);
    assert_eq!(
        rejected.rejection_reason.as_deref(),
        Some("Not ours to refund.")
    );
    assert_eq!(rejected.refundable.amount_minor, paid);
    // Asked again, for all of it.
    let again = app
        .ask_refund(&operations, &purchase, paid, "all-again")
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.text());
}

#[tokio::test]
async fn amounts_are_checked_and_only_completed_purchases_are_refunded() {
    let app = spawn_app().await;
    let operations = app.login(Role::Operations, PARIS).await;
    let purchase = app.completed_purchase(&operations, 0).await;
    let paid = purchase.purchase.amount.amount_minor;
    for (amount, key) in [
        (0, messages::AMOUNT_POSITIVE),
        (paid + 1, messages::REFUND_EXCEEDS),
    ] {
        let e = app
            .ask_refund(&operations, &purchase, amount, &format!("a{amount}"))
            .await
            .assert_error(422, ErrorCode::ValidationFailed);
        assert_eq!(e.fields["amount_minor"], [key]);
    }
    let body = json!({ "amount_minor": 1, "reason": "other", "note": "" });
    let e = app
        .post_keyed(
            &operations,
            &paths::purchase_refunds(&purchase.purchase.id),
            Some(body),
            "other",
        )
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["note"], [messages::REQUIRED]);
    let r = app.request(
        Some(&operations),
        Method::POST,
        &paths::purchase_refunds(&purchase.purchase.id),
        Some(json!({ "amount_minor": 1, "reason": "duplicate" })),
    );
    app.send(r).await.assert_error(400, ErrorCode::BadRequest);

    let pending = &app.purchases(&operations, "status=pending").await.items[0];
    let pending: PurchaseDetail = app
        .get(Some(&operations), &paths::purchase(&pending.id))
        .await
        .ok()
        .json();
    assert_eq!(pending.refundable.amount_minor, 0);
    let e = app
        .ask_refund(&operations, &pending, 1, "pending")
        .await
        .assert_error(409, ErrorCode::Conflict);
    assert_eq!(e.reason.as_deref(), Some(messages::NOT_REFUNDABLE));

    // A secret in the note never reaches the database.
    let body = json!({ "amount_minor": 1, "reason": "other", "note": "customer card 4111 1111 1111 1111 exp 12/29" });
    let made: RefundDetail = app
        .post_keyed(
            &operations,
            &paths::purchase_refunds(&purchase.purchase.id),
            Some(body),
            "secret",
        )
        .await
        .ok()
        .json();
    assert!(!made.note.contains("4111 1111 1111 1111"), "{}", made.note);
}

#[tokio::test]
async fn twenty_requests_at_once_never_exceed_what_was_paid() {
    let app = spawn_app().await;
    let other = app.another_process().await;
    let operations = app.login(Role::Operations, ABIDJAN).await;
    let purchase = app.completed_purchase(&operations, 3).await;
    let paid = purchase.purchase.amount.amount_minor;
    let share = (paid / 7).max(1);
    let answers = futures_join_all((0..20).map(|i| {
        let process = if i % 2 == 0 { &app } else { &other };
        let (operations, purchase) = (&operations, &purchase);
        async move {
            process
                .ask_refund(operations, purchase, share, &format!("race-{i}"))
                .await
        }
    }))
    .await;
    let created = answers
        .iter()
        .filter(|r| r.status == StatusCode::CREATED)
        .count() as i64;
    assert!(
        answers.iter().all(
            |r| r.status == StatusCode::CREATED || r.status == StatusCode::UNPROCESSABLE_ENTITY
        ),
        "no other outcome"
    );
    assert_eq!(created, paid / share, "as many as fit, never more");
    let detail: PurchaseDetail = app
        .get(Some(&operations), &paths::purchase(&purchase.purchase.id))
        .await
        .ok()
        .json();
    assert_eq!(detail.refundable.amount_minor, paid - created * share);
}

/// Runs the futures at once on this task, and gives their outputs in order.
async fn futures_join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let handles: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = handles.iter().map(|_| None).collect();
    let mut handles: Vec<_> = handles.into_iter().map(Some).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (slot, out) in handles.iter_mut().zip(outputs.iter_mut()) {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => {
                        *out = Some(v);
                        *slot = None;
                    }
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(|o| o.expect("ready")).collect()
}

#[tokio::test]
async fn a_failed_refund_is_tried_again_and_a_timed_out_one_is_asked_about_not_sent_twice() {
    let app = spawn_app().await;
    // Whatever this operator accepts fails later (the customer's account is closed).
    let (addr, fake) = FakeOperator::spawn(Behaviour {
        complete_after_ms: 60_000,
        timeout_ms: 400,
        fail_later: 1.0,
        timeout_after_accept: 1.0,
        ..Behaviour::default()
    })
    .await;
    let timeout = Duration::from_millis(150);
    let operator = HttpOperator::new(&format!("http://{addr}"), None, timeout);
    let operations = app.login(Role::Operations, ABIDJAN).await;
    let finance = app.login(Role::Finance, ABIDJAN).await;
    let purchase = app.completed_purchase(&operations, 4).await;
    let refund: RefundDetail = app
        .ask_refund(&operations, &purchase, 500, "fail")
        .await
        .json();
    app.decide(&finance, &refund, "approve").await.ok();

    // The operator takes the request but the answer never comes back in time.
    let mut now = chrono::Utc::now();
    refund_runner::run_due(&app.db, &operator, timeout, now)
        .await
        .unwrap();
    let r = app.refund(&finance, &refund).await;
    assert_eq!(r.refund.status, RefundStatus::Processing);
    assert_eq!(
        r.events.last().unwrap().kind,
        PaymentEventKind::RefundUnanswered
    );
    // Asked again (same key): the operator finds the one it has.
    fake.set_behaviour(Behaviour {
        complete_after_ms: 60_000,
        fail_later: 1.0,
        ..Behaviour::default()
    });
    now += TimeDelta::minutes(2);
    refund_runner::run_due(&app.db, &operator, timeout, now)
        .await
        .unwrap();
    assert_eq!(fake.refunds().len(), 1);
    assert_eq!(fake.refunds()[0].executions, 1);

    // It fails at the operator. The server will try again later.
    fake.settle_all().await;
    now += TimeDelta::minutes(2);
    refund_runner::run_due(&app.db, &operator, timeout, now)
        .await
        .unwrap();
    let failed = app.refund(&operations, &refund).await;
    assert_eq!(failed.refund.status, RefundStatus::Failed);
    assert!(failed.can_retry && failed.next_attempt_at.is_some());
    assert_eq!(
        failed.events.last().unwrap().detail.as_deref(),
        Some("account_closed")
    );
    assert_eq!(
        failed.refundable.amount_minor,
        purchase.purchase.amount.amount_minor - 500,
        "a failed refund still holds its amount"
    );

    // A person asks for an attempt now: a new key, a new operator refund, which completes.
    fake.set_behaviour(Behaviour {
        complete_after_ms: 60_000,
        ..Behaviour::default()
    });
    let retried: RefundDetail = app.decide(&operations, &refund, "retry").await.ok().json();
    assert_eq!(
        (retried.refund.status, retried.attempts),
        (RefundStatus::Processing, 2)
    );
    app.decide(&operations, &refund, "retry").await.ok(); // the same click again: replayed
    refund_runner::run_due(&app.db, &operator, timeout, now)
        .await
        .unwrap();
    fake.settle_all().await;
    now += TimeDelta::minutes(2);
    refund_runner::run_due(&app.db, &operator, timeout, now)
        .await
        .unwrap();
    let done = app.refund(&operations, &refund).await;
    assert_eq!(
        done.refund.status,
        RefundStatus::Completed,
        "{:#?}",
        done.events
    );
    let records = fake.refunds();
    assert_eq!(records.len(), 2);
    assert_eq!(
        records
            .iter()
            .filter(|r| r.view.status == guichet_fake_operator::Status::Completed)
            .count(),
        1
    );
    assert!(records.iter().all(|r| r.executions == 1));
}
