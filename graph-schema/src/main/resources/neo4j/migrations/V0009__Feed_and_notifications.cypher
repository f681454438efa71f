// Notifications about a post are removed with it, found by the post's id (the post node may be
// gone already when the deletion is heard). The feed inbox needs no index: it is read from the
// reader, found by member_id_unique.
CREATE INDEX notification_post IF NOT EXISTS FOR (n:Notification) ON (n.post);
