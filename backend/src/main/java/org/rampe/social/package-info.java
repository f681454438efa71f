/**
 * Profiles, follows, blocks and mutes, posts with images, comments, reactions and mentions, and the
 * rule of who may read a post ({@link org.rampe.social.PostReadability}).
 */
@ApplicationModule(displayName = "Social: profiles, relations, posts and comments", allowedDependencies = {"graph", "site", "images", "members"})
package org.rampe.social;

import org.springframework.modulith.ApplicationModule;
