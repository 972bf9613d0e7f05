//! The demo's purchases: a deterministic generator (the same shop, count and day give the same
//! purchases) of a shop's last 120 days, with the hours, amounts, instruments and statuses its
//! trade would have. Abidjan Shop is paid in XOF, mostly by mobile money; Paris Shop in EUR,
//! mostly by card.

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;
use guichet_domain::balances::{Country, Fee, Pricing, Rate};
use guichet_domain::payments::{MethodKind, PurchaseStatus};
use guichet_domain::{Currency, PurchaseId};

use crate::store::purchases::NewPurchase;

/// The days the demo's purchases cover, up to now.
pub const DAYS: i64 = 120;

/// What a shop's trade looks like.
pub struct Trade {
    pub currency: Currency,
    /// Where the merchant is (its VAT and public holidays), and what the provider charges it.
    pub country: Country,
    pub pricing: Pricing,
    pub zone: Tz,
    /// The references' prefix, e.g. `ABJ` for `ABJ-1000042`.
    pub prefix: &'static str,
    pub shops: &'static [&'static str],
    /// (kind, brand, weight).
    pub methods: &'static [(MethodKind, &'static str, u32)],
    /// The customers' country code, for masked mobile-money numbers.
    pub dialling: &'static str,
    pub first_names: &'static [&'static str],
    pub last_names: &'static [&'static str],
    /// The usual basket, in minor units: amounts spread around it (log-normal-like).
    pub median_minor: i64,
    /// What amounts round to, in minor units (XOF: 50 F; EUR: a cent).
    pub step_minor: i64,
}

pub const ABIDJAN: Trade = Trade {
    currency: Currency::Xof,
    country: Country::Ci,
    // 2.5 % on cards, 1.5 % + 100 F on mobile money, 18 % VAT; 5 % held for 14 days.
    pricing: Pricing {
        card: Fee {
            percent: Rate(250),
            fixed_minor: 0,
        },
        mobile_money: Fee {
            percent: Rate(150),
            fixed_minor: 100,
        },
        vat: Country::Ci.vat(),
        reserve: Rate(500),
        reserve_days: 14,
    },
    zone: chrono_tz::Africa::Abidjan,
    prefix: "ABJ",
    shops: &[
        "Abidjan Shop Cocody",
        "Abidjan Shop Plateau",
        "Abidjan Shop en ligne",
    ],
    methods: &[
        (MethodKind::MobileMoney, "Orange Money", 40),
        (MethodKind::MobileMoney, "MTN MoMo", 22),
        (MethodKind::MobileMoney, "Wave", 18),
        (MethodKind::MobileMoney, "Moov Money", 6),
        (MethodKind::Card, "Visa", 9),
        (MethodKind::Card, "Mastercard", 5),
    ],
    dialling: "+225",
    first_names: &[
        "Awa",
        "Koffi",
        "Aminata",
        "Yao",
        "Fatou",
        "Moussa",
        "Adjoua",
        "Ibrahim",
        "Mariam",
        "Kouamé",
        "Salimata",
        "Jean-Marc",
    ],
    last_names: &[
        "Koné",
        "Traoré",
        "Kouassi",
        "Bamba",
        "Ouattara",
        "Yao",
        "Diabaté",
        "N'Guessan",
        "Coulibaly",
        "Touré",
    ],
    median_minor: 12_500,
    step_minor: 50,
};

pub const PARIS: Trade = Trade {
    currency: Currency::Eur,
    country: Country::Fr,
    // 1.4 % + €0.25 on cards, 1.5 % on mobile money, 20 % VAT; 5 % held for 14 days.
    pricing: Pricing {
        card: Fee {
            percent: Rate(140),
            fixed_minor: 25,
        },
        mobile_money: Fee {
            percent: Rate(150),
            fixed_minor: 0,
        },
        vat: Country::Fr.vat(),
        reserve: Rate(500),
        reserve_days: 14,
    },
    zone: chrono_tz::Europe::Paris,
    prefix: "PAR",
    shops: &["Paris Shop Marais", "Paris Shop en ligne"],
    methods: &[
        (MethodKind::Card, "Visa", 52),
        (MethodKind::Card, "Mastercard", 33),
        (MethodKind::Card, "American Express", 7),
        (MethodKind::MobileMoney, "Orange Money", 5),
        (MethodKind::MobileMoney, "Wave", 3),
    ],
    dialling: "+221",
    first_names: &[
        "Camille", "Lucas", "Chloé", "Hugo", "Léa", "Louis", "Manon", "Nathan", "Inès", "Gabriel",
        "Awa", "Mamadou",
    ],
    last_names: &[
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Petit", "Durand", "Leroy", "Diallo",
        "Ndiaye",
    ],
    median_minor: 4_590,
    step_minor: 1,
};

/// How busy each local hour is (a shop's day: quiet at night, peaks at lunch and after work).
const HOURS: [u32; 24] = [
    1, 1, 1, 1, 1, 2, 4, 8, 14, 18, 22, 26, 28, 24, 20, 18, 20, 26, 30, 28, 20, 12, 6, 3,
];

/// A small deterministic generator (SplitMix64): the demo must be the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index drawn by `weights`.
    fn weighted(&mut self, weights: impl Iterator<Item = u32> + Clone) -> usize {
        let total: u32 = weights.clone().sum();
        let mut draw = self.below(total.into()) as u32;
        for (i, w) in weights.enumerate() {
            if draw < w {
                return i;
            }
            draw -= w;
        }
        0
    }
}

