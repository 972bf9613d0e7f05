//! Payouts and their accounts under the four-eyes principle: an account is approved by a
//! second person before money goes to it, a payout never exceeds what is available (even
//! asked for at once by two processes), and nobody decides on their own request. Approved, a
//! payout leaves on its day through the fake operator's transfer API, once; paid, it is in
//! the ledger, the report and the reconciliation; failed, its amount is available again.

use guichet_domain::balances::payouts::{
    AccountStatus, Available, Payout, PayoutAccount, PayoutStatus,
};
use guichet_domain::balances::Reconciliation;
use guichet_domain::{messages, paths, ErrorCode, Role};
use guichet_fake_operator::{Behaviour, FakeOperator, Outcome, Status};
use guichet_server::operator::HttpOperator;
use guichet_server::payout_runner;
use guichet_server::settlement_runner::run_due;
use serde_json::{json, Value};

use crate::balances::{minor, read_csv};
use crate::helpers::*;

const IBAN: &str = "CI93 CI00 8011 1301 1342 9120 0589";

/// A new key for each call, as each click has.
pub(crate) fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl TestApp {
    /// `asker` asks for a payout of `amount` on `on`, and `approver` approves it.
    pub(crate) async fn approved_payout(
        &self,
        asker: &Login,
        approver: &Login,
        account: &PayoutAccount,
        amount: i64,
        on: chrono::NaiveDate,
    ) -> Payout {
        let asked: Payout = self
            .post_keyed(
                asker,
                paths::PAYOUTS,
                Some(payout(account, amount, &on.to_string())),
                &key(),
            )
            .await
            .ok()
            .json();
        self.post_keyed(
            approver,
            &paths::payout_action(&asked.id, "approve"),
            None,
            &key(),
        )
        .await
        .ok()
        .json()
    }

    pub(crate) async fn payout(&self, login: &Login, id: &guichet_domain::PayoutId) -> Payout {
        self.get(Some(login), &paths::payout(id)).await.ok().json()
    }

    pub(crate) async fn available(&self, login: &Login) -> Available {
        self.get(Some(login), paths::PAYOUTS_AVAILABLE)
            .await
            .ok()
            .json()
    }

    /// A bank account asked for by `asker` and approved by `approver`.
    pub(crate) async fn active_account(&self, asker: &Login, approver: &Login) -> PayoutAccount {
        let body = json!({ "kind": "bank", "label": "Compte SGCI", "number": IBAN });
        let asked: PayoutAccount = self
            .post_keyed(asker, paths::PAYOUT_ACCOUNTS, Some(body), &key())
            .await
            .ok()
            .json();
        self.post_keyed(
            approver,
            &paths::payout_account_action(&asked.id, "approve"),
            None,
            &key(),
        )
        .await
        .ok()
        .json()
    }
}

pub(crate) fn payout(account: &PayoutAccount, amount: i64, on: &str) -> Value {
    json!({ "amount_minor": amount, "account_id": account.id, "on": on })
}

#[tokio::test]
async fn a_payout_account_waits_for_a_second_person_and_shows_only_its_end() {
    let app = spawn_app().await;
    let operations = app.login(Role::Operations, "abidjan-shop").await;
    let admin = app.login(Role::Admin, "abidjan-shop").await;
    let finance = app.login(Role::Finance, "abidjan-shop").await;

    let wrong = json!({ "kind": "bank", "label": "Compte", "number": "CI93 CI00 8011 1301 1342 9120 0588" });
    let e = app
        .post_keyed(&operations, paths::PAYOUT_ACCOUNTS, Some(wrong), &key())
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["number"][0], messages::IBAN);

    let body = json!({ "kind": "bank", "label": "Compte SGCI", "number": IBAN });
    let r = app
        .post_keyed(&admin, paths::PAYOUT_ACCOUNTS, Some(body), &key())
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.text());
    let asked: PayoutAccount = r.json();
    assert_eq!(asked.status, AccountStatus::Pending);
    assert_eq!(asked.masked, "CI93 •••• 0589");
    assert!(
        !r.text().contains("1301134291"),
        "the whole number never comes back"
    );
    assert!(!asked.can_decide, "not the asker's to decide");

    // Not even an administrator approves their own.
    let approve = paths::payout_account_action(&asked.id, "approve");
    let e = app
        .post_keyed(&admin, &approve, None, &key())
        .await
        .assert_error(409, ErrorCode::Conflict);
    assert_eq!(e.reason.as_deref(), Some(messages::OWN_REQUEST));
    // No payout goes to a pending account.
    let e = app
        .post_keyed(
            &operations,
            paths::PAYOUTS,
            Some(payout(&asked, 100, "2099-01-02")),
            &key(),
        )
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert!(e.fields.contains_key("account_id") || e.fields.contains_key("amount_minor"));

    let approved: PayoutAccount = app
        .post_keyed(&finance, &approve, None, &key())
        .await
        .ok()
        .json();
    assert_eq!(approved.status, AccountStatus::Active);
    assert!(approved.decided_by.is_some());

    // A change replaces it once approved.
    let change = json!({ "kind": "mobile_money", "label": "Orange Money", "number": "+225 07 12 34 56 78", "replaces": asked.id });
    let changed: PayoutAccount = app
        .post_keyed(&operations, paths::PAYOUT_ACCOUNTS, Some(change), &key())
        .await
        .ok()
        .json();
    assert_eq!(changed.masked, "+225 07 •• •• 56 78");
    app.post_keyed(
        &finance,
        &paths::payout_account_action(&changed.id, "approve"),
        None,
        &key(),
    )
    .await
    .ok();
    let all: Vec<PayoutAccount> = app
        .get(Some(&finance), paths::PAYOUT_ACCOUNTS)
        .await
        .ok()
        .json();
    let status = |id| all.iter().find(|a| &a.id == id).unwrap().status;
    assert_eq!(status(&changed.id), AccountStatus::Active);
    assert_eq!(status(&asked.id), AccountStatus::Retired);

    // Each step is in the audit log.
    let audit = app
        .get(
            Some(&admin),
            &format!("{}?action=payout_account.approved", paths::AUDIT),
        )
        .await
        .ok();
    assert_eq!(audit.items::<Value>().len(), 2);
}

