// Issue 17, evidence that its author cannot destroy: each report keeps a snapshot of what was
// reported (text and copies of its images) on the case.
CREATE CONSTRAINT case_snapshot_id_unique IF NOT EXISTS FOR (s:CaseSnapshot) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT snapshot_image_id_unique IF NOT EXISTS FOR (i:SnapshotImage) REQUIRE i.id IS UNIQUE;
// An erasure finds the snapshots of the erased member's content by its author's id.
CREATE INDEX case_snapshot_author IF NOT EXISTS FOR (s:CaseSnapshot) ON (s.authorId);
// The daily retention job finds the snapshots kept past their end (purgeAfter <= now: a range seek).
CREATE INDEX case_snapshot_purge_after IF NOT EXISTS FOR (s:CaseSnapshot) ON (s.purgeAfter);
