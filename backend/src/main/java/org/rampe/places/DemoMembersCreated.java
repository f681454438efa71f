package org.rampe.places;

import java.util.Map;

/**
 * The demo members exist (ids by their short key: {@code camille}, {@code karim}, {@code lea}):
 * other features may now add their part of the demo. Published once, when the demo is loaded.
 */
public record DemoMembersCreated(Map<String, String> memberIds) {
}
