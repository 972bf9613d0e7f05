use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeading;
use crate::i18n::{t, text};

/// Any address the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="gu-empty-page">
            <PageHeading text=text("not_found.title")/>
            <p>{move || t("not_found.body")}</p>
            <p>
                <A href="/" attr:rel=crate::state::entry::rel_for("/")>{move || t("not_found.home")}</A>
            </p>
        </section>
    }
}
