package org.printscout.upload.internal;

/** The portal could not be used; {@link #reason()} says whether trying again can help. */
final class PortalException extends Exception {

    enum Reason {
        /** No connection, a timeout, a TLS failure: the network or the portal's certificate. */
        UNREACHABLE,
        /** The activation key was refused. Retrying helps only once the portal accepts it. */
        KEY_REJECTED,
        /** The agent's own credentials were refused (revoked, or the agent was deleted). */
        UNAUTHORIZED,
        /** The portal refused this request's content; sending it again will not change that. */
        REJECTED,
        /** The portal failed (5xx, 429) or answered something this agent cannot read. */
        PORTAL_ERROR
    }

    private static final long serialVersionUID = 1L;
    private final Reason reason;
    private final int status;

    PortalException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = 0;
    }

    PortalException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** A refusal or failure the portal answered with an HTTP status. */
    PortalException(Reason reason, String message, int status) {
        super(message);
        this.reason = reason;
        this.status = status;
    }

    Reason reason() {
        return reason;
    }

    /** The HTTP status the portal answered, 0 when it did not answer (or its answer was unreadable). */
    int status() {
        return status;
    }
}
