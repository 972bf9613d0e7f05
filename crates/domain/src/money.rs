//! Money is an integer number of minor units and a currency, never a float.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Currency {
    /// West African CFA franc: no minor unit.
    #[serde(rename = "XOF")]
    Xof,
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Xof => "XOF",
            Currency::Eur => "EUR",
        }
    }

    pub fn parse(code: &str) -> Option<Currency> {
        match code {
            "XOF" => Some(Currency::Xof),
            "EUR" => Some(Currency::Eur),
            _ => None,
        }
    }

    /// Digits after the decimal separator.
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Xof => 0,
            Currency::Eur => 2,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Money {
    pub amount_minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(amount_minor: i64, currency: Currency) -> Self {
        Money {
            amount_minor,
            currency,
        }
    }

    /// The amount as a plain decimal string, e.g. `1500.50` (EUR) or `150000` (XOF); the app
    /// formats it for the user's locale.
    pub fn decimal_string(self) -> String {
        let digits = self.currency.minor_digits();
        if digits == 0 {
            return self.amount_minor.to_string();
        }
        let scale = 10i64.pow(digits);
        let sign = if self.amount_minor < 0 { "-" } else { "" };
        let abs = self.amount_minor.unsigned_abs();
        let scale = scale as u64;
        format!(
            "{sign}{}.{:0width$}",
            abs / scale,
            abs % scale,
            width = digits as usize
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xof_has_no_minor_unit() {
        assert_eq!(
            Money::new(150_000, Currency::Xof).decimal_string(),
            "150000"
        );
    }

    #[test]
    fn eur_has_two_decimals() {
        assert_eq!(
            Money::new(150_050, Currency::Eur).decimal_string(),
            "1500.50"
        );
        assert_eq!(Money::new(-5, Currency::Eur).decimal_string(), "-0.05");
    }

    #[test]
    fn wire_shape() {
        let v = serde_json::to_value(Money::new(150_000, Currency::Xof)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"amount_minor": 150000, "currency": "XOF"})
        );
    }
}
