//! Compressed copies of the built app, made once at build time: next to each text file of
//! `dist/`, a `.br` and a `.gz` that the server sends as they are, so no request ever pays for
//! compression at the highest levels.

use std::io::Write;
use std::path::Path;

use crate::cmd::Result;

/// What compresses well; images and fonts are compressed already.
const COMPRESSIBLE: &[&str] = &[
    "wasm",
    "js",
    "css",
    "html",
    "svg",
    "json",
    "txt",
    "webmanifest",
];

/// Writes `NAME.br` and `NAME.gz` beside every compressible file under `dir`, replacing any
/// left by an earlier build.
pub fn precompress(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (suffix, compressed) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
            let mut name = path.clone().into_os_string();
            name.push(".");
            name.push(suffix);
            std::fs::write(&name, compressed)
                .map_err(|e| format!("{}: {e}", Path::new(&name).display()))?;
        }
    }
    Ok(())
}

/// Gzip at level 9, for browsers without brotli.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(bytes).expect("in memory");
    enc.finish().expect("in memory")
}

/// Brotli at quality 11 with the largest window browsers decode (24 bits, 16 MiB): the
/// smallest output brotli makes, with matches reaching back across a whole large wasm.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in memory");
    out
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn unbrotli(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        brotli::BrotliDecompress(&mut &bytes[..], &mut out).expect("brotli");
        out
    }

    fn ungzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut out)
            .expect("gzip");
        out
    }

    #[test]
    fn text_files_get_both_copies_and_images_none() {
        let dist = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        std::fs::create_dir_all(dist.join("icons")).unwrap();
        let js = "export function start() { console.log('Guichet'); }\n".repeat(50);
        std::fs::write(dist.join("guichet-0123456789abcdef.js"), &js).unwrap();
        std::fs::write(dist.join("icons/app.svg"), "<svg></svg>").unwrap();
        std::fs::write(dist.join("photo.png"), b"\x89PNG").unwrap();

        precompress(&dist).unwrap();
        // A second run replaces the copies and never compresses a copy.
        precompress(&dist).unwrap();

        let read = |name: &str| std::fs::read(dist.join(name)).unwrap();
        let br = read("guichet-0123456789abcdef.js.br");
        assert!(br.len() < js.len());
        assert_eq!(unbrotli(&br), js.as_bytes());
        assert_eq!(
            ungzip(&read("guichet-0123456789abcdef.js.gz")),
            js.as_bytes()
        );
        assert_eq!(unbrotli(&read("icons/app.svg.br")), b"<svg></svg>");
        let mut names: Vec<String> = std::fs::read_dir(&dist)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "guichet-0123456789abcdef.js",
                "guichet-0123456789abcdef.js.br",
                "guichet-0123456789abcdef.js.gz",
                "icons",
                "photo.png",
            ]
        );
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
