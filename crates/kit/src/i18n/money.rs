//! Amounts in the user's language, never through a float: the browser's `Intl.NumberFormat`
//! formats the exact decimal string (it takes strings as decimals, so 0.1 + 0.2 never shows),
//! and knows that XOF has no minor unit. Natively, or without `Intl`, digits are grouped by hand.

use guichet_domain::Money;
use wasm_bindgen::JsValue;

use super::{group_digits, Locale};

/// « 150 000 F CFA », "€1,500.50".
pub fn format_money(money: Money, locale: Locale) -> String {
    intl_format(money, locale).unwrap_or_else(|| fallback(money, locale))
}

/// "1,500.50 EUR", « 1 500,50 EUR »: exact, and clear in every language.
pub fn fallback(money: Money, locale: Locale) -> String {
    let decimal = money.decimal_string();
    let (sign, digits) = match decimal.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", decimal.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let point = match locale {
        Locale::En => ".",
        Locale::Fr => ",",
    };
    let mut out = format!("{sign}{}", group_digits(whole, locale));
    if !fraction.is_empty() {
        out.push_str(point);
        out.push_str(fraction);
    }
    out.push('\u{a0}');
    out.push_str(money.currency.code());
    out
}

/// « 3,6 M F CFA », "€4.2K": an amount rounded to two significant digits, for a chart's axis.
/// Natively, or without `Intl`, the exact [`fallback`].
pub fn format_money_compact(money: Money, locale: Locale) -> String {
    let options = [
        ("style", "currency"),
        ("currency", money.currency.code()),
        ("notation", "compact"),
    ];
    super::intl::format("NumberFormat", locale.tag(), &options, || {
        JsValue::from_str(&money.decimal_string())
    })
    .unwrap_or_else(|| fallback(money, locale))
}

fn intl_format(money: Money, locale: Locale) -> Option<String> {
    let options = [("style", "currency"), ("currency", money.currency.code())];
    super::intl::format("NumberFormat", locale.tag(), &options, || {
        JsValue::from_str(&money.decimal_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use guichet_domain::Currency;

    #[test]
    fn amounts_are_exact_and_grouped() {
        let eur = Money::new(150_050, Currency::Eur);
        assert_eq!(fallback(eur, Locale::En), "1,500.50\u{a0}EUR");
        assert_eq!(fallback(eur, Locale::Fr), "1\u{202f}500,50\u{a0}EUR");
        let xof = Money::new(1_250_000, Currency::Xof);
        assert_eq!(
            fallback(xof, Locale::Fr),
            "1\u{202f}250\u{202f}000\u{a0}XOF"
        );
        assert_eq!(
            fallback(Money::new(-5, Currency::Eur), Locale::En),
            "-0.05\u{a0}EUR"
        );
        // Past what an f64 holds exactly.
        let huge = Money::new(9_007_199_254_740_993, Currency::Eur);
        assert_eq!(fallback(huge, Locale::En), "90,071,992,547,409.93\u{a0}EUR");
    }
}
