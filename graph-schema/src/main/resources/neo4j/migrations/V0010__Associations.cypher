// Associations: keyed by a UUID (used in nothing a member types) and found by their slug (the
// address /associations/{slug}); the administrators' queue lists those not verified yet.
CREATE CONSTRAINT association_id_unique IF NOT EXISTS FOR (a:Association) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT association_slug_unique IF NOT EXISTS FOR (a:Association) REQUIRE a.slug IS UNIQUE;
CREATE INDEX association_verified IF NOT EXISTS FOR (a:Association) ON (a.verified);
