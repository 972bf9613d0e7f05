use guichet_domain::developers::CreatedApiKey;
use leptos::prelude::*;

use super::model::secret_file_name;
use crate::components::{Button, CopyButton, ModalDialog, Words};
use crate::files;
use crate::i18n::{t, text, tr};

/// A new key's secret, this once: to copy, or to save as a file. Nothing keeps it after the
/// dialog closes; the list shows its fingerprint alone.
#[component]
pub fn SecretOnce(created: CreatedApiKey, on_close: Callback<()>) -> impl IntoView {
    let CreatedApiKey { key, secret } = created;
    let title = tr("key.secret.title", &[("name", &key.name)]);
    let file = secret_file_name(&key.name);
    let saved = RwSignal::new(None::<bool>);
    let copy = secret.clone();
    let to_save = secret.clone();
    let save = {
        let file = file.clone();
        move |_| {
            saved.set(Some(files::save_text(
                &format!("{to_save}\n"),
                &file,
                "text/plain",
            )))
        }
    };
    let outcome = move || {
        saved.get().map(|done| {
            if done {
                tr("key.secret.saved", &[("file", &file)])
            } else {
                t("key.secret.unsaved")
            }
        })
    };
    view! {
        <ModalDialog label=title.clone() on_close class="gu-secret-once">
            <h2 class="gu-card__title">{title}</h2>
            <p><Words text=text("key.secret.intro")/></p>
            <p class="gu-one-time__value">
                <code class="gu-one-time__code" aria-label=move || t("key.secret.label")>{secret}</code>
            </p>
            <div class="gu-actions">
                <CopyButton value=Signal::derive(move || copy.clone()) label=text("key.secret.copy")/>
                <Button kind=crate::components::ButtonKind::Secondary on_click=Callback::new(save)>
                    <Words text=text("key.secret.download")/>
                </Button>
            </div>
            <p class="gu-notice" role="status">{outcome}</p>
            <div class="gu-actions">
                <Button on_click=Callback::new(move |_| on_close.run(()))>
                    <Words text=text("key.secret.done")/>
                </Button>
            </div>
        </ModalDialog>
    }
}
