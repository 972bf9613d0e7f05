use guichet_domain::tickets::TicketDetail;
use guichet_domain::{Permission, UserId};
use leptos::prelude::*;

use super::model::can_take;
use crate::api::{self, ApiError};
use crate::components::{Button, ButtonKind, ErrorPanel, SelectField};
use crate::i18n::{t, text, tr};
use crate::state::form_feedback::field_error;
use crate::state::session::use_session;
use crate::state::submit::{use_submit, Submit};
use guichet_domain::messages;

/// Who works on the ticket: "Take it" for oneself (`desk.work`), and for the lead
/// (`desk.assign`) a choice among the desk's engineers.
#[component]
pub fn Assignment(
    /// The ticket, kept up to date by the page.
    #[prop(into)]
    detail: Signal<TicketDetail>,
    /// Called with the ticket as saved.
    on_saved: Callback<TicketDetail>,
) -> impl IntoView {
    let session = use_session();
    let me = session.me_untracked().map(|m| m.user.id);
    let can_assign = session.can_untracked(Permission::DeskAssign);
    let id = StoredValue::new(detail.with_untracked(|d| d.ticket.id.clone()));
    // The same person again after an outage is the same assignment, under the same key.
    let assign = use_submit(
        move |person: UserId, key| {
            let id = id.get_value();
            async move { api::tickets::assign(&id, &person, &key).await }
        },
        move |saved: TicketDetail| {
            let name = saved
                .ticket
                .assignee
                .clone()
                .map(|p| p.name)
                .unwrap_or_default();
            on_saved.run(saved);
            Some(tr("desk.assign.saved", &[("name", &name)]))
        },
    );
    let feedback = assign.feedback;
    let busy = assign.pending();
    let me_take = me.clone();
    let takeable = move || {
        me_take.as_ref().is_some_and(|me| {
            detail.with(|d| can_take(d.ticket.status, d.ticket.assignee.as_ref(), me))
        })
    };
    let take = Callback::new(move |_| {
        if let Some(me) = me.clone() {
            assign.send(Ok(me));
        }
    });

    view! {
        <div class="gu-desk-controls__part">
            <h3>{move || t("desk.assign.title")}</h3>
            {move || feedback.failure.get().map(|error| view! { <ErrorPanel error/> })}
            <p>
                {move || {
                    detail.with(|d| match &d.ticket.assignee {
                        Some(p) => tr("desk.assign.current", &[("name", &p.name)]),
                        None => t("desk.assign.nobody"),
                    })
                }}
            </p>
            <Show when=takeable>
                <Button kind=ButtonKind::Secondary busy=busy on_click=take>
                    {move || t("desk.assign.take")}
                </Button>
            </Show>
            {can_assign.then(|| view! { <AssignToEngineer detail assign/> })}
        </div>
    }
}

/// The lead's choice of engineer.
#[component]
fn AssignToEngineer(
    detail: Signal<TicketDetail>,
    assign: Submit<UserId, TicketDetail>,
) -> impl IntoView {
    let busy = assign.pending();
    let agents = LocalResource::new(api::tickets::agents);
    let chosen = RwSignal::new(String::new());
    let options = Signal::derive(move || {
        let mut options = vec![(String::new(), t("desk.assign.choose"))];
        if let Some(Ok(people)) = agents.get() {
            options.extend(people.into_iter().map(|p| (p.id.into(), p.name)));
        }
        options
    });
    let failed = move || match agents.get() {
        Some(Err(error)) => Some::<ApiError>(error),
        _ => None,
    };
    let open = move || detail.with(|d| d.ticket.status.is_open());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let person = chosen.get_untracked();
        assign.send(if person.is_empty() {
            Err(guichet_domain::error::field_error(
                "assignee_id",
                messages::REQUIRED,
            ))
        } else {
            Ok(UserId::from(person))
        });
    };
    view! {
        <Show when=open>
            {move || failed().map(|error| view! { <ErrorPanel error/> })}
            <form class="gu-form" novalidate=true on:submit=submit>
                <SelectField
                    label=text("desk.assign.engineer")
                    name="assignee"
                    value=chosen
                    options
                    disabled=busy
                    error=field_error(assign.feedback.errors, "assignee_id")
                />
                <Button button_type="submit" kind=ButtonKind::Secondary busy=busy>
                    {move || t("desk.assign.send")}
                </Button>
            </form>
        </Show>
    }
}
