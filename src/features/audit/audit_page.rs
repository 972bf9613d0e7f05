use guichet_domain::api::AuditEntry;
use guichet_domain::Permission;
use leptos::prelude::*;

use super::model::Pages;
use crate::api::{self, ApiError};
use crate::components::{Button, ButtonKind, DataTable, ErrorPanel, Guarded, Loaded, PageHeading};
use crate::i18n::labels::audit_action;
use crate::i18n::time::format_instant;
use crate::i18n::{t, text};
use crate::state::locale::use_locale;
use crate::state::session::use_session;

/// The audit log: who did what, when, under which request; newest first, page by page.
#[component]
pub fn AuditPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::AuditRead]><AuditLog/></Guarded> }
}

#[component]
fn AuditLog() -> impl IntoView {
    let first = LocalResource::new(|| api::audit::list(None));
    view! {
        <section class="gu-page">
            <PageHeading text=text("audit.title")/>
            <p class="gu-page__summary">{move || t("audit.intro")}</p>
            <Loaded resource=first let:page>
                <AuditTable pages=Pages::first(page)/>
            </Loaded>
        </section>
    }
}

#[component]
fn AuditTable(pages: Pages) -> impl IntoView {
    let session = use_session();
    let locale = use_locale();
    let pages = RwSignal::new(pages);
    let failure = RwSignal::new(None::<ApiError>);
    let time_zone = StoredValue::new(
        session
            .me_untracked()
            .map_or_else(|| "UTC".to_owned(), |me| me.organisation.time_zone),
    );
    let more = Action::new_local(|cursor: &String| api::audit::list(Some(cursor.clone())));
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
            fallback=|| view! { <p class="gu-empty">{move || t("audit.empty")}</p> }
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
                            .map(|entry| view! { <AuditRow entry=entry.clone() tag zone=zone.clone()/> })
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
fn AuditRow(entry: AuditEntry, tag: &'static str, zone: String) -> impl IntoView {
    let when = format_instant(entry.at, tag, &zone);
    let iso = entry.at.to_rfc3339();
    let action = entry.action.clone();
    let who = entry.actor_email.clone();
    view! {
        <tr class="gu-table__row">
            <td class="gu-table__cell"><time datetime=iso>{when}</time></td>
            <td class="gu-table__cell">
                {move || who.clone().unwrap_or_else(|| t("audit.system"))}
            </td>
            <td class="gu-table__cell">{move || audit_action(&action)}</td>
            <td class="gu-table__cell">{entry.target.clone().unwrap_or_default()}</td>
            <td class="gu-table__cell gu-table__cell--mono">{entry.request_id.clone()}</td>
        </tr>
    }
}
