// Mail (issue 15): the outbox. A request writes the mail here and returns; a worker delivers it,
// oldest due first, and deletes it once the server has taken it. A failure sets the next try later.
CREATE CONSTRAINT outbox_mail_id_unique IF NOT EXISTS FOR (m:OutboxMail) REQUIRE m.id IS UNIQUE;
// The worker's one question: which mails are due now (nextAttemptAt <= now, range seek).
CREATE INDEX outbox_mail_next_attempt IF NOT EXISTS FOR (m:OutboxMail) ON (m.nextAttemptAt);
