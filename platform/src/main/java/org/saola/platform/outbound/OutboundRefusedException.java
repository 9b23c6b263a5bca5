package org.saola.platform.outbound;

import org.saola.platform.InvalidInputException;

/** An outbound call the policy does not allow: the endpoint is on a network Saola does not call. */
public class OutboundRefusedException extends InvalidInputException {
    public OutboundRefusedException(String field, String message) {
        super(field, message);
    }
}
