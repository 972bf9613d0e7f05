use guichet_domain::entries::{redirect, Access};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::language_switch::LanguageSwitch;
use super::main_nav::MainNav;
use crate::api;
use crate::components::{ErrorPanel, LiveRegion, Spinner, StatusBanner};
use crate::i18n::labels::role_list;
use crate::i18n::t;
use crate::state::announcer::use_announcer;
use crate::state::entry::use_go;
use crate::state::session::{use_session, SessionStatus};

/// The frame of every page, and the guard: while the session is unknown it shows progress,
/// when the API is unreachable an error with a retry, and it sends users where
/// `guichet_domain::entries::redirect` says (signed-out users to the log-in page, saying where
/// they were going; users with a one-time password to the password page; signed-in users from
/// the log-in page on). The server does the same for a page request, so this mostly acts when
/// the session changes while a page is open.
#[component]
pub fn Layout(
    /// What a signed-in user sees of themselves (the entries for signed-in users): without it
    /// (the log-in page) the frame has neither navigation nor user box, nor their code.
    chrome: Option<Chrome>,
    /// The routes.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let go = use_go();

    let access = Memo::new(move |_| match session.status() {
        SessionStatus::Loading | SessionStatus::Unreachable(_) => Access::Unknown,
        SessionStatus::SignedOut | SessionStatus::Left => Access::SignedOut,
        SessionStatus::SignedIn(me) if me.user.must_change_password => Access::MustChangePassword,
        SessionStatus::SignedIn(me) => Access::SignedIn(me.organisation.kind),
    });
    let target = Memo::new(move |_| {
        if session.status() == SessionStatus::Left {
            return redirect(Access::SignedOut, "/");
        }
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let path = location.pathname.get();
        let wanted = if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        };
        redirect(access.get(), &wanted)
    });
    Effect::new(move |_| {
        if let Some(to) = target.get() {
            go(&to, true);
        }
    });

    // An entry for signed-in users keeps the places of the navigation and of the user's box
    // while the session loads, so that nothing moves when it arrives (the server sent this
    // page because the browser holds a session); the log-in page has neither.
    let reserve = chrome.is_some();
    let menu_open = RwSignal::new(false);

    // A memo, so that a refreshed session (same phase) does not re-mount the pages.
    let phase = Memo::new(move |_| match session.status() {
        SessionStatus::Loading => Phase::Loading,
        SessionStatus::Unreachable(error) => Phase::Unreachable(error),
        // A redirect is on its way; rendering the page first would only flash it.
        _ if target.get().is_some() => Phase::Redirecting,
        _ => Phase::Pages,
    });
    let content = move || match phase.get() {
        Phase::Loading => view! { <Spinner/> }.into_any(),
        Phase::Unreachable(error) => view! {
            <ErrorPanel error=error on_retry=Callback::new(move |_| session.reload())/>
        }
        .into_any(),
        Phase::Redirecting => ().into_any(),
        Phase::Pages => children().into_any(),
    };

    view! {
        <a class="gu-skip-link" href="#main">{move || t("shell.skip_to_content")}</a>
        <header class="gu-header">
            <div class="gu-header__bar">
                <p class="gu-header__brand">
                    <img class="gu-header__logo" src="/favicon.svg" alt="" width="28" height="28"/>
                    <span class="gu-header__app">{move || t("app.name")}</span>
                    {move || session.me().map(|me| view! {
                        <span class="gu-header__org">{me.organisation.name}</span>
                    })}
                </p>
                // On a phone the header keeps one line: the language and who is signed in fold
                // behind this button (the log-in page shows its language switch as ever).
                {reserve.then(|| view! {
                    <button
                        type="button"
                        class="gu-button gu-button--secondary gu-header__menu"
                        aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                        aria-controls="gu-header-tools"
                        on:click=move |_| menu_open.update(|o| *o = !*o)
                    >
                        {move || t("shell.menu")}
                    </button>
                })}
                <div
                    id="gu-header-tools"
                    class="gu-header__tools"
                    class:gu-header__tools--folds=reserve
                    class:gu-header__tools--open=move || menu_open.get()
                >
                    <LanguageSwitch/>
                    {chrome.map(|c| (c.user)())}
                </div>
            </div>
            {chrome.map(|c| (c.nav)())}
        </header>
        <StatusBanner/>
        <main id="main" class="gu-main" tabindex="-1">{content}</main>
        <footer class="gu-footer">
            <p>{move || t("shell.footer")}</p>
        </footer>
        <LiveRegion/>
    }
}

/// The parts of the frame that only signed-in users see, as functions so that an entry without
/// them (the log-in page) does not carry their code.
#[derive(Clone, Copy)]
pub struct Chrome {
    pub nav: fn() -> AnyView,
    pub user: fn() -> AnyView,
}

/// The frame of the entries for signed-in users: the navigation their permissions allow, who
/// they are and the log-out button (their places kept while the session loads).
pub const SIGNED_IN: Chrome = Chrome {
    nav: || {
        let session = use_session();
        view! {
            <MainNav
                permissions=Signal::derive(move || {
                    session.me().map(|me| me.permissions).unwrap_or_default()
                })
                settled=Signal::derive(move || {
                    session.me().is_some_and(|me| !me.user.must_change_password)
                })
            />
        }
        .into_any()
    },
    user: || {
        let session = use_session();
        (move || {
            let who = session.me().map(|me| (me.user.name, me.user.roles));
            view! { <UserBox who/> }
        })
        .into_any()
    },
};

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    Loading,
    Unreachable(api::ApiError),
    Redirecting,
    Pages,
}

/// Who is signed in, and the log-out button; `None` keeps their place, unseen, while the
/// session loads.
#[component]
fn UserBox(who: Option<(String, Vec<guichet_domain::Role>)>) -> impl IntoView {
    let Some((name, roles)) = who else {
        return view! {
            <div class="gu-user gu-user--pending" aria-hidden="true">
                <p class="gu-user__who">
                    <span class="gu-user__name">"\u{a0}"</span>
                    <span class="gu-user__roles">"\u{a0}"</span>
                </p>
                <span class="gu-button gu-button--secondary gu-user__logout">{move || t("shell.sign_out")}</span>
            </div>
        }
        .into_any();
    };
    let session = use_session();
    let announcer = use_announcer();
    let logout = Action::new_local(|_: &()| api::auth::logout());
    Effect::new(move |_| match logout.value().get() {
        Some(Ok(())) => session.left(),
        Some(Err(e)) => {
            if let Some(a) = announcer {
                a.announce(crate::i18n::labels::error_message(&e));
            }
        }
        None => {}
    });
    view! {
        <div class="gu-user">
            <p class="gu-user__who">
                <span class="gu-user__name">{name}</span>
                <span class="gu-user__roles">{move || role_list(&roles)}</span>
            </p>
            <button
                type="button"
                class="gu-button gu-button--secondary gu-user__logout"
                disabled=move || logout.pending().get()
                aria-busy=move || logout.pending().get().then_some("true")
                on:click=move |_| {
                    logout.dispatch(());
                }
            >
                {move || t("shell.sign_out")}
            </button>
        </div>
    }
    .into_any()
}
