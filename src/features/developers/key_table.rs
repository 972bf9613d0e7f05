use guichet_domain::developers::ApiKey;
use leptos::prelude::*;

use super::developers_page::Dialog;
use super::model::status_tone;
use super::texts::{environment_name, scope_name, status_name};
use crate::components::{Button, ButtonKind, DataTable, LocalTime, Words};
use crate::i18n::{t, text, tr};

/// The keys: name and fingerprint, environment, permissions, who created it and when, last
/// use, until when it works, status; a working key's roll and revocation.
#[component]
pub fn KeyTable(keys: RwSignal<Vec<ApiKey>>, dialog: RwSignal<Option<Dialog>>) -> impl IntoView {
    let time_zone = super::time_zone();
    let none = Memo::new(move |_| keys.with(Vec::is_empty));
    move || {
        if none.get() {
            return view! { <p class="gu-empty"><Words text=text("developers.empty")/></p> }
                .into_any();
        }
        let time_zone = time_zone.clone();
        view! {
            <DataTable
                caption=text("developers.caption")
                headers=vec![
                    text("developers.column.name"),
                    text("developers.column.environment"),
                    text("developers.column.permissions"),
                    text("developers.column.created"),
                    text("developers.column.last_used"),
                    text("developers.column.expires"),
                    text("developers.column.status"),
                    text("developers.column.actions"),
                ]
                class="gu-table--cards gu-key-table"
            >
                <For each=move || keys.get() key=|k| (k.id.clone(), k.status, k.last_used_at) let:key>
                    <KeyRow key time_zone=time_zone.clone() dialog/>
                </For>
            </DataTable>
        }
        .into_any()
    }
}

#[component]
fn KeyRow(key: ApiKey, time_zone: String, dialog: RwSignal<Option<Dialog>>) -> impl IntoView {
    let scopes = key.scopes.clone();
    let permissions = move || {
        scopes
            .iter()
            .map(|s| scope_name(*s))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let created_by = key.created_by.clone();
    let when = |at: Option<chrono::DateTime<chrono::Utc>>, zone: &str, none: &'static str| match at
    {
        Some(at) => view! { <LocalTime at time_zone=zone.to_owned()/> }.into_any(),
        None => view! { <Words text=text(none)/> }.into_any(),
    };
    let works = key.status.works();
    let rollable = works && key.replaced_by.is_none();
    let status = key.status;
    let (roll_key, revoke_key) = (key.clone(), key.clone());
    let name = key.name.clone();
    let roll_label = {
        let name = name.clone();
        move || tr("developers.roll.label", &[("name", &name)])
    };
    let revoke_label = move || tr("developers.revoke.label", &[("name", &name)]);
    view! {
        <tr class="gu-table__row">
            <td class="gu-table__cell">
                <span class="gu-key-table__name">{key.name.clone()}</span>
                <code class="gu-key-table__fingerprint">{key.fingerprint.clone()}</code>
            </td>
            <td class="gu-table__cell" data-label=text("developers.column.environment")>
                {move || environment_name(key.environment)}
            </td>
            <td class="gu-table__cell" data-label=text("developers.column.permissions")>{permissions}</td>
            <td class="gu-table__cell" data-label=text("developers.column.created")>
                <LocalTime at=key.created_at time_zone=time_zone.clone()/>
                " "{move || tr("developers.created_by", &[("name", &created_by)])}
            </td>
            <td class="gu-table__cell" data-label=text("developers.column.last_used")>
                {when(key.last_used_at, &time_zone, "developers.never_used")}
            </td>
            <td class="gu-table__cell" data-label=text("developers.column.expires")>
                {when(key.revoked_at.or(key.valid_until), &time_zone, "developers.no_end")}
            </td>
            <td class="gu-table__cell" data-label=text("developers.column.status")>
                <span class=format!("gu-badge gu-badge--{}", status_tone(status))>
                    {move || status_name(status)}
                </span>
            </td>
            <td class="gu-table__cell gu-key-table__actions">
                {rollable.then(|| view! {
                    <Button kind=ButtonKind::Secondary aria_label=Signal::derive(roll_label)
                        on_click=Callback::new(move |_| dialog.set(Some(Dialog::Roll(roll_key.clone()))))>
                        {move || t("developers.roll")}
                    </Button>
                })}
                {works.then(|| view! {
                    <Button kind=ButtonKind::Danger aria_label=Signal::derive(revoke_label)
                        on_click=Callback::new(move |_| dialog.set(Some(Dialog::Revoke(revoke_key.clone()))))>
                        {move || t("developers.revoke")}
                    </Button>
                })}
            </td>
        </tr>
    }
}
