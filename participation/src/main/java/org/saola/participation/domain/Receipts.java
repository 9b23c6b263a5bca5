package org.saola.participation.domain;

import java.security.SecureRandom;

/**
 * Receipt codes: twelve characters a resident can copy or read out (no 0/O, 1/I/L), about 59 random bits, so
 * that nobody can guess one. A receipt says a ballot is in the box, and after the count that it was counted;
 * it does not say what the ballot chose, so it proves nothing to someone who would buy or force a vote.
 */
public final class Receipts {

    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Receipts() {
    }

    public static String next() {
        StringBuilder b = new StringBuilder(14);
        for (int i = 0; i < 12; i++) {
            if (i > 0 && i % 4 == 0) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** A receipt as a resident may type it: any case, spaces or no dashes. */
    public static String normalise(String typed) {
        String s = typed == null ? "" : typed.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        if (s.length() != 12) {
            return "";
        }
        return s.substring(0, 4) + "-" + s.substring(4, 8) + "-" + s.substring(8);
    }
}
