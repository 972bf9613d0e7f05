//! Every route against every demo role: allowed exactly when `Role::permissions()` says so, and
//! never a 500.

use axum::http::{Method, StatusCode};
use guichet_domain::paths;
use guichet_domain::{
    ApiKeyId, ErrorCode, OrgKind, PayoutAccountId, PayoutId, Permission, PurchaseId, RefundId,
    Role, SettlementId, TicketId, UserId,
};
use serde_json::{json, Value};

use crate::helpers::*;

struct Route {
    method: Method,
    path: String,
    needs: Option<Permission>,
    body: Option<Value>,
}

fn route(
    method: Method,
    path: impl Into<String>,
    needs: Option<Permission>,
    body: Option<Value>,
) -> Route {
    Route {
        method,
        path: path.into(),
        needs,
        body,
    }
}

/// The protected routes, with a valid body for the caller's organisation; `target` is a user of
/// that organisation that the test may change freely.
fn routes(kind: OrgKind, target: &UserId, caller: Role) -> Vec<Route> {
    let role = match kind {
        OrgKind::Merchant => "viewer",
        OrgKind::Provider => "support_agent",
    };
    let new_email = format!("new-{}@matrix.demo", caller.as_str());
    // Tickets: a merchant reads and writes its own; the desk works those filed with it.
    let (read, write) = match kind {
        OrgKind::Merchant => (Permission::TicketsRead, Permission::TicketsCreate),
        OrgKind::Provider => (Permission::DeskRead, Permission::DeskWork),
    };
    let ticket = &TicketId::from("no-such-ticket");
    let ticket_body = json!({
        "category": "feature_request",
        "urgency": "normal",
        "fields": { "subject": "Matrix", "description": "Checking permissions." }
    });
    let mut routes = vec![
        route(Method::GET, paths::ME, None, None),
        route(Method::GET, paths::USERS, Some(Permission::UsersRead), None),
        route(
            Method::POST,
            paths::USERS,
            Some(Permission::UsersManage),
            Some(json!({ "email": new_email, "name": "Nouvel Utilisateur", "roles": [role] })),
        ),
        route(
            Method::PUT,
            paths::user_roles(target),
            Some(Permission::UsersManage),
            Some(json!({ "roles": [role] })),
        ),
        route(
            Method::POST,
            paths::user_deactivate(target),
            Some(Permission::UsersManage),
            None,
        ),
        route(
            Method::POST,
            paths::user_reactivate(target),
            Some(Permission::UsersManage),
            None,
        ),
        route(Method::GET, paths::ROLES, Some(Permission::UsersRead), None),
        route(Method::GET, paths::AUDIT, Some(Permission::AuditRead), None),
        route(
            Method::POST,
            paths::ME_PASSWORD,
            None,
            Some(json!({ "current_password": "not mine", "new_password": "long enough password" })),
        ),
        route(
            Method::PUT,
            paths::ME_LANGUAGE,
            None,
            Some(json!({ "language": "fr" })),
        ),
        route(Method::GET, paths::TICKETS, Some(read), None),
        route(Method::GET, paths::TICKET_FIELDS, None, None),
        route(Method::GET, paths::TICKETS_UNREAD, Some(read), None),
        route(
            Method::POST,
            paths::TICKETS,
            Some(Permission::TicketsCreate),
            Some(ticket_body),
        ),
        route(Method::GET, paths::ticket(ticket), Some(read), None),
        route(
            Method::POST,
            paths::ticket_action(ticket, "messages"),
            Some(write),
            Some(json!({ "body": "Hello" })),
        ),
        route(
            Method::POST,
            paths::ticket_action(ticket, "triage"),
            Some(Permission::DeskWork),
            Some(json!({ "urgency": "high", "reason": "Matrix" })),
        ),
        route(
            Method::POST,
            paths::ticket_action(ticket, "assign"),
            Some(Permission::DeskAssign),
            Some(json!({ "assignee_id": target })),
        ),
        route(
            Method::POST,
            paths::ticket_action(ticket, "status"),
            Some(Permission::DeskWork),
            Some(json!({ "status": "in_progress" })),
        ),
        route(
            Method::POST,
            paths::ATTACHMENTS,
            Some(write),
            Some(json!({})),
        ),
        route(
            Method::GET,
            paths::attachment(&"no-such-file".into()),
            None,
            None,
        ),
        route(
            Method::GET,
            paths::DESK_AGENTS,
            Some(Permission::DeskRead),
            None,
        ),
        route(
            Method::GET,
            paths::DESK_MERCHANTS,
            Some(Permission::DeskRead),
            None,
        ),
        route(
            Method::GET,
            paths::DESK_STATS,
            Some(Permission::DeskRead),
            None,
        ),
        route(
            Method::GET,
            paths::DESK_OUTBOX,
            Some(Permission::DeskRead),
            None,
        ),
    ];
    // Purchases and refunds: a merchant's; the desk holds none of these permissions.
    let purchase = &PurchaseId::from("no-such-purchase");
    let refund = &RefundId::from("no-such-refund");
    routes.extend([
        route(
            Method::GET,
            paths::PURCHASES,
            Some(Permission::PaymentsRead),
            None,
        ),
        // Before the literal paths that its template would fit too.
        route(
            Method::GET,
            paths::purchase(purchase),
            Some(Permission::PaymentsRead),
            None,
        ),
        route(
            Method::GET,
            paths::PURCHASES_EXPORT,
            Some(Permission::PaymentsRead),
            None,
        ),
        route(
            Method::POST,
            paths::purchase_refunds(purchase),
            Some(Permission::RefundsCreate),
            Some(json!({ "amount_minor": 100, "reason": "duplicate" })),
        ),
        route(
            Method::GET,
            paths::REFUNDS,
            Some(Permission::PaymentsRead),
            None,
        ),
        route(
            Method::GET,
            paths::refund(refund),
            Some(Permission::PaymentsRead),
            None,
        ),
        route(
            Method::GET,
            paths::REFUNDS_TO_DECIDE,
            Some(Permission::RefundsApprove),
            None,
        ),
        route(
            Method::POST,
            paths::refund_action(refund, "approve"),
            Some(Permission::RefundsApprove),
            None,
        ),
        route(
            Method::POST,
            paths::refund_action(refund, "reject"),
            Some(Permission::RefundsApprove),
            Some(json!({ "reason": "Matrix" })),
        ),
        route(
            Method::POST,
            paths::refund_action(refund, "retry"),
            Some(Permission::RefundsCreate),
            None,
        ),
    ]);
    // Balances and settlements: a merchant's finance figures.
    routes.extend([
        route(
            Method::GET,
            paths::BALANCES,
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::GET,
            paths::settlement(&SettlementId::from("no-such-settlement")),
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::GET,
            paths::SETTLEMENTS,
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::GET,
            format!(
                "{}?from=2026-11-01&until=2026-11-30",
                paths::REPORT_TRANSACTIONS
            ),
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::GET,
            format!(
                "{}?from=2026-11-01&until=2026-11-30",
                paths::REPORT_RECONCILIATION
            ),
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::GET,
            paths::INVOICES,
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::GET,
            paths::invoice(&"no-such-invoice".into()),
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::GET,
            paths::invoice_download(&"no-such-invoice".into()),
            Some(Permission::ReportsRead),
            None,
        ),
    ]);
    // Payouts and their accounts: asked for by one, approved by another.
    let payout = &PayoutId::from("no-such-payout");
    let account = &PayoutAccountId::from("no-such-account");
    let reason = || Some(json!({ "reason": "Matrix" }));
    routes.extend([
        route(
            Method::GET,
            paths::PAYOUT_ACCOUNTS,
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::POST,
            paths::PAYOUT_ACCOUNTS,
            Some(Permission::PayoutsCreate),
            Some(json!({ "kind": "bank", "label": "Matrix", "number": "FR76 3000 6000 0112 3456 7890 189" })),
        ),
        route(
            Method::POST,
            paths::payout_account_action(account, "approve"),
            Some(Permission::PayoutsApprove),
            None,
        ),
        route(
            Method::POST,
            paths::payout_account_action(account, "reject"),
            Some(Permission::PayoutsApprove),
            reason(),
        ),
        route(
            Method::GET,
            paths::PAYOUTS,
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::POST,
            paths::PAYOUTS,
            Some(Permission::PayoutsCreate),
            Some(json!({ "amount_minor": 1, "account_id": "none", "on": "2099-01-01" })),
        ),
        // Before the literal path that its template would fit too.
        route(
            Method::GET,
            paths::payout(payout),
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::GET,
            paths::PAYOUTS_AVAILABLE,
            Some(Permission::ReportsRead),
            None,
        ),
        route(
            Method::POST,
            paths::payout_action(payout, "approve"),
            Some(Permission::PayoutsApprove),
            None,
        ),
        route(
            Method::POST,
            paths::payout_action(payout, "reject"),
            Some(Permission::PayoutsApprove),
            reason(),
        ),
        route(
            Method::POST,
            paths::payout_action(payout, "cancel"),
            Some(Permission::PayoutsCreate),
            None,
        ),
    ]);
    // Rating and follow-ups are the merchant's answer to a resolution; no provider role holds
    // `tickets.create`, so the desk never rates its own work.
    for action in ["feedback", "follow-up"] {
        routes.push(route(
            Method::POST,
            paths::ticket_action(ticket, action),
            Some(Permission::TicketsCreate),
            Some(json!({ "rating": 5, "reason": "Again" })),
        ));
    }
    // API keys: whoever manages them (Developers, Administrators).
    let key = &ApiKeyId::from("no-such-key");
    routes.extend([
        route(
            Method::GET,
            paths::API_KEYS,
            Some(Permission::ApiKeysManage),
            None,
        ),
        route(
            Method::POST,
            paths::API_KEYS,
            Some(Permission::ApiKeysManage),
            Some(json!({ "name": "Matrix", "environment": "test", "scopes": ["Api.purchases_read"] })),
        ),
        route(
            Method::POST,
            paths::api_key_roll(key),
            Some(Permission::ApiKeysManage),
            Some(json!({ "overlap_hours": 1 })),
        ),
        route(
            Method::POST,
            paths::api_key_revoke(key),
            Some(Permission::ApiKeysManage),
            None,
        ),
        route(
            Method::GET,
            paths::API_KEY_FINGERPRINTS,
            Some(Permission::TicketsCreate),
            None,
        ),
        route(
            Method::GET,
            paths::CONNECTOR_OPERATORS,
            Some(Permission::CredentialsManage),
            None,
        ),
        route(
            Method::POST,
            paths::CONNECTOR_CHECK,
            Some(Permission::CredentialsManage),
            // Refused before any call: no operator is reached from the matrix.
            Some(json!({ "operator": "nowhere", "environment": "test", "transaction_type": "payment", "fields": {} })),
        ),
    ]);
    routes
}

