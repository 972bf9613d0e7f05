//! The provider's support desk: the queue, the figures, and each ticket with the desk's
//! controls. Everything else (log-in, users, the audit log) is a page load into the console.

use guichet::features::desk::{DeskControls, DeskPage, FiguresPage};
use guichet::features::not_found::NotFound;
use guichet::features::shell::SIGNED_IN;
use guichet::features::tickets::TicketPage;
use guichet::App;
use guichet_domain::tickets::TicketDetail;
use guichet_domain::Entry;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

fn main() {
    guichet::start(Desk);
}

#[component]
fn Desk() -> impl IntoView {
    view! {
        <App entry=Entry::Desk chrome=SIGNED_IN>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/desk") view=DeskPage/>
                <Route path=path!("/desk/figures") view=FiguresPage/>
                <Route path=path!("/desk/tickets/:id") view=|| view! { <TicketPage controls=desk_controls/> }/>
            </Routes>
        </App>
    }
}

fn desk_controls(detail: RwSignal<TicketDetail>, on_saved: Callback<TicketDetail>) -> AnyView {
    view! { <DeskControls detail on_saved/> }.into_any()
}
