//! One stylesheet per entry: each `style/entries/NAME.css` lists the entry's stylesheets as
//! `@import` lines (plain CSS, readable as it is); this inlines them, in order, into
//! `style/bundle/NAME.css`, which the entry's HTML links and Trunk minifies and hashes. Trunk
//! runs it before every build (a `pre_build` hook), so `trunk serve` stays in step too.

use std::path::Path;

use crate::cmd::{root, Result};

pub fn bundle_all() -> Result<()> {
    let entries = root().join("style/entries");
    let out_dir = root().join("style/bundle");
    std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    let listing = std::fs::read_dir(&entries).map_err(|e| format!("{}: {e}", entries.display()))?;
    for entry in listing {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|e| e == "css") {
            let bundled = bundle(&path)?;
            let name = path.file_name().expect("a file");
            std::fs::write(out_dir.join(name), bundled).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// The file with each `@import "path";` line replaced by that file (bundled in turn), read
/// relative to it.
fn bundle(path: &Path) -> Result<String> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let dir = path.parent().expect("a file has a folder");
    let mut out = String::with_capacity(source.len() * 8);
    for line in source.lines() {
        match import_of(line) {
            Some(file) => {
                // A list imported in turn imports relative to itself.
                let css = bundle(&dir.join(file))
                    .map_err(|e| format!("{} imports {file}: {e}", path.display()))?;
                out.push_str(&format!("/* {file} */\n"));
                out.push_str(&css);
                if !css.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// `@import "../tokens.css";` gives `../tokens.css`.
fn import_of(line: &str) -> Option<&str> {
    let rest = line.trim().strip_prefix("@import")?.trim();
    let rest = rest.strip_suffix(';')?.trim();
    rest.strip_prefix('"')?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_are_inlined_in_order() {
        let dir = std::env::temp_dir().join(format!("guichet-css-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("entries")).unwrap();
        std::fs::write(dir.join("a.css"), ".a { color: red; }").unwrap();
        std::fs::write(dir.join("b.css"), ".b { color: blue; }\n").unwrap();
        let entry = dir.join("entries/x.css");
        std::fs::write(
            &entry,
            "/* x */\n@import \"../a.css\";\n@import \"../b.css\";\n",
        )
        .unwrap();
        let out = bundle(&entry).unwrap();
        let (a, b) = (out.find(".a {").unwrap(), out.find(".b {").unwrap());
        assert!(a < b, "{out}");
        assert!(!out.contains("@import"), "{out}");
        assert!(bundle(&dir.join("entries/missing.css")).is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn only_plain_imports_are_taken() {
        assert_eq!(import_of("@import \"../a.css\";"), Some("../a.css"));
        assert_eq!(import_of("  @import \"b.css\" ;"), Some("b.css"));
        assert_eq!(import_of(".a { color: red; }"), None);
        assert_eq!(import_of("@import url(x.css);"), None);
    }
}
