//! Fault injection on payouts: thousands of randomised steps (requests, approvals, rejections,
//! cancellations, the runner on either of two server processes, a process dying with jobs in
//! hand, the fake operator failing, timing out before and after it accepted, answering slowly,
//! failing transfers later, settling, time passing) on one merchant; then everything is let
//! finish. Whatever the order, no payout is executed twice at the operator, the server's end of
//! each payout is the operator's, the main balance loses exactly what was paid, nothing
//! available goes below zero, and the ledger balances.

use std::collections::HashMap;
use std::time::Duration;

use chrono::TimeDelta;
use guichet_domain::balances::payouts::{Payout, PayoutStatus};
use guichet_domain::{paths, Role};
use guichet_fake_operator::{Behaviour, FakeOperator, Status};
use guichet_server::operator::HttpOperator;
use guichet_server::store::{jobs, ledger};
use guichet_server::{payout_runner, settlement_runner};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::helpers::*;
use crate::payouts::{key, payout};

/// Trials by default; `GUICHET_FAULT_TRIALS` sets another number (and `GUICHET_FAULT_SEED` the
/// seed, printed when the test fails, to replay a run).
const TRIALS: usize = 10_000;

fn faulty(seed: u64) -> Behaviour {
    Behaviour {
        fail: 0.15,
        timeout: 0.03,
        timeout_after_accept: 0.03,
        slow: 0.1,
        slow_ms: 2,
        timeout_ms: 60,
        fail_later: 0.2,
        duplicate_callback: 0.0,
        complete_after_ms: 0,
        seed: Some(seed),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_sequence_of_faults_pays_a_payout_twice_or_unbalances_the_books() {
    let trials: usize = std::env::var("GUICHET_FAULT_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(TRIALS);
    let seed: u64 = std::env::var("GUICHET_FAULT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(rand::random);
    println!("payout faults: {trials} trials, GUICHET_FAULT_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);

    let first = spawn_app().await;
    settlement_runner::run_due(&first.db, chrono::Utc::now())
        .await
        .unwrap();
    let second = first.another_process().await;
    let processes = [&first, &second];
    let (addr, fake) = FakeOperator::spawn(faulty(seed)).await;
    let timeout = Duration::from_millis(25);
    let operator = HttpOperator::new(&format!("http://{addr}"), None, timeout);
    let operations = first.login(Role::Operations, ABIDJAN).await;
    let finance = first.login(Role::Finance, ABIDJAN).await;
    let account = first.active_account(&operations, &finance).await;
    let start = first.available(&finance).await;
    // Amounts of about a two-hundredth of the balance: the balance runs out now and then.
    let unit = (start.available.amount_minor / 200).max(1);
    let mut payouts: Vec<Payout> = Vec::new();
    let mut now = chrono::Utc::now();
    let mut counts: HashMap<&str, usize> = HashMap::new();

    for trial in 0..trials {
        let app = processes[rng.gen_range(0..2)];
        let step = rng.gen_range(0..100);
        let name = match step {
            0..=11 => {
                let amount = rng.gen_range(1..=unit);
                let on = start.today + TimeDelta::days(rng.gen_range(0..=2));
                // A retried click sometimes: the same key again.
                let key = format!("ask-{}", trial - rng.gen_range(0..=1.min(trial)));
                let body = payout(&account, amount, &on.to_string());
                let r = app
                    .post_keyed(&operations, paths::PAYOUTS, Some(body), &key)
                    .await;
                assert!(matches!(r.status.as_u16(), 201 | 409 | 422), "{}", r.text());
                if r.status == 201 {
                    let made: Payout = r.json();
                    if !payouts.iter().any(|x| x.id == made.id) {
                        payouts.push(made);
                    }
                }
                "ask"
            }
            12..=27 if !payouts.is_empty() => {
                let p = &payouts[rng.gen_range(0..payouts.len())];
                let action =
                    ["approve", "approve", "approve", "reject", "cancel"][rng.gen_range(0..5)];
                let (who, body) = match action {
                    "cancel" => (&operations, None),
                    "reject" => (
                        &finance,
                        Some(serde_json::json!({ "reason": "Pas maintenant." })),
                    ),
                    _ => (&finance, None),
                };
                let r = app
                    .post_keyed(who, &paths::payout_action(&p.id, action), body, &key())
                    .await;
                assert!(
                    matches!(r.status.as_u16(), 200 | 409),
                    "{action}: {}",
                    r.text()
                );
                action
            }
            28..=67 => {
                payout_runner::run_due(&app.db, &operator, timeout, now)
                    .await
                    .unwrap();
                "run"
            }
            68..=75 => {
                // A process claims due jobs and dies before it does them: their lease must run
                // out before anyone else takes them.
                jobs::claim(&app.db, jobs::PAYOUT, 5, TimeDelta::minutes(10), now)
                    .await
                    .unwrap();
                "die"
            }
            76..=83 => {
                fake.settle_all().await;
                "settle"
            }
            _ => {
                now += TimeDelta::seconds(rng.gen_range(1..=3600));
                "time"
            }
        };
        *counts.entry(name).or_default() += 1;
        if name == "ask" || name == "run" {
            let available = first.available(&finance).await;
            assert!(
                available.available.amount_minor >= 0,
                "seed {seed}: {available:?}"
            );
        }
    }
    println!(
        "payout faults: steps {counts:?}, {} payouts asked",
        payouts.len()
    );

    // Let everything finish: a sound operator, time passing, the runner until no job is left.
    fake.set_behaviour(Behaviour {
        complete_after_ms: 0,
        ..Behaviour::default()
    });
    for p in &payouts {
        // Whatever still waits for a decision is approved, so that every payout ends.
        first
            .post_keyed(
                &finance,
                &paths::payout_action(&p.id, "approve"),
                None,
                &key(),
            )
            .await;
    }
    for round in 0..200 {
        now += TimeDelta::hours(6);
        let ran = payout_runner::run_due(&first.db, &operator, timeout, now)
            .await
            .unwrap();
        fake.settle_all().await;
        if ran == 0 && round > 0 {
            break;
        }
    }

    // Each payout's end at the server is its transfer's at the operator, executed once.
    let transfers = fake.transfers();
    assert!(transfers.iter().all(|t| t.executions == 1), "seed {seed}");
    let mut paid = 0;
    let mut paid_count = 0;
    for p in &payouts {
        let end = first.payout(&finance, &p.id).await;
        let mine: Vec<_> = transfers
            .iter()
            .filter(|t| t.view.idempotency_key.starts_with(&format!("{}-", p.id)))
            .collect();
        assert!(
            mine.len() <= 1,
            "payout {} sent under two keys (seed {seed})",
            p.id
        );
        let at_operator = mine.first().map(|t| t.view.status);
        match end.status {
            PayoutStatus::Paid => {
                assert_eq!(
                    at_operator,
                    Some(Status::Completed),
                    "{} (seed {seed})",
                    p.id
                );
                paid += end.amount.amount_minor;
                paid_count += 1;
            }
            PayoutStatus::Failed => {
                assert_eq!(at_operator, Some(Status::Failed), "{} (seed {seed})", p.id);
                assert!(end.failure_reason.is_some());
            }
            PayoutStatus::Rejected | PayoutStatus::Cancelled => {
                assert_eq!(at_operator, None, "{} (seed {seed})", p.id);
            }
            other => panic!("payout {} did not finish: {other:?} (seed {seed})", p.id),
        }
    }
    let end = first.available(&finance).await;
    assert_eq!(
        end.main.amount_minor,
        start.main.amount_minor - paid,
        "seed {seed}"
    );
    assert_eq!(end.held.amount_minor, 0, "seed {seed}");
    let mut conn = first.db.acquire().await.unwrap();
    assert!(
        ledger::unbalanced(&mut conn).await.unwrap().is_empty(),
        "seed {seed}"
    );
    let (entries, out): (i64, i64) = sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN account = 'operator' THEN amount_minor END), 0) AS BIGINT) \
         FROM ledger_entries WHERE movement LIKE 'payout:%'",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert_eq!(
        entries,
        2 * paid_count,
        "one movement per paid payout (seed {seed})"
    );
    assert_eq!(out, paid, "seed {seed}");
    println!("payout faults: {paid_count} paid, {} in all", payouts.len());
}
