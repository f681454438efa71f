// The social core: posts, comments, notifications and images each keyed by a UUID; members found
// by name or handle through a full-text index; posts listed newest first per author.
CREATE CONSTRAINT post_id_unique IF NOT EXISTS FOR (p:Post) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT comment_id_unique IF NOT EXISTS FOR (c:Comment) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT notification_id_unique IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT image_id_unique IF NOT EXISTS FOR (i:Image) REQUIRE i.id IS UNIQUE;
CREATE FULLTEXT INDEX member_text IF NOT EXISTS FOR (m:Member) ON EACH [m.displayName, m.handle];
CREATE INDEX post_created IF NOT EXISTS FOR (p:Post) ON (p.createdAt);
