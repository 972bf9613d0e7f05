use guichet_domain::tickets::OutboxMail;
use leptos::prelude::*;

use leptos_router::components::A;

use crate::api;
use crate::components::{DataTable, ErrorView, Spinner};
use crate::i18n::time::format_instant;
use crate::i18n::{t, text};
use crate::state::entry::ticket_path;
use crate::state::locale::use_locale;
use crate::state::session::use_session;

/// The notifications sent to requesters (assignment, answers, resolution), newest first: what
/// each says, its ticket (a link), and whether a mail relay accepted it.
#[component]
pub fn OutboxList(
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let mails = LocalResource::new(api::tickets::outbox);
    let retry = Callback::new(move |()| mails.refetch());
    view! {
        <section
            class=move || crate::components::classes("gu-ticket-section gu-outbox", class.get())
            aria-labelledby="gu-outbox-title"
        >
            <h2 id="gu-outbox-title">{move || t("desk.outbox.title")}</h2>
            <p class="gu-page__summary">{move || t("desk.outbox.intro")}</p>
            <Transition fallback=|| view! { <Spinner/> }>
                <ErrorBoundary fallback=move |errors| view! { <ErrorView errors on_retry=retry/> }>
                    {move || Suspend::new(async move {
                        mails.await.map(|list| {
                            if list.is_empty() {
                                view! { <p class="gu-empty">{move || t("desk.outbox.empty")}</p> }.into_any()
                            } else {
                                view! { <OutboxTable mails=list/> }.into_any()
                            }
                        })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[component]
fn OutboxTable(mails: Vec<OutboxMail>) -> impl IntoView {
    let session = use_session();
    let locale = use_locale();
    let zone = StoredValue::new(session.time_zone_untracked());
    view! {
        <DataTable
            caption=text("desk.outbox.caption")
            headers=vec![
                text("desk.outbox.when"),
                text("desk.outbox.to"),
                text("desk.outbox.kind"),
                text("desk.outbox.ticket"),
                text("desk.outbox.message"),
                text("desk.outbox.sent"),
            ]
        >
            {mails
                .into_iter()
                .map(|mail| {
                    let at = mail.created_at;
                    let sent = mail.sent_at;
                    let kind = mail.kind;
                    let href = ticket_path(&mail.ticket_id, true);
                    view! {
                        <tr class="gu-table__row">
                            <td class="gu-table__cell">
                                <time datetime=at.to_rfc3339()>
                                    {move || format_instant(at, locale.get().tag(), &zone.get_value())}
                                </time>
                            </td>
                            <td class="gu-table__cell">{mail.to.clone()}</td>
                            <td class="gu-table__cell">
                                {move || kind.map(|k| t(&format!("desk.outbox.kind.{}", k.as_str()))).unwrap_or_default()}
                            </td>
                            <td class="gu-table__cell gu-table__cell--mono">
                                <A href=href>{mail.ticket_number.clone()}</A>
                            </td>
                            <td class="gu-table__cell">
                                <details class="gu-outbox__mail">
                                    <summary>{mail.subject.clone()}</summary>
                                    <p class="gu-outbox__body">{mail.body.clone()}</p>
                                </details>
                            </td>
                            <td class="gu-table__cell">
                                {move || match sent {
                                    Some(at) => format_instant(at, locale.get().tag(), &zone.get_value()),
                                    None => t("desk.outbox.queued"),
                                }}
                            </td>
                        </tr>
                    }
                })
                .collect_view()}
        </DataTable>
    }
}
