use axum::http::{Method, StatusCode};
use guichet_domain::api::{AuditEntry, CreatedUser, Page, RoleSummary, User};
use guichet_domain::paths;
use guichet_domain::{ErrorCode, Permission, Role};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn lists_only_the_callers_organisation() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let users: Vec<User> = app.get(Some(&admin), paths::USERS).await.ok().json();
    assert_eq!(users.len(), 6);
    assert!(users
        .iter()
        .all(|u| u.email.ends_with("@abidjan-shop.demo")));

    let lead = app.login(Role::SupportLead, PROVIDER).await;
    let staff: Vec<User> = app.get(Some(&lead), paths::USERS).await.ok().json();
    let mut emails: Vec<_> = staff.iter().map(|u| u.email.as_str()).collect();
    emails.sort();
    assert_eq!(
        emails,
        ["agent@easytransfert.demo", "lead@easytransfert.demo"]
    );
}

#[tokio::test]
async fn a_viewer_cannot_see_users() {
    let app = spawn_app().await;
    let viewer = app.login(Role::Viewer, ABIDJAN).await;
    app.get(Some(&viewer), paths::USERS)
        .await
        .assert_error(403, ErrorCode::Forbidden);
    app.get(Some(&viewer), paths::ROLES)
        .await
        .assert_error(403, ErrorCode::Forbidden);
}

#[tokio::test]
async fn creating_a_user_validates_every_field() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let r = app
        .post(
            Some(&admin),
            paths::USERS,
            json!({ "email": "not-an-email", "name": " ", "roles": [] }),
        )
        .await;
    let e = r.assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(e.fields["email"], vec!["error.email"]);
    assert_eq!(e.fields["name"], vec!["error.required"]);
    assert_eq!(e.fields["roles"], vec!["error.roles_empty"]);

    // Provider roles are not for merchants.
    let r = app
        .post(
            Some(&admin),
            paths::USERS,
            json!({ "email": "x@abidjan-shop.demo", "name": "X", "roles": ["support_lead"] }),
        )
        .await;
    assert_eq!(
        r.assert_error(422, ErrorCode::ValidationFailed).fields["roles"],
        vec!["error.roles_invalid"]
    );

    // E-mails are unique across organisations, whatever the case.
    let r = app
        .post(
            Some(&admin),
            paths::USERS,
            json!({ "email": "ADMIN@paris-shop.demo", "name": "X", "roles": ["viewer"] }),
        )
        .await;
    assert_eq!(
        r.assert_error(422, ErrorCode::ValidationFailed).fields["email"],
        vec!["error.email_taken"]
    );
}

#[tokio::test]
async fn a_secret_pasted_into_a_name_is_redacted_and_the_address_kept() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let email = "awa.kone+ops@abidjan-shop.demo";
    let created: CreatedUser = app
        .post(
            Some(&admin),
            paths::USERS,
            json!({
                "email": email,
                "name": "Awa Koné sprod_4bV9kQz2mXw7LpR8tN3yHc6d",
                "roles": ["viewer"],
            }),
        )
        .await
        .ok()
        .json();
    let name = &created.user.name;
    assert!(
        name.starts_with("Awa Koné ") && !name.contains("4bV9kQz2"),
        "{name}"
    );
    assert_eq!(created.user.email, email);
    app.login_with(email, &created.one_time_password).await;

    let log: Page<AuditEntry> = app.get(Some(&admin), paths::AUDIT).await.ok().json();
    let entry = log
        .items
        .iter()
        .find(|e| e.action == "user.created")
        .expect("user.created");
    assert_eq!(entry.details["server_findings"], 1);
    assert!(!entry.details.to_string().contains("4bV9kQz2"));
}

#[tokio::test]
async fn roles_can_be_replaced() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let id = app
        .user_id(&admin, &demo_email(Role::Support, ABIDJAN))
        .await;
    let user: User = app
        .put(
            Some(&admin),
            &paths::user_roles(&id),
            json!({ "roles": ["operations", "support", "operations"] }),
        )
        .await
        .ok()
        .json();
    assert_eq!(user.roles, [Role::Operations, Role::Support]);

    let r = app
        .put(
            Some(&admin),
            &paths::user_roles(&id),
            json!({ "roles": ["support_agent"] }),
        )
        .await;
    r.assert_error(422, ErrorCode::ValidationFailed);
    let r = app
        .put(
            Some(&admin),
            &paths::user_roles(&"no-such-id".into()),
            json!({ "roles": ["viewer"] }),
        )
        .await;
    r.assert_error(404, ErrorCode::NotFound);
}

