package org.printscout.simulator.internal;

import java.util.ArrayList;
import java.util.List;

import org.printscout.api.snmp.SnmpVersion;
import org.printscout.simulator.PduKind;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * Answers one device's requests once SNMP4J has decoded them (and, for v3, authenticated and
 * decrypted them): GET, GETNEXT and GETBULK from the device's values with SNMP's semantics for each
 * version, every SET refused.
 */
final class RequestResponder implements CommandResponder {

    /**
     * A v3 response carries more than the scoped PDU: header, USM parameters (engine id, user name,
     * digest, salt) and the encryption padding. The reserve is what the largest of them can need.
     */
    private static final int V3_MESSAGE_OVERHEAD = MPv3.MAX_HEADER_LENGTH + 200;
    /**
     * SNMP4J sizes the USM overhead with its process-wide protocol set, which may be empty; this
     * covers the largest digest and salt it may have left out.
     */
    private static final int V3_SECURITY_RESERVE = 80;
    /** Length-of-length growth of the enclosing sequences while varbinds are added. */
    private static final int LENGTH_SLACK = 8;

    private final DeviceAgent device;

    RequestResponder(DeviceAgent device) {
        this.device = device;
    }

    @Override
    public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
        PDU request = event.getPDU();
        if (request == null) {
            return;
        }
        event.setProcessed(true);
        SnmpVersion version = versionOf(event.getMessageProcessingModel());
        TrafficCounters counters = device.counters();
        if (version != SnmpVersion.V3 && !device.answersCommunity(event.getSecurityName())) {
            counters.badCommunity.increment();
            return;
        }
        PduKind kind = kindOf(request.getType(), version);
        counters.countRequest(kind, request.size());
        if (kind == PduKind.OTHER) {
            // v3 keeps state for every confirmed message until it is answered; this one never will be
            event.getMessageDispatcher().releaseStateReference(event.getMessageProcessingModel(), event.getPduHandle());
            return;
        }
        device.announce(event.getPeerAddress(), version, kind, request);

