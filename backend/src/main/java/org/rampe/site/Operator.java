package org.rampe.site;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who runs this Rampe site: the data controller named on the privacy page and the contact of the
 * accessibility statement. Set once ({@code rampe.operator.*}, docs/operations.md); both pages read it.
 * The defaults are DEMO values, on the reserved {@code .example} domain: a site still showing them
 * says so on both pages, and must not be opened to the public like that.
 *
 * @param name          the association or company responsible (the "responsable de traitement")
 * @param contactEmail  where members write to use their rights or report an accessibility barrier
 * @param postalAddress optional: a postal address, shown when set
 * @param dpoEmail      optional: the data protection officer's address, shown when set
 */
@ConfigurationProperties("rampe.operator")
public record Operator(
        @DefaultValue(DEMO_NAME) String name,
        @DefaultValue(DEMO_EMAIL) String contactEmail,
        @DefaultValue("") String postalAddress,
        @DefaultValue("") String dpoEmail) {

    /** Demo default: replace it (rampe.operator.name). */
    public static final String DEMO_NAME = "Association Rampe (exemple)";
    /** Demo default: replace it (rampe.operator.contact-email). */
    public static final String DEMO_EMAIL = "contact@rampe.example";

    /** True while the demo defaults are still in place: the pages then warn the reader. */
    public boolean demo() {
        return DEMO_NAME.equals(name) || DEMO_EMAIL.equals(contactEmail) || contactEmail.endsWith(".example");
    }

    public boolean hasPostalAddress() {
        return postalAddress != null && !postalAddress.isBlank();
    }

    public boolean hasDpo() {
        return dpoEmail != null && !dpoEmail.isBlank();
    }
}
