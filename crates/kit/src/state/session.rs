//! Who is signed in. Loaded once with `GET /me`; a 401 from any call resets it centrally.

use guichet_domain::api::Me;
use guichet_domain::{Language, Permission};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{self, ApiError};

/// What we know about the session.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionStatus {
    /// `GET /me` is on its way.
    Loading,
    SignedOut,
    /// Signed out on purpose: on to the log-in page as it is, not to one that would bring the
    /// next person back to the page left.
    Left,
    SignedIn(Box<Me>),
    /// The API could not be asked (offline, outage); the shell offers a retry.
    Unreachable(ApiError),
}

/// The session handle.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    status: RwSignal<SessionStatus>,
}

impl Session {
    /// The whole status, tracked.
    pub fn status(&self) -> SessionStatus {
        self.status.get()
    }

    /// The signed-in user, tracked.
    pub fn me(&self) -> Option<Me> {
        self.status.with(|s| match s {
            SessionStatus::SignedIn(me) => Some((**me).clone()),
            _ => None,
        })
    }

    /// The signed-in user, untracked. Pages read it once: the shell re-mounts them when the
    /// session changes, and a page that tracked the session could run while being torn down.
    pub fn me_untracked(&self) -> Option<Me> {
        self.status.with_untracked(|s| match s {
            SessionStatus::SignedIn(me) => Some((**me).clone()),
            _ => None,
        })
    }

    /// The organisation's IANA time zone, which its days and times are read in (UTC signed
    /// out), untracked (see [`Session::me_untracked`]).
    pub fn time_zone_untracked(&self) -> String {
        self.status.with_untracked(|s| match s {
            SessionStatus::SignedIn(me) => me.organisation.time_zone.clone(),
            _ => "UTC".to_owned(),
        })
    }

    /// Whether the signed-in user holds `permission`, untracked (see [`Session::me_untracked`]).
    pub fn can_untracked(&self, permission: Permission) -> bool {
        self.status
            .with_untracked(|s| matches!(s, SessionStatus::SignedIn(me) if me.can(permission)))
    }

    /// Whether the signed-in user holds `permission`, tracked.
    pub fn can(&self, permission: Permission) -> bool {
        self.status
            .with(|s| matches!(s, SessionStatus::SignedIn(me) if me.can(permission)))
    }

    /// Records a successful log-in (or a fresh `GET /me`).
    pub fn signed_in(&self, me: Me) {
        api::set_csrf_token(Some(me.csrf_token.clone()));
        self.status.set(SessionStatus::SignedIn(Box::new(me)));
    }

    /// Records that the server now holds `language` as the signed-in user's.
    pub fn language_saved(&self, language: Language) {
        self.status.update(|s| {
            if let SessionStatus::SignedIn(me) = s {
                me.user.language = language;
            }
        });
    }

    /// Forgets the session in the browser (after a 401).
    pub fn signed_out(&self) {
        api::set_csrf_token(None);
        self.status.set(SessionStatus::SignedOut);
    }

    /// Forgets the session after the user signed out.
    pub fn left(&self) {
        api::set_csrf_token(None);
        self.status.set(SessionStatus::Left);
    }

    /// Asks the server who is signed in.
    pub fn reload(&self) {
        let this = *self;
        if !matches!(self.status.get_untracked(), SessionStatus::SignedIn(_)) {
            self.status.set(SessionStatus::Loading);
        }
        spawn_local(async move {
            match api::auth::session().await {
                Ok(Some(me)) => this.signed_in(me),
                Ok(None) | Err(ApiError::Unauthorized { .. }) => this.signed_out(),
                Err(e) => this.status.set(SessionStatus::Unreachable(e)),
            }
        });
    }

    /// A session handle with a known status and no server behind it (component tests).
    pub fn with_status(status: SessionStatus) -> Self {
        if let SessionStatus::SignedIn(me) = &status {
            api::set_csrf_token(Some(me.csrf_token.clone()));
        }
        Session {
            status: RwSignal::new(status),
        }
    }
}

/// Creates the session, registers the central 401 reset, starts `GET /me`, and provides it.
pub fn provide_session() -> Session {
    let session = Session::with_status(SessionStatus::Loading);
    api::set_unauthorized_hook(move || session.signed_out());
    session.reload();
    provide_context(session);
    session
}

/// The session handle; panics outside [`provide_session`].
pub fn use_session() -> Session {
    expect_context::<Session>()
}
