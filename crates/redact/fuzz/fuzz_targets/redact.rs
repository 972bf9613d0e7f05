#![no_main]

use guichet_redact::{redact, Policy};
use libfuzzer_sys::fuzz_target;

// The invariants of tests/properties.rs, on whatever libFuzzer invents.
fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let out = redact(input, &Policy::default());
    let mut at = 0;
    let mut rebuilt = String::new();
    for f in &out.findings {
        assert!(f.range.start >= at && f.range.start < f.range.end);
        rebuilt.push_str(&input[at..f.range.start]);
        rebuilt.push_str(&f.placeholder);
        at = f.range.end;
    }
    rebuilt.push_str(&input[at..]);
    assert_eq!(rebuilt, out.text);
});
