//! Fault injection: thousands of randomised steps (requests, approvals, rejections, retries,
//! the runner on either of two server processes, a process dying with jobs in hand, the fake
//! operator failing, timing out before and after it accepted, answering slowly and settling)
//! over a few purchases; then everything is let finish. Whatever the order, no refund is
//! executed twice at the operator, none refunds more than was paid, and the ledger balances.

use std::collections::HashMap;
use std::time::Duration;

use chrono::TimeDelta;
use guichet_domain::payments::{PurchaseDetail, RefundDetail, RefundStatus};
use guichet_domain::{paths, Role};
use guichet_fake_operator::{Behaviour, FakeOperator, Status};
use guichet_server::operator::HttpOperator;
use guichet_server::refund_runner;
use guichet_server::store::{jobs, ledger};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::helpers::*;

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
        fail_later: 0.25,
        duplicate_callback: 0.0,
        complete_after_ms: 0,
        seed: Some(seed),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_sequence_of_faults_executes_a_refund_twice_or_unbalances_the_ledger() {
    let trials: usize = std::env::var("GUICHET_FAULT_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(TRIALS);
    let seed: u64 = std::env::var("GUICHET_FAULT_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(rand::random);
    println!("fault injection: {trials} trials, GUICHET_FAULT_SEED={seed}");
    let mut rng = StdRng::seed_from_u64(seed);

    let first = spawn_app().await;
    let second = first.another_process().await;
    let processes = [&first, &second];
    let (addr, fake) = FakeOperator::spawn(faulty(seed)).await;
    let timeout = Duration::from_millis(25);
    let operator = HttpOperator::new(&format!("http://{addr}"), None, timeout);
    let operations = first.login(Role::Operations, ABIDJAN).await;
    let finance = first.login(Role::Finance, ABIDJAN).await;
    let mut purchases: Vec<PurchaseDetail> = Vec::new();
    for skip in 10..18 {
        purchases.push(first.completed_purchase(&operations, skip).await);
    }
    // The demo's own refunds, already in the ledger.
    let demo = refund_movements(&first).await;
    let mut refunds: Vec<RefundDetail> = Vec::new();
    let mut now = chrono::Utc::now();
    let mut counts: HashMap<&str, usize> = HashMap::new();

    for trial in 0..trials {
        let app = processes[rng.gen_range(0..2)];
        let step = rng.gen_range(0..100);
        let name = match step {
            0..=11 => {
                let p = &purchases[rng.gen_range(0..purchases.len())];
                let amount = rng.gen_range(1..=p.purchase.amount.amount_minor / 6 + 1);
                // A retried click sometimes: the same key again.
                let key = format!("ask-{}", trial - rng.gen_range(0..=1.min(trial)));
                let r = app.ask_refund(&operations, p, amount, &key).await;
                assert!(matches!(r.status.as_u16(), 201 | 409 | 422), "{}", r.text());
                if r.status == 201 {
                    let made: RefundDetail = r.json();
                    if !refunds.iter().any(|x| x.refund.id == made.refund.id) {
                        refunds.push(made);
                    }
                }
                "ask"
            }
            12..=31 if !refunds.is_empty() => {
                let refund = &refunds[rng.gen_range(0..refunds.len())];
                let action =
                    ["approve", "approve", "approve", "reject", "retry"][rng.gen_range(0..5)];
                let who = if action == "retry" {
                    &operations
                } else {
                    &finance
                };
                let r = app.decide(who, refund, action).await;
                assert!(
                    matches!(r.status.as_u16(), 200 | 409),
                    "{action}: {}",
                    r.text()
                );
                action
            }
            32..=71 => {
                refund_runner::run_due(&app.db, &operator, timeout, now)
                    .await
                    .unwrap();
                "run"
            }
            72..=79 => {
                // A process claims due jobs and dies before it does them: their lease must run
                // out before anyone else takes them.
                jobs::claim(&app.db, jobs::REFUND, 5, TimeDelta::minutes(10), now)
                    .await
                    .unwrap();
                "die"
            }
            80..=87 => {
                fake.settle_all().await;
                "settle"
            }
            _ => {
                now += TimeDelta::seconds(rng.gen_range(1..=900));
                "time"
            }
        };
        *counts.entry(name).or_default() += 1;
    }
    println!(
        "fault injection: steps {counts:?}, {} refunds asked",
        refunds.len()
    );

    // Let everything finish: a sound operator, time passing, the runner until no job is left.
    fake.set_behaviour(Behaviour {
        complete_after_ms: 0,
        ..Behaviour::default()
    });
    for round in 0..200 {
        now += TimeDelta::hours(2);
        for refund in &refunds {
            // Whatever still waits for a decision is approved, so that every refund ends.
            first.decide(&finance, refund, "approve").await;
        }
        let ran = refund_runner::run_due(&first.db, &operator, timeout, now)
            .await
            .unwrap();
        fake.settle_all().await;
        if ran == 0 && round > 0 {
            break;
        }
    }

    // No refund was executed twice, and each refund the server calls completed is exactly one
    // completed refund at the operator.
    let records = fake.refunds();
    assert!(records.iter().all(|r| r.executions == 1), "seed {seed}");
    let mut paid_back: HashMap<String, i64> = HashMap::new();
    let mut completed = 0;
    for refund in &refunds {
        let now_is = first.refund(&operations, refund).await;
        let id = refund.refund.id.to_string();
        let completed_at_operator = records
            .iter()
            .filter(|r| {
                r.view.idempotency_key.starts_with(&format!("{id}-"))
                    && r.view.status == Status::Completed
            })
            .count();
        let expected = usize::from(now_is.refund.status == RefundStatus::Completed);
        assert_eq!(
            completed_at_operator, expected,
            "refund {id}: {:?} (seed {seed})",
            now_is.refund.status
        );
        assert!(
            matches!(
                now_is.refund.status,
                RefundStatus::Completed | RefundStatus::Rejected
            ),
            "refund {id} did not finish: {:?} (seed {seed})",
            now_is.refund.status
        );
        if now_is.refund.status == RefundStatus::Completed {
            completed += 1;
            *paid_back.entry(refund.purchase.id.to_string()).or_default() +=
                refund.refund.amount.amount_minor;
        }
    }
    for p in &purchases {
        let back = paid_back.get(p.purchase.id.as_str()).copied().unwrap_or(0);
        assert!(
            back <= p.purchase.amount.amount_minor,
            "purchase {} refunded {back} of {} (seed {seed})",
            p.purchase.reference,
            p.purchase.amount.amount_minor
        );
        let detail: PurchaseDetail = first
            .get(Some(&operations), &paths::purchase(&p.purchase.id))
            .await
            .ok()
            .json();
        assert_eq!(
            detail.refundable.amount_minor,
            p.purchase.amount.amount_minor - back,
            "seed {seed}"
        );
    }
    let mut conn = first.db.acquire().await.unwrap();
    assert!(
        ledger::unbalanced(&mut conn).await.unwrap().is_empty(),
        "seed {seed}"
    );
    let refunded: i64 = paid_back.values().sum();
    let (movements, written) = refund_movements(&first).await;
    assert_eq!(
        movements - demo.0,
        2 * completed as i64,
        "one movement per completed refund (seed {seed})"
    );
    assert_eq!(written - demo.1, refunded, "seed {seed}");
}

/// The ledger's refund movements: how many entries, and what they moved to the operator's
/// account.
async fn refund_movements(app: &TestApp) -> (i64, i64) {
    let mut conn = app.db.acquire().await.unwrap();
    sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN account = 'operator' THEN amount_minor END), 0) AS BIGINT) \
         FROM ledger_entries WHERE movement LIKE 'refund:%'",
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap()
}
