package org.rampe.places;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.rampe.members.NeedProfile;

/** Places: adding, importing, answering criteria, and keeping each place's summary in step. */
@Service
public class Places {

    /** The result of importing one row. */
    enum ImportOutcome { CREATED, UPDATED }

    private final PlaceRepository repository;
    private final Clock clock;

    @Autowired
    Places(PlaceRepository repository) {
        this(repository, Clock.systemUTC());
    }

    Places(PlaceRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Creates or updates the place of one open-data row (keyed by its source id) and its summary. */
    ImportOutcome importPlace(ImportedPlace row) {
        var outcome = repository.upsertImported(row, this::summarise);
        return outcome == PlaceRepository.Upsert.CREATED ? ImportOutcome.CREATED : ImportOutcome.UPDATED;
    }

    public PlaceId add(String name, String category, Address address, GeoPoint location, String memberId,
                       Map<Criterion, String> initialAnswers) {
        PlaceId id = repository.create(name, category, address, location, memberId);
        initialAnswers.forEach((criterion, value) -> repository.answer(id, memberId, criterion, value, ""));
        refresh(id);
        return id;
    }

    public void answer(PlaceId place, String memberId, Criterion criterion, String value, String comment) {
        repository.answer(place, memberId, criterion, value, comment);
        refresh(place);
    }

    void withdraw(PlaceId place, String memberId, Criterion criterion) {
        repository.withdraw(place, memberId, criterion);
        refresh(place);
    }

    /** Changes a place's facts; what changed is recorded as a revision by the member. */
    void updateFacts(PlaceId id, String name, String category, Address address, GeoPoint location, boolean closed,
                     String memberId) {
        repository.updateFacts(id, name, category, address, location, closed, memberId, Map.of());
    }

    /** The place imported from this source record, if there is one. */
    public Optional<PlaceId> idOf(PlaceSource source) {
        return repository.idsBySourceKeys(List.of(source.key())).stream().findFirst();
    }

    /**
     * The département {@code code} as an import area: its places by postcode, and those without one
     * by the box of its addresses loaded from the BAN (none loaded, no box).
     */
    public Area.Departement departement(String code) {
        var departement = new Area.Departement(code, null);
        return new Area.Departement(departement.code(), repository.addressBox(departement.code()).orElse(null));
    }

    /** Whether the place exists (also for the photos of a place). */
    public boolean exists(PlaceId id) {
        return repository.exists(id);
    }

    /** The place page's data, with the consensus computed as of now (so staleness is current). */
    Optional<PlaceView> view(PlaceId id) {
        return repository.details(id).map(details -> {
            var summary = summarise(details);
            return new PlaceView(details, summary.consensus(), summary.verdicts());
        });
    }

    Map<Criterion, String> answersOf(PlaceId place, String memberId) {
        return repository.answersOf(place, memberId);
    }

    /** Recomputes and stores the consensus values and verdicts searches filter on. */
    void refresh(PlaceId id) {
        repository.details(id).ifPresent(details -> {
            var summary = summarise(details);
            repository.saveSummary(id, summary.consensus(), summary.verdicts());
        });
    }

    private PlaceRepository.Summary summarise(PlaceDetails details) {
        var consensus = Consensus.of(details.answers(), clock.instant());
        return new PlaceRepository.Summary(consensus, Verdicts.all(consensus, details.sourceWheelchair()));
    }

    /** What a place page shows. */
    record PlaceView(PlaceDetails details, Map<Criterion, CriterionConsensus> consensus,
                     Map<NeedProfile, Verdict> verdicts) {
    }
}
