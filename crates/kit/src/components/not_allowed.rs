use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::{t, text};

/// Shown instead of a page the user's roles do not open (the API would refuse it anyway).
#[component]
pub fn NotAllowed() -> impl IntoView {
    view! {
        <section class="gu-empty-page">
            <PageHeading text=text("not_allowed.title")/>
            <p>{move || t("not_allowed.body")}</p>
        </section>
    }
}
