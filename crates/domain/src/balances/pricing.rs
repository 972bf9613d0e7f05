//! What the provider charges a merchant: a fee by payment method, VAT on the fee at the
//! merchant country's rate, and a guarantee reserve.
//!
//! **Rounding, once for all**: a rate applied to an amount ([`Rate::of`]) is rounded to the
//! currency's minor unit (a whole franc in XOF, a cent in EUR), half away from zero, at the
//! moment it is applied: a purchase's fee, that fee's VAT, a day's reserve. Everything else is
//! a sum of amounts already rounded, so a report's lines add up to its totals to the unit, and
//! its totals to the settlements.

use serde::{Deserialize, Serialize};

use crate::payments::MethodKind;

/// A rate in basis points (hundredths of a percent): 150 is 1.5 %, 1 800 is 18 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Rate(pub u32);

impl Rate {
    /// A whole share: 10 000 basis points.
    pub const WHOLE: Rate = Rate(10_000);

    /// This share of `amount_minor`, rounded half away from zero to the minor unit.
    pub fn of(self, amount_minor: i64) -> i64 {
        let scaled = i128::from(amount_minor) * i128::from(self.0);
        let whole = i128::from(Self::WHOLE.0);
        let rounded = (scaled.abs() + whole / 2) / whole;
        let signed = if scaled < 0 { -rounded } else { rounded };
        i64::try_from(signed).expect("a share of an i64 amount at most 100 % fits an i64")
    }
}

/// A fee: a percentage of the amount plus a fixed part, e.g. 1.5 % + 100 XOF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Fee {
    pub percent: Rate,
    /// In the merchant currency's minor units.
    pub fixed_minor: i64,
}

impl Fee {
    /// The fee on a purchase of `amount_minor`: never more than the purchase itself.
    pub fn on(self, amount_minor: i64) -> i64 {
        (self.percent.of(amount_minor) + self.fixed_minor).clamp(0, amount_minor.max(0))
    }
}

/// A merchant's country, which sets the VAT on the provider's fees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Country {
    /// Côte d'Ivoire.
    #[serde(rename = "CI")]
    Ci,
    /// Senegal.
    #[serde(rename = "SN")]
    Sn,
    /// France.
    #[serde(rename = "FR")]
    Fr,
}

impl Country {
    pub const ALL: [Country; 3] = [Country::Ci, Country::Sn, Country::Fr];

    /// ISO 3166-1 alpha-2.
    pub fn code(self) -> &'static str {
        match self {
            Country::Ci => "CI",
            Country::Sn => "SN",
            Country::Fr => "FR",
        }
    }

    pub fn parse(code: &str) -> Option<Country> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// The standard VAT rate: 18 % in Côte d'Ivoire and Senegal, 20 % in France.
    pub const fn vat(self) -> Rate {
        match self {
            Country::Ci | Country::Sn => Rate(1_800),
            Country::Fr => Rate(2_000),
        }
    }
}

/// A merchant's pricing, as the provider's database holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pricing {
    pub card: Fee,
    pub mobile_money: Fee,
    /// VAT on the fees (the merchant country's rate).
    pub vat: Rate,
    /// The share of each settled day's sales held as the guarantee reserve.
    pub reserve: Rate,
    /// Calendar days a day's reserve is held before the next settlement releases it.
    pub reserve_days: u32,
}

/// What the provider takes from one purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Charge {
    pub fee: i64,
    pub vat: i64,
}

impl Pricing {
    /// The fee and its VAT on a completed purchase of `amount_minor` paid by `method`.
    pub fn charge(&self, method: MethodKind, amount_minor: i64) -> Charge {
        let fee = match method {
            MethodKind::Card => self.card,
            MethodKind::MobileMoney => self.mobile_money,
        }
        .on(amount_minor);
        Charge {
            fee,
            vat: self.vat.of(fee),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn abidjan() -> Pricing {
        Pricing {
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
            reserve_days: 7,
        }
    }

    #[test]
    fn mobile_money_in_xof_is_one_and_a_half_percent_plus_a_hundred_francs_with_vat() {
        // 1.5 % of 10 000 XOF is 150, plus 100: 250; 18 % of it is 45.
        assert_eq!(
            abidjan().charge(MethodKind::MobileMoney, 10_000),
            Charge { fee: 250, vat: 45 }
        );
        // 1.5 % of 1 234 XOF is 18.51 → 19, plus 100: 119; 18 % of it is 21.42 → 21.
        assert_eq!(
            abidjan().charge(MethodKind::MobileMoney, 1_234),
            Charge { fee: 119, vat: 21 }
        );
    }

    #[test]
    fn halves_round_away_from_zero_to_the_minor_unit() {
        // 1.5 % of 100 XOF is 1.5 → 2; 1.5 % of 300 is 4.5 → 5.
        assert_eq!(Rate(150).of(100), 2);
        assert_eq!(Rate(150).of(300), 5);
        assert_eq!(Rate(150).of(-100), -2);
        // EUR in cents: 1.4 % of €12.34 is 17.276 cents → 17; 20 % of 17 cents is 3.4 → 3.
        let paris = Fee {
            percent: Rate(140),
            fixed_minor: 25,
        };
        assert_eq!(paris.on(1_234), 17 + 25);
        assert_eq!(Country::Fr.vat().of(42), 8);
        // 20 % of 2.5 cents would be 0.5: a fee of 3 cents gives 0.6 → 1.
        assert_eq!(Country::Fr.vat().of(3), 1);
    }

    #[test]
    fn a_fee_is_never_more_than_the_purchase() {
        assert_eq!(abidjan().charge(MethodKind::MobileMoney, 50).fee, 50);
        assert_eq!(abidjan().charge(MethodKind::MobileMoney, 0).fee, 0);
    }

    #[test]
    fn countries_read_back_and_carry_their_vat() {
        for c in Country::ALL {
            assert_eq!(Country::parse(c.code()), Some(c));
        }
        assert_eq!(Country::Sn.vat(), Rate(1_800));
        assert_eq!(Country::parse("BJ"), None);
    }

    proptest! {
        #[test]
        fn a_share_is_within_half_a_unit_of_the_exact_one(amount in -1_000_000_000_000i64..1_000_000_000_000, bp in 0u32..=10_000) {
            let exact = amount as f64 * f64::from(bp) / 10_000.0;
            let got = Rate(bp).of(amount);
            prop_assert!((got as f64 - exact).abs() <= 0.5 + 1e-6);
            prop_assert!(got.abs() <= amount.abs());
        }
    }
}
