package org.rampe.messaging;

import java.util.List;

/**
 * Why a messaging action was refused, as a message key of the bundles and its arguments; nothing
 * was stored. {@code handles} names the members concerned when starting a conversation (unknown,
 * blocked).
 */
public class MessagingRefusal extends RuntimeException {

    public static final String NOT_PARTICIPANT = "messaging.refused.notParticipant";
    public static final String BLOCKED = "messaging.refused.blocked";
    public static final String TOO_LONG = "messaging.refused.tooLong";
    public static final String EMPTY = "messaging.refused.empty";
    public static final String RATE_LIMITED = "messaging.refused.rateLimited";
    public static final String SUSPENDED = "messaging.refused.suspended";
    public static final String MUTED_IN_GROUP = "messaging.refused.mutedInGroup";
    public static final String UNKNOWN_MEMBER = "messaging.refused.unknownMember";
    public static final String SELF = "messaging.refused.self";
    public static final String TOO_MANY = "messaging.refused.tooMany";
    public static final String NO_PARTICIPANT = "messaging.refused.noParticipant";
    public static final String TITLE_TOO_LONG = "messaging.refused.titleTooLong";
    public static final String NOT_GROUP_MEMBER = "messaging.refused.notGroupMember";
    public static final String LEAVE_GROUP_CHAT = "messaging.refused.leaveGroupChat";
    public static final String NOT_YOURS = "messaging.refused.notYours";

    private final String key;
    private final transient Object[] args;
    private final List<String> handles;

    public MessagingRefusal(String key, Object... args) {
        this(key, List.of(), args);
    }

    public MessagingRefusal(String key, List<String> handles, Object... args) {
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
