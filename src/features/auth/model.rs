//! The rules of the log-in and password forms, checked before anything is sent.

use guichet_domain::api::{ChangePasswordRequest, LoginRequest, PasswordResetConfirm};
use guichet_domain::entries::RESET_TOKEN;
use guichet_domain::error::add_field_error;
use guichet_domain::messages;
use guichet_domain::validate::Checker;
use guichet_domain::FieldErrors;

fn required(value: &str) -> Result<(), &'static str> {
    if value.is_empty() {
        Err(messages::REQUIRED)
    } else {
        Ok(())
    }
}

/// The log-in request, or what to fix. Only presence is checked: the server decides the rest,
/// and a wrong address must not be told apart from a wrong password. `code` is the one-time
/// code, once the server has asked for one.
pub fn login_request(
    email: &str,
    password: &str,
    code: Option<&str>,
) -> Result<LoginRequest, FieldErrors> {
    let code = code.map(|c| c.split_whitespace().collect::<String>());
    let mut c = Checker::default();
    c.check("email", required(email.trim()))
        .check("password", required(password));
    if let Some(code) = &code {
        c.check("code", required(code));
    }
    c.finish().map(|()| LoginRequest {
        email: email.trim().to_owned(),
        password: password.to_owned(),
        code,
    })
}

/// The password change, or what to fix: the new one long enough, different from the current
/// one, and typed twice the same.
pub fn change_password_request(
    current: &str,
    new: &str,
    confirm: &str,
) -> Result<ChangePasswordRequest, FieldErrors> {
    let request = ChangePasswordRequest {
        current_password: current.to_owned(),
        new_password: new.to_owned(),
    };
    confirmed(request.parse().err(), request, new, confirm)
}

/// The new password of a mailed reset link, or what to fix: long enough and typed twice the
/// same (whether the link still works is the server's to say).
pub fn reset_password_request(
    token: &str,
    new: &str,
    confirm: &str,
) -> Result<PasswordResetConfirm, FieldErrors> {
    let request = PasswordResetConfirm {
        token: token.to_owned(),
        new_password: new.to_owned(),
    };
    confirmed(request.parse().err(), request, new, confirm)
}

/// The token of a mailed reset link, from the page's fragment (`#token=…`).
pub fn reset_token(fragment: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix(RESET_TOKEN)?.strip_prefix('='))
        .filter(|token| !token.is_empty())
        .map(str::to_owned)
}

/// `request`, unless its own rules (`errors`) or the confirmation object.
fn confirmed<R>(
    errors: Option<FieldErrors>,
    request: R,
    new: &str,
    confirm: &str,
) -> Result<R, FieldErrors> {
    let mut errors = errors.unwrap_or_default();
    if confirm != new {
        add_field_error(&mut errors, "confirm_password", "error.password_mismatch");
    }
    if errors.is_empty() {
        Ok(request)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_needs_both_fields_and_trims_the_address() {
        let errs = login_request(" ", "", None).unwrap_err();
        assert_eq!(errs["email"], [messages::REQUIRED]);
        assert_eq!(errs["password"], [messages::REQUIRED]);
        assert!(!errs.contains_key("code"));
        let ok = login_request(" admin@abidjan-shop.demo ", " secret ", None).unwrap();
        assert_eq!(ok.email, "admin@abidjan-shop.demo");
        assert_eq!(
            ok.password, " secret ",
            "passwords are sent exactly as typed"
        );
        assert_eq!(ok.code, None);
    }

    #[test]
    fn a_code_once_asked_for_is_needed_and_sent_without_spaces() {
        let errs = login_request("a@b.demo", "pw", Some(" ")).unwrap_err();
        assert_eq!(errs["code"], [messages::REQUIRED]);
        let ok = login_request("a@b.demo", "pw", Some(" 123 456 ")).unwrap();
        assert_eq!(ok.code.as_deref(), Some("123456"));
    }

    #[test]
    fn a_new_password_is_long_new_and_confirmed() {
        let errs = change_password_request("", "short", "other").unwrap_err();
        assert_eq!(errs["current_password"], [messages::REQUIRED]);
        assert_eq!(errs["new_password"], [messages::PASSWORD_SHORT]);
        assert_eq!(errs["confirm_password"], ["error.password_mismatch"]);

        let same = "the same long passphrase";
        let errs = change_password_request(same, same, same).unwrap_err();
        assert_eq!(errs["new_password"], [messages::PASSWORD_UNCHANGED]);

        let ok =
            change_password_request("old one", "a long new passphrase", "a long new passphrase");
        assert_eq!(ok.unwrap().new_password, "a long new passphrase");
    }

    #[test]
    fn a_reset_password_is_long_and_confirmed() {
        let errs = reset_password_request("tok", "short", "shirt").unwrap_err();
        assert_eq!(errs["new_password"], [messages::PASSWORD_SHORT]);
        assert_eq!(errs["confirm_password"], ["error.password_mismatch"]);
        let ok = reset_password_request("tok", "a long new passphrase", "a long new passphrase");
        assert_eq!(ok.unwrap().token, "tok");
    }

    #[test]
    fn the_reset_token_is_read_from_the_fragment() {
        assert_eq!(reset_token("#token=abc-_1").as_deref(), Some("abc-_1"));
        assert_eq!(reset_token("#x=1&token=abc").as_deref(), Some("abc"));
        assert_eq!(reset_token("#token="), None);
        assert_eq!(reset_token("#tokens=abc"), None);
        assert_eq!(reset_token(""), None);
    }
}
