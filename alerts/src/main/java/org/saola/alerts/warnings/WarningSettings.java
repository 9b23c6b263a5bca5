package org.saola.alerts.warnings;

import java.time.ZoneId;

/**
 * Who publishes the city's warnings: CAP {@code sender} (an address with no spaces, unique to the city), the
 * sender's name in each language, a contact, the public address links point to, and the city's time zone.
 */
public record WarningSettings(String sender, String senderNameVi, String senderNameEn, String contact, String publicUrl,
        ZoneId zone) {

    public WarningSettings {
        if (sender == null || !sender.matches("[^\\s,<&]+")) {
            throw new IllegalArgumentException("saola.warnings.sender is an address with no spaces or commas; got '" + sender + "'");
        }
        if (publicUrl == null || !publicUrl.matches("https?://\\S+")) {
            throw new IllegalArgumentException("saola.warnings.public-url must be an http(s) URL; got '" + publicUrl + "'");
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The public page of a warning (CAP {@code web}). */
    public String page(java.util.UUID warning) {
        return publicUrl + "/city/warnings/" + warning;
    }
}
