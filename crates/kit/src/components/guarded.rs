use guichet_domain::Permission;
use leptos::prelude::*;

use super::NotAllowed;
use crate::state::session::use_session;

/// A page's guard: its content for a user whose roles open it, otherwise a page that says so
/// (the API would refuse it anyway). Read once: the shell re-mounts pages when the session
/// changes.
#[component]
pub fn Guarded(
    /// Any one of these opens the page.
    needs: &'static [Permission],
    /// The page.
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    if needs.iter().any(|p| session.can_untracked(*p)) {
        children().into_any()
    } else {
        view! { <NotAllowed/> }.into_any()
    }
}
