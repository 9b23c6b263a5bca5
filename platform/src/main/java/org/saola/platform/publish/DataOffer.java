package org.saola.platform.publish;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A dataset a module can publish: a stable key ({@code module.name[:detail]}), what it is in Vietnamese and
 * English, its DCAT-AP theme (an EU data theme code such as {@code ENVI}, {@code TRAN}, {@code GOVE}), keywords,
 * how often it changes (an EU frequency code: {@code CONT}, {@code HOURLY}, {@code DAILY}, {@code WEEKLY},
 * {@code MONTHLY}, {@code ANNUAL}, {@code IRREG}), the department that answers for it, if one does, and its
 * columns. {@code peopleCounts} is present when the rows count people or what people did (reports, votes,
 * registrations): then the catalogue publishes them only through disclosure control.
 */
public record DataOffer(String key, String titleVi, String titleEn, String descriptionVi, String descriptionEn,
        String theme, List<String> keywords, String frequency, Optional<String> department, List<DataColumn> columns,
        Optional<PeopleCounts> peopleCounts) {

    /**
     * Whether the offer {@code key} is entities' latest state (the context module's {@code context.latest:<Type>}),
     * which the catalogue also distributes as NGSI-LD ({@link PublishedData#entities}).
     */
    public static boolean isEntities(String key) {
        return key != null && key.startsWith("context.latest:");
    }

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+(:[A-Za-z0-9_.-]{1,100})?");

    public DataOffer {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("a data offer's key is module.name[:detail]; got " + key);
        }
        keywords = List.copyOf(keywords);
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a data offer has columns: " + key);
        }
        if (peopleCounts.isPresent()) {
            peopleCounts.get().check(columns);
        }
    }

    /**
     * Where the counts are in the rows: each {@code group} value (e.g. a month; null for one table) holds a
     * two-way table of {@code row} by {@code column} (e.g. category by ward) whose cells are {@code count}. The
     * catalogue adds the totals of each row and column and the grand total (labelled {@link #TOTAL}) and then
     * suppresses and rounds.
     */
    public record PeopleCounts(String group, String row, String column, String count) {
        /** The label of a total in a row or column. */
        public static final String TOTAL = "TOTAL";

        void check(List<DataColumn> columns) {
            for (String c : java.util.Arrays.asList(group, row, column, count)) {
                if (c != null && columns.stream().noneMatch(d -> d.id().equals(c))) {
                    throw new IllegalArgumentException("people counts name a column the offer has not: " + c);
                }
            }
            if (row == null || column == null || count == null || columns.size() != (group == null ? 3 : 4)) {
                throw new IllegalArgumentException("people counts are [group,] row, column, count and nothing else");
            }
        }
    }
}
