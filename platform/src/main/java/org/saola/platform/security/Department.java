package org.saola.platform.security;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.saola.platform.InvalidInputException;

/**
 * A department of the city administration: who answers for which wards and service categories. Reports,
 * alerts, consultations and devices belong to one. Its contact is public (residents see who answers).
 */
public record Department(String code, String nameVi, String nameEn, Optional<String> contactEmail,
        Optional<String> contactPhone, List<String> wards, List<String> serviceCategories) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{1,60}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{3,30}");
    private static final Pattern TERM = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}");

    public Department {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidInputException("code",
                    "a department code is 1-63 lower-case letters, digits or '-'; got '" + code + "'");
        }
        nameVi = name("nameVi", nameVi);
        nameEn = name("nameEn", nameEn);
        contactEmail = contactEmail == null ? Optional.empty() : contactEmail.map(String::strip).filter(s -> !s.isEmpty());
        contactPhone = contactPhone == null ? Optional.empty() : contactPhone.map(String::strip).filter(s -> !s.isEmpty());
        if (contactEmail.isPresent() && !EMAIL.matcher(contactEmail.get()).matches()) {
            throw new InvalidInputException("contactEmail", "contactEmail is not an e-mail address");
        }
        if (contactPhone.isPresent() && !PHONE.matcher(contactPhone.get()).matches()) {
            throw new InvalidInputException("contactPhone", "contactPhone is not a telephone number");
        }
        wards = terms("wards", wards);
        serviceCategories = terms("serviceCategories", serviceCategories);
    }

    private static String name(String field, String value) {
        if (value == null || value.isBlank() || value.strip().length() > 200) {
            throw new InvalidInputException(field, field + " is required, at most 200 characters");
        }
        return value.strip();
    }

    private static List<String> terms(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > 500) {
            throw new InvalidInputException(field, field + " has at most 500 entries");
        }
        for (String v : values) {
            if (v == null || !TERM.matcher(v).matches()) {
                throw new InvalidInputException(field, field + " entries are 1-100 letters, digits, spaces or . _ -; got '"
                        + v + "'");
            }
        }
        return values.stream().distinct().toList();
    }
}
