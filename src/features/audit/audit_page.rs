use chrono::{DateTime, Utc};
use guichet_domain::api::AuditEntry;
use guichet_domain::{AuditAction, OrgKind, Permission, TicketId};
use leptos::prelude::*;
use leptos_router::components::A;

use super::model::Pages;
use super::texts::audit_action;
use crate::api::audit::AuditFilter;
use crate::api::{self, ApiError};
use crate::components::{
    Button, ButtonKind, DataTable, ErrorPanel, Guarded, Loaded, PageHeading, SelectField, TextField,
};
use crate::i18n::time::format_instant;
use crate::i18n::{t, text};
use crate::state::entry::{rel_for, ticket_path};
use crate::state::locale::use_locale;
use crate::state::session::use_session;

/// The audit log: who did what, when, under which request; newest first, page by page.
#[component]
pub fn AuditPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::AuditRead]><AuditLog/></Guarded> }
}

#[component]
fn AuditLog() -> impl IntoView {
    let (action, who, since, until) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    // The person applies on « Filter » (or Enter); the others as soon as they change.
    let typed_who = RwSignal::new(String::new());
    let filter = Memo::new(move |_| AuditFilter {
        action: action.get(),
        who: who.get(),
        since: day_start(&since.get(), 0),
        until: day_start(&until.get(), 1),
    });
    let first = LocalResource::new(move || {
        let filter = filter.get();
        async move { api::audit::list(&filter, None).await }
    });
    let actions = Signal::derive(|| {
        std::iter::once((String::new(), t("audit.filter.all_actions")))
            .chain(
                AuditAction::ALL
                    .iter()
                    .map(|a| (a.as_str().to_owned(), audit_action(a.as_str()))),
            )
            .collect::<Vec<_>>()
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        who.set(typed_who.get_untracked());
    };
    view! {
        <section class="gu-page">
            <PageHeading text=text("audit.title")/>
            <p class="gu-page__summary">{move || t("audit.intro")}</p>
            <form class="gu-audit-filters" role="search" novalidate=true on:submit=apply>
                <SelectField label=text("audit.filter.action") name="action" value=action options=actions/>
                <div class="gu-audit-filters__who">
                    <TextField label=text("audit.filter.who") name="who" value=typed_who input_type="search"/>
                    <Button button_type="submit" kind=ButtonKind::Secondary>{move || t("audit.filter.apply")}</Button>
                </div>
                <TextField label=text("audit.filter.since") name="since" value=since input_type="date"/>
                <TextField label=text("audit.filter.until") name="until" value=until input_type="date"/>
            </form>
            <Loaded resource=first let:page>
                <AuditTable pages=Pages::first(page) filter=filter.get_untracked()/>
            </Loaded>
        </section>
    }
}

/// The start of the day `date` (`YYYY-MM-DD`, as a date input gives it) plus `days`, in the
/// browser's time zone; `None` for an empty or unreadable date.
fn day_start(date: &str, days: u32) -> Option<DateTime<Utc>> {
    if date.is_empty() {
        return None;
    }
    let at = js_sys::Date::new(&format!("{date}T00:00").into());
    if at.get_time().is_nan() {
        return None;
    }
    at.set_date(at.get_date() + days);
    DateTime::from_timestamp_millis(at.get_time() as i64)
}

#[component]
fn AuditTable(pages: Pages, filter: AuditFilter) -> impl IntoView {
    let session = use_session();
    let locale = use_locale();
    let pages = RwSignal::new(pages);
    let failure = RwSignal::new(None::<ApiError>);
    let time_zone = StoredValue::new(session.time_zone_untracked());
    let filtered = filter != AuditFilter::default();
    let filter = StoredValue::new(filter);
    let more = Action::new_local(move |cursor: &String| {
        let (filter, cursor) = (filter.get_value(), cursor.clone());
        async move { api::audit::list(&filter, Some(cursor)).await }
    });
    let desk = session
        .me_untracked()
        .is_some_and(|me| me.organisation.kind == OrgKind::Provider);
    Effect::new(move |_| match more.value().get() {
        Some(Ok(page)) => {
            failure.set(None);
            pages.update(|p| p.append(page));
        }
        Some(Err(e)) => failure.set(Some(e)),
        None => {}
    });
    let load_more = move || {
        if let Some(cursor) = pages.with_untracked(Pages::next_cursor) {
            more.dispatch(cursor);
        }
    };

    view! {
        <Show
            when=move || pages.with(|p| !p.entries().is_empty())
            fallback=move || {
                let key = if filtered { "audit.no_match" } else { "audit.empty" };
                view! { <p class="gu-empty">{move || t(key)}</p> }
            }
        >
            <DataTable
                caption=text("audit.caption")
                headers=vec![
                    text("audit.column.when"),
                    text("audit.column.who"),
                    text("audit.column.action"),
                    text("audit.column.target"),
                    text("audit.column.request_id"),
                ]
            >
                {move || {
                    let (tag, zone) = (locale.get().tag(), time_zone.get_value());
                    pages.with(|p| {
                        p.entries()
                            .iter()
                            .map(|entry| view! { <AuditRow entry=entry.clone() tag zone=zone.clone() desk/> })
                            .collect_view()
                    })
                }}
            </DataTable>
        </Show>
        {move || failure.get().map(|error| view! { <ErrorPanel error on_retry=Callback::new(move |()| load_more())/> })}
        <Show when=move || pages.with(|p| p.next_cursor().is_some())>
            <div class="gu-actions gu-actions--center">
                <Button kind=ButtonKind::Secondary busy=more.pending() on_click=Callback::new(move |_| load_more())>
                    {move || t("audit.load_more")}
                </Button>
            </div>
        </Show>
    }
}

#[component]
fn AuditRow(entry: AuditEntry, tag: &'static str, zone: String, desk: bool) -> impl IntoView {
    let when = format_instant(entry.at, tag, &zone);
    let iso = entry.at.to_rfc3339();
    let action = entry.action.clone();
    let (name, email) = (entry.actor_name.clone(), entry.actor_email.clone());
    let who = match (name, email) {
        (Some(name), Some(email)) => view! {
            <span class="gu-audit__name">{name}</span>
            <span class="gu-audit__email">{email}</span>
        }
        .into_any(),
        (None, Some(email)) => view! { <span class="gu-audit__name">{email}</span> }.into_any(),
        _ => view! { <span>{move || t("audit.system")}</span> }.into_any(),
    };
    // A ticket's number leads to the ticket.
    let target = entry.target.clone().unwrap_or_default();
    let ticket = entry.details["ticket_id"]
        .as_str()
        .filter(|_| entry.action.starts_with("ticket."))
        .map(|id| ticket_path(&TicketId::from(id), desk));
    let target = match ticket {
        Some(path) => {
            let rel = rel_for(&path);
            view! { <A href=path attr:rel=rel>{target}</A> }.into_any()
        }
        None => target.into_any(),
    };
    view! {
        <tr class="gu-table__row">
            <td class="gu-table__cell"><time datetime=iso>{when}</time></td>
            <td class="gu-table__cell"><span class="gu-audit__who">{who}</span></td>
            <td class="gu-table__cell">{move || audit_action(&action)}</td>
            <td class="gu-table__cell">{target}</td>
            <td class="gu-table__cell gu-table__cell--mono">{entry.request_id.clone()}</td>
        </tr>
    }
}
