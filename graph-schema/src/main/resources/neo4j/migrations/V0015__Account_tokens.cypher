// Single-use links of the account (verify an address, reset a password, confirm a new address):
// only the SHA-256 of each token is kept. The link is found by that hash; expired ones are swept
// by their expiry.
CREATE CONSTRAINT account_token_hash_unique IF NOT EXISTS FOR (t:AccountToken) REQUIRE t.hash IS UNIQUE;
CREATE INDEX account_token_expires IF NOT EXISTS FOR (t:AccountToken) ON (t.expiresAt);
