use axum::http::{header, Method, StatusCode};
use guichet_domain::api::{CreatedUser, Me, SessionState, User};
use guichet_domain::paths::{self, headers};
use guichet_domain::{ErrorCode, Language, Role};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn login_sets_a_strict_http_only_cookie_and_returns_me() {
    let app = spawn_app().await;
    let r = app
        .try_login("  Admin@Abidjan-Shop.demo ", DEMO_PASSWORD)
        .await
        .ok();
    let cookie = r.header("set-cookie").unwrap().to_owned();
    assert!(cookie.starts_with("guichet_session="));
    for part in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] {
        assert!(cookie.contains(part), "{cookie}");
    }
    assert!(!cookie.contains("Secure"));
    let me: Me = r.json();
    assert_eq!(me.user.email, "admin@abidjan-shop.demo");
    assert_eq!(me.organisation.slug, ABIDJAN);
    assert_eq!(me.organisation.currency.as_deref(), Some("XOF"));
    assert_eq!(
        me.permissions,
        guichet_domain::roles::permissions_of(&[Role::Admin])
    );
    assert!(!me.csrf_token.is_empty());
}

#[tokio::test]
async fn me_needs_a_session_and_logout_ends_it() {
    let app = spawn_app().await;
    app.get(None, paths::ME)
        .await
        .assert_error(401, ErrorCode::Unauthenticated);
    let login = app.login(Role::Finance, PARIS).await;
    let me: Me = app.get(Some(&login), paths::ME).await.ok().json();
    assert_eq!(me.organisation.time_zone, "Europe/Paris");
    assert_eq!(me.csrf_token, login.csrf);

    let r = app
        .call(Some(&login), Method::POST, paths::LOGOUT, None)
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert!(r.header("set-cookie").unwrap().contains("Max-Age=0"));
    app.get(Some(&login), paths::ME)
        .await
        .assert_error(401, ErrorCode::Unauthenticated);
}

#[tokio::test]
async fn session_state_answers_signed_out_without_an_error() {
    let app = spawn_app().await;
    let state: SessionState = app.get(None, paths::SESSION).await.ok().json();
    assert_eq!(state.me, None);
    let login = app.login(Role::Viewer, PARIS).await;
    let state: SessionState = app.get(Some(&login), paths::SESSION).await.ok().json();
    assert_eq!(state.me.map(|me| me.csrf_token), Some(login.csrf));
}

#[tokio::test]
async fn wrong_password_unknown_email_and_deactivated_account_get_the_same_answer() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let viewer = demo_email(Role::Viewer, ABIDJAN);
    let id = app.user_id(&admin, &viewer).await;
    app.post(Some(&admin), &paths::user_deactivate(&id), json!({}))
        .await
        .ok();

    let wrong = app
        .try_login(&demo_email(Role::Finance, ABIDJAN), "not the password")
        .await;
    let unknown = app
        .try_login("nobody@abidjan-shop.demo", DEMO_PASSWORD)
        .await;
    let inactive = app.try_login(&viewer, DEMO_PASSWORD).await;
    let answers: Vec<_> = [wrong, unknown, inactive]
        .iter()
        .map(|r| {
            let e = r.assert_error(401, ErrorCode::InvalidCredentials);
            (r.status, e.message)
        })
        .collect();
    assert!(answers.windows(2).all(|w| w[0] == w[1]), "{answers:?}");
}

