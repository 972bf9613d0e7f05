/// What a finding is. Provider kinds come from each provider's documented key
/// format; the generic ones from structure (key names, headers) or validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Card,
    Iban,
    /// Account numbers and bank codes under a sensitive key name.
    BankAccount,
    Jwt,
    Bearer,
    BasicAuth,
    Password,
    Pin,
    Otp,
    Cvv,
    PrivateKey,
    Phone,
    /// The value of a sensitive key whose shape is not otherwise known.
    Secret,
    /// A long high-entropy token with no other evidence.
    Token,
    StancerSecretKey,
    StancerPublicKey,
    StripeSecretKey,
    StripeRestrictedKey,
    StripePublishableKey,
    StripeWebhookSecret,
    PaystackSecretKey,
    PaystackPublicKey,
    FlutterwaveSecretKey,
    FlutterwavePublicKey,
    WaveApiKey,
    BraintreeAccessToken,
    PaypalAccessToken,
    GithubToken,
    GitlabToken,
    AwsAccessKeyId,
    SlackToken,
    GoogleApiKey,
    NpmToken,
    SendgridApiKey,
    TelegramBotToken,
}

impl Kind {
    pub const ALL: [Self; 35] = [
        Self::Card,
        Self::Iban,
        Self::BankAccount,
        Self::Jwt,
        Self::Bearer,
        Self::BasicAuth,
        Self::Password,
        Self::Pin,
        Self::Otp,
        Self::Cvv,
        Self::PrivateKey,
        Self::Phone,
        Self::Secret,
        Self::Token,
        Self::StancerSecretKey,
        Self::StancerPublicKey,
        Self::StripeSecretKey,
        Self::StripeRestrictedKey,
        Self::StripePublishableKey,
        Self::StripeWebhookSecret,
        Self::PaystackSecretKey,
        Self::PaystackPublicKey,
        Self::FlutterwaveSecretKey,
        Self::FlutterwavePublicKey,
        Self::WaveApiKey,
        Self::BraintreeAccessToken,
        Self::PaypalAccessToken,
        Self::GithubToken,
        Self::GitlabToken,
        Self::AwsAccessKeyId,
        Self::SlackToken,
        Self::GoogleApiKey,
        Self::NpmToken,
        Self::SendgridApiKey,
        Self::TelegramBotToken,
    ];

    /// The name written in placeholders and reports.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Card => "CARD",
            Self::Iban => "IBAN",
            Self::BankAccount => "BANK_ACCOUNT",
            Self::Jwt => "JWT",
            Self::Bearer => "BEARER",
            Self::BasicAuth => "BASIC_AUTH",
            Self::Password => "PASSWORD",
            Self::Pin => "PIN",
            Self::Otp => "OTP",
            Self::Cvv => "CVV",
            Self::PrivateKey => "PRIVATE_KEY",
            Self::Phone => "PHONE",
            Self::Secret => "SECRET",
            Self::Token => "TOKEN",
            Self::StancerSecretKey => "STANCER_SECRET_KEY",
            Self::StancerPublicKey => "STANCER_PUBLIC_KEY",
            Self::StripeSecretKey => "STRIPE_SECRET_KEY",
            Self::StripeRestrictedKey => "STRIPE_RESTRICTED_KEY",
            Self::StripePublishableKey => "STRIPE_PUBLISHABLE_KEY",
            Self::StripeWebhookSecret => "STRIPE_WEBHOOK_SECRET",
            Self::PaystackSecretKey => "PAYSTACK_SECRET_KEY",
            Self::PaystackPublicKey => "PAYSTACK_PUBLIC_KEY",
            Self::FlutterwaveSecretKey => "FLUTTERWAVE_SECRET_KEY",
            Self::FlutterwavePublicKey => "FLUTTERWAVE_PUBLIC_KEY",
            Self::WaveApiKey => "WAVE_API_KEY",
            Self::BraintreeAccessToken => "BRAINTREE_ACCESS_TOKEN",
            Self::PaypalAccessToken => "PAYPAL_ACCESS_TOKEN",
            Self::GithubToken => "GITHUB_TOKEN",
            Self::GitlabToken => "GITLAB_TOKEN",
            Self::AwsAccessKeyId => "AWS_ACCESS_KEY_ID",
            Self::SlackToken => "SLACK_TOKEN",
            Self::GoogleApiKey => "GOOGLE_API_KEY",
            Self::NpmToken => "NPM_TOKEN",
            Self::SendgridApiKey => "SENDGRID_API_KEY",
            Self::TelegramBotToken => "TELEGRAM_BOT_TOKEN",
        }
    }

    /// Parses a name written by [`Kind::as_str`].
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// Whether a user may mark a value of this kind as "not a secret".
    ///
    /// Cards, passwords, PINs, private keys and every kind of token are never
    /// kept: seed 001 forbids sending them whatever the user believes. Public
    /// (publishable) keys, phone numbers and unsupported high-entropy guesses
    /// may be.
    #[must_use]
    pub const fn may_be_kept(self) -> bool {
        matches!(
            self,
            Self::Phone
                | Self::Token
                | Self::StancerPublicKey
                | Self::StripePublishableKey
                | Self::PaystackPublicKey
                | Self::FlutterwavePublicKey
        )
    }

    /// Whether the placeholder may show a prefix and the last four characters.
    /// Never for short human-chosen secrets, where four characters are a large
    /// part of the secret.
    #[must_use]
    pub const fn may_fingerprint(self) -> bool {
        !matches!(
            self,
            Self::Card
                | Self::Iban
                | Self::BankAccount
                | Self::BasicAuth
                | Self::Password
                | Self::Pin
                | Self::Otp
                | Self::Cvv
                | Self::PrivateKey
                | Self::Phone
        )
    }

    /// Tie-breaker between candidates covering the same bytes: the more
    /// specific name wins.
    pub(crate) const fn specificity(self) -> u8 {
        match self {
            Self::Token => 0,
            Self::Secret => 1,
            Self::Phone => 2,
            Self::Password | Self::Pin | Self::Otp | Self::Cvv | Self::BankAccount => 3,
            Self::Bearer => 4,
            Self::BasicAuth => 5,
            Self::Card | Self::Iban => 6,
            Self::Jwt => 7,
            Self::PrivateKey => 9,
            _ => 8,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
