//! The merchant console: the overview, users and roles, the audit log, tickets, purchases and
//! refunds, balances, settlements, reports and invoices, payouts and their accounts, API keys.
//! Signing in is the log-in entry's (`bin/login.rs`): a link to `/login` here is a page load,
//! never a route.

use guichet::features::audit::AuditPage;
use guichet::features::auth::ChangePasswordPage;
use guichet::features::balances::{BalancesPage, SettlementPage};
use guichet::features::developers::DevelopersPage;
use guichet::features::home::HomePage;
use guichet::features::not_found::NotFound;
use guichet::features::payments::{
    ApprovalsPage, PurchasePage, PurchasesPage, RefundPage, RefundsPage,
};
use guichet::features::payouts::{PayoutsPage, PayoutsToDecide};
use guichet::features::reports::{InvoicePage, InvoicesPage, ReportsPage};
use guichet::features::roles::RolesPage;
use guichet::features::shell::SIGNED_IN;
use guichet::features::tickets::{TicketPage, TicketsPage};
use guichet::features::users::{CreateUserPage, UsersPage};
use guichet::App;
use guichet_domain::Entry;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

fn main() {
    guichet::features::audit::texts::register();
    guichet::features::payments::texts::register();
    guichet::features::balances::texts::register();
    guichet::features::reports::texts::register();
    guichet::features::payouts::texts::register();
    guichet::features::developers::texts::register();
    guichet::start(Console);
}

#[component]
fn Console() -> impl IntoView {
    view! {
        <App entry=Entry::Console chrome=SIGNED_IN>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/password") view=ChangePasswordPage/>
                <Route path=path!("/") view=HomePage/>
                <Route path=path!("/users") view=UsersPage/>
                <Route path=path!("/users/new") view=CreateUserPage/>
                <Route path=path!("/roles") view=RolesPage/>
                <Route path=path!("/audit") view=AuditPage/>
                <Route path=path!("/tickets") view=TicketsPage/>
                <Route path=path!("/tickets/:id") view=|| view! { <TicketPage/> }/>
                <Route path=path!("/purchases") view=PurchasesPage/>
                <Route path=path!("/purchases/:id") view=PurchasePage/>
                <Route path=path!("/refunds") view=RefundsPage/>
                <Route path=path!("/refunds/to-approve") view=ToApprove/>
                <Route path=path!("/refunds/:id") view=RefundPage/>
                <Route path=path!("/balances") view=BalancesPage/>
                <Route path=path!("/settlements/:id") view=SettlementPage/>
                <Route path=path!("/reports") view=ReportsPage/>
                <Route path=path!("/invoices") view=InvoicesPage/>
                <Route path=path!("/invoices/:id") view=InvoicePage/>
                <Route path=path!("/payouts") view=PayoutsPage/>
                <Route path=path!("/developers") view=DevelopersPage/>
            </Routes>
        </App>
    }
}

/// « To approve »: the refunds, then the payouts and payout accounts, waiting for the viewer.
#[component]
fn ToApprove() -> impl IntoView {
    view! { <ApprovalsPage><PayoutsToDecide/></ApprovalsPage> }
}
