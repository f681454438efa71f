package org.rampe.site;

import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The date of the last accessibility check named by the statement ({@code rampe.accessibility.last-check},
 * ISO date). The automated checks run with every build; this is the date the operator last ran the
 * whole suite against the version they deploy, and updates on release.
 */
@ConfigurationProperties("rampe.accessibility")
public record AccessibilityCheck(@DefaultValue("2026-12-07") LocalDate lastCheck) {
}