#[tokio::test]
async fn roles_summary_counts_active_holders() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let roles: Vec<RoleSummary> = app.get(Some(&admin), paths::ROLES).await.ok().json();
    assert_eq!(
        roles.iter().map(|r| r.role).collect::<Vec<_>>(),
        Role::MERCHANT
    );
    assert!(roles.iter().all(|r| r.user_count == 1));
    let admin_role = roles.iter().find(|r| r.role == Role::Admin).unwrap();
    assert!(admin_role.permissions.contains(&Permission::UsersManage));

    let id = app
        .user_id(&admin, &demo_email(Role::Viewer, ABIDJAN))
        .await;
    app.call(
        Some(&admin),
        Method::POST,
        &paths::user_deactivate(&id),
        None,
    )
    .await
    .ok();
    let roles: Vec<RoleSummary> = app.get(Some(&admin), paths::ROLES).await.ok().json();
    assert_eq!(
        roles
            .iter()
            .find(|r| r.role == Role::Viewer)
            .unwrap()
            .user_count,
        0
    );

    let lead = app.login(Role::SupportLead, PROVIDER).await;
    let roles: Vec<RoleSummary> = app.get(Some(&lead), paths::ROLES).await.ok().json();
    assert_eq!(
        roles.iter().map(|r| r.role).collect::<Vec<_>>(),
        Role::PROVIDER
    );
}

#[tokio::test]
async fn the_last_administrator_cannot_be_demoted_or_deactivated() {
    let app = spawn_app().await;
    let first = app.login(Role::Admin, ABIDJAN).await;
    let first_id = first.me.user.id.clone();

    let r = app
        .put(
            Some(&first),
            &paths::user_roles(&first_id),
            json!({ "roles": ["finance"] }),
        )
        .await;
    let e = r.assert_error(409, ErrorCode::Conflict);
    assert!(
        e.message.contains("last active administrator"),
        "{}",
        e.message
    );
    let r = app
        .call(
            Some(&first),
            Method::POST,
            &paths::user_deactivate(&first_id),
            None,
        )
        .await;
    r.assert_error(409, ErrorCode::Conflict);

    // With a second administrator, the first may step down.
    let r = app
        .post(
            Some(&first),
            paths::USERS,
            json!({ "email": "second@abidjan-shop.demo", "name": "Awa Koné", "roles": ["admin"] }),
        )
        .await;
    let created: CreatedUser = r.ok().json();
    let second = app
        .login_with("second@abidjan-shop.demo", &created.one_time_password)
        .await;
    let r = app
        .post(
            Some(&second),
            paths::ME_PASSWORD,
            json!({ "current_password": created.one_time_password, "new_password": "a long enough password" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);

    let user: User = app
        .put(
            Some(&first),
            &paths::user_roles(&first_id),
            json!({ "roles": ["finance"] }),
        )
        .await
        .ok()
        .json();
    assert_eq!(user.roles, [Role::Finance]);
    // Now the second is the last one.
    let second_id = created.user.id;
    let r = app
        .put(
            Some(&second),
            &paths::user_roles(&second_id),
            json!({ "roles": ["viewer"] }),
        )
        .await;
    r.assert_error(409, ErrorCode::Conflict);
    let r = app
        .call(
            Some(&second),
            Method::POST,
            &paths::user_deactivate(&second_id),
            None,
        )
        .await;
    r.assert_error(409, ErrorCode::Conflict);

    // Deactivating another administrator works while one remains.
    app.put(
        Some(&second),
        &paths::user_roles(&first_id),
        json!({ "roles": ["admin"] }),
    )
    .await
    .ok();
    let user: User = app
        .call(
            Some(&second),
            Method::POST,
            &paths::user_deactivate(&first_id),
            None,
        )
        .await
        .ok()
        .json();
    assert!(!user.active);
    // An inactive administrator does not count: the second is again the last.
    let r = app
        .put(
            Some(&second),
            &paths::user_roles(&second_id),
            json!({ "roles": ["viewer"] }),
        )
        .await;
    r.assert_error(409, ErrorCode::Conflict);
}

#[tokio::test]
async fn another_organisations_users_do_not_exist_for_you() {
    let app = spawn_app().await;
    let abidjan = app.login(Role::Admin, ABIDJAN).await;
    let paris = app.login(Role::Admin, PARIS).await;
    let victim = app
        .user_id(&abidjan, &demo_email(Role::Finance, ABIDJAN))
        .await;

    let users: Vec<User> = app.get(Some(&paris), paths::USERS).await.ok().json();
    assert!(users.iter().all(|u| u.email.ends_with("@paris-shop.demo")));
    app.put(
        Some(&paris),
        &paths::user_roles(&victim),
        json!({ "roles": ["viewer"] }),
    )
    .await
    .assert_error(404, ErrorCode::NotFound);
    for path in [
        paths::user_deactivate(&victim),
        paths::user_reactivate(&victim),
    ] {
        app.call(Some(&paris), Method::POST, &path, None)
            .await
            .assert_error(404, ErrorCode::NotFound);
    }
    // Untouched.
    let users: Vec<User> = app.get(Some(&abidjan), paths::USERS).await.ok().json();
    let finance = users.iter().find(|u| u.id == victim).unwrap();
    assert!(finance.active && finance.roles == [Role::Finance]);
}
