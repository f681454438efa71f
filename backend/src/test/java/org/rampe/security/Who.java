package org.rampe.security;

/**
 * The viewers of the authorization matrix, in the order of its columns, with the short name each
 * has in the table and the handle of the member who plays it ({@link MatrixWorld} says who owns
 * and sees what).
 */
enum Who {
    VISITOR("vis", null),
    MEMBER("mem", "mia"),
    OTHER("oth", "otto"),
    BLOCKED("blk", "bea"),
    GROUP_MEMBER("gm", "gus"),
    MODERATOR("mod", "modo"),
    OTHER_MODERATOR("omod", "max"),
    OWNER("own", "olga"),
    ADMIN("adm", null),
    SUSPENDED("sus", "sam");

    final String column;
    final String handle;

    Who(String column, String handle) {
        this.column = column;
        this.handle = handle;
    }

    static Who ofColumn(String column) {
        for (Who who : values()) {
            if (who.column.equals(column)) {
                return who;
            }
        }
        throw new IllegalArgumentException("No viewer '" + column + "' (one of vis mem oth blk gm mod omod own adm sus)");
    }
}
