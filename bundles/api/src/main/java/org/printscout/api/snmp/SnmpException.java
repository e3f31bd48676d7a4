package org.printscout.api.snmp;

/**
 * An SNMP exchange that did not give an answer, with a cause an administrator can act on.
 * Messages name the device and the cause; they never contain a secret.
 */
public class SnmpException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a request failed. */
    public enum Cause {
        /** No answer within timeout × (retries + 1). */
        TIMEOUT("no answer (timeout)"),
        /** The agent does not know this SNMPv3 user. */
        UNKNOWN_USER("unknown user name"),
        /** The SNMPv3 authentication digest was wrong: wrong auth protocol or passphrase. */
        WRONG_DIGEST("wrong digest (auth protocol or passphrase)"),
        /** The agent could not decrypt: wrong privacy protocol or passphrase. */
        DECRYPTION_ERROR("decryption error (privacy protocol or passphrase)"),
        /** The user exists but not at the requested security level. */
        UNSUPPORTED_SECURITY_LEVEL("unsupported security level for this user"),
        /** Engine discovery or time synchronisation failed. */
        ENGINE_DISCOVERY("SNMPv3 engine discovery failed"),
        /** The context name is not known to the agent. */
        UNKNOWN_CONTEXT("unknown context name"),
        /** The agent answered with an error status (authorizationError, genErr, ...). */
        ERROR_STATUS("error status"),
        /** The reply could not be decoded or did not fit the request. */
        MALFORMED_REPLY("malformed reply"),
        /** A walk went backwards or in circles. */
        WALK_LOOP("walk not increasing (agent loops)"),
        /** A walk hit the configured row cap. */
        ROW_LIMIT("row limit reached"),
        /** Local problem: bad address, socket error, transport closed. */
        TRANSPORT("transport error"),
        /** The operation is not possible with this SNMP version (e.g. GETBULK over v1). */
        UNSUPPORTED("not supported");

        private final String text;

        Cause(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Cause cause;

    public SnmpException(Cause cause, String message) {
        super(message);
        this.cause = cause;
    }

    public SnmpException(Cause cause, String message, Throwable detail) {
        super(message, detail);
        this.cause = cause;
    }

    public Cause reason() {
        return cause;
    }
}
