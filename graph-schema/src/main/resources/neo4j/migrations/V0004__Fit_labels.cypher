// A place that fits a need (or fits at least partly) also carries a label saying so, with its own
// point index: a search "near here, for a wheelchair, fitting at least partly" seeks only the
// places that qualify instead of reading every place in the circle.
CREATE POINT INDEX place_location_wheelchair_fits IF NOT EXISTS FOR (p:WheelchairFits) ON (p.location);
CREATE POINT INDEX place_location_wheelchair_fits_or_partly IF NOT EXISTS FOR (p:WheelchairFitsOrPartly) ON (p.location);
CREATE POINT INDEX place_location_walking_fits IF NOT EXISTS FOR (p:WalkingFits) ON (p.location);
CREATE POINT INDEX place_location_walking_fits_or_partly IF NOT EXISTS FOR (p:WalkingFitsOrPartly) ON (p.location);
CREATE POINT INDEX place_location_vision_fits IF NOT EXISTS FOR (p:VisionFits) ON (p.location);
CREATE POINT INDEX place_location_vision_fits_or_partly IF NOT EXISTS FOR (p:VisionFitsOrPartly) ON (p.location);
CREATE POINT INDEX place_location_hearing_fits IF NOT EXISTS FOR (p:HearingFits) ON (p.location);
CREATE POINT INDEX place_location_hearing_fits_or_partly IF NOT EXISTS FOR (p:HearingFitsOrPartly) ON (p.location);
CREATE POINT INDEX place_location_cognitive_fits IF NOT EXISTS FOR (p:CognitiveFits) ON (p.location);
CREATE POINT INDEX place_location_cognitive_fits_or_partly IF NOT EXISTS FOR (p:CognitiveFitsOrPartly) ON (p.location);
