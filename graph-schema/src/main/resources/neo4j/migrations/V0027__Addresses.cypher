// Issue 18: the national address base (BAN), loaded one département file at a time by
// `rampe import ban`. One :Address per BAN row (its BAN id as key: a re-import updates), and one
// :Street and one :Commune per street and commune of the loaded files, so that "rue de la Loge,
// Montpellier" and "Montpellier" resolve through a small index, never by scanning addresses.
// The full-text indexes hold names folded by the application ("Rue de l’Église" → "rue de l eglise":
// the tokenizer would keep "l’église" as one word, which "eglise" then never finds), and fold
// again (standard-folding, as V0007); typed words are folded the same way before they become
// prefix and fuzzy terms, which the analyzer does not see.
CREATE CONSTRAINT address_id_unique IF NOT EXISTS FOR (a:Address) REQUIRE a.id IS UNIQUE;
CREATE POINT INDEX address_location IF NOT EXISTS FOR (a:Address) ON (a.location);
CREATE INDEX address_departement IF NOT EXISTS FOR (a:Address) ON (a.departement);
CREATE INDEX address_street_number IF NOT EXISTS FOR (a:Address) ON (a.streetId, a.number);
CREATE CONSTRAINT street_id_unique IF NOT EXISTS FOR (s:Street) REQUIRE s.id IS UNIQUE;
CREATE FULLTEXT INDEX street_text IF NOT EXISTS FOR (s:Street) ON EACH [s.key, s.cityKey]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
CREATE CONSTRAINT commune_insee_unique IF NOT EXISTS FOR (c:Commune) REQUIRE c.insee IS UNIQUE;
CREATE INDEX commune_key IF NOT EXISTS FOR (c:Commune) ON (c.key);
CREATE FULLTEXT INDEX commune_text IF NOT EXISTS FOR (c:Commune) ON EACH [c.key]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
