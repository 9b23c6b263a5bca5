package org.saola.participation.domain;

import java.time.Instant;
import java.util.List;
import org.saola.platform.InvalidInputException;

/**
 * A public meeting or workshop of a process: when, where (a place in words, its ward), what makes it
 * accessible ({@link Provision}s and more in words) and how many places it has (0: no limit).
 */
public record Meeting(String code, String titleVi, String titleEn, String descriptionVi, String descriptionEn, Instant starts,
        Instant ends, String place, String ward, List<Provision> provisions, String accessibility, int capacity) {

    /** What the city provides so that no one is kept out; residents say which of them they need. */
    public enum Provision { SIGN_LANGUAGE, INTERPRETING, CHILDCARE, STEP_FREE, HEARING_LOOP, ONLINE }

    public Meeting {
        if (code == null || !code.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidInputException("code", "a meeting code is 1-63 lower-case letters, digits and dashes; got '" + code + "'",
                    "participation.problem.meetingCode");
        }
        titleVi = Project.required("titleVi", titleVi, 200);
        titleEn = Project.required("titleEn", titleEn, 200);
        descriptionVi = Project.optional("descriptionVi", descriptionVi, 4000);
        descriptionEn = Project.optional("descriptionEn", descriptionEn, 4000);
        if (starts == null || ends == null) {
            throw new InvalidInputException("starts", "a meeting has a start and an end (like 2027-01-10T18:00:00+07:00)",
                    "participation.problem.meetingTimes");
        }
        if (!ends.isAfter(starts)) {
            throw new InvalidInputException("ends", "the meeting ends (" + ends + ") after it starts (" + starts + ")",
                    "participation.problem.meetingEndsBeforeStart");
        }
        place = Project.required("place", place, 300);
        ward = ward == null ? "" : ward.strip();
        provisions = provisions == null ? List.of() : provisions.stream().distinct().toList();
        accessibility = Project.optional("accessibility", accessibility, 2000);
        if (capacity < 0) {
            throw new InvalidInputException("capacity", "capacity is the number of places, 0 for no limit; got " + capacity,
                    "participation.problem.capacity");
        }
    }

    public String title(boolean vietnamese) {
        return vietnamese ? titleVi : titleEn;
    }

    public String description(boolean vietnamese) {
        return vietnamese ? descriptionVi : descriptionEn;
    }
}
