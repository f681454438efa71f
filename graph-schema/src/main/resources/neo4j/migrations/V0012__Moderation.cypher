// Moderation (issue 5): reports gathered in cases, decisions, appeals and the audit log.
// A case is found by its id (queue links) and by its target (one open case per reported target).
CREATE CONSTRAINT case_id_unique IF NOT EXISTS FOR (c:Case) REQUIRE c.id IS UNIQUE;
CREATE INDEX case_target IF NOT EXISTS FOR (c:Case) ON (c.targetKind, c.targetId);
CREATE INDEX case_status IF NOT EXISTS FOR (c:Case) ON (c.status);
CREATE CONSTRAINT decision_id_unique IF NOT EXISTS FOR (d:Decision) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT audit_entry_id_unique IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE;
CREATE INDEX audit_entry_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at);
