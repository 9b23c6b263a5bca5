package org.saola.devices.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Pm25BandTest {

    @ParameterizedTest
    @CsvSource({"0,GOOD", "25,GOOD", "25.1,MODERATE", "50,MODERATE", "50.5,POOR", "80,POOR", "81,BAD",
            "150,BAD", "151,VERY_BAD", "250,VERY_BAD", "250.1,HAZARDOUS", "999,HAZARDOUS"})
    void concentrationsFallInTheVnAqiBands(double pm25, Pm25Band band) {
        assertThat(Pm25Band.of(pm25)).isEqualTo(band);
    }

    @ParameterizedTest
    @CsvSource({"GOOD,#00e400,aq.band.GOOD", "HAZARDOUS,#7e0023,aq.band.HAZARDOUS"})
    void eachBandHasTheOfficialColourAndAMessageKey(Pm25Band band, String colour, String key) {
        assertThat(band.colour()).isEqualTo(colour);
        assertThat(band.messageKey()).isEqualTo(key);
    }
}
