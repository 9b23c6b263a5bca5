package org.saola.devices.fiware;

/**
 * An error of the FIWARE IoT Agent API, answered as iotagent-node-lib answers it: {@code {"name": "DEVICE_NOT_FOUND",
 * "message": "…"}} with the HTTP status the agent uses, so that scripts written against an agent read it unchanged.
 */
public class IotAgentError extends RuntimeException {

    private final int status;
    private final String name;

    public IotAgentError(int status, String name, String message) {
        super(message, null, false, false);
        this.status = status;
        this.name = name;
    }

    public int status() {
        return status;
    }

    public String name() {
        return name;
    }

    static IotAgentError missingHeaders(String... names) {
        return new IotAgentError(400, "MISSING_HEADERS", "Some headers were missing from the request: "
                + quoted(names));
    }

    static IotAgentError wrongSyntax(String detail) {
        return new IotAgentError(400, "WRONG_SYNTAX", "Wrong syntax in request: " + detail);
    }

    static IotAgentError badRequest(String detail) {
        return new IotAgentError(400, "BAD_REQUEST", "Request error: " + detail);
    }

    static IotAgentError deviceNotFound(String id) {
        return new IotAgentError(404, "DEVICE_NOT_FOUND", "No device was found with id:" + id);
    }

    static IotAgentError groupNotFound(String resource, String apikey) {
        return new IotAgentError(404, "DEVICE_GROUP_NOT_FOUND", "Couldn't find device group for fields: [\"resource\",\"apikey\"]"
                + " and values: {\"resource\":\"" + resource + "\",\"apikey\":\"" + apikey + "\"}");
    }

    static String quoted(String... names) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < names.length; i++) {
            b.append(i == 0 ? "" : ",").append('"').append(names[i]).append('"');
        }
        return b.append(']').toString();
    }
}