/// Creates a throwaway user to be the target of the user-management routes.
async fn target(app: &TestApp, slug: &str, manager: Role, role: &str) -> UserId {
    let login = app.login(manager, slug).await;
    let r = app
        .post(
            Some(&login),
            paths::USERS,
            json!({ "email": format!("target@{slug}.demo"), "name": "Cible", "roles": [role] }),
        )
        .await;
    let created: guichet_domain::api::CreatedUser = r.ok().json();
    created.user.id
}

#[tokio::test]
async fn every_role_gets_exactly_its_permissions_on_every_route() {
    let app = spawn_app().await;
    let cases = [
        (
            OrgKind::Merchant,
            ABIDJAN,
            target(&app, ABIDJAN, Role::Admin, "viewer").await,
        ),
        (
            OrgKind::Provider,
            PROVIDER,
            target(&app, PROVIDER, Role::SupportLead, "support_agent").await,
        ),
    ];
    let mut checked = 0;
    for (kind, slug, target) in &cases {
        for &role in Role::for_org(*kind) {
            let login = app.login(role, slug).await;
            for r in routes(*kind, target, role) {
                let response = app
                    .call(Some(&login), r.method.clone(), &r.path, r.body)
                    .await;
                let label = format!("{} {} as {}", r.method, r.path, role.as_str());
                assert!(
                    !response.status.is_server_error(),
                    "{label}: {}",
                    response.text()
                );
                let allowed = r.needs.is_none_or(|p| role.permissions().contains(&p));
                if allowed {
                    assert_ne!(
                        response.status,
                        StatusCode::FORBIDDEN,
                        "{label}: {}",
                        response.text()
                    );
                } else {
                    response.assert_error(403, ErrorCode::Forbidden);
                }
                checked += 1;
            }
            let logout = app
                .call(Some(&login), Method::POST, paths::LOGOUT, None)
                .await;
            assert_eq!(
                logout.status,
                StatusCode::NO_CONTENT,
                "logout as {}",
                role.as_str()
            );
        }
    }
    assert_eq!(checked, 8 * 63);
}

