// A member's archive (issue 16, GDPR articles 15 and 20): (:Member)-[:ASKED_FOR]->(:Archive).
// Its id is in the download's address; the page and the job find it by that.
CREATE CONSTRAINT archive_id_unique IF NOT EXISTS FOR (a:Archive) REQUIRE a.id IS UNIQUE;
// At start, archives left "preparing" by a stopped instance are marked failed: found by status.
CREATE INDEX archive_status IF NOT EXISTS FOR (a:Archive) ON (a.status);
// The daily purge finds the archives whose 7 days are over by their expiry.
CREATE INDEX archive_expires_at IF NOT EXISTS FOR (a:Archive) ON (a.expiresAt);
// Consent history of the access needs: (:Member)-[:CONSENTED]->(:ConsentEvent {purpose, given, at, needs}),
// read only through the member (the needs page, the archive); listed by date.
CREATE INDEX consent_event_at IF NOT EXISTS FOR (c:ConsentEvent) ON (c.at);
