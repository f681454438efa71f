package org.rampe.places;

import static org.rampe.places.Criterion.DOOR_WIDTH;
import static org.rampe.places.Criterion.EASY_READ_INFORMATION;
import static org.rampe.places.Criterion.ENTRANCE_STEPS;
import static org.rampe.places.Criterion.GUIDE_DOGS_WELCOME;
import static org.rampe.places.Criterion.HEARING_LOOP;
import static org.rampe.places.Criterion.LIFT;
import static org.rampe.places.Criterion.QUIET_ENVIRONMENT;
import static org.rampe.places.Criterion.RAMP;
import static org.rampe.places.Criterion.SIGN_LANGUAGE;
import static org.rampe.places.Criterion.STEP_FREE_ENTRANCE;
import static org.rampe.places.Criterion.STEP_HEIGHT;
import static org.rampe.places.Criterion.TRAINED_STAFF;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.rampe.members.NeedProfile;
import org.rampe.places.Verdict.Level;
import org.rampe.places.Verdict.Reason;

/**
 * The documented rules turning criteria into a verdict per need (graph-schema/README.md repeats
 * them for readers of the data). Unknown is never read as no: a verdict is "not accessible" only
 * on evidence, and "unknown" says which fact is missing.
 */
final class Verdicts {

    /** OpenStreetMap's threshold: one step of at most about 7 cm is "limited". */
    static final int LOW_STEP_CM = 7;
    /** A door of 80 cm lets a wheelchair through; 70-79 cm is tight; below, no. */
    static final int WIDE_DOOR_CM = 80;
    static final int TIGHT_DOOR_CM = 70;
    /** Up to this many steps, someone walking with difficulty can usually manage. */
    static final int FEW_STEPS = 3;

    private Verdicts() {
    }

    static Map<NeedProfile, Verdict> all(Map<Criterion, CriterionConsensus> c, String sourceWheelchair) {
        Map<NeedProfile, Verdict> result = new EnumMap<>(NeedProfile.class);
        for (NeedProfile profile : NeedProfile.values()) {
            result.put(profile, of(profile, c, sourceWheelchair));
        }
        return result;
    }

    static Verdict of(NeedProfile profile, Map<Criterion, CriterionConsensus> c, String sourceWheelchair) {
        return switch (profile) {
            case WHEELCHAIR -> wheelchair(c, sourceWheelchair);
            case WALKING -> walking(c);
            case VISION -> vision(c);
            case HEARING -> hearing(c);
            case COGNITIVE -> cognitive(c);
        };
    }

    /** Several needs at once: the worst verdict wins, with all the reasons of the verdicts that decided it. */
    static Verdict combine(Collection<Verdict> verdicts) {
        Level level = Level.ACCESSIBLE;
        for (Verdict v : verdicts) {
            level = level.worst(v.level());
        }
        List<Reason> reasons = new ArrayList<>();
        for (Verdict v : verdicts) {
            if (v.level() == level) {
                v.reasons().stream().filter(r -> !reasons.contains(r)).forEach(reasons::add);
            }
        }
        return new Verdict(verdicts.isEmpty() ? Level.UNKNOWN : level, reasons);
    }

    private static CriterionConsensus get(Map<Criterion, CriterionConsensus> c, Criterion criterion) {
        return c.getOrDefault(criterion, CriterionConsensus.unknown(criterion));
    }

    private record Part(Level level, Reason reason) {
    }

    static Verdict wheelchair(Map<Criterion, CriterionConsensus> c, String sourceWheelchair) {
        Part entrance = wheelchairEntrance(c);
        Part door = door(get(c, DOOR_WIDTH));
        Level level = entrance.level().worst(door.level());
        List<Reason> reasons = new ArrayList<>(List.of(entrance.reason(), door.reason()));
        if (level == Level.UNKNOWN && sourceWheelchair != null) {
            // The source's own verdict (OSM wheelchair=*) is evidence, weaker than measured criteria.
            Level fromSource = switch (sourceWheelchair) {
                case "yes", "designated" -> Level.ACCESSIBLE;
                case "limited" -> Level.LIMITED;
                case "no" -> Level.NOT_ACCESSIBLE;
                default -> Level.UNKNOWN;
            };
            if (fromSource != Level.UNKNOWN) {
                reasons.addFirst(Reason.of("source." + sourceWheelchair));
                return new Verdict(fromSource, reasons);
            }
        }
        return new Verdict(level, reasons);
    }

    private static Part wheelchairEntrance(Map<Criterion, CriterionConsensus> c) {
        var stepFree = get(c, STEP_FREE_ENTRANCE);
        int steps = get(c, ENTRANCE_STEPS).number();
        int height = get(c, STEP_HEIGHT).number();
        var ramp = get(c, RAMP);
        var lift = get(c, LIFT);
        if (stepFree.is("yes") || steps == 0) {
            return new Part(Level.ACCESSIBLE, Reason.of("entrance.stepFree"));
        }
        if (ramp.is("fixed")) {
            return new Part(Level.ACCESSIBLE, Reason.of("entrance.fixedRamp"));
        }
        if (lift.is("yes")) {
            return new Part(Level.ACCESSIBLE, Reason.of("entrance.lift"));
        }
        if (ramp.is("removable")) {
            return new Part(Level.LIMITED, Reason.of("entrance.removableRamp"));
        }
        if (steps == 1 && height >= 0 && height <= LOW_STEP_CM) {
            return new Part(Level.LIMITED, Reason.of("entrance.oneLowStep", height));
        }
        boolean hasSteps = steps > 0 || stepFree.is("no");
        if (hasSteps && ramp.is("none")) {
            return steps > 0
                    ? new Part(Level.NOT_ACCESSIBLE, Reason.of("entrance.stepsNoRamp", steps))
                    : new Part(Level.NOT_ACCESSIBLE, Reason.of("entrance.notStepFreeNoRamp"));
        }
        if (hasSteps) {
            return steps > 0
                    ? new Part(Level.UNKNOWN, Reason.of("entrance.stepsRampUnknown", steps))
                    : new Part(Level.UNKNOWN, Reason.of("entrance.notStepFreeRampUnknown"));
        }
        return new Part(Level.UNKNOWN, Reason.of("entrance.unknown"));
    }

