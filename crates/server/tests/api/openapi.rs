use std::path::Path;

use guichet_domain::paths;
use serde_json::Value;

use crate::helpers::*;

/// The committed document is the contract other servers implement: any change to it shows up in
/// review. `UPDATE_SNAPSHOTS=1 cargo test -p guichet-server` rewrites it.
#[test]
fn openapi_document_matches_the_committed_snapshot() {
    let generated = guichet_server::openapi::to_pretty_json();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::write(&file, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == generated,
        "crates/server/openapi.json is out of date: run `UPDATE_SNAPSHOTS=1 cargo test -p guichet-server` and review the diff"
    );
}

#[test]
fn openapi_document_describes_every_route_and_the_rules() {
    let doc: Value = serde_json::from_str(&guichet_server::openapi::to_pretty_json()).unwrap();
    let documented: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected: Vec<String> = [
        paths::HEALTH,
        paths::OPENAPI,
        paths::LOGIN,
        paths::LOGOUT,
        paths::PASSWORD_RESET,
        paths::PASSWORD_RESET_CONFIRM,
        paths::ME,
        paths::SESSION,
        paths::ME_PASSWORD,
        paths::ME_LANGUAGE,
        paths::USERS,
        paths::ROLES,
        paths::AUDIT,
        paths::TICKETS,
        paths::TICKET_FIELDS,
        paths::TICKETS_UNREAD,
        paths::ATTACHMENTS,
        paths::DESK_AGENTS,
        paths::DESK_MERCHANTS,
        paths::DESK_STATS,
        paths::DESK_OUTBOX,
        paths::PURCHASES,
        paths::PURCHASES_EXPORT,
        paths::REFUNDS,
        paths::REFUNDS_TO_DECIDE,
        paths::BALANCES,
        paths::SETTLEMENTS,
        paths::REPORT_TRANSACTIONS,
        paths::REPORT_RECONCILIATION,
        paths::PAYOUT_ACCOUNTS,
        paths::PAYOUTS,
        paths::PAYOUTS_AVAILABLE,
        paths::INVOICES,
        paths::API_KEYS,
        paths::API_KEY_CURRENT,
        paths::API_KEY_FINGERPRINTS,
        paths::CONNECTOR_OPERATORS,
        paths::CONNECTOR_CHECK,
    ]
    .iter()
    .map(|p| p.to_string())
    .chain([
        paths::user_roles(&"{id}".into()),
        paths::user_deactivate(&"{id}".into()),
        paths::user_reactivate(&"{id}".into()),
        paths::ticket(&"{id}".into()),
        paths::attachment(&"{id}".into()),
        paths::purchase(&"{id}".into()),
        paths::purchase_refunds(&"{id}".into()),
        paths::refund(&"{id}".into()),
        paths::settlement(&"{id}".into()),
        paths::payout(&"{id}".into()),
        paths::invoice(&"{id}".into()),
        paths::invoice_download(&"{id}".into()),
        paths::api_key_roll(&"{id}".into()),
        paths::api_key_revoke(&"{id}".into()),
    ])
    .chain(
        [
            "messages",
            "triage",
            "assign",
            "status",
            "feedback",
            "follow-up",
        ]
        .map(|a| paths::ticket_action(&"{id}".into(), a)),
    )
    .chain(["approve", "reject", "retry"].map(|a| paths::refund_action(&"{id}".into(), a)))
    .chain(["approve", "reject", "cancel"].map(|a| paths::payout_action(&"{id}".into(), a)))
    .chain(["approve", "reject"].map(|a| paths::payout_account_action(&"{id}".into(), a)))
    .map(|p| format!("{}{p}", paths::PREFIX))
    .collect();
    expected.sort();
    let mut documented: Vec<String> = documented.into_iter().map(str::to_owned).collect();
    documented.sort();
    assert_eq!(documented, expected);

    assert_eq!(
        doc["components"]["securitySchemes"]["session"]["in"],
        "cookie"
    );
    assert_eq!(
        doc["components"]["securitySchemes"]["session"]["name"],
        "guichet_session"
    );
    let create = &doc["paths"]["/api/v1/users"]["post"];
    let params: Vec<&str> = create["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert!(
        params.contains(&"x-csrf-token") && params.contains(&"idempotency-key"),
        "{params:?}"
    );
    assert_eq!(
        create["responses"]["422"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ApiErrorBody"
    );
    assert!(doc["info"]["description"]
        .as_str()
        .unwrap()
        .contains("error.email"));
}

#[tokio::test]
async fn the_served_document_is_the_generated_one() {
    let app = spawn_app().await;
    let served: Value = app.get(None, paths::OPENAPI).await.ok().json();
    let generated: Value =
        serde_json::from_str(&guichet_server::openapi::to_pretty_json()).unwrap();
    assert_eq!(served, generated);
}

#[test]
fn openapi_document_states_the_limits_the_server_enforces() {
    use guichet_domain::tickets::{MAX_ATTACHMENTS, RATINGS};
    use guichet_domain::validate::{IDEMPOTENCY_KEY_MAX, NAME_MAX_CHARS, PASSWORD_MIN_CHARS};
    let doc: Value = serde_json::from_str(&guichet_server::openapi::to_pretty_json()).unwrap();
    let property =
        |schema: &str, name: &str| doc["components"]["schemas"][schema]["properties"][name].clone();
    assert_eq!(
        property("CreateUserRequest", "name")["maxLength"],
        NAME_MAX_CHARS
    );
    assert_eq!(property("CreateUserRequest", "roles")["minItems"], 1);
    assert_eq!(
        property("ChangePasswordRequest", "new_password")["minLength"],
        PASSWORD_MIN_CHARS
    );
    assert_eq!(property("Feedback", "rating")["minimum"], *RATINGS.start());
    assert_eq!(property("Feedback", "rating")["maximum"], *RATINGS.end());
    assert_eq!(
        property("NewMessage", "attachment_ids")["maxItems"],
        MAX_ATTACHMENTS
    );
    let create_ticket = &doc["paths"][format!("{}{}", paths::PREFIX, paths::TICKETS)]["post"];
    let key = create_ticket["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == guichet_domain::paths::headers::IDEMPOTENCY_KEY)
        .expect("the key is documented");
    assert_eq!(key["schema"]["maxLength"], IDEMPOTENCY_KEY_MAX);
    assert_eq!(key["required"], true);
    // Every operation with a query answers 422 for a value out of range, as `limit=0` is.
    let audit = &doc["paths"][format!("{}{}", paths::PREFIX, paths::AUDIT)]["get"];
    assert!(audit["responses"]["422"].is_object());
}
