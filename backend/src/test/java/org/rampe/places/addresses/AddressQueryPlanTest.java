package org.rampe.places.addresses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rampe.QueryPlans.plannedIndexes;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rampe.QueryPlans;
import org.rampe.RampeTest;

/** The geocoder's and the import's queries seek through V0027's indexes; none scans the addresses. */
class AddressQueryPlanTest extends RampeTest {

    @Test
    void aCommuneNamedExactlyIsFoundThroughItsKeyIndex() {
        assertThat(plannedIndexes(graph, AddressRepository.COMMUNES_NAMED,
                Map.of("key", "montpellier", "postcode", "34000", "limit", 20))).containsExactly("commune_key");
    }

    @Test
    void aNumberedAddressIsFoundThroughTheStreetAndNumberIndex() {
        assertThat(plannedIndexes(graph, AddressRepository.NUMBERED,
                Map.of("streets", List.of("34172:rue de la loge"), "number", "3"))).containsExactly("address_street_number");
    }

    @Test
    void theImportMergesEachAddressThroughItsIdConstraint() {
        var operators = QueryPlans.explainInWrite(graph, AddressRepository.SAVE_ADDRESSES, Map.of("rows", List.of(new BanRow("34172_1170_00003", "34", "3", "Rue de la Loge", "34000", "34172",
                "Montpellier", "entrée", new org.rampe.places.GeoPoint(43.6101, 3.8772)).properties())));
        QueryPlans.assertScansNothing(operators);
        assertThat(operators.toString()).contains("Address(id)");
    }
}
