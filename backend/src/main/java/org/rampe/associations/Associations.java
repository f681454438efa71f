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

    /**
     * Invites a member to represent the association (issue 17: nobody is made a representative
     * without their consent); they hear of it (event {@link AssociationInvitation}).
     */
    AssociationRepository.Invited invite(Association a, String handle, String byId) {
        var outcome = repository.invite(a.id(), handle, byId);
        if (outcome == AssociationRepository.Invited.INVITED) {
            repository.memberIdOf(handle).ifPresent(invited ->
                    events.publishEvent(new AssociationInvitation(a.id(), a.slug(), a.name(), invited, byId)));
        }
        return outcome;
    }

    boolean isInvited(String memberId, Association a) {
        return memberId != null && repository.isInvited(memberId, a.id());
    }

    /** The invited member becomes a representative; false when they had no invitation. */
    boolean accept(String memberId, Association a) {
        return repository.accept(memberId, a.id());
    }

    /** The invited member declines; false when they had no invitation. */
    boolean decline(String memberId, Association a) {
        return repository.dropInvitation(memberId, a.id());
    }

    /** A representative withdraws the invitation of the member with this handle; false when there was none. */
    boolean withdraw(Association a, String handle) {
        return repository.memberIdOf(handle).map(id -> repository.dropInvitation(id, a.id())).orElse(false);
    }

    List<Representative> invited(Association a) {
        return repository.invited(a.id());
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
