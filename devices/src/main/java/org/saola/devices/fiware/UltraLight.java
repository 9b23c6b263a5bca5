package org.saola.devices.fiware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * UltraLight 2.0, the text format of FIWARE's IoT Agent for UltraLight (telefonicaid/iotagent-ul): measures as
 * {@code key|value} pairs separated by {@code |}, groups of measures separated by {@code #}, a group that starts
 * with one more field than pairs taking that field as its observation time:
 *
 * <pre>t|15|h|40                          one group
 * 2026-11-30T08:00:00Z|t|15#t|16      two groups, the first observed then
 * lamp01@dim|0.3                      a command (to the device), and lamp01@dim|OK its result (from it)</pre>
 */
public final class UltraLight {

    /** One group of measures, by object id, and its observation time if it carries one. */
    public record Group(Optional<String> timestamp, Map<String, String> measures) {
    }

    /** A command or its result: {@code device@command|value}. */
    public record CommandLine(String deviceId, String command, String value) {
    }

    /** The most groups one message may carry. */
    public static final int MAX_GROUPS = 500;

    private UltraLight() {
    }

    /** Parses measures; throws {@link IllegalArgumentException} with what is wrong, naming the group. */
    public static List<Group> parse(String payload) {
        String text = payload.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the payload is empty; UltraLight measures look like t|15|h|40");
        }
        String[] groups = text.split("#", -1);
        if (groups.length > MAX_GROUPS) {
            throw new IllegalArgumentException("a message carries at most " + MAX_GROUPS + " groups of measures; this one has "
                    + groups.length);
        }
        List<Group> out = new ArrayList<>();
        for (int g = 0; g < groups.length; g++) {
            String where = groups.length > 1 ? "group " + g + ": " : "";
            String[] fields = groups[g].strip().split("\\|", -1);
            if (fields.length < 2) {
                throw new IllegalArgumentException(where + "'" + excerpt(groups[g]) + "' is not key|value pairs such as t|15|h|40");
            }
            Optional<String> timestamp = Optional.empty();
            int first = 0;
            if (fields.length % 2 == 1) {
                timestamp = Optional.of(fields[0].strip());
                first = 1;
                if (timestamp.get().isEmpty()) {
                    throw new IllegalArgumentException(where + "an empty field leads the group; a group is key|value pairs,"
                            + " after an optional time");
                }
            }
            Map<String, String> measures = new LinkedHashMap<>();
            for (int i = first; i < fields.length; i += 2) {
                String key = fields[i].strip();
                if (key.isEmpty()) {
                    throw new IllegalArgumentException(where + "a measure has no name (key|value, key not empty)");
                }
                if (measures.put(key, fields[i + 1].strip()) != null) {
                    throw new IllegalArgumentException(where + "the measure '" + key + "' is given twice");
                }
            }
            out.add(new Group(timestamp, measures));
        }
        return out;
    }

    /** A command for a device: {@code device@command|value} ({@code device@command|} when it takes none). */
    public static String command(String deviceId, String command, String value) {
        return deviceId + "@" + command + "|" + (value == null ? "" : value);
    }

    /** Parses a command, or a device's result for one ({@code device@command|result}). */
    public static Optional<CommandLine> commandLine(String text) {
        String line = text.strip();
        int at = line.indexOf('@');
        int bar = line.indexOf('|', at + 1);
        if (at <= 0 || bar < 0 || bar == at + 1) {
            return Optional.empty();
        }
        return Optional.of(new CommandLine(line.substring(0, at), line.substring(at + 1, bar), line.substring(bar + 1)));
    }

    private static String excerpt(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
