package org.saola.reports.domain;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * An extra question a category asks (Open311 GeoReport v2 "attribute" of a service definition): its
 * {@code code}, datatype, whether it is required, the question in Vietnamese and English, the order it is
 * asked in, and for list datatypes the answers allowed. {@code variable = false} is information shown to the
 * resident, not a question.
 */
public record ServiceAttribute(String code, Datatype datatype, boolean variable, boolean required, String questionVi,
        String questionEn, String datatypeDescription, int order, List<Value> values) {

    /** Open311's datatypes. */
    public enum Datatype {
        STRING, NUMBER, DATETIME, TEXT, SINGLEVALUELIST, MULTIVALUELIST;

        /** As Open311 writes it, and as it is kept and shown ({@code singlevaluelist}). */
        @com.fasterxml.jackson.annotation.JsonValue
        public String open311() {
            return name().toLowerCase(Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        static Datatype parse(String value) {
            for (Datatype d : values()) {
                if (d.open311().equalsIgnoreCase(value == null ? "" : value.strip())) {
                    return d;
                }
            }
            throw new InvalidInputException("attributes", "an attribute's datatype is one of string, number, datetime, "
                    + "text, singlevaluelist, multivaluelist; got '" + value + "'");
        }

        boolean isList() {
            return this == SINGLEVALUELIST || this == MULTIVALUELIST;
        }
    }

    /** An answer a list question allows. */
    public record Value(String key, String nameVi, String nameEn) {
        public Value {
            if (key == null || key.isBlank() || key.length() > 100) {
                throw new InvalidInputException("attributes", "an answer's key is 1-100 characters");
            }
            nameVi = ServiceDefinition.text("attributes", nameVi, 200, true);
            nameEn = ServiceDefinition.text("attributes", nameEn, 200, true);
        }
    }

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,60}");

    public ServiceAttribute {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidInputException("attributes", "an attribute's code is 1-60 letters, digits, '_' or '-'; got '"
                    + code + "'");
        }
        if (datatype == null) {
            throw new InvalidInputException("attributes", "attribute " + code + " needs a datatype");
        }
        questionVi = ServiceDefinition.text("attributes", questionVi, 500, true);
        questionEn = ServiceDefinition.text("attributes", questionEn, 500, true);
        datatypeDescription = datatypeDescription == null ? "" : datatypeDescription.strip();
        values = values == null ? List.of() : List.copyOf(values);
        if (datatype.isList() && values.isEmpty()) {
            throw new InvalidInputException("attributes", "attribute " + code + " is a list: give the answers it allows");
        }
        if (!datatype.isList() && !values.isEmpty()) {
            throw new InvalidInputException("attributes", "attribute " + code + " is not a list: it has no answers to choose");
        }
        if (!variable && required) {
            throw new InvalidInputException("attributes", "attribute " + code + " is information (variable false): it cannot be required");
        }
    }

    /**
     * A question as a client or an administrator writes it (the API's and the catalogue page's shape): a question
     * unless {@code variable} is false, optional unless {@code required} is true, datatypes as Open311 names them.
     */
    public record Draft(String code, String datatype, Boolean variable, Boolean required, String questionVi,
            String questionEn, String datatypeDescription, Integer order, List<Value> values) {

        public ServiceAttribute toAttribute() {
            return of(code, datatype, variable == null || variable, required != null && required, questionVi, questionEn,
                    datatypeDescription, order == null ? 0 : order, values);
        }

        /** The drafts of a category, null entries refused. */
        public static List<ServiceAttribute> all(List<Draft> drafts) {
            if (drafts == null) {
                return List.of();
            }
            return drafts.stream().map(d -> {
                if (d == null) {
                    throw new InvalidInputException("attributes", "an attribute cannot be null");
                }
                return d.toAttribute();
            }).toList();
        }
    }

    public static ServiceAttribute of(String code, String datatype, boolean variable, boolean required,
            String questionVi, String questionEn, String datatypeDescription, int order, List<Value> values) {
        return new ServiceAttribute(code, Datatype.parse(datatype), variable, required, questionVi, questionEn,
                datatypeDescription, order, values);
    }

    /** Checks a resident's answers to this question (empty: not answered); the answers as kept. */
    public List<String> check(List<String> answers) {
        List<String> given = answers == null ? List.of()
                : answers.stream().map(a -> a == null ? "" : a.strip()).filter(a -> !a.isEmpty()).toList();
        String field = "attribute[" + code + "]";
        if (given.isEmpty()) {
            if (required) {
                throw new InvalidInputException(field, field + " is required: " + questionEn);
            }
            return List.of();
        }
        if (!variable) {
            throw new InvalidInputException(field, field + " is information, not a question: it takes no answer");
        }
        if (datatype != Datatype.MULTIVALUELIST && given.size() > 1) {
            throw new InvalidInputException(field, field + " takes one answer; got " + given.size());
        }
        for (String a : given) {
            switch (datatype) {
                case NUMBER -> {
                    try {
                        Double.parseDouble(a);
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(field, field + " is a number; got '" + a + "'");
                    }
                }
                case DATETIME -> {
                    try {
                        OffsetDateTime.parse(a);
                    } catch (DateTimeParseException e) {
                        throw new InvalidInputException(field, field + " is a date and time such as "
                                + "2026-11-30T08:00:00+07:00; got '" + a + "'");
                    }
                }
                case SINGLEVALUELIST, MULTIVALUELIST -> {
                    if (values.stream().noneMatch(v -> v.key().equals(a))) {
                        throw new InvalidInputException(field, field + " must be one of "
                                + values.stream().map(Value::key).toList() + "; got '" + a + "'");
                    }
                }
                case STRING, TEXT -> {
                    if (a.length() > (datatype == Datatype.STRING ? 500 : 4000)) {
                        throw new InvalidInputException(field, field + " is too long");
                    }
                }
            }
        }
        return given;
    }
}
