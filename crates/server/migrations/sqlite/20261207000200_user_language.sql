-- The language a user's mail is written in (mail.rs): the app reports the interface's on each
-- sign-in and switch (PUT /me/language). English until it does: organisations hold no language
-- a new user could inherit.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'));