#[tokio::test]
async fn a_payout_holds_its_amount_and_is_decided_by_another_person() {
    let app = spawn_app().await;
    run_due(&app.db, chrono::Utc::now()).await.unwrap();
    let operations = app.login(Role::Operations, "abidjan-shop").await;
    let finance = app.login(Role::Finance, "abidjan-shop").await;
    let account = app.active_account(&operations, &finance).await;
    let before = app.available(&finance).await;
    assert!(before.available.amount_minor > 10_000, "{before:?}");
    let today = chrono::Utc::now().date_naive();

    let too_much = payout(
        &account,
        before.available.amount_minor + 1,
        &today.to_string(),
    );
    let e = app
        .post_keyed(&operations, paths::PAYOUTS, Some(too_much), &key())
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["amount_minor"][0], messages::PAYOUT_EXCEEDS);
    let yesterday = today - chrono::TimeDelta::days(1);
    let e = app
        .post_keyed(
            &operations,
            paths::PAYOUTS,
            Some(payout(&account, 1_000, &yesterday.to_string())),
            &key(),
        )
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["on"][0], messages::IN_PAST);

    let r = app
        .post_keyed(
            &operations,
            paths::PAYOUTS,
            Some(payout(&account, 10_000, &today.to_string())),
            &key(),
        )
        .await;
    assert_eq!(r.status.as_u16(), 201, "{}", r.text());
    let asked: Payout = r.json();
    assert_eq!(asked.status, PayoutStatus::Requested);
    assert!(asked.expected_by > asked.requested_at);
    assert!(asked.can_cancel && !asked.can_decide);
    let after = app.available(&finance).await;
    assert_eq!(
        after.available.amount_minor,
        before.available.amount_minor - 10_000
    );
    assert_eq!(after.main, before.main, "held, not moved");

    let approved: Payout = app
        .post_keyed(
            &finance,
            &paths::payout_action(&asked.id, "approve"),
            None,
            &key(),
        )
        .await
        .ok()
        .json();
    assert_eq!(approved.status, PayoutStatus::Approved);
    let e = app
        .post_keyed(
            &operations,
            &paths::payout_action(&asked.id, "cancel"),
            None,
            &key(),
        )
        .await
        .assert_error(409, ErrorCode::Conflict);
    assert_eq!(e.reason.as_deref(), Some(messages::PAYOUT_STATUS));

    // A rejected payout gives its amount back.
    let second: Payout = app
        .post_keyed(
            &operations,
            paths::PAYOUTS,
            Some(payout(&account, 5_000, &today.to_string())),
            &key(),
        )
        .await
        .ok()
        .json();
    let rejected: Payout = app
        .post_keyed(
            &finance,
            &paths::payout_action(&second.id, "reject"),
            Some(json!({ "reason": "Pas ce mois-ci." })),
            &key(),
        )
        .await
        .ok()
        .json();
    assert_eq!(rejected.status, PayoutStatus::Rejected);
    assert_eq!(app.available(&finance).await.available, after.available);
    let listed = app
        .get(Some(&finance), paths::PAYOUTS)
        .await
        .ok()
        .items::<Payout>();
    assert_eq!(listed.len(), 2);
}

