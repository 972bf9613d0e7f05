fn main() {
    let mib = 1 << 20;
    let inputs = [
        ("=", "=".repeat(mib)), (":", ":".repeat(mib)), ("4", "4".repeat(mib)), ("4242 ", "4242 ".repeat(mib / 5)),
        ("[{", "[".repeat(mib / 4) + &"{\"a\":".repeat(mib / 16)), ("\"password\":\"", "\"password\":\"".repeat(mib / 16)),
        ("password=", "password=".repeat(mib / 16)), ("BEGIN PK", "-----BEGIN PRIVATE KEY-----\n".repeat(mib / 32)),
        ("BEGIN CERT", "-----BEGIN CERTIFICATE-----".repeat(mib / 32)), ("eyJ", "eyJ".repeat(mib / 3)), ("Bearer", "Bearer ".repeat(mib / 8)),
        ("url", "https://a:b@".repeat(mib / 16)), ("a", "a".repeat(mib)), ("é", "é".repeat(mib / 2)), ("\"", "\"".repeat(mib)),
        ("\\\"", "\\\"".repeat(mib / 2)), ("+225", "+225".repeat(mib / 4)), ("CI93", "CI93".repeat(mib / 4)), ("pin ", "pin ".repeat(mib / 4)),
    ];
    for (n, i) in &inputs {
        let t = std::time::Instant::now();
        let out = guichet_redact::redact(i, &guichet_redact::Policy::default());
        println!("{n:12} {:?} {}", t.elapsed(), out.findings.len());
    }
}
