//! The ledger's accounts, the movements between them, and a business day's settlement.
//!
//! Every movement is a set of entries summing to zero. Amounts are signed from the merchant's
//! side: a positive balance is money the provider holds for the merchant.
//!
//! | movement | entries |
//! |---|---|
//! | a purchase completes | operator −gross, shop +gross |
//! | a refund completes | operator +amount, owed −amount |
//! | a business day's settlement | shop −gross, fees +fees, vat +VAT, owed +(refunds + carried in) −carried out, reserve +held −released, main +net |
//! | a payout is paid | main −amount, operator +amount |

use serde::{Deserialize, Serialize};

use super::pricing::Rate;

/// A ledger account of a merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    /// Completed sales not settled yet.
    Shop,
    /// Settled money, which payouts are paid from.
    Main,
    /// The guarantee reserve, held from each settlement for a number of days.
    Reserve,
    /// What the merchant owes: refunds paid to customers and deficits, deducted by the next
    /// settlements. Never above zero.
    Owed,
    /// The provider's fees, and the VAT on them it collects.
    Fees,
    Vat,
    /// The outside world: the payment operators that collect purchases and pay refunds and
    /// payouts.
    Operator,
}

impl Account {
    pub const ALL: [Account; 7] = [
        Account::Shop,
        Account::Main,
        Account::Reserve,
        Account::Owed,
        Account::Fees,
        Account::Vat,
        Account::Operator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Account::Shop => "shop",
            Account::Main => "main",
            Account::Reserve => "reserve",
            Account::Owed => "owed",
            Account::Fees => "fees",
            Account::Vat => "vat",
            Account::Operator => "operator",
        }
    }

    pub fn parse(s: &str) -> Option<Account> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// What a settlement starts from, in the merchant currency's minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SettlementInput {
    /// The completed sales of the days settled, and the fees and VAT on each, summed.
    pub gross: i64,
    pub fees: i64,
    pub vat: i64,
    /// Refunds completed over those days.
    pub refunds: i64,
    /// Deficits earlier settlements could not take (the rest of the owed account).
    pub carried_in: i64,
    /// Reserve held by earlier settlements whose days are over.
    pub reserve_released: i64,
    /// The main account before this settlement.
    pub main_before: i64,
}

/// A settlement, line by line, as the merchant reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlementLines {
    pub gross: i64,
    pub fees: i64,
    pub vat: i64,
    pub refunds: i64,
    /// What earlier settlements could not deduct.
    pub carried_in: i64,
    pub reserve_held: i64,
    pub reserve_released: i64,
    /// What the main account receives; negative when deductions exceed the day's sales (never
    /// more than the main account holds).
    pub net: i64,
    /// What is left to deduct from the next settlements.
    pub carried_out: i64,
}

impl SettlementLines {
    /// Settles: the gross less fees, VAT, refunds and what was carried, less the reserve
    /// held on the gross, plus the reserve released. What the main account cannot cover is
    /// carried to the next settlement, so no balance goes below zero.
    pub fn settle(input: SettlementInput, reserve: Rate) -> Self {
        let reserve_held = reserve.of(input.gross.max(0));
        let due =
            input.gross - input.fees - input.vat - input.refunds - input.carried_in - reserve_held
                + input.reserve_released;
        let net = due.max(-input.main_before.max(0));
        SettlementLines {
            gross: input.gross,
            fees: input.fees,
            vat: input.vat,
            refunds: input.refunds,
            carried_in: input.carried_in,
            reserve_held,
            reserve_released: input.reserve_released,
            net,
            carried_out: net - due,
        }
    }

    /// The settlement's ledger entries, summing to zero.
    pub fn entries(&self) -> [(Account, i64); 6] {
        [
            (Account::Shop, -self.gross),
            (Account::Fees, self.fees),
            (Account::Vat, self.vat),
            (
                Account::Owed,
                self.refunds + self.carried_in - self.carried_out,
            ),
            (Account::Reserve, self.reserve_held - self.reserve_released),
            (Account::Main, self.net),
        ]
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::balances::pricing::{Country, Fee, Pricing};
    use crate::payments::MethodKind;
    use proptest::prelude::*;

    fn pricing() -> Pricing {
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
            reserve: Rate(1_000),
            reserve_days: 3,
        }
    }

    #[test]
    fn a_day_settles_line_by_line() {
        let lines = SettlementLines::settle(
            SettlementInput {
                gross: 100_000,
                fees: 1_600,
                vat: 288,
                refunds: 5_000,
                carried_in: 0,
                reserve_released: 2_000,
                main_before: 0,
            },
            Rate(1_000),
        );
        assert_eq!(lines.reserve_held, 10_000);
        assert_eq!(lines.net, 100_000 - 1_600 - 288 - 5_000 - 10_000 + 2_000);
        assert_eq!(lines.carried_out, 0);
        assert_eq!(lines.entries().iter().map(|(_, a)| a).sum::<i64>(), 0);
    }

