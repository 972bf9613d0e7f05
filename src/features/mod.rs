//! One folder per product area: its pages, its own components and its rules (`model.rs`).

pub mod audit;
pub mod auth;
pub mod desk;
pub mod home;
pub mod not_found;
pub mod roles;
pub mod shell;
pub mod tickets;
pub mod users;
pub mod wizard;

/// Turns field errors (message keys from the browser's checks or the server) into the
/// translated text shown under one input; a length limit is named from the domain's rules.
pub fn field_error(
    errors: leptos::prelude::RwSignal<guichet_domain::FieldErrors>,
    field: &'static str,
) -> leptos::prelude::Signal<Option<String>> {
    use leptos::prelude::*;
    Signal::derive(move || {
        errors.with(|e| {
            e.get(field).filter(|keys| !keys.is_empty()).map(|keys| {
                let max = guichet_domain::validate::max_chars(field)
                    .map(crate::i18n::integer)
                    .unwrap_or_default();
                keys.iter()
                    .map(|k| crate::i18n::fill(&crate::i18n::t_or_raw(k), &[("max", &max)]))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
    })
}
