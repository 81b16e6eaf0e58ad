package io.clamator.sample.docs.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.test.autoconfigure.ClamatorTest;
import io.clamator.json.ClamatorJson;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.json.JsonMapper;

/** clamator's JSON mapping builds on the application's JsonMapper, unless it is given one of its own. */
class JsonMappingConfigurationTests {

    record Parcel(String trackingId, double weightKg) {
    }

    static final Parcel PARCEL = new Parcel("T-1", 2);

    @Nested
    @ClamatorTest(properties = "spring.jackson.property-naming-strategy=SNAKE_CASE")
    class OnTheApplicationsMapper {

        @Autowired
        ClamatorJson json;

        @Test
        void theApplicationsNamingStrategyReachesTheWire() {
            assertThat(json.write(json.toTree(PARCEL))).isEqualTo("{\"tracking_id\":\"T-1\",\"weight_kg\":2.0}");
        }
    }

    @Nested
    @ClamatorTest(properties = "spring.jackson.property-naming-strategy=SNAKE_CASE")
    @Import(IndependentJsonMapping.class)
    class OnAMappingOfItsOwn {

        @Autowired
        ClamatorJson json;

        @Autowired
        JsonMapper applicationMapper;

        @Test
        void theWireKeepsTheContractsNames() {
            assertThat(json.write(json.toTree(PARCEL))).isEqualTo("{\"trackingId\":\"T-1\",\"weightKg\":2.0}");
            assertThat(applicationMapper.writeValueAsString(PARCEL)).isEqualTo("{\"tracking_id\":\"T-1\",\"weight_kg\":2.0}");
        }
    }
}
