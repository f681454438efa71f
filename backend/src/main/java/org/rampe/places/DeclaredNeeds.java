package org.rampe.places;

import java.util.Set;

/**
 * The needs a member declared (with consent) for themselves, used as the default of place
 * searches. Implemented by the members feature, which owns that health data.
 */
public interface DeclaredNeeds {

    Set<NeedProfile> of(String memberId);
}
