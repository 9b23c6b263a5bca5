package org.saola.platform;

import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * A request whose client hung up before its answer was written: a phone that lost its signal, a gateway or a script
 * that timed out and closed the connection. Writing the answer then fails (a broken pipe, a reset connection),
 * inside whatever was writing it (Jackson, say, which wraps the failure in an exception of its own). Nothing is
 * wrong with the platform and nobody is left to answer: an error handler logs it at debug level and writes nothing,
 * where it used to log an unexpected error, with its whole stack, for every such client.
 */
public final class ClientGone {

    private ClientGone() {
    }

    /** Whether {@code e}, or what caused it, is the servlet container telling that the client has gone. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // Spring's wrapper of a failed write to the response (since 6.1), and Tomcat's own, named so that this
            // module needs no dependency on Tomcat.
            if (t instanceof AsyncRequestNotUsableException
                    || t.getClass().getName().equals("org.apache.catalina.connector.ClientAbortException")) {
                return true;
            }
        }
        return false;
    }
}
