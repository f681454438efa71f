// Groups (issue 5, part B): a group is found by its id and by its slug (its address, /groups/{slug}).
CREATE CONSTRAINT group_id_unique IF NOT EXISTS FOR (g:Group) REQUIRE g.id IS UNIQUE;
CREATE CONSTRAINT group_slug_unique IF NOT EXISTS FOR (g:Group) REQUIRE g.slug IS UNIQUE;
