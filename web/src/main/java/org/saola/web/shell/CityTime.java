package org.saola.web.shell;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times on pages as the reader's language writes them ({@code 14:05, 30/11/2026} or {@code 30 Nov 2026, 14:05}), in
 * the city's time zone ({@code saola.time-zone}), whoever's server the page is rendered on.
 */
@Component
public class CityTime {

    private final ZoneId zone;

    CityTime(@Value("${saola.time-zone:Asia/Ho_Chi_Minh}") String zone) {
        this.zone = ZoneId.of(zone);
    }

    /** The city's time zone. */
    public ZoneId zone() {
        return zone;
    }

    /** Whether the page is being rendered in Vietnamese. */
    public static boolean vietnamese() {
        return "vi".equals(LocaleContextHolder.getLocale().getLanguage());
    }

    /** A formatter of instants for the page being rendered. */
    public DateTimeFormatter formatter() {
        return DateTimeFormatter.ofPattern(vietnamese() ? "HH:mm, dd/MM/yyyy" : "d MMM yyyy, HH:mm",
                LocaleContextHolder.getLocale()).withZone(zone);
    }
}