        ActiveFaults faults = device.activeFaults();
        Answer answer = new Answer(request, version, faults, device.mib(faults), budget(event, version),
                device.maxResponseVarbinds());
        PDU response;
        switch (kind) {
            case GET:
                response = answer.get();
                break;
            case GETNEXT:
                response = answer.getNext();
                break;
            case GETBULK:
                response = answer.getBulk();
                break;
            default:
                response = answer.refuseSet();
                break;
        }
        if (response.getErrorStatus() == SnmpConstants.SNMP_ERROR_TOO_BIG) {
            counters.tooBigResponses.increment();
        }
        if (faults.wrongRequestId()) {
            response.setRequestID(new Integer32(request.getRequestID().getValue() + 1 + faults.nextInt(1000)));
            counters.malformedResponses.increment();
        }
        counters.varbindsAnswered.add(response.size());
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                    event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                    event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
        } catch (MessageException unsendable) {
            counters.droppedOverload.increment();
        }
    }

    private static SnmpVersion versionOf(int messageProcessingModel) {
        switch (messageProcessingModel) {
            case MPv1.ID:
                return SnmpVersion.V1;
            case MPv2c.ID:
                return SnmpVersion.V2C;
            default:
                return SnmpVersion.V3;
        }
    }

    private static PduKind kindOf(int pduType, SnmpVersion version) {
        switch (pduType) {
            case PDU.GET:
                return PduKind.GET;
            case PDU.GETNEXT:
                return PduKind.GETNEXT;
            case PDU.GETBULK:
                // SNMPv1 has no GETBULK: a v1 agent drops it
                return version == SnmpVersion.V1 ? PduKind.OTHER : PduKind.GETBULK;
            case PDU.SET:
                // classified only to be refused and counted: the simulator never changes its values
                return PduKind.SET;
            default:
                return PduKind.OTHER;
        }
    }

    /**
     * The most a response PDU (for v3 the scoped PDU) may take so that the whole message stays
     * within the simulator's limit and, for v3, the request's msgMaxSize.
     */
    private int budget(CommandResponderEvent<?> event, SnmpVersion version) {
        int maxMessage = device.maxMessageSize();
        if (version == SnmpVersion.V3) {
            return Math.min(event.getMaxSizeResponsePDU() - V3_SECURITY_RESERVE, maxMessage - V3_MESSAGE_OVERHEAD);
        }
        int community = event.getSecurityName().length;
        int messageOverhead = 4 + 3 + 1 + BER.getBERLengthOfLength(community) + community;
        return maxMessage - messageOverhead;
    }

    /** The response to one request. */
    private static final class Answer {
        private final PDU request;
        private final SnmpVersion version;
        private final ActiveFaults faults;
        private final MibView mib;
        private final int budget;
        private final int maxVarbinds;

        Answer(PDU request, SnmpVersion version, ActiveFaults faults, MibView mib, int budget, int maxVarbinds) {
            this.request = request;
            this.version = version;
            this.faults = faults;
            this.mib = mib;
            this.budget = budget;
            this.maxVarbinds = maxVarbinds == 0 ? Integer.MAX_VALUE : maxVarbinds;
        }

        PDU get() {
            PDU response = emptyResponse();
            List<? extends VariableBinding> asked = request.getVariableBindings();
            for (int i = 0; i < asked.size(); i++) {
                OID oid = asked.get(i).getOid();
                Variable value = mib.get(oid);
                if (version == SnmpVersion.V1) {
                    // v1 has neither exception values nor Counter64 (RFC 2576 §4.2.2.1)
                    if (value == null || value instanceof Counter64) {
                        return error(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME, i + 1);
                    }
                } else if (value == null) {
                    value = mib.isKnownObject(oid) ? Null.noSuchInstance : Null.noSuchObject;
                }
                response.add(new VariableBinding(oid, served(value)));
            }
            return checkedSize(response);
        }

        PDU getNext() {
            PDU response = emptyResponse();
            List<? extends VariableBinding> asked = request.getVariableBindings();
            for (int i = 0; i < asked.size(); i++) {
                OID from = asked.get(i).getOid();
                VariableBinding next = next(from);
                if (version == SnmpVersion.V1) {
                    // a v1 manager cannot receive Counter64: skip such values as RFC 2576 §4.2.2.1 says
                    while (next != null && next.getVariable() instanceof Counter64) {
                        next = mib.next(next.getOid());
                    }
                    if (next == null) {
                        return error(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME, i + 1);
                    }
                }
                response.add(next == null ? new VariableBinding(from, Null.endOfMibView) : served(next));
            }
            return checkedSize(response);
        }

        /**
         * RFC 3416 §4.2.3: the non-repeaters once, then up to max-repetitions rows of the repeaters.
         * The answer stops early when a whole row is at the end of the MIB, and is cut (not refused)
         * when it would exceed the size or varbind limits; only non-repeaters that do not fit make
         * it tooBig.
         */
        PDU getBulk() {
            PDU response = emptyResponse();
            List<? extends VariableBinding> asked = request.getVariableBindings();
            int nonRepeaters = Math.min(Math.max(request.getNonRepeaters(), 0), asked.size());
            int maxRepetitions = Math.max(request.getMaxRepetitions(), 0);
            int used = response.getBERLength() + LENGTH_SLACK;
            for (int i = 0; i < nonRepeaters; i++) {
                OID from = asked.get(i).getOid();
                VariableBinding next = next(from);
                VariableBinding binding = next == null ? new VariableBinding(from, Null.endOfMibView) : served(next);
                used += binding.getBERLength();
                if (response.size() + 1 > maxVarbinds || used > budget) {
                    return error(SnmpConstants.SNMP_ERROR_TOO_BIG, 0);
                }
                response.add(binding);
            }
            List<OID> cursors = new ArrayList<>();
            for (int i = nonRepeaters; i < asked.size(); i++) {
                cursors.add(asked.get(i).getOid());
            }
            for (int repetition = 0; repetition < maxRepetitions && !cursors.isEmpty(); repetition++) {
                boolean rowAtEnd = true;
                for (int r = 0; r < cursors.size(); r++) {
                    OID from = cursors.get(r);
                    VariableBinding next = next(from);
                    VariableBinding binding;
                    if (next == null) {
                        binding = new VariableBinding(from, Null.endOfMibView);
                    } else {
                        binding = served(next);
                        cursors.set(r, next.getOid());
                        rowAtEnd = false;
                    }
                    used += binding.getBERLength();
                    if (response.size() + 1 > maxVarbinds || used > budget) {
                        return response;
                    }
                    response.add(binding);
                }
                if (rowAtEnd) {
                    break;
                }
            }
            return response;
        }

        /**
         * Every SET is refused, with the error each version has for a read-only agent: v1 only
         * knows noSuchName for it (RFC 2576 §4.3 maps v2's write errors to noSuchName, and RFC 1157
         * never sends readOnly); v2c and v3 say notWritable for an object the device has and
         * noAccess for one it lacks, as an agent whose write view is empty does.
         */
        PDU refuseSet() {
            int firstIndex = request.size() == 0 ? 0 : 1;
            if (version == SnmpVersion.V1) {
                return error(SnmpConstants.SNMP_ERROR_NO_SUCH_NAME, firstIndex);
            }
            if (request.size() == 0) {
                return error(SnmpConstants.SNMP_ERROR_NO_ACCESS, 0);
            }
            OID first = request.get(0).getOid();
            return error(mib.get(first) != null ? SnmpConstants.SNMP_ERROR_NOT_WRITEABLE
                    : SnmpConstants.SNMP_ERROR_NO_ACCESS, 1);
        }

        private VariableBinding next(OID from) {
            if (faults.walkLoopFrom != null && from.compareTo(faults.walkLoopFrom) >= 0) {
                VariableBinding stuck = mib.atOrBefore(from);
                if (stuck != null) {
                    return stuck;
                }
            }
            return mib.next(from);
        }

        private VariableBinding served(VariableBinding binding) {
            return faults.wrongType() ? new VariableBinding(binding.getOid(), Variables.withWrongType(binding.getVariable()))
                    : binding;
        }

        private Variable served(Variable value) {
            return !value.isException() && faults.wrongType() ? Variables.withWrongType(value) : value;
        }

        /** GET and GETNEXT: more than fits is an error, there is nothing to leave out. */
        private PDU checkedSize(PDU response) {
            if (response.size() > maxVarbinds || response.getBERLength() > budget) {
                return error(SnmpConstants.SNMP_ERROR_TOO_BIG, 0);
            }
            return response;
        }

        /**
         * An error response: v1 (RFC 1157) returns the request's variable bindings, v2c and v3 the
         * request's too except for tooBig, whose bindings are empty (RFC 3416 §4.2.1).
         */
        private PDU error(int status, int index) {
            PDU response = emptyResponse();
            if (version == SnmpVersion.V1 || status != SnmpConstants.SNMP_ERROR_TOO_BIG) {
                response.addAll(request.getVariableBindings());
            }
            response.setErrorStatus(status);
            response.setErrorIndex(index);
            return response;
        }

        /** A copy of the request keeps what a response must echo: v1 PDU class, v3 context. */
        private PDU emptyResponse() {
            PDU response = (PDU) request.clone();
            response.clear();
            response.setRequestID(request.getRequestID());
            response.setType(PDU.RESPONSE);
            response.setErrorStatus(SnmpConstants.SNMP_ERROR_SUCCESS);
            response.setErrorIndex(0);
            return response;
        }
    }
}