#[tokio::test]
async fn every_protected_route_needs_a_session() {
    let app = spawn_app().await;
    for r in routes(OrgKind::Merchant, &"some-id".into(), Role::Admin) {
        let response = app.call(None, r.method.clone(), &r.path, r.body).await;
        assert_eq!(
            response.status,
            StatusCode::UNAUTHORIZED,
            "{} {}",
            r.method,
            r.path
        );
        response.assert_error(401, ErrorCode::Unauthenticated);
    }
    // Public: health, the document, and log-in (which answers for itself).
    app.get(None, paths::HEALTH).await.ok();
    app.get(None, paths::OPENAPI).await.ok();
    let r = app.call(None, Method::POST, paths::LOGOUT, None).await;
    assert_eq!(
        r.status,
        StatusCode::NO_CONTENT,
        "signing out without a session is harmless"
    );
}

/// Whether a concrete path fits a path of the document (`/users/{id}/roles`).
fn fits(template: &str, path: &str) -> bool {
    // A route the matrix calls with its required query is the operation without it.
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let (t, p): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len()
        && t.iter()
            .zip(&p)
            .all(|(t, p)| t == p || (t.starts_with('{') && t.ends_with('}')))
}

/// The matrix above and the published contract are one list: every operation the document
/// protects with a session is in the matrix (the log-out aside, checked after each role; the
/// operations that take an API key instead are `api_keys.rs`'s), and
/// the permissions the document names for it are those the matrix finds the server asking for.
#[test]
fn the_matrix_covers_every_operation_of_the_contract_and_agrees_with_it() {
    let doc = guichet_server::openapi::document();
    for kind in [OrgKind::Merchant, OrgKind::Provider] {
        let table = routes(kind, &"some-id".into(), Role::Admin);
        let mut listed = 0;
        for (template, item) in &doc.paths.paths {
            let template = template
                .strip_prefix(paths::PREFIX)
                .expect("under the prefix");
            for (method, op) in [
                (Method::GET, &item.get),
                (Method::POST, &item.post),
                (Method::PUT, &item.put),
                (Method::DELETE, &item.delete),
            ] {
                let Some(op) = op else { continue };
                let Some(security) = op.security.as_ref().filter(|s| !s.is_empty()) else {
                    continue;
                };
                let by_session = serde_json::to_value(security)
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|req| req.get("session").is_some());
                if !by_session {
                    continue;
                }
                if template == paths::LOGOUT {
                    continue;
                }
                listed += 1;
                let scopes: Vec<String> = serde_json::to_value(security)
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|req| req["session"].as_array().cloned().unwrap_or_default())
                    .map(|s| s.as_str().unwrap().to_owned())
                    .collect();
                let label = format!("{method} {template} ({kind:?})");
                let row = table
                    .iter()
                    .find(|r| r.method == method && fits(template, &r.path))
                    .unwrap_or_else(|| panic!("{label}: in the contract, not in the matrix"));
                if let Some(needs) = row.needs {
                    assert!(
                        scopes.iter().any(|s| s == needs.as_str()),
                        "{label}: the server asks for {} but the document names {scopes:?}",
                        needs.as_str()
                    );
                }
                for &role in Role::for_org(kind) {
                    let by_doc = scopes.is_empty()
                        || role
                            .permissions()
                            .iter()
                            .any(|p| scopes.contains(&p.as_str().to_owned()));
                    let by_matrix = row.needs.is_none_or(|p| role.permissions().contains(&p));
                    assert!(
                        by_doc || !by_matrix,
                        "{label}: {} is allowed, but holds none of {scopes:?}",
                        role.as_str()
                    );
                }
            }
        }
        assert_eq!(
            listed,
            table.len(),
            "{kind:?}: the matrix lists a route the contract does not"
        );
    }
}
