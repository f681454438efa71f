// Places: application id, one key per imported source row (re-imports update, never duplicate),
// the point index every map and radius search seeks through, and the full-text index for names.
CREATE CONSTRAINT place_id_unique IF NOT EXISTS FOR (p:Place) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT place_source_key_unique IF NOT EXISTS FOR (p:Place) REQUIRE p.sourceKey IS UNIQUE;
CREATE POINT INDEX place_location IF NOT EXISTS FOR (p:Place) ON (p.location);
CREATE FULLTEXT INDEX place_text IF NOT EXISTS FOR (p:Place) ON EACH [p.name, p.category, p.city, p.street];
CREATE CONSTRAINT answer_id_unique IF NOT EXISTS FOR (a:Answer) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT place_report_id_unique IF NOT EXISTS FOR (r:PlaceReport) REQUIRE r.id IS UNIQUE;
