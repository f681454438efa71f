// Photos members take of a place, and the reports other members make about them.
CREATE CONSTRAINT photo_id_unique IF NOT EXISTS FOR (ph:Photo) REQUIRE ph.id IS UNIQUE;
CREATE CONSTRAINT photo_report_id_unique IF NOT EXISTS FOR (r:PhotoReport) REQUIRE r.id IS UNIQUE;
