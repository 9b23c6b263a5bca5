package org.saola.platform.outbound;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.saola.platform.InvalidInputException;

/** A block of IP addresses ({@code 10.0.0.0/8}, {@code fd00::/8}, or one address). */
public record Cidr(byte[] network, int prefix) {

    public static Cidr parse(String field, String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+")) {
            throw new InvalidInputException(field, "'" + text + "' is not an IP address or network such as 10.1.0.0/16");
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();   // a literal: no DNS look-up
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new InvalidInputException(field, "'" + text + "' has a prefix length out of range");
            }
            return new Cidr(bytes, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new InvalidInputException(field, "'" + text + "' is not an IP address or network such as 10.1.0.0/16");
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int bits = a.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