#[tokio::test]
async fn parallel_guesses_are_counted_before_any_is_checked() {
    let app = spawn_app().await;
    let email = demo_email(Role::Support, ABIDJAN);
    // 48 guesses at once from one client, the right password among them: each attempt is
    // charged before its password is checked, so no more than the account-and-client burst
    // (5) are ever checked, whichever finishes first.
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..48 {
        let password = if i == 47 {
            DEMO_PASSWORD
        } else {
            "wrong password"
        };
        let request = app.login_request_from("192.0.2.10", &email, password, None);
        let router = app.router.clone();
        guesses.spawn(async move {
            use tower::ServiceExt;
            router.oneshot(request).await.unwrap().status().as_u16()
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = guesses.join_next().await {
        statuses.push(status.unwrap());
    }
    let checked = statuses.iter().filter(|&&s| s != 429).count();
    assert!(checked <= 5, "{checked} guesses were checked: {statuses:?}");
    assert!(
        statuses.iter().all(|s| [200, 401, 429].contains(s)),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn password_spraying_from_one_client_is_limited_not_its_neighbours() {
    let app = spawn_app().await;
    // Twenty failures a minute per client address, over any accounts: twenty at once, then
    // one every three seconds.
    let started = std::time::Instant::now();
    let mut failures = 0;
    let r = loop {
        let email = format!("user{failures}@abidjan-shop.demo");
        let r = app
            .try_login_from("192.0.2.20", &email, "guess", None)
            .await;
        if r.status != StatusCode::UNAUTHORIZED {
            break r;
        }
        failures += 1;
        assert!(failures < 100, "never limited");
    };
    let refilled = started.elapsed().as_secs() / 3 + 1;
    assert!(
        (20..=20 + refilled).contains(&failures),
        "{failures} failures before the limit"
    );
    let e = r.assert_error(429, ErrorCode::RateLimited);
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!(
        (1..=3).contains(&wait),
        "one attempt comes back every 3 s: {wait}"
    );
    assert_eq!(e.retry_after, Some(wait));
    // Even the right password waits: nothing is checked past the limit.
    app.try_login_from(
        "192.0.2.20",
        &demo_email(Role::Admin, ABIDJAN),
        DEMO_PASSWORD,
        None,
    )
    .await
    .assert_error(429, ErrorCode::RateLimited);
    // Another address, and another IPv6 /64, are other clients.
    app.try_login_from(
        "192.0.2.21",
        &demo_email(Role::Admin, ABIDJAN),
        DEMO_PASSWORD,
        None,
    )
    .await
    .ok();
}

#[tokio::test]
async fn successful_log_ins_from_one_address_are_not_limited() {
    let app = spawn_app().await;
    // An office behind one address: only failures use up the client's attempts.
    for _ in 0..30 {
        app.try_login_from(
            "192.0.2.30",
            &demo_email(Role::Viewer, PARIS),
            DEMO_PASSWORD,
            None,
        )
        .await
        .ok();
    }
}

#[tokio::test]
async fn repeated_failures_ask_for_a_mailed_code_instead_of_locking_the_owner_out() {
    let app = spawn_app().await;
    let email = demo_email(Role::Support, ABIDJAN);
    // Ten failures from ten addresses (each one's own slow-down never kicks in).
    for i in 0..10 {
        app.try_login_from(&format!("198.51.100.{i}"), &email, "wrong password", None)
            .await
            .assert_error(401, ErrorCode::InvalidCredentials);
    }
    assert_eq!(app.mailed_code(&email).await, None);
    // From now on the password alone is not enough, even the right one, from anywhere...
    let attacker = app
        .try_login_from("198.51.100.50", &email, DEMO_PASSWORD, None)
        .await
        .assert_error(401, ErrorCode::LoginCodeRequired);
    // ... and the owner was told, with a code. One mail, however many attempts ask.
    let code = app.mailed_code(&email).await.expect("a code was mailed");
    app.try_login_from("198.51.100.51", &email, "wrong password", None)
        .await
        .assert_error(401, ErrorCode::LoginCodeRequired);
    let mails: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE to_email = $1")
        .bind(&email)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(mails, 1);
    // A wrong code is a wrong credential; the right password without the code gets nowhere.
    let wrong = if code == "000000" { "000001" } else { "000000" };
    app.try_login_from("198.51.100.52", &email, DEMO_PASSWORD, Some(wrong))
        .await
        .assert_error(401, ErrorCode::InvalidCredentials);
    // The owner signs in with the password and the code; then the count starts again.
    app.try_login_from("198.51.100.53", &email, DEMO_PASSWORD, Some(&code))
        .await
        .ok();
    app.try_login_from("198.51.100.53", &email, DEMO_PASSWORD, None)
        .await
        .ok();

    // An address with no account answers the same, and no mail goes anywhere.
    let ghost = "ghost@abidjan-shop.demo";
    for i in 0..10 {
        app.try_login_from(&format!("203.0.113.{i}"), ghost, "guess", None)
            .await
            .assert_error(401, ErrorCode::InvalidCredentials);
    }
    let ghost_answer = app
        .try_login_from("203.0.113.99", ghost, "guess", None)
        .await
        .assert_error(401, ErrorCode::LoginCodeRequired);
    assert_eq!(attacker.message, ghost_answer.message);
    assert_eq!(app.mailed_code(ghost).await, None);
}

#[tokio::test]
async fn a_successful_login_resets_the_failure_count() {
    let app = spawn_app().await;
    let email = demo_email(Role::Developer, PARIS);
    for round in 0..2 {
        for i in 0..9 {
            app.try_login_from(
                &format!("198.51.100.{}", round * 10 + i),
                &email,
                "wrong",
                None,
            )
            .await
            .assert_error(401, ErrorCode::InvalidCredentials);
        }
        app.try_login_from("198.51.100.200", &email, DEMO_PASSWORD, None)
            .await
            .ok();
    }
}

#[tokio::test]
async fn mutations_need_the_csrf_token() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let body =
        json!({ "email": "new@abidjan-shop.demo", "name": "Awa Diallo", "roles": ["support"] });

    let mut no_token = app.request(Some(&admin), Method::POST, paths::USERS, Some(body.clone()));
    no_token.headers_mut().remove(headers::CSRF_TOKEN);
    app.send(no_token)
        .await
        .assert_error(403, ErrorCode::CsrfFailed);

    let mut wrong = app.request(Some(&admin), Method::POST, paths::USERS, Some(body.clone()));
    wrong
        .headers_mut()
        .insert(headers::CSRF_TOKEN, "not-the-token".parse().unwrap());
    app.send(wrong)
        .await
        .assert_error(403, ErrorCode::CsrfFailed);

    // Another session's token is wrong too.
    let other = app.login(Role::Admin, ABIDJAN).await;
    let mut foreign = app.request(Some(&admin), Method::POST, paths::USERS, Some(body.clone()));
    foreign
        .headers_mut()
        .insert(headers::CSRF_TOKEN, other.csrf.parse().unwrap());
    app.send(foreign)
        .await
        .assert_error(403, ErrorCode::CsrfFailed);

    let mut logout = app.request(Some(&admin), Method::POST, paths::LOGOUT, None);
    logout.headers_mut().remove(headers::CSRF_TOKEN);
    app.send(logout)
        .await
        .assert_error(403, ErrorCode::CsrfFailed);

    assert_eq!(
        app.post(Some(&admin), paths::USERS, body).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn login_requires_a_json_content_type() {
    let app = spawn_app().await;
    let request = axum::http::Request::post(format!("{}{}", paths::PREFIX, paths::LOGIN))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("email=a&password=b"))
        .unwrap();
    app.send(request)
        .await
        .assert_error(415, ErrorCode::UnsupportedMediaType);
}

#[tokio::test]
async fn each_user_records_their_own_language() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let support = app.login(Role::Support, ABIDJAN).await;
    assert_eq!(support.me.user.language, Language::En, "English until told");

    let r = app
        .put(
            Some(&support),
            paths::ME_LANGUAGE,
            json!({ "language": "fr" }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());
    let me: Me = app.get(Some(&support), paths::ME).await.ok().json();
    assert_eq!(me.user.language, Language::Fr);
    let me: Me = app.get(Some(&admin), paths::ME).await.ok().json();
    assert_eq!(me.user.language, Language::En, "only the caller's");

    for (body, key) in [
        (json!({ "language": "de" }), "error.invalid"),
        (json!({}), "error.required"),
    ] {
        let e = app
            .put(Some(&support), paths::ME_LANGUAGE, body)
            .await
            .assert_error(422, ErrorCode::ValidationFailed);
        assert_eq!(e.fields["language"], vec![key]);
    }
    app.put(None, paths::ME_LANGUAGE, json!({ "language": "en" }))
        .await
        .assert_error(401, ErrorCode::Unauthenticated);
}

#[tokio::test]
async fn a_new_user_must_change_the_one_time_password_first() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, ABIDJAN).await;
    let r = app
        .post(
            Some(&admin),
            paths::USERS,
            json!({ "email": "Kadi@Abidjan-Shop.demo", "name": "Kadi Touré", "roles": ["admin"] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.text());
    let created: CreatedUser = r.json();
    assert_eq!(created.user.email, "kadi@abidjan-shop.demo");
    assert!(created.user.must_change_password);
    assert_eq!(created.one_time_password.len(), 16);

    let kadi = app
        .login_with("kadi@abidjan-shop.demo", &created.one_time_password)
        .await;
    assert!(kadi.me.user.must_change_password);
    app.get(Some(&kadi), paths::USERS)
        .await
        .assert_error(403, ErrorCode::PasswordChangeRequired);
    app.get(Some(&kadi), paths::ROLES)
        .await
        .assert_error(403, ErrorCode::PasswordChangeRequired);
    let me: Me = app.get(Some(&kadi), paths::ME).await.ok().json();
    assert!(me.user.must_change_password);
    // The app reports its language on signing in, before anything else.
    let r = app
        .put(Some(&kadi), paths::ME_LANGUAGE, json!({ "language": "fr" }))
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());

    let wrong = app
        .post(
            Some(&kadi),
            paths::ME_PASSWORD,
            json!({ "current_password": "nope", "new_password": "short" }),
        )
        .await;
    let e = wrong.assert_error(422, ErrorCode::ValidationFailed);
    assert_eq!(
        e.fields["current_password"],
        vec!["error.password_incorrect"]
    );
    assert_eq!(e.fields["new_password"], vec!["error.password_short"]);

    let new_password = "un mot de passe bien long";
    let r = app
        .post(
            Some(&kadi),
            paths::ME_PASSWORD,
            json!({ "current_password": created.one_time_password, "new_password": new_password }),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.text());

    // The same session may now do what the roles allow.
    let users: Vec<User> = app.get(Some(&kadi), paths::USERS).await.ok().json();
    assert!(users
        .iter()
        .any(|u| u.email == "kadi@abidjan-shop.demo" && !u.must_change_password));
    app.try_login("kadi@abidjan-shop.demo", &created.one_time_password)
        .await
        .assert_error(401, ErrorCode::InvalidCredentials);
    app.login_with("kadi@abidjan-shop.demo", new_password).await;
}

#[tokio::test]
async fn deactivation_ends_sessions_and_reactivation_restores_access() {
    let app = spawn_app().await;
    let admin = app.login(Role::Admin, PARIS).await;
    let finance = app.login(Role::Finance, PARIS).await;
    let id = app.user_id(&admin, &demo_email(Role::Finance, PARIS)).await;

    let user: User = app
        .post(Some(&admin), &paths::user_deactivate(&id), json!({}))
        .await
        .ok()
        .json();
    assert!(!user.active);
    app.get(Some(&finance), paths::ME)
        .await
        .assert_error(401, ErrorCode::Unauthenticated);
    app.try_login(&demo_email(Role::Finance, PARIS), DEMO_PASSWORD)
        .await
        .assert_error(401, ErrorCode::InvalidCredentials);

    let user: User = app
        .post(Some(&admin), &paths::user_reactivate(&id), json!({}))
        .await
        .ok()
        .json();
    assert!(user.active);
    app.login(Role::Finance, PARIS).await;
}

/// The token of the reset link last mailed to `email`, if any.
async fn mailed_reset_token(app: &TestApp, email: &str) -> Option<String> {
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body FROM outbox WHERE to_email = $1 AND ticket_id IS NULL ORDER BY rowid DESC LIMIT 1",
    )
    .bind(email)
    .fetch_optional(&app.db)
    .await
    .unwrap();
    let body = body?;
    let at = body.find("#token=")? + "#token=".len();
    Some(body[at..].split_whitespace().next()?.to_owned())
}

#[tokio::test]
async fn a_forgotten_password_is_replaced_through_a_single_use_mailed_link() {
    let app = spawn_app().await;
    let email = demo_email(Role::Finance, ABIDJAN);
    let old_session = app.login(Role::Finance, ABIDJAN).await;

    // The same answer for an unknown address, and no mail.
    let ask = |to: &str| app.post(None, paths::PASSWORD_RESET, json!({ "email": to }));
    assert_eq!(
        ask("nobody@abidjan-shop.demo").await.status,
        StatusCode::ACCEPTED
    );
    assert_eq!(
        mailed_reset_token(&app, "nobody@abidjan-shop.demo").await,
        None
    );
    ask("not an address")
        .await
        .assert_error(422, ErrorCode::ValidationFailed);

    assert_eq!(
        ask(&email.to_uppercase()).await.status,
        StatusCode::ACCEPTED
    );
    let token = mailed_reset_token(&app, &email).await.expect("a link");
    let body: String = sqlx::query_scalar("SELECT body FROM outbox ORDER BY rowid DESC LIMIT 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(
        body.contains("http://127.0.0.1:8080/login/reset#token="),
        "{body}"
    );

    let confirm = |token: &str, password: &str| {
        app.post(
            None,
            paths::PASSWORD_RESET_CONFIRM,
            json!({ "token": token, "new_password": password }),
        )
    };
    let short = confirm(&token, "short").await;
    assert_eq!(
        short.assert_error(422, ErrorCode::ValidationFailed).fields["new_password"],
        ["error.password_short"]
    );
    let wrong = confirm("not-a-token", "a brand new passphrase").await;
    assert_eq!(
        wrong.assert_error(422, ErrorCode::ValidationFailed).fields["token"],
        ["error.reset_link"]
    );
    assert_eq!(
        confirm(&token, "a brand new passphrase").await.status,
        StatusCode::NO_CONTENT
    );
    // Spent: the link works once; the old password and the old sessions are gone.
    let again = confirm(&token, "yet another passphrase").await;
    assert_eq!(
        again.assert_error(422, ErrorCode::ValidationFailed).fields["token"],
        ["error.reset_link"]
    );
    app.get(Some(&old_session), paths::ME)
        .await
        .assert_error(401, ErrorCode::Unauthenticated);
    app.try_login(&email, DEMO_PASSWORD)
        .await
        .assert_error(401, ErrorCode::InvalidCredentials);
    app.login_with(&email, "a brand new passphrase").await;

    // An address gets three links at once, then no more for a while (still the same answer).
    for _ in 0..5 {
        assert_eq!(ask(&email).await.status, StatusCode::ACCEPTED);
    }
    let mails: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE to_email = $1 AND body LIKE '%/login/reset#token=%'",
    )
    .bind(&email)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(mails, 3);
}
