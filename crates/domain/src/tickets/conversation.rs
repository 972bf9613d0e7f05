//! Who may write on a ticket, rate it, and what a message must be: the ticket page offers
//! what these allow, and the server refuses what they do not.

use std::ops::RangeInclusive;

use super::{Status, MESSAGE_MAX_CHARS};
use crate::error::field_error;
use crate::messages;
use crate::{FieldErrors, Permission};

/// The ratings a merchant may give a resolution.
pub const RATINGS: RangeInclusive<u8> = 1..=5;

/// The permission each side writes on a ticket with: the provider's desk works it, the
/// merchant's people answer on the tickets they may file.
pub const fn reply_permission(desk: bool) -> Permission {
    if desk {
        Permission::DeskWork
    } else {
        Permission::TicketsCreate
    }
}

/// Whether a side may write on a ticket in `status`: the desk at any time, the merchant until
/// it is closed (then a follow-up request reopens it).
pub fn open_to_replies(desk: bool, status: Status) -> bool {
    desk || status != Status::Closed
}

/// Whether a ticket in `status` can be rated (by the merchant, once).
pub fn rateable(status: Status) -> bool {
    matches!(status, Status::Resolved | Status::Closed)
}

/// A rating as given, or why not.
pub fn check_rating(rating: u8) -> Result<u8, FieldErrors> {
    if RATINGS.contains(&rating) {
        Ok(rating)
    } else {
        Err(field_error("rating", messages::RATING))
    }
}

/// A message, reason or comment as it is kept: trimmed, present when `required`, and within
/// [`MESSAGE_MAX_CHARS`]; `field` names it in the error.
pub fn message_text<'a>(
    field: &str,
    value: &'a str,
    required: bool,
) -> Result<&'a str, FieldErrors> {
    let value = value.trim();
    if value.is_empty() && required {
        Err(field_error(field, messages::REQUIRED))
    } else if value.chars().count() > MESSAGE_MAX_CHARS {
        Err(field_error(field, messages::TOO_LONG))
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_always_writes_the_merchant_until_closed() {
        assert!(open_to_replies(true, Status::Closed));
        assert!(open_to_replies(false, Status::WaitingOnMerchant));
        assert!(!open_to_replies(false, Status::Closed));
        assert_eq!(reply_permission(true), Permission::DeskWork);
        assert_eq!(reply_permission(false), Permission::TicketsCreate);
    }

    #[test]
    fn only_a_resolution_is_rated_from_one_to_five() {
        assert!(rateable(Status::Resolved) && rateable(Status::Closed));
        assert!(!rateable(Status::InProgress));
        assert_eq!(check_rating(5), Ok(5));
        assert_eq!(check_rating(0).unwrap_err()["rating"], [messages::RATING]);
        assert!(check_rating(6).is_err());
    }

    #[test]
    fn messages_are_trimmed_present_and_bounded() {
        assert_eq!(message_text("body", "  hi  ", true), Ok("hi"));
        assert_eq!(message_text("comment", "  ", false), Ok(""));
        assert_eq!(
            message_text("body", " ", true).unwrap_err()["body"],
            [messages::REQUIRED]
        );
        let long = "é".repeat(MESSAGE_MAX_CHARS + 1);
        assert_eq!(
            message_text("reason", &long, true).unwrap_err()["reason"],
            [messages::TOO_LONG]
        );
        assert!(message_text("body", &"é".repeat(MESSAGE_MAX_CHARS), true).is_ok());
    }
}
