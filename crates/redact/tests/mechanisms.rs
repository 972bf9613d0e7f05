//! One example per detection mechanism added for the held-out families.

use guichet_redact::{redact, Policy};

fn out(s: &str) -> String {
    redact(s, &Policy::default()).text
}

#[test]
fn table_columns_named_in_a_header() {
    let t = out("ref;numero_compte;CVV;montant\nA1;391004147696;318;15 000\n");
    assert_eq!(
        t,
        "ref;numero_compte;CVV;montant\nA1;[BANK_ACCOUNT#1];[CVV#1];15 000\n"
    );
    // A column holding a full international number is a phone column.
    let t = out("Date\tClient\tMontant\n13/01\t+2250789614522\t500\n13/01\t0707123456\t700\n");
    assert!(!t.contains("0707123456"), "{t}");
}

#[test]
fn structured_values() {
    assert_eq!(
        out("<wsse:Password>Nd!2026#x</wsse:Password>"),
        "<wsse:Password>[PASSWORD#1]</wsse:Password>"
    );
    assert_eq!(out("$card->setCvc('123');"), "$card->setCvc('[CVV#1]');");
    assert_eq!(out("  'cvv' => '862',"), "  'cvv' => '[CVV#1]',");
    assert_eq!(
        out("db:5432:payments:app:S3cr3t!Pay"),
        "db:5432:payments:app:[PASSWORD#1]"
    );
    assert_eq!(
        out(r#"{"key": "password", "value": "Mdp@Abidjan2026"}"#),
        r#"{"key": "password", "value": "[PASSWORD#1]"}"#
    );
    assert_eq!(
        out("Password=W3b!Sh0p;Encrypt=True"),
        "Password=[PASSWORD#1];Encrypt=True"
    );
    assert_eq!(
        out("*880*1*22997001122*5000*0912#"),
        "*880*1*[PHONE#1]*5000*[PIN#1]#"
    );
}

#[test]
fn public_look_alikes_are_kept() {
    for s in [
        "signingkey = 3AA5C34371567BD2",
        "Postman-Token: c8afc821-2831-4504-987c-72a933909eb8",
        "client_id: Qb1tkhXzAYp7bHgE7GZJ3MzWcKaT8aF2",
        "integrity: sha512-x2klMRrrO1bs2uhrdmgA40ZJRH2rf13+SIFCsWEpQeAL9CSghTubktMzWmewVAtEFWSPIfQUALPwJCkyJOCLRA==",
        "STANCER_SECRET_KEY=sprod_xxxxxxxxxxxxxxxxxxxxxxxx",
        "FATAL: password authentication failed for user \"app_rw\"",
        "Access denied for user 'shop'@'10.0.3.12' (using password: YES) in /var/www/app/Db.php",
        "order_id = '2250707451122'",
        "header: { Authorization: auth }",
        "- Password reset e-mails were sent twice",
    ] {
        assert_eq!(out(s), s);
    }
}

#[test]
fn credentials_in_sentences() {
    assert_eq!(
        out("le mot de passe provisoire que vous\n>> m'avez envoyé ne fonctionne pas : Plateau@2026"),
        "le mot de passe provisoire que vous\n>> m'avez envoyé ne fonctionne pas : [PASSWORD#1]"
    );
    assert_eq!(
        out("Our verification secret is cd050aaab0fd639a1194ff36deb7ee13 (dashboard)."),
        "Our verification secret is [SECRET#1 ...ee13] (dashboard)."
    );
}

#[test]
fn second_blind_batch_mechanisms() {
    // Webhook URLs: the last segment is the credential, the ids are kept.
    let t = out(
        "notify: https://hooks.slack.com/services/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",
    );
    assert!(t.contains("/T02AB3CD4/B05EF6GH7/[SLACK_TOKEN#1"), "{t}");
    // Python prints form fields as one-string lists.
    let t = out("{'customer[phone]': ['770001122'], 'status': ['completed']}");
    assert!(!t.contains("770001122") && t.contains("completed"), "{t}");
    // National groupings, not bare digit runs (order numbers).
    assert!(!out("appelez le 05 44 87 21 09 svp").contains("87 21"));
    assert!(!out("Numero: 76 418 22 90").contains("418"));
    assert!(out("commande 0544872109 livree").contains("0544872109"));
    // A code in a sentence that says how it came, past amounts and durations.
    let t = out("Votre code de paiement pour 12 000 FCFA est 731904. Valable 5 min.");
    assert!(!t.contains("731904") && t.contains("12 000 FCFA"), "{t}");
    assert_eq!(out("error code 4012 returned"), "error code 4012 returned");
    // Once sent by SMS, the same code is hidden wherever it is quoted again.
    let t = out("SMS: votre code OTP est 604219\nclient: le 604219 ne marche pas");
    assert!(!t.contains("604219"), "{t}");
    // Public by nature: analytics cookies, CSP nonces, ETags, masked keys.
    let t = out("Cookie: _ga=GA1.1.998877665.1763790000; sid=Qm9uam91ckxlc1NlY3JldHM");
    assert!(
        t.contains("GA1.1.998877665") && !t.contains("Qm9uam91"),
        "{t}"
    );
    let t = out("script-src 'self' 'nonce-Zx8Kq2Lw9Pm4Rt6Vb1Nc3Df5=='");
    assert!(t.contains("nonce-Zx8Kq2"), "{t}");
    let t = out("etag: W/\"7f3-Hq9Zk2Lm4Np6Rs8Tv0Wx2Yz4\"");
    assert!(t.contains("Hq9Zk2"), "{t}");
    assert!(out("\"secret_key\": \"sprod_••••••••••••9Qa7\"").contains("••••"));
    // PowerShell's Format-List pads names.
    let t = out("password        : Tr0ub4dor&3x\nuser            : awa");
    assert!(!t.contains("Tr0ub4dor") && t.contains("awa"), "{t}");
}
