// Sessions (issue 15): Spring Session's store when no Redis is configured. A session is read by its
// id on every request of its browser, a member's sessions by their member id (the "signed-in
// devices" page, ending them), and the expired ones by a sweep every few minutes.
CREATE CONSTRAINT session_id_unique IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE;
CREATE INDEX session_member IF NOT EXISTS FOR (s:Session) ON (s.memberId);
CREATE INDEX session_expires IF NOT EXISTS FOR (s:Session) ON (s.expiresAt);
