package org.rampe.places.photos;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.rampe.places.PlaceId;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A file over the size limit is refused while the request is parsed, before the form can be
 * bound. Rather than a bare error, the member lands back on the upload form with the reason.
 * Multipart parsing is lazy (application.properties), so the exception reaches this advice with
 * the photo controller as handler and the place id already matched.
 */
@ControllerAdvice(assignableTypes = PhotoController.class)
class PhotoUploadLimits {

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request, RedirectAttributes redirect) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String placeId = variables instanceof Map<?, ?> map && map.get("placeId") instanceof String id ? id : "";
        if (PlaceId.parse(placeId).isEmpty()) {
            return "redirect:/";
        }
        redirect.addFlashAttribute(PhotoController.TOO_LARGE, true);
        return "redirect:/places/" + placeId + "/photos/new";
    }
}
