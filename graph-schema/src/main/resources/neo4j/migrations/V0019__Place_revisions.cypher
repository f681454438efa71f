// Place revisions (issue 16): every change to a place's facts, (:Place)-[:REVISED]->(:Revision),
// by a member ((:Member)-[:MADE]->(:Revision)) or an import (Revision.source).
// A revision is named by its id in the revert pages.
CREATE CONSTRAINT revision_id_unique IF NOT EXISTS FOR (r:Revision) REQUIRE r.id IS UNIQUE;
// A place's history is read from the place (its unique id) through REVISED, sorted by at; this
// index serves reads of revisions by date across places (recent changes).
CREATE RANGE INDEX revision_at IF NOT EXISTS FOR (r:Revision) ON (r.at);
