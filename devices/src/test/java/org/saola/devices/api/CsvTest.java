package org.saola.devices.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() {
        assertThat(Csv.parse("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",\n"))
                .containsExactly(List.of("a", "b"), List.of("x, y", "say \"hi\""), List.of("two\nlines", ""));
    }

    @Test
    void aSpreadsheetsByteOrderMarkAndAMissingLastLineBreakAreFine() {
        assertThat(Csv.parse("\uFEFFid,name\ns1,Trạm 1")).containsExactly(List.of("id", "name"), List.of("s1", "Trạm 1"));
        assertThat(Csv.parse("")).isEmpty();
        assertThat(Csv.parse("\"\"")).containsExactly(List.of(""));
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> Csv.parse("id\n\"open")).hasMessageContaining("not closed");
    }
}
