package org.rampe.associations;

import java.util.List;
import java.util.Optional;

import org.rampe.images.ImageStore;
import org.rampe.images.Images;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Association pages: created by a member (who becomes their first representative), edited by
 * their representatives, verified by an administrator. The demo creates its associations through
 * it ({@link #create}, {@link #markDemo}).
 */
@Service
public class Associations {

    /** Logos are shown small: no more than this many pixels on the long side are kept. */
    static final int LOGO_SIDE = 512;
    static final int LIST_MAX = 200;

    private final AssociationRepository repository;
    private final ImageStore images;
    private final ApplicationEventPublisher events;

    Associations(AssociationRepository repository, ImageStore images, ApplicationEventPublisher events) {
        this.repository = repository;
        this.images = images;
        this.events = events;
    }

    /** Whether this member represents this association (both by id); false for null. */
    boolean isRepresentative(String memberId, String associationId) {
        return repository.isRepresentative(memberId, associationId);
    }

    public Optional<Association> bySlug(String slug) {
        return slug == null || slug.length() > 100 ? Optional.empty() : repository.bySlug(slug);
    }

    Optional<Association> byId(String id) {
        return id == null ? Optional.empty() : repository.byId(id);
    }

    List<Association> list(String q) {
        return repository.list(AssociationForm.line(q), LIST_MAX);
    }

    public String create(String creatorId, AssociationForm.Fields fields) {
        return repository.create(creatorId, fields);
    }

    /** Returns whether the change sent a verified association back to the queue. */
    boolean update(Association a, AssociationForm.Fields fields) {
        return repository.update(a.id(), fields);
    }

    List<Representative> representatives(Association a) {
        return repository.representatives(a.id());
    }

    List<OwnedGroup> groups(Association a) {
        return repository.groups(a.id());
    }

    AssociationRepository.Added addRepresentative(Association a, String handle) {
        return repository.addRepresentative(a.id(), handle);
    }

    AssociationRepository.Removed removeRepresentative(Association a, String handle) {
        return repository.removeRepresentative(a.id(), handle);
    }

    void replaceLogo(Association a, Images.Cleaned logo, String alt) {
        String imageId = java.util.UUID.randomUUID().toString();
        images.put(imageId, logo.jpeg());
        repository.replaceLogo(a.id(), alt, logo.width(), logo.height(), imageId).ifPresent(images::delete);
    }

    void removeLogo(Association a) {
        repository.removeLogo(a.id()).ifPresent(images::delete);
    }

    Optional<byte[]> logo(String slug) {
        return repository.logoImage(slug).flatMap(images::get);
    }

    List<Pending> pending() {
        return repository.pending();
    }

    List<Pending> verified() {
        return repository.verified();
    }

    /** Verifies the association; its creator hears of it (event {@link AssociationVerified}). */
    void verify(Association a, String adminId) {
        repository.verify(a.id(), adminId).ifPresent(creator ->
                events.publishEvent(new AssociationVerified(a.id(), a.slug(), a.name(), creator, adminId)));
    }

    void withdrawVerification(Association a) {
        repository.withdrawVerification(a.id());
    }

    /** Marks an association as demo content ({@code demo: true}), verified or waiting as the demo shows it. */
    public void markDemo(String slug, boolean verified) {
        repository.markDemo(slug, verified);
    }
}
