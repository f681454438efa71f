package org.rampe.messaging;

import java.util.List;

/**
 * Why a messaging action was refused, as a message key of the bundles and its arguments; nothing
 * was stored. {@code handles} names the members concerned when starting a conversation (unknown
 * handles only: who refuses the starter is never named).
 */
class MessagingRefusal extends RuntimeException {

    static final String NOT_PARTICIPANT = "messaging.refused.notParticipant";
    static final String BLOCKED = "messaging.refused.blocked";
    static final String TOO_LONG = "messaging.refused.tooLong";
    static final String EMPTY = "messaging.refused.empty";
    static final String RATE_LIMITED = "messaging.refused.rateLimited";
    static final String SUSPENDED = "messaging.refused.suspended";
    static final String MUTED_IN_GROUP = "messaging.refused.mutedInGroup";
    static final String UNKNOWN_MEMBER = "messaging.refused.unknownMember";
    static final String SELF = "messaging.refused.self";
    static final String TOO_MANY = "messaging.refused.tooMany";
    static final String NO_PARTICIPANT = "messaging.refused.noParticipant";
    static final String TITLE_TOO_LONG = "messaging.refused.titleTooLong";
    static final String NOT_GROUP_MEMBER = "messaging.refused.notGroupMember";
    static final String LEAVE_GROUP_CHAT = "messaging.refused.leaveGroupChat";
    static final String NOT_YOURS = "messaging.refused.notYours";
    /**
     * Starting a conversation with a member who does not take messages from the starter: their
     * choice of who may message them, or a block either way. One wording for both, naming nobody
     * (a block is invisible).
     */
    static final String NOT_ALLOWED = "messaging.refused.notAllowed";

    private final String key;
    private final transient Object[] args;
    private final List<String> handles;

    MessagingRefusal(String key, Object... args) {
        this(key, List.of(), args);
    }

    MessagingRefusal(String key, List<String> handles, Object... args) {
        super(key, null, false, false);
        this.key = key;
        this.args = args;
        this.handles = List.copyOf(handles);
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }

    public List<String> handles() {
        return handles;
    }

    /** The composer field the refusal is about: {@code image}, {@code alt} or {@code text}. */
    String field() {
        return key.startsWith("messaging.image.") ? "image" : key.startsWith("messaging.alt.") ? "alt" : "text";
    }
}
