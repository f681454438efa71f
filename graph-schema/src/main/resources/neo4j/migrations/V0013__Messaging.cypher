// Messaging (issue 6): conversations (direct, ad-hoc, group chats) and their messages.
// A conversation is found by its id (its page, STOMP destinations) and a direct one by its pair of
// members (pairKey, so that two members have one direct conversation: MERGE on it is safe).
CREATE CONSTRAINT conversation_id_unique IF NOT EXISTS FOR (c:Conversation) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT conversation_pair_key_unique IF NOT EXISTS FOR (c:Conversation) REQUIRE c.pairKey IS UNIQUE;
CREATE CONSTRAINT message_id_unique IF NOT EXISTS FOR (m:Message) REQUIRE m.id IS UNIQUE;
// The sender's id and the client's message id: a resent message is stored once.
CREATE CONSTRAINT message_client_key_unique IF NOT EXISTS FOR (m:Message) REQUIRE m.clientKey IS UNIQUE;
// History pages ("older messages", seq < $before) and catch-up (seq > $after) are range seeks on it.
CREATE INDEX message_conversation_seq IF NOT EXISTS FOR (m:Message) ON (m.conversationId, m.seq);
