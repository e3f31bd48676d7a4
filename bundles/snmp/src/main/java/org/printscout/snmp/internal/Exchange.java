package org.printscout.snmp.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.printscout.api.snmp.Oid;
import org.printscout.api.snmp.SnmpTarget;
import org.printscout.api.snmp.VarBind;

/**
 * One request PDU and its reply. The read operations ({@link ReadOperations}, {@link Walk}) are written
 * against this seam only, so their splitting, retry and loop logic is tested against scripted hostile
 * agents as well as through the real transport.
 */
interface Exchange {

    /**
     * Sends {@code request} and completes with the reply PDU, whatever its error status; completes
     * exceptionally with an {@link org.printscout.api.snmp.SnmpException} on timeout, SNMPv3 report
     * or transport failure.
     */
    CompletableFuture<Reply> send(SnmpTarget target, Request request);

    /**
     * The only PDU types the transport can build. There is deliberately no SET: the agent cannot
     * change a device because no code path can express the request.
     */
    enum Kind {
        GET, GET_NEXT, GET_BULK
    }

    record Request(Kind kind, List<Oid> oids, int nonRepeaters, int maxRepetitions) {
        public Request {
            Objects.requireNonNull(kind, "kind");
            oids = List.copyOf(oids);
        }

        static Request get(List<Oid> oids) {
            return new Request(Kind.GET, oids, 0, 0);
        }

        static Request getNext(List<Oid> oids) {
            return new Request(Kind.GET_NEXT, oids, 0, 0);
        }

        static Request getBulk(int nonRepeaters, int maxRepetitions, List<Oid> oids) {
            return new Request(Kind.GET_BULK, oids, nonRepeaters, maxRepetitions);
        }
    }

    /** A response PDU: error status and index as sent (index 1-based, 0 = none), and its variables. */
    record Reply(int errorStatus, int errorIndex, List<VarBind> varbinds) {
        static final int NO_ERROR = 0;
        static final int TOO_BIG = 1;
        static final int NO_SUCH_NAME = 2;

        public Reply {
            varbinds = List.copyOf(varbinds);
        }
    }
}
