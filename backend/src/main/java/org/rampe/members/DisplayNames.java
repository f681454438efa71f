package org.rampe.members;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;

/**
 * What a display name may hold, wherever one is typed (sign-up, the profile): any script and emoji,
 * but no character that hides or reorders what is shown, so that a name cannot pass for another
 * (issue 17). Refused: control characters, the bidirectional controls (embeddings, overrides,
 * isolates, marks: U+202A–202E, U+2066–2069, U+200E–200F, U+061C), and every other format (Cf) or
 * default-ignorable character (zero-width space, word joiner, Hangul fillers, the byte-order
 * mark…), with the exceptions the world's writing needs: a zero-width joiner or non-joiner between
 * two visible characters (emoji sequences such as 👩‍🦽, Persian, Indic scripts), a variation
 * selector right after a visible character (✌️), and the tag characters of a subdivision flag
 * (🏴󠁧󠁢󠁳󠁣󠁴󠁿). A name also needs one visible character, and at most {@value #MARKS_MAX} combining marks
 * in a row (stacked marks run over the lines around them).
 */
public final class DisplayNames {

    static final int MARKS_MAX = 4;
    private static final int BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private DisplayNames() {
    }

    /** Whether the name (already stripped and NFC) holds a character that hides or reorders text. */
    public static boolean hasHiddenFormatting(String name) {
        int[] cps = name.codePoints().toArray();
        int marks = 0;
        boolean visible = false;
        for (int i = 0; i < cps.length; i++) {
            int cp = cps[i];
            if (Character.isISOControl(cp) || isBidiControl(cp)) {
                return true;
            }
            if (isTag(cp)) {
                int start = i;
                while (start > 0 && isTag(cps[start - 1])) {
                    start--;
                }
                int end = i;
                while (end + 1 < cps.length && isTag(cps[end + 1])) {
                    end++;
                }
                if (start == 0 || cps[start - 1] != BLACK_FLAG || cps[end] != CANCEL_TAG || end == start) {
                    return true;
                }
                continue;
            }
            if (isVariationSelector(cp)) {
                if (i == 0 || !isVisibleBase(cps[i - 1])) {
                    return true;
                }
                continue;
            }
            if (cp == 0x200C || cp == 0x200D) {
                if (i == 0 || i == cps.length - 1 || !isVisibleBase(cps[i - 1]) && !isVariationSelector(cps[i - 1])
                        || !isVisibleBase(cps[i + 1])) {
                    return true;
                }
                continue;
            }
            if (Character.getType(cp) == Character.FORMAT || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
                return true;
            }
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK) {
                if (++marks > MARKS_MAX) {
                    return true;
                }
            } else {
                marks = 0;
            }
            visible |= isVisibleBase(cp);
        }
        return cps.length > 0 && !visible;
    }

    private static boolean isBidiControl(int cp) {
        return cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069 || cp == 0x200E || cp == 0x200F || cp == 0x061C;
    }

    private static boolean isTag(int cp) {
        return cp >= 0xE0020 && cp <= 0xE007F;
    }

    private static boolean isVariationSelector(int cp) {
        return cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF;
    }

    /** A character that shows something by itself: not a space, mark, format or ignorable, nor the blank Braille cell. */
    private static boolean isVisibleBase(int cp) {
        if (cp == 0x2800 || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.CONTROL,
                 Character.FORMAT, Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                 Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE -> false;
            default -> true;
        };
    }
}
