//! The log-in page, an entry of its own: the first thing anyone signed out loads, so it holds
//! only the frame and the form. Once signed in, the guard sends each user on to their console
//! (a page load), or to where they were going when they were asked to sign in.

use guichet::features::auth::{ForgotPasswordPage, LoginPage, ResetPasswordPage};
use guichet::features::not_found::NotFound;
use guichet::App;
use guichet_domain::Entry;
use leptos::prelude::*;
use leptos_router::components::{Route, Routes};
use leptos_router::path;

fn main() {
    guichet::start(Login);
}

#[component]
fn Login() -> impl IntoView {
    view! {
        <App entry=Entry::Login>
            <Routes fallback=|| view! { <NotFound/> }>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/login/forgot") view=ForgotPasswordPage/>
                <Route path=path!("/login/reset") view=ResetPasswordPage/>
            </Routes>
        </App>
    }
}
