use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// How prominent a button is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ButtonKind {
    /// The one main action of a form or page.
    #[default]
    Primary,
    Secondary,
    /// Deactivations and other actions that take something away.
    Danger,
    /// Low-key actions inside tables and panels.
    Quiet,
}

impl ButtonKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ButtonKind::Primary => "primary",
            ButtonKind::Secondary => "secondary",
            ButtonKind::Danger => "danger",
            ButtonKind::Quiet => "quiet",
        }
    }
}

/// A button. While `busy`, it is disabled, shows a small spinner and says so to assistive tech.
#[component]
pub fn Button(
    /// The label.
    children: Children,
    /// Visual weight.
    #[prop(optional)]
    kind: ButtonKind,
    /// `submit` inside forms; `button` otherwise.
    #[prop(default = "button")]
    button_type: &'static str,
    /// Disables the button.
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// An action is in progress: disabled, with a spinner and `aria-busy`.
    #[prop(optional, into)]
    busy: Signal<bool>,
    /// Called on click (not while disabled or busy).
    #[prop(optional, into)]
    on_click: Option<Callback<MouseEvent>>,
    /// An accessible name that says more than the visible label, e.g. which row it acts on.
    #[prop(optional, into)]
    aria_label: MaybeProp<String>,
    /// A test hook, rendered as `data-testid`.
    #[prop(optional)]
    test_id: Option<&'static str>,
    /// Extra classes.
    #[prop(optional, into)]
    class: MaybeProp<String>,
) -> impl IntoView {
    view! {
        <button
            type=button_type
            class=move || {
                super::classes(&format!("gu-button gu-button--{}", kind.as_str()), class.get())
            }
            class=("gu-button--busy", move || busy.get())
            disabled=move || disabled.get() || busy.get()
            aria-busy=move || busy.get().then_some("true")
            aria-label=move || aria_label.get()
            data-testid=test_id
            on:click=move |ev| {
                if let Some(cb) = on_click {
                    cb.run(ev);
                }
            }
        >
            <Show when=move || busy.get()>
                <span class="gu-button__spinner" aria-hidden="true"></span>
            </Show>
            <span class="gu-button__label">{children()}</span>
        </button>
    }
}
