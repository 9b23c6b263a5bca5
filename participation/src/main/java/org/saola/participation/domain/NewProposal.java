package org.saola.participation.domain;

import java.util.List;
import org.saola.platform.InvalidInputException;

/**
 * What a resident submits: a title and what they propose in their own words, what it is about, where (a ward
 * of the process, a place in words, a point on the map: each optional, at least the ward when the process has
 * wards), and up to three photos. Lengths follow what Decidim asks (a title of at least 15 characters reads as a
 * proposal, not a slogan).
 */
public record NewProposal(String title, String body, ProposalCategory category, String ward, String place, Double lat,
        Double lon, List<byte[]> photos) {

    public static final int MAX_PHOTOS = 3;

    public NewProposal {
        title = text("title", title, 15, 150);
        body = text("body", body, 15, 4000);
        if (category == null) {
            throw new InvalidInputException("category", "choose what the proposal is about", "participation.problem.category");
        }
        ward = ward == null ? "" : ward.strip();
        place = Project.optional("place", place, 200);
        if ((lat == null) != (lon == null)) {
            throw new InvalidInputException("lat", "a point on the map has both a latitude and a longitude",
                    "participation.problem.mapPointHalf");
        }
        if (lat != null && (!Double.isFinite(lat) || !Double.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180)) {
            throw new InvalidInputException("lat", "a point on the map is a latitude (-90..90) and a longitude (-180..180)",
                    "participation.problem.mapPointRange");
        }
        photos = photos == null ? List.of() : photos.stream().filter(p -> p != null && p.length > 0).toList();
        if (photos.size() > MAX_PHOTOS) {
            throw new InvalidInputException("photo", "a proposal has at most " + MAX_PHOTOS + " photos; got " + photos.size(),
                    "participation.problem.tooManyPhotos", MAX_PHOTOS, photos.size());
        }
    }

    static String text(String field, String value, int min, int max) {
        String v = value == null ? "" : value.strip();
        if (v.length() < min || v.length() > max) {
            throw new InvalidInputException(field, field + " has " + min + " to " + max + " characters; got " + v.length(),
                    "participation.problem.length", ProblemArgs.field(field), min, max, v.length());
        }
        return v;
    }
}
