-- « Forgot your password? »: single-use links e-mailed to an account's owner. Only the token's
-- SHA-256 is kept; a link expires, and using one spends it and every other link of the user.
CREATE TABLE password_resets (
    token_sha256 TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id),
    expires_at   TEXT NOT NULL
);

CREATE INDEX password_resets_user ON password_resets (user_id);
