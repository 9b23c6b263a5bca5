package org.saola.context.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.saola.context.EntityIds;
import org.saola.platform.InvalidInputException;
import tools.jackson.databind.JsonNode;

/**
 * One element of the {@code entities} of a subscription or a registration (NGSI-LD 1.8.1 §5.2.8): a type as
 * the client wrote it (a name or type expression, not yet expanded), optionally an id or an id pattern.
 */
public record EntityInfo(String type, Optional<String> id, Optional<Pattern> idPattern) {

    /** Reads a non-empty array of EntityInfo; {@code member} is the member errors name. */
    public static List<EntityInfo> parseAll(JsonNode list, String member) {
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidInputException(member, "entities is a non-empty array of {type, id?, idPattern?}");
        }
        List<EntityInfo> out = new ArrayList<>();
        for (JsonNode e : list) {
            if (!e.path("type").isString() || e.get("type").asString().isBlank()) {
                throw new InvalidInputException(member, "each element of entities names a type");
            }
            Optional<String> id = e.has("id") ? Optional.of(EntityIds.requireValid(e.get("id").asString()))
                    : Optional.empty();
            Optional<Pattern> pattern = Optional.empty();
            if (e.has("idPattern")) {
                try {
                    pattern = Optional.of(Pattern.compile(e.get("idPattern").asString()));
                } catch (PatternSyntaxException x) {
                    throw new InvalidInputException(member, "idPattern '" + e.get("idPattern").asString()
                            + "' is not a valid regular expression");
                }
            }
            out.add(new EntityInfo(e.get("type").asString(), id, pattern));
        }
        return out;
    }
}
