// Issue 17: two handles that look alike (TR 39 confusables: pau1 and paul) cannot both exist. The
// application writes each member's key (handleSkeleton) at sign-up, and for members made before this
// at start (HandleSkeletonBackfill); the constraint refuses a second member with the same key and
// gives sign-up's lookup its index.
CREATE CONSTRAINT member_handle_skeleton_unique IF NOT EXISTS FOR (m:Member) REQUIRE m.handleSkeleton IS UNIQUE;
