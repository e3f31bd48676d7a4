package org.printscout.snmp.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.printscout.api.snmp.SnmpException;
import org.printscout.api.snmp.SnmpException.Cause;
import org.printscout.api.snmp.SnmpTarget;

/** Builds the exceptions of failed exchanges; every message names the device and never a secret. */
final class Failures {

    private static final String[] ERROR_STATUS = {
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType",
        "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable",
        "commitFailed", "undoFailed", "authorizationError", "notWritable", "inconsistentName"};

    private Failures() {
    }

    static SnmpException of(SnmpTarget target, Cause cause) {
        return new SnmpException(cause, target.describe() + ": " + cause.text());
    }

    static SnmpException of(SnmpTarget target, Cause cause, String detail) {
        return new SnmpException(cause, target.describe() + ": " + cause.text() + " (" + detail + ")");
    }

    static SnmpException of(SnmpTarget target, Cause cause, String detail, Throwable why) {
        return new SnmpException(cause, target.describe() + ": " + cause.text() + " (" + detail + ")", why);
    }

    static String errorStatusText(int status) {
        return status >= 0 && status < ERROR_STATUS.length ? ERROR_STATUS[status] : "error status " + status;
    }

    static SnmpException errorStatus(SnmpTarget target, int status, int index, String oid) {
        return of(target, Cause.ERROR_STATUS, errorStatusText(status)
                + (index > 0 ? " at index " + index + (oid == null ? "" : " (" + oid + ")") : ""));
    }

    /** The SnmpException inside whatever a CompletableFuture wrapped around it. */
    static SnmpException unwrap(SnmpTarget target, Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof SnmpException e) {
            return e;
        }
        return of(target, Cause.TRANSPORT, "unexpected " + cause.getClass().getSimpleName(), cause);
    }
}
