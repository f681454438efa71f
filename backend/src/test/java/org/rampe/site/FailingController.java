package org.rampe.site;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Test-only: a page that breaks, to see what a visitor gets from a 500. */
@Controller
class FailingController {

    @GetMapping("/test/failure")
    String fail() {
        throw new IllegalStateException("secret internal detail at org.rampe.Something");
    }
}
