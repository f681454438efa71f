// Open places carry :OpenPlace, with its own point index: a search without needs seeks only open
// places and never reads the closed flag of each candidate. Fit labels (V0004) are now on open
// places only, so a search by fit label needs no closed check either.
CREATE POINT INDEX place_location_open IF NOT EXISTS FOR (p:OpenPlace) ON (p.location);
// The places that existed before get the same clauses the application runs whenever a place's
// facts, closed flag or verdicts change (PlaceRepository.DERIVED, kept equal by a test): the
// stored summary a search result is read from, :OpenPlace unless closed is true, fit labels
// from the stored verdicts on open places, none on closed ones.
MATCH (p:Place)
CALL (p) {
  SET p.summary = replace(coalesce(p.id, ''), '\u001F', '')
      + '\u001F' + replace(coalesce(p.name, ''), '\u001F', '')
      + '\u001F' + replace(coalesce(p.category, ''), '\u001F', '')
      + '\u001F' + replace(coalesce(p.street, ''), '\u001F', '')
      + '\u001F' + replace(coalesce(p.postcode, ''), '\u001F', '')
      + '\u001F' + replace(coalesce(p.city, ''), '\u001F', '')
      + '\u001F' + replace(coalesce(p.source, 'member'), '\u001F', '')
      + '\u001F' + replace(coalesce(p.sourceId, ''), '\u001F', '')
      + '\u001F' + replace(coalesce(p.licence, ''), '\u001F', '')
      + '\u001F' + replace(coalesce(p.attribution, ''), '\u001F', '')
      + '\u001F' + replace(coalesce(p.sourceWheelchair, ''), '\u001F', '')
      + '\u001F' + CASE WHEN p.closed = true THEN 'closed' ELSE 'open' END
      + reduce(entries = '', k IN keys(p) | CASE WHEN k STARTS WITH 'a_' OR k STARTS WITH 'v_'
          THEN entries + '\u001F' + k + '=' + replace(toString(p[k]), '\u001F', '') ELSE entries END)
  REMOVE p:OpenPlace:WheelchairFits:WheelchairFitsOrPartly:WalkingFits:WalkingFitsOrPartly:VisionFits:VisionFitsOrPartly:HearingFits:HearingFitsOrPartly:CognitiveFits:CognitiveFitsOrPartly
  FOREACH (open IN CASE WHEN p.closed = true THEN [] ELSE [1] END |
    SET p:OpenPlace
    FOREACH (fits IN CASE WHEN p.v_wheelchair = 'accessible' THEN [1] ELSE [] END | SET p:WheelchairFits)
    FOREACH (partly IN CASE WHEN p.v_wheelchair IN ['accessible', 'limited'] THEN [1] ELSE [] END | SET p:WheelchairFitsOrPartly)
    FOREACH (fits IN CASE WHEN p.v_walking = 'accessible' THEN [1] ELSE [] END | SET p:WalkingFits)
    FOREACH (partly IN CASE WHEN p.v_walking IN ['accessible', 'limited'] THEN [1] ELSE [] END | SET p:WalkingFitsOrPartly)
    FOREACH (fits IN CASE WHEN p.v_vision = 'accessible' THEN [1] ELSE [] END | SET p:VisionFits)
    FOREACH (partly IN CASE WHEN p.v_vision IN ['accessible', 'limited'] THEN [1] ELSE [] END | SET p:VisionFitsOrPartly)
    FOREACH (fits IN CASE WHEN p.v_hearing = 'accessible' THEN [1] ELSE [] END | SET p:HearingFits)
    FOREACH (partly IN CASE WHEN p.v_hearing IN ['accessible', 'limited'] THEN [1] ELSE [] END | SET p:HearingFitsOrPartly)
    FOREACH (fits IN CASE WHEN p.v_cognitive = 'accessible' THEN [1] ELSE [] END | SET p:CognitiveFits)
    FOREACH (partly IN CASE WHEN p.v_cognitive IN ['accessible', 'limited'] THEN [1] ELSE [] END | SET p:CognitiveFitsOrPartly))
} IN TRANSACTIONS OF 10000 ROWS;
