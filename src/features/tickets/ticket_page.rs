use guichet_domain::tickets::TicketDetail;
use guichet_domain::{Entry, OrgKind, Permission, TicketId};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use leptos_router::params::ParamsMap;

use super::conversation::{Conversation, Part};
use super::follow_up_form::FollowUpForm;
use super::model::{NextStep, Viewer};
use super::rating_form::RatingForm;
use super::reply_form::ReplyForm;
use super::ticket_fields::TicketFields;
use super::ticket_header::TicketHeader;
use super::ticket_history::TicketHistory;
use crate::api;
use crate::components::{Guarded, Loaded, PageHeading};
use crate::i18n::time::format_instant;
use crate::i18n::{t, text};
use crate::state::clock::use_clock;
use crate::state::entry::{current_entry, ticket_path, use_go};
use crate::state::locale::use_locale;
use crate::state::session::use_session;

/// What an entry adds to a ticket's page for the viewers whose roles work tickets (the desk's
/// triage, assignment and status controls): given the ticket and where a save is reported.
pub type TicketControls = fn(RwSignal<TicketDetail>, Callback<TicketDetail>) -> AnyView;

/// One ticket, for the merchant who filed it and for the desk, built around the conversation:
/// under the title, whose turn it is, then the latest message, what to do about it (rate, ask
/// for a follow-up, reply) and the earlier messages; what was filed and the history folded; the
/// facts and the desk's controls in a side column (after the conversation on a phone). A ticket
/// opened in the other audience's entry (a desk agent following a console link) is sent to its
/// page in the viewer's own.
#[component]
pub fn TicketPage(
    /// The desk's controls, in the desk's entry.
    #[prop(optional)]
    controls: Option<TicketControls>,
) -> impl IntoView {
    view! {
        <Guarded needs=&[Permission::TicketsRead, Permission::DeskRead]>
            <TicketLoader controls/>
        </Guarded>
    }
}

#[component]
fn TicketLoader(controls: Option<TicketControls>) -> impl IntoView {
    let params = use_params_map();
    let desk = use_session()
        .me_untracked()
        .is_some_and(|me| me.organisation.kind == OrgKind::Provider);
    let id = |p: &ParamsMap| TicketId::from(p.get("id").unwrap_or_default());
    let own_page = ticket_path(&id(&params.read_untracked()), desk);
    if Entry::of(&own_page) != current_entry() {
        let go = use_go();
        Effect::new(move |_| go(&own_page, true));
        return ().into_any();
    }
    let ticket = LocalResource::new(move || {
        let id = id(&params.read());
        async move { api::tickets::get(&id).await }
    });
    view! {
        <section class="gu-page gu-ticket">
            <Loaded resource=ticket error_heading=text("ticket.title") let:detail>
                <TicketView detail controls/>
            </Loaded>
        </section>
    }
    .into_any()
}

#[component]
fn TicketView(detail: TicketDetail, controls: Option<TicketControls>) -> impl IntoView {
    let session = use_session();
    let viewer = session
        .me_untracked()
        .map(|me| Viewer::from_me(&me))
        .unwrap_or_default();
    let time_zone = session.time_zone_untracked();
    let id = detail.ticket.id.clone();
    let detail = RwSignal::new(detail);
    let on_saved = Callback::new(move |saved: TicketDetail| detail.set(saved));
    let heading = Signal::derive(move || {
        detail.with(|d| format!("{} · {}", d.ticket.number, d.ticket.subject))
    });
    let status = Memo::new(move |_| detail.with(|d| d.ticket.status));

    let v = viewer.clone();
    let can_reply = move || v.can_reply(status.get());
    let v = viewer.clone();
    let can_rate = move || detail.with(|d| v.can_rate(d));
    let v = viewer.clone();
    // The follow-up period may end while the page is open.
    let now = use_clock();
    let can_follow_up = move || detail.with(|d| v.can_follow_up(d, now()));
    let desk_work = viewer.desk && viewer.can(Permission::DeskWork);
    let back = viewer.list_path();
    let (rate_id, follow_id, reply_id) = (id.clone(), id.clone(), id);
    let follow_zone = time_zone.clone();

    let locale = use_locale();
    let step_zone = time_zone.clone();
    let next_step = move || {
        detail
            .with(|d| NextStep::of(d, viewer.desk, now()))
            .map(|step| step.text(|at| format_instant(at, locale.get().tag(), &step_zone)))
    };
    // Until someone writes, what was filed is the conversation: the details show unfolded.
    let unanswered = move || detail.with(|d| d.messages.is_empty());

    view! {
        <div class="gu-page__head">
            <PageHeading text=heading/>
            <A href=back>{move || if back == "/desk" { t("desk.back") } else { t("tickets.back") }}</A>
        </div>
        {move || next_step().map(|text| view! { <p class="gu-ticket__next" role="note">{text}</p> })}
        <div class="gu-ticket__layout">
            <div class="gu-ticket__main">
                <Conversation detail=detail part=Part::Latest desk=viewer.desk time_zone=time_zone.clone()/>
                <Show when=can_rate>
                    <RatingForm ticket_id=rate_id.clone() on_saved/>
                </Show>
                <Show when=can_follow_up>
                    <FollowUpForm
                        ticket_id=follow_id.clone()
                        until=Signal::derive(move || detail.with(|d| d.follow_up_until))
                        time_zone=follow_zone.clone()
                        on_saved
                    />
                </Show>
                <Show when=can_reply>
                    <ReplyForm ticket_id=reply_id.clone() desk=viewer.desk on_saved/>
                </Show>
                <Conversation detail=detail part=Part::Earlier desk=viewer.desk time_zone=time_zone.clone()/>
                <TicketFields detail=detail open=Signal::derive(unanswered)/>
                <TicketHistory detail=detail time_zone=time_zone.clone()/>
            </div>
            <aside class="gu-ticket__side">
                <TicketHeader detail=detail time_zone=time_zone.clone()/>
                {controls.filter(|_| desk_work).map(|controls| controls(detail, on_saved))}
            </aside>
        </div>
    }
}
