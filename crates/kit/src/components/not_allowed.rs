use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::{t, text};
use crate::state::entry::rel_for;

/// Shown instead of a page the user's roles do not open (the API would refuse it anyway): who
/// can open it for them, and the way back.
#[component]
pub fn NotAllowed() -> impl IntoView {
    view! {
        <section class="gu-empty-page">
            <PageHeading text=text("not_allowed.title")/>
            <p>{move || t("not_allowed.body")}</p>
            <p>
                <a href="/" rel=rel_for("/")>{move || t("not_allowed.back")}</a>
            </p>
        </section>
    }
}
