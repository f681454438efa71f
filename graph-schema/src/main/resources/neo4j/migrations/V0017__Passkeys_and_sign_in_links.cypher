// Password-free ways in (issue 15): passkeys (WebAuthn) and sign-in links by email.
// A member's WebAuthn user handle: the authenticator hands it back at sign-in, the member is found by it.
CREATE CONSTRAINT member_passkey_user_handle_unique IF NOT EXISTS FOR (m:Member) REQUIRE m.passkeyUserHandle IS UNIQUE;
// A passkey: its application id (its forms on /account/passkeys) and its credential id (every sign-in finds it by that).
CREATE CONSTRAINT passkey_id_unique IF NOT EXISTS FOR (p:Passkey) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT passkey_credential_id_unique IF NOT EXISTS FOR (p:Passkey) REQUIRE p.credentialId IS UNIQUE;
// A sign-in link is found by the SHA-256 hash of its token; expired ones are swept by their expiry.
CREATE CONSTRAINT sign_in_link_hash_unique IF NOT EXISTS FOR (l:SignInLink) REQUIRE l.hash IS UNIQUE;
CREATE INDEX sign_in_link_expires_at IF NOT EXISTS FOR (l:SignInLink) ON (l.expiresAt);
