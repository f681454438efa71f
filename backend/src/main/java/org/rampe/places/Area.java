package org.rampe.places;

import java.util.Locale;
import java.util.regex.Pattern;

/** The part of a file an import keeps: everywhere, a box, or a French département. */
public sealed interface Area {

    Area EVERYWHERE = new Everywhere();

    /** Whether a place at {@code point}, with {@code postcode} (maybe empty), is in the area. */
    boolean contains(GeoPoint point, String postcode);

    record Everywhere() implements Area {
        @Override
        public boolean contains(GeoPoint point, String postcode) {
            return true;
        }
    }

    /** A box in degrees, as {@code --bbox west,south,east,north} writes it (the order of GeoJSON and osmium). */
    record Box(double west, double south, double east, double north) implements Area {

        public Box {
            if (!(south <= north && west <= east && south >= -90 && north <= 90 && west >= -180 && east <= 180)) {
                throw new IllegalArgumentException("a box is west,south,east,north in degrees, west ≤ east and south ≤ north");
            }
        }

        /** Reads {@code west,south,east,north}. */
        public static Box parse(String text) {
            String[] parts = text.split(",");
            if (parts.length != 4) {
                throw new IllegalArgumentException("a box is four numbers: west,south,east,north");
            }
            double[] n = new double[4];
            for (int i = 0; i < 4; i++) {
                try {
                    n[i] = Double.parseDouble(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + parts[i].strip() + "\" is not a number of degrees");
                }
            }
            return new Box(n[0], n[1], n[2], n[3]);
        }

        @Override
        public boolean contains(GeoPoint point, String postcode) {
            return point.latitude() >= south && point.latitude() <= north && point.longitude() >= west
                    && point.longitude() <= east;
        }
    }

    /**
     * A département by its code ({@code 33}, {@code 2A}, {@code 974}). A place is in it when its
     * postcode says so; a place without a postcode is in it when it lies in {@code box}, the box of
     * the département's addresses loaded from the BAN (null when none are loaded: such places are
     * left out).
     */
    record Departement(String code, Box box) implements Area {

        private static final Pattern CODE = Pattern.compile("0[1-9]|[1-8]\\d|9[0-5]|2A|2B|97[1-6]");

        public Departement {
            code = code.strip().toUpperCase(Locale.ROOT);
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("\"" + code + "\" is not a French département code (01 to 95, 2A, 2B, 971 to 976)");
            }
        }

        /** The département of a French postcode: its first two digits, three overseas, 20 split into 2A and 2B. */
        public static String ofPostcode(String postcode) {
            String p = postcode == null ? "" : postcode.strip();
            if (!p.matches("\\d{5}")) {
                return "";
            }
            if (p.startsWith("97")) {
                return p.substring(0, 3);
            }
            if (p.startsWith("20")) {
                // Corse-du-Sud has the postcodes 200xx and 201xx, Haute-Corse 202xx to 206xx.
                return p.charAt(2) <= '1' ? "2A" : "2B";
            }
            return p.substring(0, 2);
        }

        @Override
        public boolean contains(GeoPoint point, String postcode) {
            String of = ofPostcode(postcode);
            if (!of.isEmpty()) {
                return of.equals(code);
            }
            return box != null && box.contains(point, postcode);
        }
    }
}
