package org.saola.context.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class SmartDataModelsTest {

    private static final String ENV = "https://smartdatamodels.org/dataModel.Environment/";
    private final SmartDataModels models = new SmartDataModels();

    private static ObjectNode attrs(String json) {
        return (ObjectNode) JsonMapper.builder().build().readTree(json);
    }

    @Test
    void thirteenModelsAreBundled() {
        assertThat(models.names()).hasSize(13).contains("AirQualityObserved", "WasteContainer", "Device");
        assertThat(models.modelOf(ENV + "AirQualityObserved")).contains("AirQualityObserved");
        assertThat(models.modelOf("https://uri.etsi.org/ngsi-ld/default-context/ParkingSpot")).contains("ParkingSpot");
        assertThat(models.modelOf("https://example.org/Bridge")).isEmpty();
    }

    @Test
    void typesEnumerationsRangesAndDatesAreChecked() {
        var problems = models.violations(ENV + "AirQualityObserved", attrs("""
                {"https://smartdatamodels.org/dataModel.Environment/reliability": {"type": "Property", "value": 2},
                 "https://smartdatamodels.org/dataModel.Environment/typeofLocation": {"type": "Property", "value": "cave"},
                 "https://smartdatamodels.org/dataModel.Environment/airQualityIndex": {"type": "Property", "value": "good"},
                 "https://smartdatamodels.org/dateObserved": {"type": "Property", "value": "yesterday"}}"""), true);
        assertThat(problems).hasSize(4).anySatisfy(p -> assertThat(p).contains("above the maximum"))
                .anySatisfy(p -> assertThat(p).contains("'cave' is not one of"))
                .anySatisfy(p -> assertThat(p).contains("expected a integer"))
                .anySatisfy(p -> assertThat(p).contains("not an ISO 8601 date-time"));
    }

    @Test
    void requiredAttributesAreCheckedOnWholeEntitiesOnly() {
        ObjectNode none = attrs("{}");
        assertThat(models.violations(ENV + "AirQualityObserved", none, false))
                .containsExactlyInAnyOrder("AirQualityObserved requires dateObserved", "AirQualityObserved requires location");
        assertThat(models.violations(ENV + "AirQualityObserved", none, true)).isEmpty();
    }
}
