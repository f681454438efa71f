// Issue 18: one open-data import at a time across every process of a site (the administrators' page of
// any instance, the command line). The lock is a single (:ImportLock {name: 'import'}) node; the
// constraint makes the claim's MERGE take the index entry's lock, so two claims at once never both
// create it (places.ImportLock).
CREATE CONSTRAINT import_lock_name_unique IF NOT EXISTS FOR (l:ImportLock) REQUIRE l.name IS UNIQUE;
