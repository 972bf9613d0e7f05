//! Payouts and their accounts under the four-eyes principle: an account is approved by a
//! second person before money goes to it, a payout never exceeds what is available (even
//! asked for at once by two processes), and nobody decides on their own request.

use guichet_domain::balances::payouts::{
    AccountStatus, Available, Payout, PayoutAccount, PayoutStatus,
};
use guichet_domain::{messages, paths, ErrorCode, Role};
use guichet_server::settlement_runner::run_due;
use serde_json::{json, Value};

use crate::helpers::*;

const IBAN: &str = "CI93 CI00 8011 1301 1342 9120 0589";

/// A new key for each call, as each click has.
fn key() -> String {
    uuid::Uuid::new_v4().to_string()
}

impl TestApp {
    async fn available(&self, login: &Login) -> Available {
        self.get(Some(login), paths::PAYOUTS_AVAILABLE)
            .await
            .ok()
            .json()
    }

    /// A bank account asked for by `asker` and approved by `approver`.
    async fn active_account(&self, asker: &Login, approver: &Login) -> PayoutAccount {
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

fn payout(account: &PayoutAccount, amount: i64, on: &str) -> Value {
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