/// `count` purchases of `trade`'s shop over the [`DAYS`] before `now`, oldest first, their
/// references numbered in that order.
pub fn generate(trade: &Trade, count: usize, now: DateTime<Utc>) -> Vec<NewPurchase> {
    let mut rng = Rng(trade
        .prefix
        .bytes()
        .fold(0x5EED, |s, b| s * 31 + u64::from(b)));
    let start = now - Duration::days(DAYS);
    let mut draw = || {
        let day = start + Duration::days(rng.below(DAYS as u64 + 1) as i64);
        let local = day.with_timezone(&trade.zone);
        let hour = rng.weighted(HOURS.iter().copied()) as u32;
        let second = rng.below(3600) as u32;
        local
            .with_hour(hour)
            .and_then(|t| t.with_minute(second / 60))
            .and_then(|t| t.with_second(second % 60))
            .map_or(day, |t| t.with_timezone(&Utc))
    };
    // Today's hours not yet come are drawn again: nothing is in the future.
    let mut times: Vec<DateTime<Utc>> = (0..count)
        .map(|_| {
            std::iter::repeat_with(&mut draw)
                .find(|at| *at < now)
                .unwrap_or(start)
        })
        .collect();
    times.sort();
    times
        .into_iter()
        .enumerate()
        .map(|(n, created_at)| purchase(trade, &mut rng, n, created_at, now))
        .collect()
}

fn purchase(
    trade: &Trade,
    rng: &mut Rng,
    n: usize,
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> NewPurchase {
    let (kind, brand, _) = trade.methods[rng.weighted(trade.methods.iter().map(|m| m.2))];
    let masked = match kind {
        MethodKind::Card => format!("•••• {:04}", rng.below(10_000)),
        MethodKind::MobileMoney if trade.dialling == "+225" => format!(
            "+225 0{} •• •• {:02} {:02}",
            rng.pick(&[1, 5, 7]),
            rng.below(100),
            rng.below(100)
        ),
        MethodKind::MobileMoney => format!(
            "{} 7{} ••• {:02} {:02}",
            trade.dialling,
            rng.pick(&[0, 6, 7, 8]),
            rng.below(100),
            rng.below(100)
        ),
    };
    // Log-normal around the median (σ 0.9): a normal drawn as the sum of six uniforms (σ √½).
    let normal: f64 = (0..6).map(|_| rng.unit()).sum::<f64>() - 3.0;
    let amount = (trade.median_minor as f64 * (normal * 0.9 / 0.707).exp()) as i64;
    let amount = (amount / trade.step_minor).max(1) * trade.step_minor;
    let recent = now - created_at < Duration::days(2);
    let draw = rng.below(100);
    let status = if recent && draw < 12 {
        PurchaseStatus::Pending
    } else if draw >= 96 {
        PurchaseStatus::Cancelled
    } else {
        PurchaseStatus::Completed
    };
    let authorised_at = created_at + Duration::seconds(rng.below(25) as i64 + 2);
    let settled_at = authorised_at + Duration::seconds(rng.below(60) as i64 + 1);
    NewPurchase {
        id: PurchaseId::from(uuid_from(rng)),
        reference: format!("{}-{}", trade.prefix, 1_000_000 + n),
        created_at,
        authorised_at: (status != PurchaseStatus::Cancelled || rng.below(2) == 0)
            .then_some(authorised_at),
        settled_at: (status != PurchaseStatus::Pending).then_some(settled_at),
        amount_minor: amount,
        currency: trade.currency,
        status,
        method_kind: kind,
        method_brand: brand,
        method_masked: masked,
        customer: format!(
            "{} {}.",
            rng.pick(trade.first_names),
            rng.pick(trade.last_names).chars().next().unwrap_or('X')
        ),
        shop: trade.shops[rng.below(trade.shops.len() as u64) as usize],
    }
}

/// A UUID-shaped id from the generator, so that ids too are the same on every run.
fn uuid_from(rng: &mut Rng) -> String {
    let bytes = (u128::from(rng.next()) << 64 | u128::from(rng.next())).to_be_bytes();
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_same_day_gives_the_same_purchases() {
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let a = generate(&ABIDJAN, 500, now);
        let b = generate(&ABIDJAN, 500, now);
        assert_eq!(a.len(), 500);
        assert!(a.iter().zip(&b).all(|(x, y)| x.id == y.id
            && x.amount_minor == y.amount_minor
            && x.created_at == y.created_at));
    }

    #[test]
    fn purchases_look_like_the_trade() {
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let all = generate(&PARIS, 5_000, now);
        let first = all.first().unwrap().created_at;
        assert!(first >= now - Duration::days(DAYS) - Duration::days(1));
        assert!(all.iter().all(|p| p.created_at < now && p.amount_minor > 0));
        assert!(all.windows(2).all(|w| w[0].created_at <= w[1].created_at));
        let share = |f: &dyn Fn(&NewPurchase) -> bool| {
            all.iter().filter(|p| f(p)).count() * 100 / all.len()
        };
        assert!(share(&|p| p.method_kind == MethodKind::Card) > 80);
        let cancelled = share(&|p| p.status == PurchaseStatus::Cancelled);
        assert!((2..=6).contains(&cancelled), "{cancelled}");
        assert!(all.iter().any(|p| p.status == PurchaseStatus::Pending));
        let night = share(&|p| p.created_at.with_timezone(&PARIS.zone).hour() < 6);
        assert!(night < 5, "{night}");
        let mut refs: Vec<_> = all.iter().map(|p| &p.reference).collect();
        refs.dedup();
        assert_eq!(refs.len(), all.len());
    }
}
