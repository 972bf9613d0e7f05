use leptos::prelude::*;

use crate::components::unique_id;
use crate::i18n::{t, Locale};
use crate::state::locale::use_locale;

/// The language switch: a labelled `<select>`, each language named in itself.
#[component]
pub fn LanguageSwitch(
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let locale = use_locale();
    let id = unique_id("language");
    view! {
        <div class=move || crate::components::classes("gu-language", class.get())>
            <label class="gu-language__label" for=id.clone()>
                {move || t("shell.language")}
            </label>
            <select
                id=id
                class="gu-language__select"
                on:change:target=move |ev| {
                    if let Some(chosen) = Locale::from_tag(&ev.target().value()) {
                        locale.choose(chosen);
                    }
                }
            >
                {Locale::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.tag() lang=l.tag() prop:selected=move || locale.get() == l>
                                {l.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