    #[test]
    fn refunds_beyond_the_sales_and_the_main_balance_are_carried() {
        let lines = SettlementLines::settle(
            SettlementInput {
                gross: 1_000,
                refunds: 5_000,
                main_before: 2_500,
                ..Default::default()
            },
            Rate(1_000),
        );
        // 1 000 − 5 000 − 100 held = −4 100: the main account gives its 2 500, 1 600 waits.
        assert_eq!(lines.net, -2_500);
        assert_eq!(lines.carried_out, 1_600);
        assert_eq!(lines.entries().iter().map(|(_, a)| a).sum::<i64>(), 0);
    }

    /// One day of a merchant's life in the property test below.
    #[derive(Debug, Clone)]
    struct Day {
        sales: Vec<(bool, i64)>,
        refunds: Vec<i64>,
        payout: i64,
    }

    fn day() -> impl Strategy<Value = Day> {
        (
            prop::collection::vec((any::<bool>(), 1i64..2_000_000), 0..20),
            prop::collection::vec(1i64..500_000, 0..4),
            0i64..3_000_000,
        )
            .prop_map(|(sales, refunds, payout)| Day {
                sales,
                refunds,
                payout,
            })
    }

    proptest! {
        /// Days of sales, refunds, settlements and payouts, written to a ledger as the server
        /// writes them: every movement sums to zero, no merchant balance goes below zero (and
        /// the owed account never above), and the main account is the settlements' nets less
        /// the payouts.
        #[test]
        fn settlements_and_balances_are_the_ledger(days in prop::collection::vec(day(), 1..30)) {
            let pricing = pricing();
            let mut ledger: BTreeMap<Account, i64> = BTreeMap::new();
            let mut post = |entries: &[(Account, i64)]| {
                assert_eq!(entries.iter().map(|(_, a)| a).sum::<i64>(), 0, "{entries:?}");
                for (account, amount) in entries {
                    *ledger.entry(*account).or_default() += amount;
                }
                ledger.clone()
            };
            let mut held: Vec<(usize, i64)> = Vec::new();
            let (mut nets, mut paid) = (0i64, 0i64);
            for (n, day) in days.iter().enumerate() {
                let (mut gross, mut fees, mut vat) = (0, 0, 0);
                for &(card, amount) in &day.sales {
                    post(&[(Account::Operator, -amount), (Account::Shop, amount)]);
                    let method = if card { MethodKind::Card } else { MethodKind::MobileMoney };
                    let charge = pricing.charge(method, amount);
                    gross += amount;
                    fees += charge.fee;
                    vat += charge.vat;
                }
                for &refund in &day.refunds {
                    post(&[(Account::Operator, refund), (Account::Owed, -refund)]);
                }
                let before = post(&[]);
                let balance = |account| before.get(&account).copied().unwrap_or(0);
                let (owed, main_before) = (-balance(Account::Owed), balance(Account::Main));
                let refunds: i64 = day.refunds.iter().sum();
                let over = |d: usize| d + pricing.reserve_days as usize <= n;
                let released: i64 = held.iter().filter(|(d, _)| over(*d)).map(|(_, a)| a).sum();
                held.retain(|(d, _)| !over(*d));
                let lines = SettlementLines::settle(SettlementInput {
                    gross, fees, vat, refunds,
                    carried_in: owed - refunds,
                    reserve_released: released,
                    main_before,
                }, pricing.reserve);
                held.push((n, lines.reserve_held));
                nets += lines.net;
                let after = post(&lines.entries());
                // A payout of at most what the main account holds.
                let payout = day.payout.min(after[&Account::Main]).max(0);
                let after = post(&[(Account::Main, -payout), (Account::Operator, payout)]);
                paid += payout;
                for account in [Account::Shop, Account::Main, Account::Reserve] {
                    prop_assert!(after.get(&account).copied().unwrap_or(0) >= 0, "{account:?} {after:?}");
                }
                prop_assert!(after.get(&Account::Owed).copied().unwrap_or(0) <= 0);
                prop_assert_eq!(after.get(&Account::Shop).copied().unwrap_or(0), 0, "a settled day leaves nothing in the shop");
                prop_assert_eq!(after[&Account::Main], nets - paid);
                prop_assert_eq!(-after.get(&Account::Owed).copied().unwrap_or(0), lines.carried_out);
                prop_assert_eq!(after.get(&Account::Reserve).copied().unwrap_or(0), held.iter().map(|(_, a)| a).sum::<i64>());
                prop_assert_eq!(after.values().sum::<i64>(), 0);
            }
        }
    }
}