#[tokio::test]
async fn payouts_asked_for_at_once_by_two_processes_never_exceed_the_available_balance() {
    let app = spawn_app().await;
    run_due(&app.db, chrono::Utc::now()).await.unwrap();
    let operations = app.login(Role::Operations, "paris-shop").await;
    let finance = app.login(Role::Finance, "paris-shop").await;
    let account = app.active_account(&operations, &finance).await;
    let other = app.another_process().await;
    let available = app.available(&finance).await.available.amount_minor;
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive()
        .to_string();
    // Each asks for six tenths: together they would exceed it.
    let share = available * 6 / 10;
    let (first, second) = (key(), key());
    let (a, b) = tokio::join!(
        app.post_keyed(
            &operations,
            paths::PAYOUTS,
            Some(payout(&account, share, &today)),
            &first
        ),
        other.post_keyed(
            &operations,
            paths::PAYOUTS,
            Some(payout(&account, share, &today)),
            &second
        ),
    );
    let statuses = [a.status.as_u16(), b.status.as_u16()];
    assert!(
        statuses.contains(&201) && statuses.contains(&422),
        "{statuses:?}"
    );
    let left = app.available(&finance).await.available.amount_minor;
    assert_eq!(left, available - share);
    assert!(left >= 0);
}

#[tokio::test]
async fn an_approved_payout_leaves_on_its_day_is_paid_once_and_the_books_show_it() {
    let app = spawn_app().await;
    let now = chrono::Utc::now();
    run_due(&app.db, now).await.unwrap();
    let operations = app.login(Role::Operations, "abidjan-shop").await;
    let finance = app.login(Role::Finance, "abidjan-shop").await;
    let account = app.active_account(&operations, &finance).await;
    let (addr, fake) = FakeOperator::spawn(Behaviour {
        complete_after_ms: 0,
        ..Behaviour::default()
    })
    .await;
    let timeout = std::time::Duration::from_secs(5);
    let operator = HttpOperator::new(&format!("http://{addr}"), None, timeout);
    let before = app.available(&finance).await;
    let today = before.today;

    // One for today, one for in three days: only today's leaves now.
    let paid = app
        .approved_payout(&operations, &finance, &account, 10_000, today)
        .await;
    let later = today + chrono::TimeDelta::days(3);
    let waits = app
        .approved_payout(&operations, &finance, &account, 7_000, later)
        .await;
    let now = chrono::Utc::now();
    payout_runner::run_due(&app.db, &operator, timeout, now)
        .await
        .unwrap();
    assert_eq!(
        app.payout(&finance, &paid.id).await.status,
        PayoutStatus::Processing
    );
    assert_eq!(
        app.payout(&finance, &waits.id).await.status,
        PayoutStatus::Approved
    );
    // The operator pays it; the runner, asking again, hears so and runs it again: once.
    for minutes in [1, 2] {
        fake.settle_all().await;
        let at = now + chrono::TimeDelta::minutes(minutes);
        payout_runner::run_due(&app.db, &operator, timeout, at)
            .await
            .unwrap();
    }
    let done = app.payout(&finance, &paid.id).await;
    assert_eq!(done.status, PayoutStatus::Paid, "{done:?}");
    let transfers = fake.transfers();
    assert_eq!(transfers.len(), 1);
    assert_eq!(transfers[0].executions, 1);
    assert_eq!(transfers[0].view.amount_minor, 10_000);
    assert_eq!(transfers[0].view.order.destination, IBAN.replace(' ', ""));
    let after = app.available(&finance).await;
    assert_eq!(after.main.amount_minor, before.main.amount_minor - 10_000);
    assert_eq!(
        after.available.amount_minor,
        before.available.amount_minor - 17_000,
        "the later payout still holds its amount"
    );

    // The report shows it, and the books reconcile with it.
    let query = format!("from={today}&until={today}");
    let check: Reconciliation = app
        .get(
            Some(&finance),
            &format!("{}?{query}", paths::REPORT_RECONCILIATION),
        )
        .await
        .ok()
        .json();
    assert_eq!(check.payouts, 10_000);
    assert!(check.differences.none(), "{check:?}");
    let csv = app
        .get(
            Some(&finance),
            &format!("{}?{query}", paths::REPORT_TRANSACTIONS),
        )
        .await
        .ok()
        .text();
    let rows = read_csv(&csv, b',');
    let row = rows
        .iter()
        .find(|r| r["type"] == "payout")
        .expect("a payout row");
    assert_eq!(row["payout_id"], paid.id.as_str());
    assert_eq!(minor(&row["net"], 0), -10_000);

    // On its day, the later one leaves; this time the operator fails it later: the payout
    // fails with the reason, and its amount is available again.
    fake.script([Outcome::FailLater]);
    let its_day = now + chrono::TimeDelta::days(4);
    payout_runner::run_due(&app.db, &operator, timeout, its_day)
        .await
        .unwrap();
    fake.settle_all().await;
    let at = its_day + chrono::TimeDelta::minutes(1);
    payout_runner::run_due(&app.db, &operator, timeout, at)
        .await
        .unwrap();
    let failed = app.payout(&finance, &waits.id).await;
    assert_eq!(failed.status, PayoutStatus::Failed);
    assert_eq!(failed.failure_reason.as_deref(), Some("account_closed"));
    assert_eq!(fake.transfers()[1].view.status, Status::Failed);
    let end = app.available(&finance).await;
    assert_eq!(end.main, after.main, "nothing left the main account");
    assert_eq!(
        end.available.amount_minor,
        before.available.amount_minor - 10_000
    );
}
