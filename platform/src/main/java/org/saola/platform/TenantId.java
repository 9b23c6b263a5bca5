package org.saola.platform;

import java.util.regex.Pattern;

/**
 * A city (or province) that runs on this Saola installation. Every row of every table carries one;
 * data never crosses tenants.
 */
public record TenantId(String value) implements java.io.Serializable {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The tenant that exists on every installation and serves requests that name none. */
    public static final TenantId DEFAULT = new TenantId("default");

    public TenantId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new InvalidInputException("tenant",
                    "a tenant id is 1-63 lower-case letters, digits or '-', starting with a letter or digit; got '"
                            + value + "'");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
