//! One folder per product area: its pages, its own components and its rules (`model.rs`).

pub mod audit;
pub mod auth;
pub mod balances;
pub mod desk;
pub mod developers;
pub mod home;
pub mod not_found;
pub mod payments;
pub mod payouts;
pub mod reports;
pub mod roles;
pub mod shell;
pub mod tickets;
pub mod users;
pub mod wizard;

#[cfg(test)]
mod tests {
    use crate::i18n::{lookup, Locale};

    /// The labels the features name through tables rather than literal calls (which the kit's
    /// scan of the sources checks) exist in every language.
    #[test]
    fn every_label_named_in_a_table_exists() {
        super::payments::texts::register();
        super::balances::texts::register();
        super::payouts::texts::register();
        super::reports::texts::register();
        super::developers::texts::register();
        super::wizard::texts::register();
        let mut keys: Vec<String> = Vec::new();
        keys.extend(super::wizard::model::Step::ALL.map(|s| s.label_key().to_owned()));
        keys.extend(super::shell::model::NAV_ENTRIES.map(|e| e.label_key.to_owned()));
        for link in super::home::model::QUICK_LINKS {
            keys.push(link.label_key.to_owned());
            keys.push(link.description_key.to_owned());
        }
        keys.extend(
            super::desk::model::STATUS_MOVES.map(|s| super::desk::model::move_key(s).to_owned()),
        );
        keys.extend(guichet_domain::tickets::RATINGS.map(|n| format!("ticket.rating.{n}")));
        {
            use guichet_domain::payments::{PurchaseSort, RefundStatus};
            let p = super::payments::model::Preset::ALL;
            keys.extend(p.map(|p| format!("purchases.period.{}", p.as_str())));
            keys.extend(PurchaseSort::ALL.map(|s| format!("purchases.sort.{}", s.as_str())));
            keys.extend(RefundStatus::ALL.map(|s| format!("refund.explain.{}", s.as_str())));
            keys.push(super::payments::model::AMOUNT_FORMAT.to_owned());
            keys.extend(["nav.to_decide.one", "nav.to_decide.other"].map(str::to_owned));
            keys.extend(["all_statuses", "all_methods"].map(|k| format!("purchases.filter.{k}")));
            keys.extend(["purchases.period.any", "purchases.period.custom"].map(str::to_owned));
        }
        keys.extend(super::balances::model::Line::ALL.map(|l| l.label_key()));
        keys.extend(
            [
                "balances.main",
                "balances.shop",
                "balances.reserve",
                "balances.owed",
            ]
            .into_iter()
            .flat_map(|k| [k.to_owned(), format!("{k}.hint")]),
        );
        keys.extend(
            [
                "settlement.purchases.count.one",
                "settlement.purchases.count.other",
            ]
            .map(str::to_owned),
        );
        for locale in Locale::ALL {
            let missing: Vec<_> = keys
                .iter()
                .filter(|k| lookup(locale, k).is_none())
                .collect();
            assert!(missing.is_empty(), "{locale:?} lacks {missing:?}");
        }
    }

    /// The wizard draws the merchant's navigation with the kit's words and its own alone (the
    /// console's areas add theirs in the console only), and says each link as the console does.
    #[test]
    fn the_wizard_names_every_link_of_the_navigation_as_the_console_does() {
        super::wizard::texts::register();
        let console: Vec<_> = [
            super::payments::texts::source,
            super::balances::texts::source,
            super::payouts::texts::source,
            super::reports::texts::source,
            super::developers::texts::source,
        ]
        .into_iter()
        .flat_map(|texts| Locale::ALL.map(|l| (l, crate::i18n::parse(texts(l)))))
        .collect();
        let mut keys: Vec<String> = super::shell::model::NAV_ENTRIES
            .map(|e| e.label_key.to_owned())
            .to_vec();
        keys.extend(["nav.to_decide.one", "nav.to_decide.other"].map(str::to_owned));
        for locale in Locale::ALL {
            for key in &keys {
                let ours = lookup(locale, key);
                assert!(ours.is_some(), "{locale:?} lacks {key}");
                for (_, texts) in console.iter().filter(|(l, _)| *l == locale) {
                    if let Some(theirs) = texts.get(key.as_str()) {
                        assert_eq!(ours, Some(*theirs), "{locale:?} {key}");
                    }
                }
            }
        }
    }

    /// Features never import one another: what two of them share belongs to the kit (a crate
    /// of its own, which cannot reach up) or to the domain. Each entry's binary composes them.
    #[test]
    fn no_feature_imports_another() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/features");
        let mut found = Vec::new();
        for area in std::fs::read_dir(&root).unwrap() {
            let area = area.unwrap().path();
            if !area.is_dir() {
                continue;
            }
            let name = area.file_name().unwrap().to_string_lossy().into_owned();
            for file in std::fs::read_dir(&area).unwrap() {
                let path = file.unwrap().path();
                let source = std::fs::read_to_string(&path).unwrap();
                for (at, _) in source.match_indices("features::") {
                    let other: String = source[at + "features::".len()..]
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                        .collect();
                    if other != name {
                        found.push(format!("{} uses features::{other}", path.display()));
                    }
                }
                if source.contains("super::super::") {
                    found.push(format!("{} reaches up with super::super", path.display()));
                }
            }
        }
        assert!(found.is_empty(), "{found:#?}");
    }
}
