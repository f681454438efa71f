// Issue 16, erasure of a member (messaging, moderation, emails).
// Decisions about an erased member are kept 18 months without their name, then deleted by a daily
// job that finds them by their end (purgeAfter <= now: a range seek).
CREATE INDEX decision_purge_after IF NOT EXISTS FOR (d:Decision) ON (d.purgeAfter);
// The items of others' digests about what the erased member did are found by who did it.
CREATE INDEX digest_item_by IF NOT EXISTS FOR (i:DigestItem) ON (i.by);
// Direct conversations whose pair key ends with the erased member's id (the key starts with the
// smaller id: STARTS WITH uses the unique constraint's index, ENDS WITH this text index).
CREATE TEXT INDEX conversation_pair_key_text IF NOT EXISTS FOR (c:Conversation) ON (c.pairKey);
