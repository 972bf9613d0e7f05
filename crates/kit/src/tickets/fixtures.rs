//! A ticket to test with, for the kit's tests and the app's (feature `fixtures`).

use chrono::{DateTime, TimeZone, Utc};
use guichet_domain::tickets::{Category, Merchant, Person, Sla, Status, TicketSummary, Urgency};

/// 13 January 2026 at `hour:min` UTC.
pub fn at(hour: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 13, hour, min, 0).unwrap()
}

/// A High bug filed at 08:00 and not yet answered, due a response at 12:00 and a resolution at
/// 23:00.
pub fn summary(status: Status) -> TicketSummary {
    let person = |n: &str| Person {
        id: n.into(),
        name: n.into(),
    };
    TicketSummary {
        id: "t1".into(),
        number: "EFB-SUPPORT-20260113-001".into(),
        category: Category::Bug,
        urgency: Urgency::High,
        status,
        subject: "Top-ups fail".into(),
        merchant: Merchant {
            id: "m1".into(),
            name: "Abidjan Shop".into(),
        },
        requester: person("Awa"),
        assignee: None,
        created_at: at(8, 0),
        updated_at: at(8, 0),
        sla: Sla {
            response_due: at(12, 0),
            resolution_due: at(23, 0),
            first_response_at: None,
            response_breached: false,
            resolution_breached: false,
            paused: false,
        },
        unread: false,
    }
}
