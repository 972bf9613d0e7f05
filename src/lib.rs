//! Guichet, the support and operations console: the Leptos app. `main.rs` only mounts [`App`];
//! the library lets browser tests mount single components.

pub mod api;
pub mod components;
pub mod features;
pub mod i18n;
pub mod state;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use features::audit::AuditPage;
use features::auth::{ChangePasswordPage, LoginPage};
use features::desk::{DeskPage, FiguresPage};
use features::home::HomePage;
use features::not_found::NotFound;
use features::roles::RolesPage;
use features::shell::Layout;
use features::tickets::{TicketPage, TicketsPage};
use features::users::{CreateUserPage, UsersPage};
use features::wizard::TicketWizardPage;

/// The whole app: app-wide state, the frame, and the routes.
#[component]
pub fn App() -> impl IntoView {
    state::locale::provide_locale();
    state::announcer::provide_announcer();
    state::clock::provide_clock();
    state::session::provide_session();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/password") view=ChangePasswordPage/>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/users") view=UsersPage/>
                    <Route path=path!("/users/new") view=CreateUserPage/>
                    <Route path=path!("/roles") view=RolesPage/>
                    <Route path=path!("/audit") view=AuditPage/>
                    <Route path=path!("/tickets") view=TicketsPage/>
                    // Declared before `/tickets/:id`, which would otherwise take "new" for an id.
                    <Route path=path!("/tickets/new") view=TicketWizardPage/>
                    <Route path=path!("/tickets/:id") view=TicketPage/>
                    <Route path=path!("/desk") view=DeskPage/>
                    <Route path=path!("/desk/figures") view=FiguresPage/>
                </Routes>
            </Layout>
        </Router>
    }
}
