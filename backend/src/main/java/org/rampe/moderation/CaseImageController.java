package org.rampe.moderation;

import org.rampe.images.ImageStore;
import org.rampe.images.JpegResponses;
import org.rampe.site.MalformedId;
import org.rampe.site.Viewer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The image of a reported message, for the moderators who judge the case: they are not participants
 * of the conversation, so the messages' own image route refuses them, yet the image may be the
 * abusive part. Served to whoever sees the case in a queue (an administrator, or a moderator of the
 * case's group), only while the case is open; to anyone else the case does not exist.
 *
 * <p>Also the copies a case's snapshots keep of the reported images (issue 17), at
 * {@code /moderation/cases/{case}/snapshots/{image}.jpg}, to the same people: the author's delete
 * does not remove them; the case's retention and the author's erasure do.
 */
@Controller
class CaseImageController {

    private final Reports reports;
    private final CaseRepository cases;
    private final Moderators moderators;
    private final ImageStore images;

    CaseImageController(Reports reports, CaseRepository cases, Moderators moderators, ImageStore images) {
        this.reports = reports;
        this.cases = cases;
        this.moderators = moderators;
        this.images = images;
    }

    @GetMapping("/moderation/cases/{caseId}/image.jpg")
    ResponseEntity<byte[]> image(@PathVariable CaseId caseId, @AuthenticationPrincipal Viewer viewer) {
        var found = reports.openCase(caseId)
                .filter(c -> viewer.admin() || moderators.moderates(viewer.memberId(), c.groupId()))
                .filter(c -> c.image() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // The case names the message's image; the file is read from the image store directly, with no
        // check of the conversation's participants (the case's check above is the one that applies).
        byte[] jpeg = images.get(found.image().id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        // As the messages' image route: private, since who may see it changes (the case decided, a moderator leaving).
        return JpegResponses.forThisViewer(jpeg);
    }

    @GetMapping("/moderation/cases/{caseId}/snapshots/{imageId}.jpg")
    ResponseEntity<byte[]> snapshotImage(@PathVariable CaseId caseId, @PathVariable String imageId,
                                         @AuthenticationPrincipal Viewer viewer) {
        String image;
        try {
            image = MalformedId.canonicalUuid(imageId, "image");
        } catch (MalformedId e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        reports.openCase(caseId)
                .filter(c -> viewer.admin() || moderators.moderates(viewer.memberId(), c.groupId()))
                .filter(c -> cases.snapshotImageOf(c.id(), image))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        byte[] jpeg = images.get(image).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return JpegResponses.forThisViewer(jpeg);
    }
}
