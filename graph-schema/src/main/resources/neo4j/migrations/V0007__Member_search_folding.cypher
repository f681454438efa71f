// Member search finds "Hélène" when "helene" is typed: the member_text index of V0006 is rebuilt
// with the accent-folding analyzer (same name, same properties). The application folds the typed
// words the same way before its prefix queries, which the analyzer does not see.
DROP INDEX member_text IF EXISTS;
CREATE FULLTEXT INDEX member_text IF NOT EXISTS FOR (m:Member) ON EACH [m.displayName, m.handle]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}};
