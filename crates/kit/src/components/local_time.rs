use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::i18n::time::format_instant;
use crate::state::locale::use_locale;

/// An instant as a `<time>`: the date and time in the user's language and the organisation's
/// zone, the exact instant in `datetime`.
#[component]
pub fn LocalTime(
    /// The instant.
    at: DateTime<Utc>,
    /// The IANA zone it is read in.
    #[prop(into)]
    time_zone: String,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <time class=move || class.get() datetime=at.to_rfc3339()>
            {move || format_instant(at, locale.get().tag(), &time_zone)}
        </time>
    }
}
