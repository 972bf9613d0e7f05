use chrono::NaiveDate;
use leptos::prelude::*;

use crate::i18n::time::{format_day, DayStyle};
use crate::state::locale::use_locale;

/// A day (the organisation's, as the server names it) as a `<time>`: written in the user's
/// language, following the language switch, the ISO day in `datetime`.
#[component]
pub fn LocalDay(
    /// The day.
    day: NaiveDate,
    /// How much of it to write; the medium form « 8 déc. 2026 » unless said.
    #[prop(optional)]
    style: Option<DayStyle>,
) -> impl IntoView {
    let locale = use_locale();
    let style = style.unwrap_or(DayStyle::Medium);
    view! {
        <time datetime=day.to_string()>{move || format_day(day, locale.get().tag(), style)}</time>
    }
}
