// Deleting one's account (issue 16). A member being erased carries erasingSince (and erasureChoice)
// until their node is gone; the start-up resume finds the interrupted ones by this index.
CREATE INDEX member_erasing_since IF NOT EXISTS FOR (m:Member) ON (m.erasingSince);
// An erased member's handle is reserved for 30 days, by the SHA-256 of the lower-cased handle (never in
// clear): sign-up looks it up by digest, the hourly purge by its end.
CREATE CONSTRAINT reserved_handle_digest_unique IF NOT EXISTS FOR (r:ReservedHandle) REQUIRE r.digest IS UNIQUE;
CREATE INDEX reserved_handle_until IF NOT EXISTS FOR (r:ReservedHandle) ON (r.until);
// Mail still waiting for an erased member's address is deleted with the account (Mailer.forget).
CREATE INDEX outbox_mail_to IF NOT EXISTS FOR (m:OutboxMail) ON (m.to);
