// Notification emails (issue 15). A member's choices are :Member properties (mailReplies…) and need
// no index: they are read from the member found by member_id_unique.
// A digest item is found from its member; its id (a key) names it when the digest removes what it told.
CREATE CONSTRAINT digest_item_id_unique IF NOT EXISTS FOR (i:DigestItem) REQUIRE i.id IS UNIQUE;
// One digest a day across instances: the first to create the day's node sends it.
CREATE CONSTRAINT digest_run_day_unique IF NOT EXISTS FOR (r:DigestRun) REQUIRE r.day IS UNIQUE;
// The secret of the one-click unsubscribe links, one per name, made once (MERGE on it is safe).
CREATE CONSTRAINT email_secret_name_unique IF NOT EXISTS FOR (s:EmailSecret) REQUIRE s.name IS UNIQUE;
