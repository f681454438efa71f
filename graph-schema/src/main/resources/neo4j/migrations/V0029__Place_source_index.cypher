// Places by source (issue 18): after a complete import of a source, the places it no longer has
// are found among that source's places ("maybe closed"), without reading every place.
CREATE INDEX place_source IF NOT EXISTS FOR (p:Place) ON (p.source);
