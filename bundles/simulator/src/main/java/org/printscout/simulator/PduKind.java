package org.printscout.simulator;

/** The request types the simulator tells apart in its counters and request log. */
public enum PduKind {
    GET,
    GETNEXT,
    GETBULK,
    /** Always refused: the simulator is read-only, like the agent it tests. */
    SET,
    /** Anything else a manager might send (INFORM, TRAP, RESPONSE…): ignored. */
    OTHER
}
