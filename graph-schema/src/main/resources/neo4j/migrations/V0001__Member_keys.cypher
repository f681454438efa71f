// Every application key of a member is unique; each constraint also gives the lookup its index.
CREATE CONSTRAINT member_id_unique IF NOT EXISTS FOR (m:Member) REQUIRE m.id IS UNIQUE;
CREATE CONSTRAINT member_email_unique IF NOT EXISTS FOR (m:Member) REQUIRE m.email IS UNIQUE;
CREATE CONSTRAINT member_handle_unique IF NOT EXISTS FOR (m:Member) REQUIRE m.handle IS UNIQUE;
