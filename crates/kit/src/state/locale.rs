//! The language of the interface: the user's choice, else the browser's, else English. The
//! server is told it, since it writes the user's mail in it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::i18n::Locale;
use crate::state::session::Session;

/// Where the chosen language is remembered.
pub const STORAGE_KEY: &str = "guichet.locale";

/// The current locale and the way to change it.
#[derive(Debug, Clone, Copy)]
pub struct LocaleState {
    locale: RwSignal<Locale>,
}

impl LocaleState {
    /// The current locale, tracked.
    pub fn get(&self) -> Locale {
        self.locale.get()
    }

    /// Switches the language and remembers the choice for the next visit.
    pub fn choose(&self, locale: Locale) {
        if let Some(storage) = local_storage() {
            // A full or disabled storage only costs the memory of the choice.
            let _ = storage.set_item(STORAGE_KEY, locale.tag());
        }
        self.locale.set(locale);
    }
}

/// The first locale: a remembered choice wins, then a French browser gets French, else English.
pub fn initial_locale(stored: Option<&str>, browser: Option<&str>) -> Locale {
    stored
        .and_then(Locale::from_tag)
        .or_else(|| browser.and_then(Locale::from_tag))
        .unwrap_or(Locale::En)
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Reads the initial locale, keeps `<html lang>` in step with it, and puts it in context.
pub fn provide_locale() -> LocaleState {
    let stored = local_storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    let state = LocaleState {
        locale: RwSignal::new(initial_locale(stored.as_deref(), browser.as_deref())),
    };
    Effect::new(move |_| {
        let tag = state.locale.get().tag();
        if let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = html.set_attribute("lang", tag);
        }
    });
    provide_context(state);
    state
}

/// Tells the server the interface's language whenever the one it holds for the signed-in user
/// differs: on signing in (or starting signed in) and on every switch. A failed report is made
/// again on the next change of either.
pub fn report_language(locale: LocaleState, session: Session) {
    Effect::new(move |_| {
        let shown = locale.get();
        let Some(held) = session.me().map(|me| me.user.language) else {
            return;
        };
        if held != shown {
            spawn_local(async move {
                if api::auth::set_language(shown).await.is_ok() {
                    session.language_saved(shown);
                }
            });
        }
    });
}

/// The locale handle; panics outside [`provide_locale`].
pub fn use_locale() -> LocaleState {
    expect_context::<LocaleState>()
}

/// The current locale (tracked), or English where no locale was provided (native tests).
pub fn current_locale() -> Locale {
    use_context::<LocaleState>()
        .map(|s| s.get())
        .unwrap_or(Locale::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_then_browser_then_english() {
        assert_eq!(initial_locale(Some("en"), Some("fr-FR")), Locale::En);
        assert_eq!(initial_locale(None, Some("fr-FR")), Locale::Fr);
        assert_eq!(initial_locale(Some("xx"), Some("fr")), Locale::Fr);
        assert_eq!(initial_locale(None, Some("it-IT")), Locale::En);
        assert_eq!(initial_locale(None, None), Locale::En);
    }
}
