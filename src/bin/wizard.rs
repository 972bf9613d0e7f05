//! The ticket wizard, a bundle of its own: fetched when a merchant first files a ticket, not
//! with the console. Filing sends the merchant to the ticket's page in the console.

use guichet::features::not_found::NotFound;
use guichet::features::shell::SIGNED_IN;
use guichet::features::wizard::TicketWizardPage;
use guichet::App;
use guichet_domain::Entry;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

fn main() {
    guichet::features::wizard::texts::register();
    guichet::start(Wizard);
}

#[component]
fn Wizard() -> impl IntoView {
    view! {
        <App entry=Entry::Wizard chrome=SIGNED_IN>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/tickets/new") view=TicketWizardPage/>
            </Routes>
        </App>
    }
}
