package org.saola.participation.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.saola.platform.InvalidInputException;

/**
 * One progress update of something residents decided (a funded project, an accepted proposal): where it
 * stands, how far, what was spent so far, its dates, a note in Vietnamese and English, photos. The newest
 * update is where it stands now.
 */
public record Progress(UUID id, Kind kind, String ref, Status status, int percent, long spent, Optional<LocalDate> starts,
        Optional<LocalDate> ends, String noteVi, String noteEn, List<UUID> photos, Instant at) {

    /** What the update is about: a project of the process (its code) or a proposal (its number). */
    public enum Kind {
        PROJECT, PROPOSAL;

        public static Kind parse(String value) {
            try {
                return valueOf(value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("kind", "progress is about a PROJECT or a PROPOSAL; got '" + value + "'",
                        "participation.problem.progressKind");
            }
        }
    }

    public enum Status { PLANNED, IN_PROGRESS, DONE, CANCELLED }

    public String note(boolean vietnamese) {
        return vietnamese ? noteVi : noteEn;
    }

    /** What staff give: checked before anything is written. */
    public record New(Status status, int percent, long spent, Optional<LocalDate> starts, Optional<LocalDate> ends,
            String noteVi, String noteEn, List<byte[]> photos) {

        public New {
            if (status == null) {
                throw new InvalidInputException("status", "say where it stands: one of " + List.of(Status.values()),
                        "participation.problem.progressStatus");
            }
            if (percent < 0 || percent > 100) {
                throw new InvalidInputException("percent", "percent is 0 to 100; got " + percent, "participation.problem.percent", percent);
            }
            if (status == Status.DONE && percent != 100) {
                throw new InvalidInputException("percent", "something done is 100 % done; got " + percent + " %",
                        "participation.problem.doneIsFull", percent);
            }
            if (spent < 0) {
                throw new InvalidInputException("spent", "the money spent so far is 0 or more đồng; got " + spent,
                        "participation.problem.spent", spent);
            }
            starts = starts == null ? Optional.empty() : starts;
            ends = ends == null ? Optional.empty() : ends;
            if (starts.isPresent() && ends.isPresent() && ends.get().isBefore(starts.get())) {
                throw new InvalidInputException("ends", "it ends (" + ends.get() + ") before it starts (" + starts.get() + ")",
                        "participation.problem.endsBeforeStarts", ends.get(), starts.get());
            }
            noteVi = NewProposal.text("noteVi", noteVi, 5, 2000);
            noteEn = noteEn == null || noteEn.isBlank() ? noteVi : NewProposal.text("noteEn", noteEn, 5, 2000);
            photos = photos == null ? List.of() : photos.stream().filter(p -> p != null && p.length > 0).toList();
            if (photos.size() > NewProposal.MAX_PHOTOS) {
                throw new InvalidInputException("photo", "an update has at most " + NewProposal.MAX_PHOTOS + " photos; got " + photos.size(),
                        "participation.problem.tooManyUpdatePhotos", NewProposal.MAX_PHOTOS, photos.size());
            }
        }

        /** An update from what staff typed or sent, each field checked and named when wrong. */
        public static New parse(String status, Integer percent, Long spent, String starts, String ends, String noteVi,
                String noteEn, List<byte[]> photos) {
            Status s;
            try {
                s = Status.valueOf(status == null ? "" : status.strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("status", "status is one of " + List.of(Status.values()) + "; got '" + status + "'",
                        "participation.problem.progressStatus");
            }
            if (percent == null) {
                throw new InvalidInputException("percent", "say how far it is, 0 to 100 (%)", "participation.problem.percentMissing");
            }
            return new New(s, percent, spent == null ? 0 : spent, day("starts", starts), day("ends", ends), noteVi, noteEn, photos);
        }

        private static Optional<LocalDate> day(String field, String value) {
            if (value == null || value.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalDate.parse(value.strip()));
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(field, field + " is a date like 2027-03-01; got '" + value + "'", "participation.problem.day",
                        ProblemArgs.field(field));
            }
        }
    }
}
