use axum::http::Method;
use guichet_domain::api::{AuditEntry, CreatedUser, Page};
use guichet_domain::paths::{self, headers};
use guichet_domain::{ErrorCode, Role};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn actions_are_audited_under_their_request_id() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;

    let mut create = app.request(
        Some(&admin),
        Method::POST,
        paths::USERS,
        Some(json!({ "email": "moussa@abidjan-shop.demo", "name": "Moussa Cissé", "roles": ["support"] })),
    );
    let request_id = "0b6a0d3e-5d7e-4f0c-9a4e-2f1b7c3d9e10";
    create
        .headers_mut()
        .insert(headers::REQUEST_ID, request_id.parse().unwrap());
    let created: CreatedUser = app.send(create).await.ok().json();
    let roles = app
        .put(
            Some(&admin),
            &paths::user_roles(&created.user.id),
            json!({ "roles": ["viewer"] }),
        )
        .await
        .ok();
    let roles_request_id = roles.header(headers::REQUEST_ID).unwrap().to_owned();

    let page: Page<AuditEntry> = app.get(Some(&admin), paths::AUDIT).await.ok().json();
    let actions: Vec<_> = page.items.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        &actions[..3],
        ["user.roles_changed", "user.created", "session.login"],
        "newest first"
    );

    let changed = &page.items[0];
    assert_eq!(changed.request_id, roles_request_id);
    assert_eq!(changed.target.as_deref(), Some("moussa@abidjan-shop.demo"));
    assert_eq!(changed.details["before"], json!(["support"]));
    assert_eq!(changed.details["after"], json!(["viewer"]));

    let created_entry = &page.items[1];
    assert_eq!(created_entry.request_id, request_id);
    assert_eq!(
        created_entry.actor_email.as_deref(),
        Some("admin@abidjan-shop.demo")
    );
    assert_eq!(created_entry.actor_id.as_ref(), Some(&admin.me.user.id));
    assert!(page
        .items
        .iter()
        .all(|e| !e.details.to_string().contains(&created.one_time_password)));
}

#[tokio::test]
async fn audit_pages_and_stays_in_the_organisation() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    for role in [Role::Finance, Role::Viewer] {
        app.login(role, ABIDJAN).await;
    }
    let first: Page<AuditEntry> = app
        .get(Some(&admin), &format!("{}?limit=2", paths::AUDIT))
        .await
        .ok()
        .json();
    assert_eq!(first.items.len(), 2);
    let cursor = first.next_cursor.clone().expect("more pages");
    let rest: Page<AuditEntry> = app
        .get(
            Some(&admin),
            &format!("{}?limit=200&before={cursor}", paths::AUDIT),
        )
        .await
        .ok()
        .json();
    // Three log-ins and the organisation's creation.
    assert_eq!(first.items.len() + rest.items.len(), 4);
    assert_eq!(rest.next_cursor, None);
    assert!(rest
        .items
        .iter()
        .all(|e| first.items.iter().all(|f| f.id != e.id)));
    assert!(rest.items.first().unwrap().at <= first.items.last().unwrap().at);

    let paris = app.login(Role::Admin, PARIS).await;
    let theirs: Page<AuditEntry> = app.get(Some(&paris), paths::AUDIT).await.ok().json();
    assert!(theirs.items.iter().all(|e| !e
        .actor_email
        .as_deref()
        .unwrap_or("")
        .ends_with("abidjan-shop.demo")));
    // A cursor from another organisation is not a cursor.
    app.get(Some(&paris), &format!("{}?before={cursor}", paths::AUDIT))
        .await
        .assert_error(400, ErrorCode::BadRequest);
    app.get(Some(&paris), &format!("{}?limit=lots", paths::AUDIT))
        .await
        .assert_error(400, ErrorCode::BadRequest);
}

#[tokio::test]
async fn audit_filters_by_action_person_and_time_and_names_the_actor() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let finance = app.login(Role::Finance, ABIDJAN).await;
    let read = |query: String| {
        let app = &app;
        let admin = &admin;
        async move {
            let page: Page<AuditEntry> = app
                .get(Some(admin), &format!("{}?{query}", paths::AUDIT))
                .await
                .ok()
                .json();
            page.items
        }
    };
    let logins = read("action=session.login".into()).await;
    assert_eq!(logins.len(), 2);
    assert!(logins.iter().all(|e| e.action == "session.login"));

    // By name or e-mail, in any case; the actor's name comes with the entry.
    let theirs = read(format!("who={}", "FINANCE@abidjan")).await;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].actor_id.as_ref(), Some(&finance.me.user.id));
    assert_eq!(
        theirs[0].actor_name.as_deref(),
        Some(finance.me.user.name.as_str())
    );
    let by_name = read(format!(
        "who={}",
        finance.me.user.name.to_uppercase().replace(' ', "%20")
    ))
    .await;
    assert_eq!(by_name.len(), 1);

    // By time: nothing before the first log-in, everything since.
    let first = logins.last().unwrap().at;
    let stamp = |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339().replace('+', "%2B");
    assert!(read(format!("until={}", stamp(first)))
        .await
        .iter()
        .all(|e| e.at < first));
    assert_eq!(
        read(format!("since={}&action=session.login", stamp(first)))
            .await
            .len(),
        2
    );
    app.get(Some(&admin), &format!("{}?since=yesterday", paths::AUDIT))
        .await
        .assert_error(400, ErrorCode::BadRequest);
}