    private static Part door(CriterionConsensus width) {
        int cm = width.number();
        if (cm < 0) {
            return new Part(Level.UNKNOWN, Reason.of("door.unknown"));
        }
        if (cm >= WIDE_DOOR_CM) {
            return new Part(Level.ACCESSIBLE, Reason.of("door.wide", cm));
        }
        if (cm >= TIGHT_DOOR_CM) {
            return new Part(Level.LIMITED, Reason.of("door.tight", cm));
        }
        return new Part(Level.NOT_ACCESSIBLE, Reason.of("door.narrow", cm));
    }

    static Verdict walking(Map<Criterion, CriterionConsensus> c) {
        var stepFree = get(c, STEP_FREE_ENTRANCE);
        int steps = get(c, ENTRANCE_STEPS).number();
        if (stepFree.is("yes") || steps == 0) {
            return new Verdict(Level.ACCESSIBLE, List.of(Reason.of("entrance.stepFree")));
        }
        if (get(c, LIFT).is("yes")) {
            return new Verdict(Level.ACCESSIBLE, List.of(Reason.of("entrance.lift")));
        }
        if (get(c, RAMP).is("fixed") || get(c, RAMP).is("removable")) {
            return new Verdict(Level.ACCESSIBLE, List.of(Reason.of("entrance.ramp")));
        }
        if (steps > FEW_STEPS) {
            return new Verdict(Level.NOT_ACCESSIBLE, List.of(Reason.of("entrance.manySteps", steps)));
        }
        if (steps > 0) {
            return new Verdict(Level.LIMITED, List.of(Reason.of("entrance.fewSteps", steps)));
        }
        if (stepFree.is("no")) {
            return new Verdict(Level.UNKNOWN, List.of(Reason.of("entrance.stepCountUnknown")));
        }
        return new Verdict(Level.UNKNOWN, List.of(Reason.of("entrance.unknown")));
    }

    static Verdict vision(Map<Criterion, CriterionConsensus> c) {
        var dogs = get(c, GUIDE_DOGS_WELCOME);
        var staff = get(c, TRAINED_STAFF);
        if (dogs.is("no")) {
            return new Verdict(Level.NOT_ACCESSIBLE, List.of(Reason.of("guideDogs.no")));
        }
        if (dogs.is("yes") && staff.is("yes")) {
            return new Verdict(Level.ACCESSIBLE, List.of(Reason.of("guideDogs.yes"), Reason.of("staff.yes")));
        }
        if (dogs.is("yes")) {
            return new Verdict(Level.LIMITED, List.of(Reason.of("guideDogs.yes"), Reason.of(staff.is("no") ? "staff.no" : "staff.unknown")));
        }
        return new Verdict(Level.UNKNOWN, List.of(Reason.of("guideDogs.unknown")));
    }

    static Verdict hearing(Map<Criterion, CriterionConsensus> c) {
        var loop = get(c, HEARING_LOOP);
        var sign = get(c, SIGN_LANGUAGE);
        var staff = get(c, TRAINED_STAFF);
        List<Reason> reasons = new ArrayList<>();
        if (loop.is("yes")) {
            reasons.add(Reason.of("hearingLoop.yes"));
        }
        if (sign.is("yes")) {
            reasons.add(Reason.of("signLanguage.yes"));
        }
        if (!reasons.isEmpty()) {
            return new Verdict(Level.ACCESSIBLE, reasons);
        }
        if (staff.is("yes")) {
            return new Verdict(Level.LIMITED, List.of(Reason.of("staff.yes"), Reason.of(
                    loop.is("no") && sign.is("no") ? "hearing.noLoopNoSign" : "hearing.loopOrSignUnknown")));
        }
        if (loop.is("no") && sign.is("no")) {
            return new Verdict(Level.NOT_ACCESSIBLE, List.of(Reason.of("hearing.noLoopNoSign")));
        }
        return new Verdict(Level.UNKNOWN, List.of(Reason.of("hearing.loopOrSignUnknown")));
    }

    static Verdict cognitive(Map<Criterion, CriterionConsensus> c) {
        List<CriterionConsensus> helps = List.of(get(c, EASY_READ_INFORMATION), get(c, QUIET_ENVIRONMENT), get(c, TRAINED_STAFF));
        List<Reason> reasons = new ArrayList<>();
        int yes = 0;
        int no = 0;
        for (CriterionConsensus h : helps) {
            if (h.is("yes")) {
                yes++;
                reasons.add(Reason.of("cognitive." + h.criterion().key() + ".yes"));
            } else if (h.is("no")) {
                no++;
                reasons.add(Reason.of("cognitive." + h.criterion().key() + ".no"));
            }
        }
        if (yes >= 2) {
            return new Verdict(Level.ACCESSIBLE, reasons);
        }
        if (yes == 1) {
            return new Verdict(Level.LIMITED, reasons);
        }
        if (no == helps.size()) {
            return new Verdict(Level.NOT_ACCESSIBLE, reasons);
        }
        reasons.add(Reason.of("cognitive.unknown"));
        return new Verdict(Level.UNKNOWN, reasons);
    }
}
