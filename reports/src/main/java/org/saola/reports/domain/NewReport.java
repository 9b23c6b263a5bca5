package org.saola.reports.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.InvalidInputException;
import org.saola.platform.residents.Contact;

/**
 * What a resident files, through Open311 or the form. A place is required: a point ({@code lat}/{@code lon}),
 * or an address (typed, or an address id, or the ward and street of the form without JavaScript). The
 * reporter is a signed-in resident, or a contact given with the report (so that updates reach them), or no one
 * ({@code anonymous}: nothing of them is kept, and no update can reach them).
 */
public record NewReport(String serviceCode, Optional<Double> lat, Optional<Double> lon, String address,
        String addressId, String ward, String description, Map<String, List<String>> answers, String mediaUrl,
        Optional<UUID> signedInResident, Optional<Contact> contact, Optional<String> name, String source,
        List<byte[]> photos) {

    public static final int MAX_DESCRIPTION = 4000;      // GeoReport v2: description, up to 4,000 characters
    public static final int MAX_PHOTOS = 3;

    public NewReport {
        serviceCode = serviceCode == null ? "" : serviceCode.strip();
        if (serviceCode.isEmpty()) {
            throw new InvalidInputException("service_code", "service_code is required: which kind of problem is it?");
        }
        lat = lat == null ? Optional.empty() : lat;
        lon = lon == null ? Optional.empty() : lon;
        if (lat.isPresent() != lon.isPresent()) {
            throw new InvalidInputException(lat.isPresent() ? "long" : "lat", "lat and long go together: give both or neither");
        }
        if (lat.isPresent() && (!Double.isFinite(lat.get()) || Math.abs(lat.get()) > 90)) {
            throw new InvalidInputException("lat", "lat is a latitude in degrees, -90 to 90 (WGS84); got " + lat.get());
        }
        if (lon.isPresent() && (!Double.isFinite(lon.get()) || Math.abs(lon.get()) > 180)) {
            throw new InvalidInputException("long", "long is a longitude in degrees, -180 to 180 (WGS84); got " + lon.get());
        }
        address = ServiceDefinition.text("address_string", address, 500, false);
        addressId = ServiceDefinition.text("address_id", addressId, 200, false);
        ward = ServiceDefinition.text("ward", ward, 100, false);
        if (lat.isEmpty() && address.isEmpty() && addressId.isEmpty()) {
            throw new InvalidInputException("lat", "say where the problem is: lat and long, or address_string, or address_id");
        }
        description = ServiceDefinition.text("description", description, MAX_DESCRIPTION, false);
        answers = answers == null ? Map.of() : answers;
        mediaUrl = ServiceDefinition.text("media_url", mediaUrl, 2000, false);
        if (!mediaUrl.isEmpty() && !mediaUrl.matches("https?://\\S+")) {
            throw new InvalidInputException("media_url", "media_url is an http(s) URL; got '" + mediaUrl + "'");
        }
        signedInResident = signedInResident == null ? Optional.empty() : signedInResident;
        contact = contact == null ? Optional.empty() : contact;
        name = name == null ? Optional.empty() : name.map(String::strip).filter(n -> !n.isEmpty());
        photos = photos == null ? List.of() : List.copyOf(photos);
        if (photos.size() > MAX_PHOTOS) {
            throw new InvalidInputException("media", "at most " + MAX_PHOTOS + " photos; got " + photos.size());
        }
    }

    private static final java.util.regex.Pattern ATTRIBUTE = java.util.regex.Pattern.compile("attribute\\[([^\\]]+)\\](?:\\[\\d*\\])?");

    /**
     * The answers to a category's questions among a request's parameters, by question code: {@code attribute[code]=v},
     * {@code attribute[code][]=v} (the Open311 specification's multivaluelist) and {@code attribute[code][0]=v}
     * (jreport's), as Open311 clients and the residents' form send them.
     */
    public static Map<String, List<String>> answersFrom(Map<String, String[]> parameters) {
        Map<String, List<String>> answers = new java.util.LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            java.util.regex.Matcher m = ATTRIBUTE.matcher(name);
            if (m.matches()) {
                answers.computeIfAbsent(m.group(1), k -> new java.util.ArrayList<>()).addAll(java.util.Arrays.asList(values));
            }
        });
        return answers;
    }
}
