package org.rampe.places;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.places.Verdict.Level;

class VerdictsTest {

    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static Map<Criterion, CriterionConsensus> facts(Object... pairs) {
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            answers.add(new Answer((Criterion) pairs[i], pairs[i + 1].toString(), "m" + i, false, NOW, ""));
        }
        return Consensus.of(answers, NOW);
    }

    private static List<String> reasons(Verdict v) {
        return v.reasons().stream().map(r -> r.key() + r.args()).toList();
    }

    @Test
    void aStepFreeEntranceWithAWideDoorIsAccessibleInAWheelchair() {
        var v = Verdicts.wheelchair(facts(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, 90), null);
        assertThat(v.level()).isEqualTo(Level.ACCESSIBLE);
        assertThat(reasons(v)).containsExactly("entrance.stepFree[]", "door.wide[90]");
    }

    @Test
    void twoStepsWithoutARampAreNotAccessibleAndSaySo() {
        var v = Verdicts.wheelchair(facts(Criterion.ENTRANCE_STEPS, 2, Criterion.RAMP, "none", Criterion.DOOR_WIDTH, 90), null);
        assertThat(v.level()).isEqualTo(Level.NOT_ACCESSIBLE);
        assertThat(reasons(v)).contains("entrance.stepsNoRamp[2]");
    }

    @Test
    void oneStepOfAtMostSevenCentimetresIsLimitedAsInOpenStreetMap() {
        assertThat(Verdicts.wheelchair(facts(Criterion.ENTRANCE_STEPS, 1, Criterion.STEP_HEIGHT, 7, Criterion.DOOR_WIDTH, 85), null).level())
                .isEqualTo(Level.LIMITED);
        assertThat(Verdicts.wheelchair(facts(Criterion.ENTRANCE_STEPS, 1, Criterion.STEP_HEIGHT, 12, Criterion.RAMP, "none",
                Criterion.DOOR_WIDTH, 85), null).level()).isEqualTo(Level.NOT_ACCESSIBLE);
    }

    @Test
    void anUnknownDoorWidthMakesAStepFreeEntranceUnknownNotNo() {
        var v = Verdicts.wheelchair(facts(Criterion.STEP_FREE_ENTRANCE, "yes"), null);
        assertThat(v.level()).isEqualTo(Level.UNKNOWN);
        assertThat(reasons(v)).contains("door.unknown[]");
    }

    @Test
    void nothingKnownIsUnknownForEveryNeed() {
        var all = Verdicts.all(facts(), null);
        assertThat(all.values()).extracting(Verdict::level).containsOnly(Level.UNKNOWN);
    }

    @Test
    void doorsBetween70And79AreTightAndBelow70TooNarrow() {
        assertThat(Verdicts.wheelchair(facts(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, 75), null).level()).isEqualTo(Level.LIMITED);
        assertThat(Verdicts.wheelchair(facts(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, 65), null).level()).isEqualTo(Level.NOT_ACCESSIBLE);
    }

    @Test
    void theSourcesOwnWheelchairVerdictFillsInOnlyWhenTheCriteriaLeaveItUnknown() {
        assertThat(Verdicts.wheelchair(facts(Criterion.STEP_FREE_ENTRANCE, "yes"), "yes").level()).isEqualTo(Level.ACCESSIBLE);
        assertThat(reasons(Verdicts.wheelchair(facts(), "limited"))).first().isEqualTo("source.limited[]");
        // Measured evidence wins over the summary tag.
        assertThat(Verdicts.wheelchair(facts(Criterion.ENTRANCE_STEPS, 3, Criterion.RAMP, "none"), "yes").level())
                .isEqualTo(Level.NOT_ACCESSIBLE);
    }

    @Test
    void stepsWithAnUnknownRampAreUnknownNotInaccessible() {
        var v = Verdicts.wheelchair(facts(Criterion.ENTRANCE_STEPS, 2, Criterion.DOOR_WIDTH, 90), null);
        assertThat(v.level()).isEqualTo(Level.UNKNOWN);
        assertThat(reasons(v)).contains("entrance.stepsRampUnknown[2]");
    }

    @Test
    void walkingCopesWithAFewStepsButNotMany() {
        assertThat(Verdicts.walking(facts(Criterion.ENTRANCE_STEPS, 2)).level()).isEqualTo(Level.LIMITED);
        assertThat(Verdicts.walking(facts(Criterion.ENTRANCE_STEPS, 12)).level()).isEqualTo(Level.NOT_ACCESSIBLE);
        assertThat(Verdicts.walking(facts(Criterion.ENTRANCE_STEPS, 12, Criterion.LIFT, "yes")).level()).isEqualTo(Level.ACCESSIBLE);
    }

    @Test
    void hearingNeedsALoopOrSignLanguage() {
        assertThat(Verdicts.hearing(facts(Criterion.SIGN_LANGUAGE, "yes")).level()).isEqualTo(Level.ACCESSIBLE);
        assertThat(Verdicts.hearing(facts(Criterion.HEARING_LOOP, "no", Criterion.SIGN_LANGUAGE, "no")).level()).isEqualTo(Level.NOT_ACCESSIBLE);
        assertThat(Verdicts.hearing(facts(Criterion.HEARING_LOOP, "no", Criterion.SIGN_LANGUAGE, "no", Criterion.TRAINED_STAFF, "yes")).level())
                .isEqualTo(Level.LIMITED);
        assertThat(Verdicts.hearing(facts(Criterion.HEARING_LOOP, "no")).level()).isEqualTo(Level.UNKNOWN);
    }

    @Test
    void visionDependsOnGuideDogsAndTrainedStaff() {
        assertThat(Verdicts.vision(facts(Criterion.GUIDE_DOGS_WELCOME, "no")).level()).isEqualTo(Level.NOT_ACCESSIBLE);
        assertThat(Verdicts.vision(facts(Criterion.GUIDE_DOGS_WELCOME, "yes")).level()).isEqualTo(Level.LIMITED);
        assertThat(Verdicts.vision(facts(Criterion.GUIDE_DOGS_WELCOME, "yes", Criterion.TRAINED_STAFF, "yes")).level()).isEqualTo(Level.ACCESSIBLE);
    }

    @Test
    void cognitiveCountsQuietEasyReadAndWelcome() {
        assertThat(Verdicts.cognitive(facts(Criterion.QUIET_ENVIRONMENT, "yes", Criterion.EASY_READ_INFORMATION, "yes")).level()).isEqualTo(Level.ACCESSIBLE);
        assertThat(Verdicts.cognitive(facts(Criterion.QUIET_ENVIRONMENT, "yes")).level()).isEqualTo(Level.LIMITED);
        assertThat(Verdicts.cognitive(facts(Criterion.QUIET_ENVIRONMENT, "no", Criterion.EASY_READ_INFORMATION, "no",
                Criterion.TRAINED_STAFF, "no")).level()).isEqualTo(Level.NOT_ACCESSIBLE);
    }

    @Test
    void severalNeedsKeepTheWorstVerdictAndItsReasons() {
        var f = facts(Criterion.STEP_FREE_ENTRANCE, "yes", Criterion.DOOR_WIDTH, 90, Criterion.HEARING_LOOP, "no", Criterion.SIGN_LANGUAGE, "no");
        var combined = Verdicts.combine(List.of(Verdicts.wheelchair(f, null), Verdicts.hearing(f)));
        assertThat(combined.level()).isEqualTo(Level.NOT_ACCESSIBLE);
        assertThat(reasons(combined)).containsExactly("hearing.noLoopNoSign[]");
    }

    @Test
    void conflictingAnswersFollowTheWeightOfRecentAnswers() {
        var answers = List.of(
                new Answer(Criterion.STEP_FREE_ENTRANCE, "yes", "a", false, NOW.minus(Duration.ofDays(800)), ""),
                new Answer(Criterion.STEP_FREE_ENTRANCE, "yes", "b", false, NOW.minus(Duration.ofDays(700)), ""),
                new Answer(Criterion.STEP_FREE_ENTRANCE, "no", "c", false, NOW.minus(Duration.ofDays(2)), ""));
        var c = Consensus.of(answers, NOW).get(Criterion.STEP_FREE_ENTRANCE);
        // Two answers of about two years weigh about 0.22 + 0.26; one of two days weighs about 1.
        assertThat(c.value()).isEqualTo("no");
        assertThat(c.agree()).isEqualTo(1);
        assertThat(c.disagree()).isEqualTo(2);
        assertThat(c.stale()).isFalse();
        assertThat(c.certainty()).isBetween(0.6, 0.75);
    }

    @Test
    void anOldConsensusIsMarkedStaleAndAYearHalvesAnAnswersWeight() {
        var c = Consensus.of(List.of(new Answer(Criterion.LIFT, "yes", "osm", true, NOW.minus(Duration.ofDays(400)), "")), NOW)
                .get(Criterion.LIFT);
        assertThat(c.value()).isEqualTo("yes");
        assertThat(c.stale()).isTrue();
        assertThat(Consensus.weight(NOW.minus(Consensus.HALF_LIFE), NOW)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void criterionValuesAreCheckedAndNormalised() {
        assertThat(Criterion.DOOR_WIDTH.normalise("85,4")).contains("85");
        assertThat(Criterion.DOOR_WIDTH.normalise("wide")).isEmpty();
        assertThat(Criterion.DOOR_WIDTH.normalise("-3")).isEmpty();
        assertThat(Criterion.RAMP.normalise(" Fixed ")).contains("fixed");
        assertThat(Criterion.RAMP.normalise("yes")).isEmpty();
        assertThat(Criterion.LIFT.normalise("maybe")).isEmpty();
    }
}
