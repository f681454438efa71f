package org.rampe.browser;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Test-only: a page with the search results' map contract (see templates/test/map-harness.html),
 * four fixed places in Montpellier and no tiles, so the map module is tested without the real
 * search page and without network. Members only, like every page not listed as public.
 */
@Controller
class MapHarnessController {

    @GetMapping("/test/map-harness")
    String harness() {
        return "test/map-harness";
    }
}
