//! Billing questions (« Facturation », seed 004 6.d): filed with the merchant's business account,
//! the shop, the invoice that seems wrong and the transaction's date; checked, redacted and
//! found by the desk like any ticket.

use axum::http::{Method, StatusCode};
use guichet_domain::api::{AuditEntry, Page};
use guichet_domain::paths::{self, headers};
use guichet_domain::tickets::{Category, Field, FieldRules, TicketDetail, TicketSummary, Urgency};
use guichet_domain::{ErrorCode, Role};
use serde_json::{json, Value};

use crate::helpers::*;

/// A billing question about invoice FAC-2026-000042, from `login`'s organisation.
fn billing(login: &Login) -> Value {
    json!({
        "category": "billing",
        "urgency": "normal",
        "fields": {
            "subject": "Question about invoice FAC-2026-000042",
            "description": "The fees of 28 November are counted twice.",
            "business_account": login.me.organisation.id,
            "shop_name": login.me.organisation.name,
            "invoice_number": "FAC-2026-000042",
            "transaction_date": "2026-11-28"
        }
    })
}

async fn file(app: &TestApp, login: &Login, body: Value) -> TestResponse {
    let mut r = app.request(Some(login), Method::POST, paths::TICKETS, Some(body));
    r.headers_mut().insert(
        headers::IDEMPOTENCY_KEY,
        uuid::Uuid::new_v4().to_string().parse().unwrap(),
    );
    app.send(r).await
}

#[tokio::test]
async fn a_billing_question_is_filed_with_its_fields_and_the_desk_finds_it() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;

    let rules: FieldRules = app
        .get(Some(&merchant), paths::TICKET_FIELDS)
        .await
        .ok()
        .json();
    let asked = rules
        .categories
        .iter()
        .find(|c| c.category == Category::Billing)
        .expect("billing is offered");
    assert_eq!(
        asked.required,
        [
            Field::Subject,
            Field::Description,
            Field::BusinessAccount,
            Field::ShopName,
            Field::InvoiceNumber
        ]
    );
    assert_eq!(asked.optional, [Field::TransactionDate]);

    let r = file(&app, &merchant, billing(&merchant)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let filed: TicketDetail = r.json();
    assert_eq!(filed.ticket.category, Category::Billing);
    assert_eq!(filed.ticket.urgency, Urgency::Normal);
    assert_eq!(
        filed.ticket.subject,
        "Question about invoice FAC-2026-000042"
    );
    assert_eq!(filed.fields[&Field::InvoiceNumber], "FAC-2026-000042");
    assert_eq!(filed.fields[&Field::TransactionDate], "2026-11-28");
    assert_eq!(
        filed.fields[&Field::ShopName],
        merchant.me.organisation.name
    );
    assert_eq!(
        filed.fields[&Field::BusinessAccount],
        merchant.me.organisation.id.as_str()
    );

    // The desk filters its queue by category, and reads the fields as filed.
    let other = json!({
        "category": "api_question",
        "urgency": "normal",
        "fields": { "subject": "Pagination", "description": "How do cursors work?" }
    });
    assert_eq!(
        file(&app, &merchant, other).await.status,
        StatusCode::CREATED
    );
    let billing_only: Vec<TicketSummary> = app
        .get(
            Some(&agent),
            &format!("{}?category=billing", paths::TICKETS),
        )
        .await
        .ok()
        .items();
    assert_eq!(
        billing_only.iter().map(|t| &t.id).collect::<Vec<_>>(),
        [&filed.ticket.id]
    );
    let seen: TicketDetail = app
        .get(Some(&agent), &paths::ticket(&filed.ticket.id))
        .await
        .ok()
        .json();
    assert_eq!(seen.fields, filed.fields);
}

#[tokio::test]
async fn a_billing_question_says_which_field_is_wrong() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;

    let mut body = billing(&merchant);
    body["fields"]
        .as_object_mut()
        .unwrap()
        .remove("invoice_number");
    let e = file(&app, &merchant, body)
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(
        e.fields.keys().collect::<Vec<_>>(),
        ["invoice_number"],
        "{e:?}"
    );
    assert_eq!(e.fields["invoice_number"], ["error.required"]);

    let mut body = billing(&merchant);
    body["fields"]["invoice_number"] = json!("last month's");
    body["fields"]["transaction_date"] = json!("28/11/2026");
    body["fields"]["business_account"] = json!("Abidjan Shop");
    body["fields"]["endpoint"] = json!("/payments");
    body["fields"]["shop_name"] = json!("S".repeat(101));
    let e = file(&app, &merchant, body)
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["invoice_number"], ["error.invoice_number"]);
    assert_eq!(e.fields["transaction_date"], ["error.day"]);
    assert_eq!(e.fields["business_account"], ["error.identifier"]);
    assert_eq!(e.fields["endpoint"], ["error.field_not_asked"]);
    assert_eq!(e.fields["shop_name"], ["error.too_long"]);

    // The date is optional, but not a day to come.
    let mut body = billing(&merchant);
    body["fields"]["transaction_date"] = json!("2999-01-01");
    let e = file(&app, &merchant, body)
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["transaction_date"], ["error.day_in_future"]);
    let mut body = billing(&merchant);
    body["fields"]
        .as_object_mut()
        .unwrap()
        .remove("transaction_date");
    assert_eq!(
        file(&app, &merchant, body).await.status,
        StatusCode::CREATED
    );

    // Billing fields belong to billing questions.
    let body = json!({
        "category": "feature_request",
        "urgency": "normal",
        "fields": { "subject": "Export", "description": "CSV, please.",
                    "invoice_number": "FAC-2026-000042" }
    });
    let e = file(&app, &merchant, body)
        .await
        .assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["invoice_number"], ["error.field_not_asked"]);
}

#[tokio::test]
async fn secrets_pasted_into_billing_fields_are_redacted() {
    let app = spawn_app().await;
    let merchant = app.login(Role::Support, ABIDJAN).await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let agent = app.login(Role::SupportAgent, PROVIDER).await;
    let live_key = "sprod_Xq7Lm2Pz9Rt4Vb8Nc3Hd6Jf1";
    let mut body = billing(&merchant);
    // An identifier's shape fits a key; a shop's name is free text.
    body["fields"]["business_account"] = json!(live_key);
    body["fields"]["shop_name"] = json!("Abidjan Shop, card 4111 1111 1111 1111");
    let r = file(&app, &merchant, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let filed: TicketDetail = r.json();

    let seen: TicketDetail = app
        .get(Some(&agent), &paths::ticket(&filed.ticket.id))
        .await
        .ok()
        .json();
    let account = &seen.fields[&Field::BusinessAccount];
    assert!(!account.contains(&live_key[6..]), "{account}");
    let shop = &seen.fields[&Field::ShopName];
    assert!(
        shop.starts_with("Abidjan Shop, card ") && !shop.contains("4111 1111"),
        "{shop}"
    );
    assert_eq!(seen.fields[&Field::InvoiceNumber], "FAC-2026-000042");

    let log: Page<AuditEntry> = app.get(Some(&admin), paths::AUDIT).await.ok().json();
    let created = log
        .items
        .iter()
        .find(|e| e.action == "ticket.created" && e.target.as_deref() == Some(&filed.ticket.number))
        .expect("audited");
    assert_eq!(created.details["server_findings"], 2);
}
