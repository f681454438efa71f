// Every place stores its GeoJSON Feature as /api/places writes it, less the distance and the verdict
// for the asked needs (PlaceRepository.feature(), docs/benchmarks.md "Place search"): the API copies
// it instead of writing some sixty fields per place. The places that existed before get the clauses
// the application runs whenever a place's facts, closed flag or verdicts change
// (PlaceRepository.DERIVED, kept equal by a test): summary, feature, open and fit labels.
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
  SET p.feature = [fpart IN [split(reduce(fs = p.summary, fe IN [['\\', '\\\\'], ['"', '\\"'], ['\u0000', '\\u0000'], ['\u0001', '\\u0001'], ['\u0002', '\\u0002'], ['\u0003', '\\u0003'], ['\u0004', '\\u0004'], ['\u0005', '\\u0005'], ['\u0006', '\\u0006'], ['\u0007', '\\u0007'], ['\u0008', '\\u0008'], ['\u0009', '\\u0009'], ['\u000a', '\\u000a'], ['\u000b', '\\u000b'], ['\u000c', '\\u000c'], ['\u000d', '\\u000d'], ['\u000e', '\\u000e'], ['\u000f', '\\u000f'], ['\u0010', '\\u0010'], ['\u0011', '\\u0011'], ['\u0012', '\\u0012'], ['\u0013', '\\u0013'], ['\u0014', '\\u0014'], ['\u0015', '\\u0015'], ['\u0016', '\\u0016'], ['\u0017', '\\u0017'], ['\u0018', '\\u0018'], ['\u0019', '\\u0019'], ['\u001a', '\\u001a'], ['\u001b', '\\u001b'], ['\u001c', '\\u001c'], ['\u001d', '\\u001d'], ['\u001e', '\\u001e']] | replace(fs, fe[0], fe[1])), '\u001F')] |
      '{"type":"Feature","id":"' + fpart[0] + '","geometry":{"type":"Point","coordinates":['
      + toString(p.location.x) + ',' + toString(p.location.y) + ']},"properties":{"id":"' + fpart[0]
      + '","name":"' + fpart[1] + '","category":"' + fpart[2] + '","address":{"street":"' + fpart[3]
      + '","postcode":"' + fpart[4] + '","city":"' + fpart[5] + '"}' + '\u001F'
      + ',"url":"/places/' + fpart[0] + '","criteria":{'
      + reduce(fo = '', fk IN ['step_free_entrance', 'entrance_steps', 'step_height', 'ramp', 'door_width', 'automatic_door', 'call_device', 'lift', 'step_free_path_to_reception', 'hearing_loop', 'sign_language', 'trained_staff', 'guide_dogs_welcome', 'quiet_environment', 'easy_read_information', 'accessible_toilet', 'parking_on_site', 'parking_nearby'] | fo + coalesce(head([fe IN fpart WHERE fe STARTS WITH ('a_' + fk + '=') |
          CASE WHEN fo = '' THEN '' ELSE ',' END + '"' + fk + '":"' + substring(fe, size(fk) + 3) + '"']), ''))
      + '},"verdicts":{'
      + reduce(fo = '', fk IN ['wheelchair', 'walking', 'vision', 'hearing', 'cognitive'] | fo + CASE WHEN fo = '' THEN '' ELSE ',' END + '"' + fk + '":"'
          + coalesce(head([fe IN fpart WHERE fe STARTS WITH ('v_' + fk + '=') AND substring(fe, size(fk) + 3) IN ['accessible', 'limited', 'unknown', 'not_accessible']
          | substring(fe, size(fk) + 3)]), 'unknown') + '"')
      + '}' + '\u001F'
      + ',"source":{"kind":"' + fpart[6] + '","id":"' + fpart[7] + '","licence":"' + fpart[8]
      + '","attribution":"' + fpart[9] + '"}}}'][0]
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
