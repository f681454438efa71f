package org.rampe.emails;

/**
 * Something a member may be mailed about: who is told ({@code to}), who did it ({@code by}, null
 * for a moderators' decision: no moderator is named), and the ids of what it is about, from which
 * the link is made when the mail is written. Never any content: a mail carries a link, and the site
 * applies its reading rules when the member follows it.
 */
record Happening(Topic topic, String to, String by, String post, String comment, String group, String conversation,
                 String decision) {

    static Happening onPost(Topic topic, String to, String by, String post, String comment) {
        return new Happening(topic, to, by, post, comment, null, null, null);
    }

    static Happening between(Topic topic, String to, String by) {
        return new Happening(topic, to, by, null, null, null, null, null);
    }

    static Happening inGroup(Topic topic, String to, String by, String group) {
        return new Happening(topic, to, by, null, null, group, null, null);
    }

    static Happening message(String to, String by, String conversation) {
        return new Happening(Topic.MESSAGE, to, by, null, null, null, conversation, null);
    }

    static Happening decision(Topic topic, String to, String decision) {
        return new Happening(topic, to, null, null, null, null, null, decision);
    }

    EmailKind kind() {
        return topic.kind();
    }
}
