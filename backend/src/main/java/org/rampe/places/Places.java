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

    /**
     * Creates or updates the places of a batch of open-data rows (keyed by their source ids, distinct
     * in the batch) and their summaries, in one transaction; the outcomes are in the rows' order.
     */
    List<ImportOutcome> importBatch(List<ImportedPlace> rows) {
        return repository.upsertImported(rows, this::summarise).stream()
                .map(u -> u == PlaceRepository.Upsert.CREATED ? ImportOutcome.CREATED : ImportOutcome.UPDATED).toList();
    }

    /**
     * After a complete import of {@code source} in {@code area}: marks the open places of that source
     * in the area that the file no longer had (not seen in it since {@code importedAt}) as "maybe
     * closed", for members to confirm; never deletes. Returns how many were marked.
     */
    int markMaybeClosed(String source, Area area, java.time.Instant importedAt) {
        List<PlaceId> absent = repository.notSeenInSourceSince(source, importedAt).stream()
                .filter(p -> area.contains(p.location(), p.postcode())).map(PlaceRepository.Located::id).toList();
        repository.markMaybeClosed(absent, importedAt);
        return absent.size();
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

    /** A member confirms a place marked "maybe closed" is still open. */
    void confirmOpen(PlaceId id, String memberId) {
        repository.confirmOpen(id, memberId);
    }

    /** A member confirms a place marked "maybe closed" has closed: it is closed like any edit would (a revision). */
    void confirmClosed(PlaceId id, String memberId) {
        repository.details(id).ifPresent(details -> {
            var s = details.summary();
            repository.updateFacts(id, s.name(), s.category(), s.address(), s.location(), true, memberId, Map.of());
            repository.confirmOpen(id, memberId);
        });
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
        return summarise(details.answers(), details.sourceWheelchair());
    }

    private PlaceRepository.Summary summarise(List<Answer> answers, String sourceWheelchair) {
        var consensus = Consensus.of(answers, clock.instant());
        return new PlaceRepository.Summary(consensus, Verdicts.all(consensus, sourceWheelchair));
    }

    /** What a place page shows. */
    record PlaceView(PlaceDetails details, Map<Criterion, CriterionConsensus> consensus,
                     Map<NeedProfile, Verdict> verdicts) {
    }
}
