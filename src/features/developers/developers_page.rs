use guichet_domain::developers::{ApiKey, CreatedApiKey};
use guichet_domain::Permission;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::key_dialogs::{CreateDialog, RevokeDialog, RollDialog};
use super::key_table::KeyTable;
use super::model::in_order;
use super::secret_once::SecretOnce;
use crate::api;
use crate::components::{Button, Guarded, Loaded, PageHeading, Words};
use crate::i18n::text;

/// What the page shows over itself, one at a time.
#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    Create,
    Roll(ApiKey),
    Revoke(ApiKey),
    /// A new key's secret, shown this once; dropped when the dialog closes.
    Secret(CreatedApiKey),
}

/// « Développeurs »: the API keys, working ones first, with « Créer une clé »; each key's
/// permissions, use and end, and its roll and revocation.
#[component]
pub fn DevelopersPage() -> impl IntoView {
    view! { <Guarded needs=&[Permission::ApiKeysManage]><DevelopersLoader/></Guarded> }
}

#[component]
fn DevelopersLoader() -> impl IntoView {
    let first = LocalResource::new(api::api_keys::list);
    view! {
        <section class="gu-page gu-developers">
            <Loaded resource=first error_heading=text("developers.title") let:keys>
                <DevelopersView keys/>
            </Loaded>
        </section>
    }
}

#[component]
fn DevelopersView(keys: Vec<ApiKey>) -> impl IntoView {
    let keys = RwSignal::new(in_order(keys));
    let dialog = RwSignal::new(None::<Dialog>);
    let close = Callback::new(move |()| dialog.set(None));
    // After a change, the list as the server has it (a roll changes two keys).
    let reread = Callback::new(move |()| {
        spawn_local(async move {
            if let Ok(read) = api::api_keys::list().await {
                keys.try_set(in_order(read));
            }
        });
    });
    let shown = move || {
        dialog.get().map(|d| match d {
            Dialog::Create => view! { <CreateDialog dialog reread on_close=close/> }.into_any(),
            Dialog::Roll(key) => {
                view! { <RollDialog key dialog reread on_close=close/> }.into_any()
            }
            Dialog::Revoke(key) => view! { <RevokeDialog key reread on_close=close/> }.into_any(),
            Dialog::Secret(created) => view! { <SecretOnce created on_close=close/> }.into_any(),
        })
    };
    view! {
        <div class="gu-page__head">
            <PageHeading text=text("developers.title")/>
            <Button on_click=Callback::new(move |_| dialog.set(Some(Dialog::Create)))>
                <Words text=text("developers.create")/>
            </Button>
        </div>
        <p class="gu-page__summary"><Words text=text("developers.intro")/></p>
        <section class="gu-card">
            <KeyTable keys dialog/>
        </section>
        {shown}
    }
}
